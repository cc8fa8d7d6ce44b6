"""The README.md inside a Gradescope zip: what it holds, what grading it measured, and
the settings to choose on Gradescope (its autograder documentation: 768 MB and half a
vCPU by default, both raised under "Autograder Settings"; a 10-minute overall timeout by
default, at most 40)."""
from ..grading.runner import DEADLINE_CAP, overall_deadline

GRADESCOPE_DEFAULT_MB = 768


def zip_readme(entry):
    """Markdown for the instructor who uploads the zip of ``entry`` (a manifest Assignment)."""
    deadline = overall_deadline(entry.budget_seconds)
    if entry.box_peak_mb:
        measured = (f"Grading the solution took **{entry.box_peak_mb:,} MB** at its peak (the grader, "
                    "its kernels and the page cache they touch, a cgroup's high-water mark) and "
                    f"**{entry.box_seconds:.0f} s** at half a CPU (`make bench`, footprint section).")
        if entry.stack:
            measured += (" Measured on a machine where the framework's libraries were already cached; a fresh "
                         "container also counts those pages (up to ~350 MB more, dropped under pressure).")
    else:
        measured = "Not measured yet: run `make bench` (footprint section) and record it in course/course.toml."
    memory = max(entry.box_memory_mb, GRADESCOPE_DEFAULT_MB)
    memory_line = ("the default, 768 MB" if memory <= GRADESCOPE_DEFAULT_MB
                   else f"at least **{memory:,} MB** (the default 768 MB is too small: "
                        "the grader is killed and the student gets no results)")
    stack = ", ".join(entry.stack) if entry.stack else "none (NumPy only: no torch, no TensorFlow)"
    return f"""# {entry.id}: Gradescope autograder

Upload this zip as the programming assignment's autograder. Gradescope unpacks it into
`/autograder/source` and runs `setup.sh` once, as root, to build the image; each
submission then runs `run_autograder`, which writes `/autograder/results/results.json`.

## Measured

{measured}

Each cell may run {entry.budget_seconds:.0f} s; the whole submission is stopped at
{deadline:.0f} s (3 x budget + 60 s, never beyond {DEADLINE_CAP} s): tests not yet
run then score 0 with a note, and `results.json` is still written.

## Gradescope settings

| setting | choose |
|---|---|
| Base image | Ubuntu 22.04 or 24.04 (`setup.sh` installs with the image's own `python3`; Debian 12 works too) |
| Memory | {memory_line} |
| CPU | the default, half a vCPU (the times above are at half a CPU) |
| Autograder timeout | the default, 10 minutes (grading stops itself at {deadline:.0f} s) |
| Internet during grading | not needed |

Frameworks installed: {stack}. Datasets bundled: {", ".join(entry.data) or "none"}
(md5-checked by `setup.sh`).

`setup.sh` fails, and the image is not built, when the student's kernel could not be kept
away from the hidden tests (see its output for the fix); no student is graded as root.
"""
