"""nbgrader configuration: the repository root is the nbgrader course directory.

source/<assignment>/   instructor notebooks (solutions + hidden tests), in git
release/<assignment>/  student versions made by `python -m autograder release`, in git
submitted/, autograded/, feedback/, gradebook.db   grading state, never in git
"""
import os

c = get_config()  # noqa: F821 (injected by nbgrader)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "dl-course"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
# Only the assignment notebook itself is released (no data or helper files).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "README.md"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Release notebooks are committed: keep them free of outputs.
c.ClearOutput.enabled = True
# Per-cell limit while autograding; whole-notebook budgets are enforced by the autograder.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True
