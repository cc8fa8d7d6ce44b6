# grade_id: DeepMLP
# kind: mutant
# mistake: forward normalises its input with prepare(x) itself, although the caller already did
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_normalises_input
# replace:
        return self.net(x)
# with:
        return self.net(prepare(x))
