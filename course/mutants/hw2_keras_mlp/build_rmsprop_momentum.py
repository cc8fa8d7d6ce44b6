# grade_id: build_mlp
# kind: mutant
# mistake: RMSprop with momentum 0.9 instead of Keras's default settings (momentum 0)
# caught_by: test_build_mlp
# names_mistake: hw2.build_mlp_optimizer_not_default_settings
# replace:
                  "rmsprop": keras.optimizers.RMSprop}
# with:
                  "rmsprop": lambda learning_rate: keras.optimizers.RMSprop(learning_rate, momentum=0.9)}
