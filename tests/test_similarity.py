"""Similarity in the class report, on a synthetic class of hw1 built from the real release.

The class: the solution ("sol"); three independent correct students made of the valid
alternatives in course/mutants/hw1_numpy_backprop/ (grouped as validate groups them:
at most one per cell, the other cells left as the release's stub); copies of the
solution with renamed local variables, reformatted code, reordered functions, all three
at once, and a partial copy (four long answers only); a disguised copy of an independent
student; and untouched blanks. Copies (and copies of the same original) must pair;
independents and blanks must not.
"""
import ast
import io
import itertools
import re
import tokenize

import nbformat
import pytest
from paths import REPO_ROOT

from autograder import cells as C
from autograder import mutants, similarity
from autograder.validate import group_valid

HW = "hw1_numpy_backprop"
MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def solution_answers():
    src = C.read(REPO_ROOT / "source" / HW / f"{HW}.ipynb")
    return {C.grade_id(c): "\n".join(line for line in c.source.splitlines() if not MARKERS.match(line)) + "\n"
            for c in src.cells if C.is_answer(c)}


def rename_locals(source):
    """Every local variable of every function renamed (parameters and globals kept)."""
    tree = ast.parse(source)
    local = set()
    for fn in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        for node in ast.walk(fn):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id not in params:
                local.add(node.id)
    local.discard("_")
    out, prev = [], None
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in local and not (prev and prev.string == "."):
            tok = tok._replace(string=f"my_{tok.string.lower()}_value")
        out.append(tok)
        prev = tok
    return tokenize.untokenize(out)


def reformat(source):
    """Another layout: unparsed (quotes, parentheses, spacing), 2-space indents, comments, blank lines."""
    lines = []
    for i, line in enumerate(ast.unparse(ast.parse(source)).splitlines()):
        stripped = line.lstrip(" ")
        indent = "  " * ((len(line) - len(stripped)) // 4)
        if i % 3 == 2 and stripped and not stripped.startswith(("'", '"')):
            lines.append(f"{indent}# next step")
        lines.append(indent + stripped)
        if stripped.startswith(("for ", "return ")):
            lines.append("")
    return "\n".join(lines) + "\n"


def reorder(answers):
    """The functions in another order: the contents of neighbouring answer cells swapped."""
    ids = list(answers)
    out = dict(answers)
    for a, b in zip(ids[::2], ids[1::2], strict=False):
        out[a], out[b] = answers[b], answers[a]
    return out


def notebook(release, answers):
    nb = C.substitute(release, answers)
    return nb


@pytest.fixture(scope="module")
def synthetic_class():
    release = C.read(REPO_ROOT / "release" / HW / f"{HW}.ipynb")
    sol = solution_answers()
    variants = mutants.resolve([v for v in mutants.load([mutants.bank(HW, REPO_ROOT)]) if v.kind == "valid"],
                               sol)
    groups = group_valid(variants)
    assert len(groups) >= 3
    alts = {f"alt{i + 1}": {v.grade_id: v.source for v in g} for i, g in enumerate(groups)}
    answers = {
        "sol": sol, **alts,
        "copy_renamed": {g: rename_locals(s) for g, s in sol.items()},
        "copy_reformatted": {g: reformat(s) for g, s in sol.items()},
        "copy_reordered": reorder(sol),
        "copy_all_three": reorder({g: reformat(rename_locals(s)) for g, s in sol.items()}),
        "copy_partial": {g: rename_locals(sol[g]) for g in ("init_params", "forward", "backward", "train")},
        "copy_of_alt1": reorder({g: reformat(rename_locals(s)) for g, s in alts["alt1"].items()}),
        "blank1": {}, "blank2": {},
        "blank_pass": {"relu": release.cells[C.answer_cells(release)["relu"]].source.replace(
            "raise NotImplementedError()", "pass")},
    }
    for name, a in answers.items():       # every disguise still parses
        for gid, code in a.items():
            ast.parse(code), (name, gid)
    origin = {"sol": "sol", "copy_renamed": "sol", "copy_reformatted": "sol", "copy_reordered": "sol",
              "copy_all_three": "sol", "copy_partial": "sol", "alt1": "alt1", "copy_of_alt1": "alt1"}
    return release, {s: notebook(release, a) for s, a in answers.items()}, origin


def test_copies_pair_independents_and_blanks_do_not(synthetic_class):
    release, notebooks, origin = synthetic_class
    pairs, scores = similarity.similar_pairs(notebooks, release)
    found = {tuple(sorted(p["students"])) for p in pairs}
    truth = {tuple(sorted(p)) for p in itertools.combinations(origin, 2) if origin[p[0]] == origin[p[1]]}
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth)
    print(f"\nsimilarity on the synthetic hw1 class ({len(notebooks)} notebooks, threshold "
          f"{similarity.THRESHOLD}, min {similarity.MIN_TOKENS} tokens): {len(found)} pairs reported, "
          f"{len(truth)} true; precision {precision:.2f}, recall {recall:.2f}")
    for (a, b), s in sorted(scores.items(), key=lambda kv: -kv[1]):
        print(f"  {s:.2f}  {a} ~ {b}{'   <- copy' if (a, b) in truth or (b, a) in truth else ''}")
    assert truth <= found, f"copies not paired: {sorted(truth - found)}"
    assert found <= truth, f"independent pairs reported: {sorted(found - truth)}"
    docs = similarity.documents(notebooks, release)
    assert not {"blank1", "blank2", "blank_pass"} & set(docs), "untouched answers are never compared"
    pair = next(p for p in pairs if sorted(p["students"]) == ["copy_renamed", "sol"])
    assert pair["score"] > 0.9 and "backward" in pair["cells"]
    frag = {f["cell"]: f["code"] for f in pair["fragments"]["copy_renamed"]}
    assert "my_dz_value" in frag["backward"] and "raise NotImplementedError" not in "".join(frag.values())


def test_stub_lines_are_not_compared():
    stub = 'def f(x):\n    """Doc."""\n    # YOUR CODE HERE\n    raise NotImplementedError()\n'
    assert similarity.strip_stub(stub, stub) == ""
    assert similarity.strip_stub(stub.replace("raise NotImplementedError()", "pass"), stub) == ""
    assert similarity.strip_stub('def f(x):\n    """Doc."""\n    return 2 * x\n', stub) == "    return 2 * x\n"


def test_the_class_report_lists_similar_pairs_side_by_side(tmp_path, synthetic_class):
    """classreport.build/render on a course folder holding three of the synthetic students."""
    import json
    import shutil

    from autograder import classreport

    release, notebooks, _ = synthetic_class
    root = tmp_path / "course"
    for d in ("source", "release"):
        (root / d / HW).mkdir(parents=True)
        shutil.copy(REPO_ROOT / d / HW / f"{HW}.ipynb", root / d / HW)
    (root / "nbgrader_config.py").write_text("")
    for student in ("sol", "copy_all_three", "alt2", "blank1"):
        (root / "submitted" / student / HW).mkdir(parents=True)
        nbformat.write(notebooks[student], str(root / "submitted" / student / HW / f"{HW}.ipynb"))
        out = root / "autograded" / student / HW
        out.mkdir(parents=True)
        (out / "results.json").write_text(json.dumps({"score": 1.0, "extra_data": {"max_score": 35.0},
                                                      "output": "", "tests": []}))
    data = classreport.build(HW, root)
    assert [p["students"] for p in data["similar_pairs"]] == [["copy_all_three", "sol"]]
    assert data["similarity"]["skipped"] == ["blank1"]
    json.dumps(data)
    html = classreport.render(data, {"scores": "", "times": ""})
    assert 'data-pair="copy_all_three sol"' in html and "my_dz_value" in html


def test_scores_are_the_same_in_every_run(tmp_path):
    """copydetect hashes with Python's salted hash(): the report must not change between runs."""
    import os
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, 'tests'); import test_similarity as t\n"
            "from autograder import similarity\n"
            "rel, nbs, _ = t.synthetic_class.__wrapped__()\n"
            "print(sorted(similarity.similar_pairs(nbs, rel)[1].items()))\n")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and outs != {""}
