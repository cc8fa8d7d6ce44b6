# grade_id: build_mlp
# kind: mutant
# mistake: Adam with epsilon=1e-8 (PyTorch's default) instead of Keras's default settings
# caught_by: test_build_mlp
# names_mistake: hw2.build_mlp_optimizer_not_default_settings
# replace:
    optimizers = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam,
# with:
    optimizers = {"sgd": keras.optimizers.SGD,
                  "adam": lambda learning_rate: keras.optimizers.Adam(learning_rate, epsilon=1e-8),
