"""Grading one submission: intake, assembly, a sandboxed kernel, tests run outside it."""
