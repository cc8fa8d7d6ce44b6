# grade_id: ManualMLP
# kind: mutant
# mistake: forward fills the cache only on the first call, so manual_backward uses the first batch ever seen
# caught_by: test_ManualMLP
# replace:
        a = x
        self.cache = []                      # (a_{l-1}, z_l) for every layer
# with:
        a = x
        first = self.cache is None
        if first:
            self.cache = []                  # (a_{l-1}, z_l) for every layer
# replace:
            self.cache.append((a, z))
# with:
            if first:
                self.cache.append((a, z))
