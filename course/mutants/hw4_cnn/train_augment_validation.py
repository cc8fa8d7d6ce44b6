# grade_id: train_cnn
# kind: mutant
# mistake: augmentation applied at test time: the validation images are augmented too when augment=True
# caught_by: test_train_cnn
# replace:
            val_logits = predict_logits(model, X_val)
# with:
            X_eval = torch.as_tensor(X_val, dtype=torch.float32)
            if aug is not None:
                X_eval = torch.cat([aug(group) for group in X_eval.split(16)])
            val_logits = predict_logits(model, X_eval)
