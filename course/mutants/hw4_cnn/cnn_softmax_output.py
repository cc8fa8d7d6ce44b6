# grade_id: SimpleCNN
# kind: mutant
# mistake: forward returns probabilities (a softmax after fc2) instead of the logits
# caught_by: test_SimpleCNN
# names_mistake: hw4.simplecnn_forward_returns_probabilities_softmax
# replace:
        return self.fc2(x)                               # (N, 10) logits
# with:
        return F.softmax(self.fc2(x), dim=1)
