"""nbgrader's gradebook: register an assignment, record autograded scores."""
import tempfile
import warnings
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from . import nbgrader_cli


def db_url(root):
    nbgrader_cli.ensure_bin_on_path()
    return "sqlite:///" + str(Path(root) / "gradebook.db")


def register(assignment, root):
    """Store the assignment's notebook and grade cells in the gradebook (generate_assignment).

    The release it writes goes to a scratch folder: ``release/`` is made by ``release``.
    """
    with tempfile.TemporaryDirectory(prefix="release-scratch-") as tmp:
        nbgrader_cli.run(["generate_assignment", assignment, "--force",
                          f"--CourseDirectory.release_directory={tmp}"], root)


def ensure_registered(assignment, root, source_nb):
    """Register the assignment unless the gradebook already has exactly its grade cells."""
    from . import cells as C

    wanted = {C.grade_id(c): C.points(c) for c in source_nb.cells if C.nbgrader_meta(c).get("grade")}
    try:
        with warnings.catch_warnings(), Gradebook(db_url(root)) as gb:
            warnings.simplefilter("ignore")
            nb = gb.find_notebook(assignment, assignment)
            have = {c.name: c.max_score for c in nb.grade_cells}
        if have == wanted:
            return False
    except MissingEntry:
        pass
    register(assignment, root)
    return True


def open_gradebook(root):
    """nbgrader's Gradebook (opening it runs alembic: open it once per batch)."""
    return Gradebook(db_url(root))


def record(gb, assignment, result):
    """Write one submission's automatic scores (manual cells stay for hand grading)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's autoflush notes from nbgrader's own API
        gb.update_or_create_student(result.student)
        try:
            gb.find_submission(assignment, result.student)
        except MissingEntry:
            gb.add_submission(assignment, result.student)
        for t in result.tests:
            grade = gb.find_grade(t.grade_id, assignment, assignment, result.student)
            grade.auto_score = t.score
        for gid in result.manual:
            grade = gb.find_grade(gid, assignment, assignment, result.student)
            grade.auto_score = None
        gb.db.commit()
