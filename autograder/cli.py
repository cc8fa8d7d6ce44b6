"""``python -m autograder <command>``: the instructors' and CI's entry point."""
import argparse
import sys

from .course import CourseError, assignments


def _validate(args):
    from .validate import validate

    ids = assignments() if args.assignment == "all" else [args.assignment]
    ok = True
    for aid in ids:
        ok &= validate(aid, extra_dirs=args.mutants or (), workers=args.workers,
                       json_path=args.json, fresh_kernels=args.fresh_kernels,
                       subset=args.subset, check_leaks=not args.no_leaks,
                       leaks_only=args.leaks_only, config=args.config)
    return 0 if ok else 1


def _release(args):
    from .release import release
    from .validate import validate

    ids = assignments() if args.assignment == "all" else [args.assignment]
    for aid in ids:
        if not args.no_validate and not validate(aid, workers=args.workers, config=args.config):
            print(f"error: {aid} failed validation; not released (fix the tests, or "
                  "pass --no-validate to release anyway)", file=sys.stderr)
            return 1
        release(aid)
    return 0


def _demo(args):
    from .demo import demo

    return 0 if demo(args.out, config=args.config) else 1


def _grade_one(args):
    from .grade_one import grade_one

    return grade_one(args.notebook, args.assignment, args.out, args.fail_under,
                     allow_mini=args.allow_mini, config=args.config)


def _gradescope(args):
    from .gradescope.build import build

    build(args.assignment, args.out)
    return 0


def _check(args):
    from .check import check

    return check(args.notebook, args.assignment, config=args.config)


def _collect(args):
    from .collect import collect

    collect(args.source, args.assignment)
    return 0


def _grade(args):
    from .batch import GradeInterrupted, grade

    try:
        grade(args.assignment, workers=args.workers, progress=not args.no_progress,
              allow_mini=args.allow_mini, force=args.force, config=args.config)
    except GradeInterrupted as exc:
        print(exc, file=sys.stderr)
        return 130
    return 0


def _feedback(args):
    from .batch import feedback

    feedback(args.assignment)
    return 0


def _export(args):
    if args.format in ("canvas", "moodle"):
        from .lms_export import export as lms_export

        lms_export(args.format, to=args.to)
        return 0
    from .batch import export

    export(to=args.to or "grades.csv")
    return 0


def _report(args):
    from .classreport import write

    write(args.assignment)
    return 0


def _list(args):
    for aid in assignments():
        print(aid)
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    p = sub.add_parser("demo", help="the main job: data, gradient check, plots, grading demo")
    p.add_argument("--out", help="output folder (default artifacts/demo)")
    p.set_defaults(func=_demo)

    p = sub.add_parser("grade-one", help="grade one notebook (CI): table + results.json")
    p.add_argument("notebook", help="the submitted .ipynb")
    p.add_argument("--assignment", required=True, help="assignment id")
    p.add_argument("--out", default=".", help="folder for results.json (default: here)")
    p.add_argument("--fail-under", type=float, metavar="PERCENT",
                   help="exit 1 if the score is under this percentage")
    p.add_argument("--allow-mini", action="store_true",
                   help="without the full data, grade on hwlib's mini subsets (labelled; "
                        "for demos and smoke tests, not students' grades)")
    p.set_defaults(func=_grade_one)

    p = sub.add_parser("gradescope", help="build <id>-gradescope.zip, Gradescope's autograder package")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--out", default="gradescope", help="output folder (default gradescope/)")
    p.set_defaults(func=_gradescope)

    p = sub.add_parser("check", help="students: run a notebook's visible self-checks (not the grade)")
    p.add_argument("notebook", help="your .ipynb")
    p.add_argument("--assignment", help="assignment id (default: the notebook's file name)")
    p.set_defaults(func=_check)

    p = sub.add_parser("collect", help="import submissions from an LMS export (zip or folder), "
                                       "with each one's submission time (for the late policy)")
    p.add_argument("source", help="zip file or folder")
    p.add_argument("assignment", help="assignment id")
    p.set_defaults(func=_collect)

    p = sub.add_parser("grade", help="autograde the collected submissions new or changed since their last "
                                     "grade, in parallel; apply the late policy; Ctrl-C stops cleanly (exit 130)")
    p.add_argument("assignment", help="assignment id")
    p.add_argument("--force", action="store_true", help="grade every submission again, changed or not")
    p.add_argument("--workers", type=int, default=2, help="parallel sandboxed kernels (default 2)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--allow-mini", action="store_true",
                   help="without the full data, grade on hwlib's mini subsets (labelled; "
                        "for demos and smoke tests, not students' grades)")
    p.set_defaults(func=_grade)

    p = sub.add_parser("feedback", help="per-student HTML feedback (nbgrader generate_feedback)")
    p.add_argument("assignment", help="assignment id")
    p.set_defaults(func=_feedback)

    p = sub.add_parser("report", help="the class report of a graded assignment: reports/<id>.html + .json")
    p.add_argument("assignment", help="assignment id")
    p.set_defaults(func=_report)

    p = sub.add_parser("export", help="grades.csv of every student and assignment, or an LMS's grade import CSV")
    p.add_argument("--format", choices=("nbgrader", "canvas", "moodle"), default="nbgrader",
                   help="nbgrader's grades.csv (default); canvas: Canvas's Gradebook import file; moodle: "
                        "Moodle's CSV grade import file")
    p.add_argument("--to", help="output CSV (default grades.csv, canvas-grades.csv or moodle-grades.csv)")
    p.set_defaults(func=_export)

    p = sub.add_parser("list", help="list the assignments in source/")
    p.set_defaults(func=_list)

    p = sub.add_parser("release", help="generate release/<id>/ with nbgrader (after validate)")
    p.add_argument("assignment", help="assignment id, or 'all'")
    p.add_argument("--no-validate", action="store_true", help="skip validate first")
    p.add_argument("--workers", type=int, default=2, help="parallel kernels for validate")
    p.set_defaults(func=_release)

    p = sub.add_parser("validate", help="test the tests: solutions, blank release, mutants")
    p.add_argument("assignment", help="assignment id, or 'all'")
    p.add_argument("--mutants", action="append", metavar="DIR",
                   help="an extra folder of mutants / valid alternatives, besides the bank "
                        "course/mutants/<id>/ (repeatable)")
    p.add_argument("--workers", type=int, default=2, help="parallel kernels (default 2)")
    p.add_argument("--json", metavar="FILE", help="also write the verdicts as JSON")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="a new kernel for every mutant too (slower; by default mutants reuse "
                        "reset kernels)")
    p.add_argument("--subset", choices=("full", "mini"),
                   help="the data the checks load: 'mini' checks the bars for hwlib's shipped "
                        "mini subsets (the offline demo's); default: the full data")
    leak = p.add_mutually_exclusive_group()
    leak.add_argument("--no-leaks", action="store_true",
                      help="skip rule 5 (every visible helper called as each graded part's answer "
                           "must earn nothing: autograder/leaks.py)")
    leak.add_argument("--leaks-only", action="store_true",
                      help="only rule 5 (with the solution and the blank release)")
    p.set_defaults(func=_validate)

    from .hub.cli import add_parser as add_hub_parser  # issue 23: the course on a JupyterHub

    add_hub_parser(sub)
    return parser


def main(argv=None):
    from .config import GradingConfig

    args = build_parser().parse_args(argv)
    args.config = GradingConfig.from_env()   # every setting, read once (autograder/config.py)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
