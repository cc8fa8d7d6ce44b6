"""``python -m benchmarks``: the benchmark suite (``make bench``), from the repository's root."""
import argparse
import sys

from autograder.course import CourseError


def main(argv=None):
    """Run the suite; exit status 1 if a section failed, 2 if it could not start."""
    p = argparse.ArgumentParser(prog="python -m benchmarks",
                                description="benchmarks on the full data: benchmarks/results.json + RESULTS.md")
    p.add_argument("--out", default="benchmarks", help="output folder (default benchmarks)")
    p.add_argument("--quick", action="store_true", help="a one-minute smoke run (not benchmarks)")
    p.add_argument("--skip-notebooks", action="store_true", help="skip the full notebook runs")
    args = p.parse_args(argv)
    from .run import bench

    try:
        res = bench(args.out, quick=args.quick, skip_notebooks=args.skip_notebooks)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [k for k, sec in res["sections"].items() if sec.get("status") == "error"]
    if failed:
        print(f"error: benchmark sections failed: {', '.join(failed)} (see {args.out}/RESULTS.md)",
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
