"""nbgrader's exchange made private to each student (nbgrader's pluggable exchange API).

Why not nbgrader's default exchange: its ``inbound/`` is ``0733`` (everyone may create
entries), the student's name and the time are only the entry's *name*, and ``collect``
trusts both (a mismatch with the owner is only a warning): a student can submit as another
student, or back-date a late submission. Submissions are world-readable (``0644`` files in a
``0777`` folder), hidden only by the randomness of their names (nbgrader #978, #1174), and
feedback sits in one shared folder, world-readable under hashed names.

Here each student's exchange root is ``students/<name>`` (:mod:`.layout`), which only they
and root can enter. The student side is nbgrader's default code with that root (and without
its "the root must be writable by everyone" check); the instructor side (run as root) reads
each student's tree, takes the student's identity from the tree (never from a name the
student wrote), the time from the files' ``ctime`` (the kernel's clock: a student cannot set
it back), copies regular files only (no symlinks), and releases feedback into the student's
own ``feedback/`` (``0640``, their group).
"""
import datetime as dt
import getpass
import glob
import os
import shutil
import stat
from pathlib import Path

from nbgrader.exchange.default import (
    ExchangeCollect,
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeReleaseAssignment,
    ExchangeReleaseFeedback,
    ExchangeSubmit,
)
from nbgrader.utils import check_directory, notebook_hash, parse_utc

MAX_FILE_BYTES = 100 << 20
MAX_FILES = 1000


class _OwnRoot:
    """A student's exchange root is theirs to read, not everyone's to write."""

    def ensure_root(self):
        if not check_directory(self.root, read=True, execute=True):
            self.fail(f"The course exchange is not open to you ({self.root}): ask your instructor")


class StudentFetchAssignment(_OwnRoot, ExchangeFetchAssignment):
    pass


class StudentList(_OwnRoot, ExchangeList):
    pass


class StudentFetchFeedback(_OwnRoot, ExchangeFetchFeedback):
    pass


def student_name():
    """The hub's name for this student (their Unix name on one machine; ``jovyan`` runs them all
    on Kubernetes, where JUPYTERHUB_USER names them). Collect never trusts it: see above."""
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


class StudentSubmit(_OwnRoot, ExchangeSubmit):
    """Submits as the logged-in user (never ``--student``), readable by them and root only."""

    def init_dest(self):
        self.coursedir.student_id = student_name()
        super().init_dest()

    def set_perms(self, dest, fileperms, dirperms):
        super().set_perms(dest, fileperms & 0o640, dirperms & 0o750)

    def copy_files(self):
        super().copy_files()
        os.chmod(os.path.join(self.inbound_path, self.assignment_filename), 0o750)


def trusted_time(path):
    """The latest ``ctime`` in a submission, as an aware UTC datetime (set by the kernel)."""
    latest = os.lstat(path).st_ctime
    for d, dirs, files in os.walk(path):
        for name in dirs + files:
            latest = max(latest, os.lstat(os.path.join(d, name)).st_ctime)
    return dt.datetime.fromtimestamp(latest, dt.timezone.utc)


def copy_regular(src, dest, log):
    """Copy the regular files and folders of ``src`` (no symlinks, devices, FIFOs, huge files)."""
    count = 0
    os.makedirs(dest, exist_ok=True)
    for d, dirs, files in os.walk(src):
        rel = os.path.relpath(d, src)
        for name in list(dirs):
            if os.path.islink(os.path.join(d, name)):
                dirs.remove(name)
                log.warning("skipped a symlink in a submission: %s", os.path.join(d, name))
            else:
                os.makedirs(os.path.join(dest, rel, name), exist_ok=True)
        for name in files:
            path = os.path.join(d, name)
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES or count >= MAX_FILES:
                log.warning("skipped %s (not a regular file, too large, or too many files)", path)
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fin, open(os.path.join(dest, rel, name), "wb") as fout:
                shutil.copyfileobj(fin, fout)
            count += 1


class InstructorCollect(ExchangeCollect):
    """Collect from every student's tree; the student is the tree, the time its ctime."""

    def init_src(self):
        if not self.coursedir.course_id:
            self.fail("No course id specified. Re-run with --course flag.")
        only = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else None
        records = {}
        for tree in sorted(glob.glob(os.path.join(self.root, "students", "*"))):
            student = os.path.basename(tree)
            inbound = os.path.join(tree, self.coursedir.course_id, "inbound")
            if (only and student != only) or os.path.islink(inbound) or not os.path.isdir(inbound):
                continue
            for entry in os.scandir(inbound):
                parts = entry.name.split("+")
                if len(parts) < 3 or parts[1] != self.coursedir.assignment_id:
                    continue
                if not entry.is_dir(follow_symlinks=False):
                    self.log.warning("skipped %s: not a folder", entry.path)
                    continue
                when = trusted_time(entry.path)
                try:
                    claimed = parse_utc(parts[2])
                    if abs((claimed - when.replace(tzinfo=None)).total_seconds()) > 120:
                        self.log.warning("%s: named %s, written at %s; using the latter", entry.path,
                                         parts[2], when)
                except Exception:  # noqa: BLE001 - a name the student made up
                    pass
                records.setdefault(student, []).append(
                    {"username": student, "path": entry.path, "filename": entry.name,
                     "timestamp": when.replace(tzinfo=None)})
        self.src_records = [max(v, key=lambda r: r["timestamp"]) for v in records.values()]
        self.inbound_path = ""

    def do_copy(self, src, dest, log=None):
        rec = next(r for r in self.src_records if r["path"] == src)
        copy_regular(src, dest, self.log)
        stamp = rec["timestamp"].replace(tzinfo=dt.timezone.utc).strftime(self.timestamp_format)
        Path(dest, "timestamp.txt").write_text(stamp)

    def copy_files(self):
        for rec in self.src_records:
            rec["filename"] = rec["path"]      # the parent joins inbound_path ("") and filename
        super().copy_files()


class InstructorReleaseAssignment(ExchangeReleaseAssignment):
    """Release into ``released/<id>`` (world-readable); the exchange root stays 0755."""

    def ensure_root(self):
        os.makedirs(os.path.join(self.root, "released"), mode=0o755, exist_ok=True)
        os.chmod(self.root, 0o755)

    def init_dest(self):
        self.dest_path = os.path.join(self.root, "released", self.coursedir.assignment_id)


class InstructorReleaseFeedback(ExchangeReleaseFeedback):
    """Release ``feedback/<s>/<id>/*.html`` into ``students/<s>/<course>/feedback/`` only."""

    def init_dest(self):
        pass

    def copy_files(self):
        from .users import private_gid

        pattern = self.coursedir.format_path(self.coursedir.feedback_directory, "*", self.coursedir.assignment_id)
        for folder in sorted(glob.glob(pattern)):
            student = Path(folder).parent.name
            gid = private_gid(student)
            dest_dir = os.path.join(self.root, "students", student, self.coursedir.course_id, "feedback")
            if gid is None or not os.path.isdir(dest_dir) or os.path.islink(dest_dir):
                self.log.error("no private exchange folder for %s: feedback not released", student)
                continue
            submitted = self.coursedir.format_path(self.coursedir.submitted_directory, student,
                                                   self.coursedir.assignment_id)
            secret_file = os.path.join(submitted, "submission_secret.txt")
            if not os.path.isfile(secret_file):
                self.log.error("%s has no submission_secret.txt: feedback not released", submitted)
                continue
            secret = Path(secret_file).read_text()
            for html in sorted(glob.glob(os.path.join(folder, "*.html"))):
                notebook_id = Path(html).stem
                dest = os.path.join(dest_dir, notebook_hash(secret=secret, notebook_id=notebook_id) + ".html")
                tmp = dest + ".tmp"
                shutil.copyfile(html, tmp)
                os.chown(tmp, 0, gid)
                os.chmod(tmp, 0o640)
                os.replace(tmp, dest)
                self.log.info("Released feedback for %s: %s", student, notebook_id)


STUDENT = {"fetch_assignment": StudentFetchAssignment, "list": StudentList,
           "fetch_feedback": StudentFetchFeedback, "submit": StudentSubmit}
INSTRUCTOR = {"collect": InstructorCollect, "release_assignment": InstructorReleaseAssignment,
              "release_feedback": InstructorReleaseFeedback}


def factory_config(classes):
    """Lines of nbgrader config naming these classes in ``ExchangeFactory``."""
    return [f"c.ExchangeFactory.{k} = '{v.__module__}.{v.__qualname__}'" for k, v in classes.items()]
