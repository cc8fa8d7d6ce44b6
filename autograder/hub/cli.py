"""``python -m autograder hub <start|adduser|release|collect|release-feedback>``."""
import datetime as dt
import getpass
import os
import sys

from ..course import CourseError, course_root


def _data():
    """The configured data folder (``$HWLIB_DATA``) for students' kernels, or None."""
    from ..config import GradingConfig

    data = GradingConfig.from_env().data
    return str(data) if data else None


def _settings(args, create=False):
    from .config import Settings
    from .instructor import state_default

    root = str(course_root())
    state = os.path.abspath(args.state or state_default(root))
    path = os.path.join(state, "private", "settings.json")
    if os.path.exists(path) and not create:
        return Settings.load(path)
    if not create:
        raise CourseError(f"no hub state in {state}: start the hub first (python -m autograder hub start)")
    return Settings(state=state, course_root=root, **{k: v for k, v in {
        "ip": args.ip, "port": args.port, "as_of": args.as_of, "data": _data(),
        "students_group": args.students_group, "instructors_group": args.instructors_group,
        "formgrader_user": args.formgrader_user, "memory_mb": args.memory_mb,
        "processes": args.processes}.items() if v is not None})


def _start(args):
    import signal

    from .run import Hub

    s = _settings(args, create=True)
    hub = Hub(s).start()
    print(f"JupyterHub for {s.course_id} at {s.url} (state {s.state}; Ctrl+C stops it)")
    print(f"released: {', '.join(sorted(os.listdir(s.exchange / 'released'))) or 'nothing yet'}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        hub.proc.wait()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        hub.stop()
    return 0


def _adduser(args):
    from . import users

    group = args.instructors_group if args.instructor else args.students_group
    users.ensure_group(group)
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(
        f"password for {args.name}: ")
    if len(password) < 8:
        raise CourseError("a password needs at least 8 characters")
    entry = users.add_user(args.name, password, groups=[group])
    print(f"{args.name}: uid {entry.pw_uid}, home {entry.pw_dir} (0700), group {group}")
    return 0


def _release(args):
    from . import hooks, instructor

    s = _settings(args)
    if args.assignment:
        print(instructor.release(s, args.assignment))
    else:
        print("released: " + (", ".join(hooks.release_due(s)) or "nothing new"))
    return 0


def _collect(args):
    from .instructor import collect

    log, subs = collect(_settings(args), args.assignment)
    print(log)
    print(f"collected {len(subs)}: {', '.join(subs)}")
    return 0


def _release_feedback(args):
    from .instructor import release_feedback

    print(release_feedback(_settings(args), args.assignment))
    return 0


def add_parser(sub):
    hub = sub.add_parser("hub", help="the course on a shared JupyterHub (students as Unix users)")
    hsub = hub.add_subparsers(dest="hub_command", required=True, metavar="hub-command")

    def common(p):
        p.add_argument("--state", help="the hub's state folder (default <course>/.hub/state)")
        return p

    p = common(hsub.add_parser("start", help="start the hub (as root) until Ctrl+C"))
    p.add_argument("--ip", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: a free one)")
    p.add_argument("--as-of", type=lambda v: dt.date.fromisoformat(v).isoformat(),
                   help="release what is due on this date (default: today)")
    p.add_argument("--students-group", help="Unix group of the students (default dl-students)")
    p.add_argument("--instructors-group", help="Unix group of the instructors (default dl-instructors)")
    p.add_argument("--formgrader-user", help="run nbgrader's formgrader as this Unix user (a hub service)")
    p.add_argument("--memory-mb", type=int, help="memory per student, server and kernels (default 3072; 0: none)")
    p.add_argument("--processes", type=int, help="processes and threads per student (default 512)")
    p.set_defaults(func=_start)

    p = hsub.add_parser("adduser", help="create a student's (or --instructor's) Unix account")
    p.add_argument("name")
    p.add_argument("--instructor", action="store_true")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--students-group", default="dl-students")
    p.add_argument("--instructors-group", default="dl-instructors")
    p.set_defaults(func=_adduser)

    p = common(hsub.add_parser("release", help="copy what is due (or one assignment) to the exchange"))
    p.add_argument("assignment", nargs="?")
    p.set_defaults(func=_release)

    p = common(hsub.add_parser("collect", help="students' latest submissions from the exchange"))
    p.add_argument("assignment")
    p.set_defaults(func=_collect)

    p = common(hsub.add_parser("release-feedback", help="feedback/<s>/<id> into each student's exchange"))
    p.add_argument("assignment")
    p.set_defaults(func=_release_feedback)
