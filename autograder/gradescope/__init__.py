"""Gradescope's autograder package for one assignment.

``build.py`` writes ``<id>-gradescope.zip``; ``setup.sh`` and ``run_autograder`` (package
data, copied to the zip's top level) install and run it; ``run.py`` is what
``run_autograder`` runs for each submission.
"""
