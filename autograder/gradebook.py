"""nbgrader's gradebook: register an assignment, record autograded scores."""
import tempfile
import warnings
from pathlib import Path

from nbgrader.api import Comment, Gradebook, MissingEntry

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
    """Write one submission's automatic scores (manual cells stay for hand grading).

    As nbgrader's own autograde does, a grade needs manual grading only when it has no
    automatic score (the written answers) or an instructor already overrode it, so the
    formgrader's queue holds just those. A failed test's named mistake id is stored as
    the test cell's automatic comment (``MISTAKE_PREFIX + id``).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's autoflush notes from nbgrader's own API
        gb.update_or_create_student(result.student)
        try:
            submission = gb.find_submission(assignment, result.student)
        except MissingEntry:
            submission = gb.add_submission(assignment, result.student)
        notebook = next(nb for nb in submission.notebooks if nb.name == assignment)
        for t in result.tests:
            grade = gb.find_grade(t.grade_id, assignment, assignment, result.student)
            grade.auto_score = t.score
            grade.needs_manual_grade = grade.manual_score is not None
            _set_mistake(gb, notebook, grade.cell, getattr(t, "mistake", ""))
        for gid in result.manual:
            grade = gb.find_grade(gid, assignment, assignment, result.student)
            grade.auto_score = None
            grade.needs_manual_grade = True
        gb.db.commit()


def set_late(gb, assignment, student, penalty, when=None):
    """Record the late penalty (points) on the submission's notebook, as nbgrader's own
    late-submission plugins do (its ``export`` and feedback subtract it), and the
    submission's time (``when``: ISO 8601) as its timestamp."""
    from datetime import datetime, timezone

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        submission = gb.find_submission(assignment, student)
        for nb in submission.notebooks:
            nb.late_submission_penalty = penalty if nb.name == assignment else nb.late_submission_penalty
        if when:
            moment = datetime.fromisoformat(when).astimezone(timezone.utc).replace(tzinfo=None)
            submission.timestamp = moment
        gb.db.commit()


MISTAKE_PREFIX = "named mistake: "


def _set_mistake(gb, notebook, cell, mistake):
    comment = next((c for c in notebook.comments if c.cell_id == cell.id), None)
    if comment is None:
        if not mistake:
            return
        comment = Comment(cell=cell, notebook=notebook)
        gb.db.add(comment)
    comment.auto_comment = MISTAKE_PREFIX + mistake if mistake else None


def mistakes(gb, assignment):
    """``{student: {test grade_id: mistake id}}`` recorded for an assignment."""
    out = {}
    for submission in gb.find_assignment(assignment).submissions:
        for nb in submission.notebooks:
            for c in nb.comments:
                if (c.auto_comment or "").startswith(MISTAKE_PREFIX):
                    out.setdefault(submission.student.id, {})[c.name] = \
                        c.auto_comment[len(MISTAKE_PREFIX):]
    return out
