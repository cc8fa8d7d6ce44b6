# grade_id: build_mlp
# kind: mutant
# mistake: softmax output but the loss is told from_logits=True (a second softmax inside the loss)
# caught_by: test_build_mlp
# names_mistake: hw2.build_mlp_logits_true_although_model
# replace:
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# with:
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
