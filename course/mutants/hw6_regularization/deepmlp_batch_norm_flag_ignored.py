# grade_id: DeepMLP
# kind: mutant
# mistake: batch_norm=False still adds batch norm
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_batch_norm_flag_ignored
# replace:
            if batch_norm:
# with:
            if True:
