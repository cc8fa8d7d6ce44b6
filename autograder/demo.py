"""``demo``: the course's main job, end to end, on real data.

Steps (each prints what it did and wrote under ``artifacts/demo/``):
1. load MNIST and Fashion-MNIST (``$HWLIB_DATA``, the cache, or the shipped mini subsets;
   offline, the grading below runs on mini too, with the bars ``validate --subset mini``
   checks, and every score it prints says "graded on the mini subset (offline demo)");
2. run a gradient check of softmax regression with ``hwlib.gradcheck``;
3. plot a grid of digits with ``hwlib.plotting``;
4. for every assignment in the manifest, in a scratch copy of the course: release it,
   make an LMS-style export with a correct and a partly wrong submission (two mutants
   from the bank), then collect → grade → feedback → export with the autograder CLI, and
   print the scores and where the feedback HTML is;
5. build hw1's Gradescope zip, install it in a temporary ``AUTOGRADER_ROOT`` (reusing this
   venv) and grade the solution with its ``run_autograder``.
"""
import shutil
import time
import warnings
from pathlib import Path

import nbformat
import numpy as np

from . import cells as C
from . import manifest, mutants
from .course import course_root, source_notebook


def _load(echo):
    from hwlib.datasets import MiniFallbackWarning, load_fashion_mnist, load_mnist

    out = {}
    for name, loader in (("MNIST", load_mnist), ("Fashion-MNIST", load_fashion_mnist)):
        t = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MiniFallbackWarning)
            (X, y), (Xt, yt) = loader(fallback_to_mini=True)
        source = "mini subset (full set not found)" if caught else "full set"
        echo(f"[data] {name}: {len(X):,} train + {len(Xt):,} test images, {source}, "
             f"{time.perf_counter() - t:.2f} s")
        out[name] = (X, y), (Xt, yt)
    return out


def _gradient_check(X, y, echo):
    from hwlib.datasets import flatten, normalize
    from hwlib.gradcheck import check_gradients

    rng = np.random.default_rng(0)
    Xs = flatten(normalize(X[:20])).astype(np.float64)[:, ::16]   # 20 images, 49 pixels
    W = rng.normal(0, 0.1, (Xs.shape[1], 10))
    b = np.zeros(10)

    def loss():
        z = Xs @ W + b
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -logp[np.arange(len(y[:20])), y[:20]].mean()

    z = Xs @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(20), y[:20]] -= 1
    dz = p / 20
    report = check_gradients(loss, {"W": W, "b": b}, {"W": Xs.T @ dz, "b": dz.sum(axis=0)})
    echo(f"[gradcheck] softmax regression: max relative error {report.max_rel_error:.1e} "
         f"({'pass' if report.passed else 'FAIL'})")
    return report


def _plot(X, y, out_dir, echo):
    import matplotlib

    matplotlib.use("Agg")
    from hwlib.plotting import plot_image_grid

    fig = plot_image_grid(X[:32], true_labels=y[:32], title="The first 32 MNIST training digits")
    path = out_dir / "mnist_grid.png"
    fig.savefig(path, dpi=80)
    echo(f"[plot] {path}")


def _scratch_course(root, dest):
    """A copy of the course to grade in, so the demo never touches the real gradebook."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(root / "nbgrader_config.py", dest)
    for folder in ("course", "source", "release"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, dest / folder)
    return dest


def example_submissions(assignment, root, lms):
    """An LMS export: ``alice`` correct, ``bob`` with two mutants from the bank."""
    from .validate import submission_for

    source = C.read(source_notebook(assignment, root))
    release = C.read(root / "release" / assignment / f"{assignment}.ipynb")
    answers = {C.grade_id(c): c.source for c in source.cells if C.is_answer(c)}
    variants = mutants.load([mutants.bank(assignment, course_root())])
    # change-form mutants (# replace: / # with:) get their source from the solution here
    bank = [v for v in mutants.resolve(variants, answers) if v.kind == "mutant"]
    picked = {}
    for v in bank:
        if v.grade_id not in picked and len(picked) < 2:
            picked[v.grade_id] = v
    lms.mkdir(parents=True, exist_ok=True)
    nbformat.write(submission_for(source, release, {}), str(lms / f"alice_{assignment}.ipynb"))
    (lms / "bob").mkdir(exist_ok=True)
    wrong = submission_for(source, release, {g: v.source for g, v in picked.items()})
    nbformat.write(wrong, str(lms / "bob" / f"{assignment}.ipynb"))
    return [f"{v.grade_id}: {v.description}" for v in picked.values()]


def _grading(out_dir, echo, config):
    from . import batch
    from .collect import collect
    from .datacheck import subset_label
    from .release import release

    root = course_root(config)
    course = _scratch_course(root, out_dir / "course")
    ok = True
    for aid in manifest.load(root):
        if not (root / "source" / aid).is_dir():
            echo(f"[grading] {aid}: listed in the manifest but not written yet; skipped")
            continue
        t = time.perf_counter()
        release(aid, course, echo=lambda *_: None)
        mistakes = example_submissions(aid, course, out_dir / "lms" / aid)
        echo(f"[grading] {aid}: released; bob's submission has two mistakes: {'; '.join(mistakes)}")
        collect(out_dir / "lms" / aid, aid, course, echo=lambda *_: None)
        # the demo, unlike real grading, may run on the shipped mini subsets (offline)
        results = batch.grade(aid, workers=2, root=course, echo=echo, progress=False,
                              allow_mini=True, config=config)
        files = batch.feedback(aid, course, echo=lambda *_: None)
        for student, r in sorted(results.items()):
            label = subset_label(r.data_subset)
            echo(f"[grading] {aid} {student}: {r.score:g}/{r.max_score:g}"
                 + (f" ({label})" if label else ""))
        for f in files:
            echo(f"[feedback] {f}")
        class_report = course / "reports" / f"{aid}.html"   # written by grade
        ok &= class_report.is_file()
        echo(f"[report] {class_report}")
        ok &= results["alice"].score == results["alice"].max_score
        ok &= results["bob"].score < results["bob"].max_score
        echo(f"[grading] {aid}: done in {time.perf_counter() - t:.0f} s")
    batch.export(course, to="grades.csv", echo=lambda *_: None)
    echo(f"[export] {course / 'grades.csv'}")
    return ok


def demo(out_dir=None, echo=print, grading=True, config=None):
    """Run the demo; returns True when every step worked as expected. ``config``: how to
    grade (default: the environment's settings)."""
    out_dir = Path(out_dir or course_root(config) / "artifacts" / "demo").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    data = _load(echo)
    (X, y), _ = data["MNIST"]
    report = _gradient_check(X, y, echo)
    (out_dir / "gradcheck.txt").write_text(str(report) + "\n")
    _plot(X, y, out_dir, echo)
    ok = report.passed and (_grading(out_dir, echo, config) if grading else True)
    if grading:   # 5. Gradescope: build hw1's zip, install it in a temp root, grade the solution
        from .gradescope.rehearsal import rehearse

        ok &= rehearse("hw1_numpy_backprop", out_dir, echo)
    echo(f"[done] {'everything worked' if ok else 'SOMETHING WENT WRONG (see above)'}; "
         f"artifacts in {out_dir}")
    return ok
