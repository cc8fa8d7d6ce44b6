"""Unit tests for hwlib.gradcheck: numerical gradients, reports, autograd comparison."""
import numpy as np
import pytest

from hwlib.gradcheck import (
    GradientReport,
    check_against_autograd,
    check_gradients,
    compare_gradients,
    eval_numerical_gradient,
    eval_numerical_gradient_array,
    eval_numerical_gradient_params,
    rel_error,
)

TOL = 1e-7


# ---------------------------------------------------------------- rel_error

def test_rel_error_identical_arrays_is_zero():
    x = np.random.default_rng(0).normal(size=(3, 4))
    assert rel_error(x, x.copy()) == 0.0


def test_rel_error_known_value():
    # max(|1-1|/2, |2-3|/5) = 0.2
    assert rel_error([1.0, 2.0], [1.0, 3.0]) == pytest.approx(0.2, rel=1e-12)
    assert isinstance(rel_error([1.0, 2.0], [1.0, 3.0]), float)


def test_rel_error_is_elementwise_max_not_global_ratio():
    # entry 0: 1/201, entry 1: 1/3 -> 1/3 (a global norm ratio would be much smaller)
    assert rel_error([100.0, 1.0], [101.0, 2.0]) == pytest.approx(1 / 3, rel=1e-12)


def test_rel_error_denominator_floor():
    assert rel_error([0.0], [0.0]) == 0.0
    # |0 - 1e-9| / max(1e-8, 1e-9) = 0.1
    assert rel_error([0.0], [1e-9]) == pytest.approx(0.1, rel=1e-9)


def test_rel_error_is_symmetric():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=5), rng.normal(size=5)
    assert rel_error(x, y) == rel_error(y, x)


def test_rel_error_shape_mismatch_raises():
    with pytest.raises(ValueError, match="equal shapes"):
        rel_error(np.zeros((2, 3)), np.zeros((3, 2)))


# ---------------------------------------------------------------- eval_numerical_gradient

def test_numerical_gradient_of_sum_sin_is_cos():
    x = np.random.default_rng(2).normal(size=(3, 4))
    grad = eval_numerical_gradient(lambda z: np.sum(np.sin(z)), x)
    assert grad.shape == x.shape
    assert rel_error(grad, np.cos(x)) <= TOL


def test_numerical_gradient_of_sum_squares_is_2x():
    x = np.random.default_rng(3).normal(size=7)
    grad = eval_numerical_gradient(lambda z: np.sum(z ** 2), x)
    assert rel_error(grad, 2 * x) <= TOL


def test_numerical_gradient_of_quadratic_in_matrix():
    rng = np.random.default_rng(4)
    X, W = rng.normal(size=(5, 3)), rng.normal(size=(3, 2))
    grad = eval_numerical_gradient(lambda w: np.sum((X @ w) ** 2), W)
    assert rel_error(grad, 2 * X.T @ (X @ W)) <= TOL


def test_numerical_gradient_restores_x_exactly():
    x = np.random.default_rng(5).normal(size=(4, 3)) * 1e3
    before = x.copy()
    seen = []
    eval_numerical_gradient(lambda z: seen.append(z is x) or np.sum(np.exp(z / 1e3)), x)
    assert all(seen)  # perturbs the caller's array in place ...
    assert np.array_equal(x, before)  # ... and restores every bit of it


def test_numerical_gradient_uses_step_h():
    # for f(x) = x^3 the centred difference is 3x^2 + h^2 exactly (up to rounding)
    x = np.array([2.0])
    grad = eval_numerical_gradient(lambda z: float(z[0] ** 3), x, h=1e-2)
    assert grad[0] == pytest.approx(12.0 + 1e-4, rel=1e-9)


@pytest.mark.parametrize("bad", [np.ones(3, np.float32), np.ones(3, np.int64), [1.0, 2.0]])
def test_numerical_gradient_rejects_non_float64(bad):
    with pytest.raises(TypeError, match="float64"):
        eval_numerical_gradient(lambda z: np.sum(z), bad)


def test_numerical_gradient_array_rejects_float32():
    x = np.ones((2, 2), np.float32)
    with pytest.raises(TypeError, match=r"astype\(np\.float64\)"):
        eval_numerical_gradient_array(np.tanh, x, np.ones((2, 2)))


# ---------------------------------------------------------------- eval_numerical_gradient_array

def test_numerical_gradient_array_tanh():
    rng = np.random.default_rng(6)
    x, df = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    before = x.copy()
    grad = eval_numerical_gradient_array(np.tanh, x, df)
    assert rel_error(grad, (1 - np.tanh(x) ** 2) * df) <= TOL
    assert np.array_equal(x, before)


def test_numerical_gradient_array_matmul_both_inputs():
    rng = np.random.default_rng(7)
    X, W = rng.normal(size=(4, 3)), rng.normal(size=(3, 5))
    df = rng.normal(size=(4, 5))
    dW = eval_numerical_gradient_array(lambda w: X @ w, W, df)
    dX = eval_numerical_gradient_array(lambda x: x @ W, X, df)
    assert dW.shape == W.shape and dX.shape == X.shape
    assert rel_error(dW, X.T @ df) <= TOL
    assert rel_error(dX, df @ W.T) <= TOL


def test_numerical_gradient_array_copes_with_f_returning_a_view_of_x():
    # f returns x itself: the result must be copied before x is perturbed again
    rng = np.random.default_rng(8)
    x, df = rng.normal(size=6), rng.normal(size=6)
    grad = eval_numerical_gradient_array(lambda z: z, x, df)
    assert rel_error(grad, df) <= TOL


# ---------------------------------------------------------------- eval_numerical_gradient_params

@pytest.fixture
def quad_problem():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(5, 3))
    W1, b1 = rng.normal(size=(3, 4)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(4, 2)), rng.normal(size=2)

    def loss(W1, b1, W2, b2):
        return np.sum((np.tanh(X @ W1 + b1) @ W2 + b2) ** 2)

    def grads(W1, b1, W2, b2):
        h = np.tanh(X @ W1 + b1)
        ds = 2 * (h @ W2 + b2)
        dz = (ds @ W2.T) * (1 - h ** 2)
        return X.T @ dz, dz.sum(0), h.T @ ds, ds.sum(0)

    return (W1, b1, W2, b2), loss, grads


def test_params_dict(quad_problem):
    (W1, b1, W2, b2), loss, grads = quad_problem
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    before = {k: v.copy() for k, v in params.items()}
    num = eval_numerical_gradient_params(lambda: loss(**params), params)
    assert isinstance(num, dict) and list(num) == ["W1", "b1", "W2", "b2"]
    for key, expected in zip(num, grads(W1, b1, W2, b2), strict=True):
        assert num[key].shape == params[key].shape
        assert rel_error(num[key], expected) <= TOL, key
    for key in params:
        assert np.array_equal(params[key], before[key])


def test_params_list(quad_problem):
    params, loss, grads = quad_problem
    params = list(params)
    num = eval_numerical_gradient_params(lambda: loss(*params), params)
    assert isinstance(num, list) and len(num) == 4
    for n, expected in zip(num, grads(*params), strict=True):
        assert rel_error(n, expected) <= TOL


def test_params_list_of_layer_tuples(quad_problem):
    (W1, b1, W2, b2), loss, grads = quad_problem
    params = [(W1, b1), (W2, b2)]
    num = eval_numerical_gradient_params(lambda: loss(W1, b1, W2, b2), params)
    assert len(num) == 2 and all(isinstance(layer, list) and len(layer) == 2 for layer in num)
    dW1, db1, dW2, db2 = grads(W1, b1, W2, b2)
    assert rel_error(num[0][0], dW1) <= TOL and rel_error(num[0][1], db1) <= TOL
    assert rel_error(num[1][0], dW2) <= TOL and rel_error(num[1][1], db2) <= TOL


def test_params_bare_array():
    x = np.random.default_rng(10).normal(size=4)
    num = eval_numerical_gradient_params(lambda: np.sum(x ** 2), x)
    assert rel_error(num, 2 * x) <= TOL


def test_params_rejects_other_types():
    with pytest.raises(TypeError, match="dict, list or tuple"):
        eval_numerical_gradient_params(lambda: 0.0, 3.0)


def test_params_rejects_a_string_instead_of_recursing_into_its_characters():
    # A str is a Sequence (the accepted container type) but never one of arrays.
    with pytest.raises(TypeError, match="got str"):
        eval_numerical_gradient_params(lambda: 0.0, ["W1"])
    with pytest.raises(TypeError, match="got str"):
        compare_gradients("ab", "ab")


def test_params_accept_any_mapping_and_sequence():
    # The signatures take Mapping / Sequence: a read-only mapping works like a dict.
    from types import MappingProxyType

    w = np.random.default_rng(11).normal(size=3)
    num = eval_numerical_gradient_params(lambda: np.sum(w ** 2), MappingProxyType({"w": w}))
    assert list(num) == ["w"] and rel_error(num["w"], 2 * w) <= TOL
    report = check_gradients(lambda: np.sum(w ** 2), MappingProxyType({"w": w}), {"w": 2 * w})
    assert report.passed and [row.name for row in report] == ["w"]


# ---------------------------------------------------------------- check_gradients on an MLP

N, D, H, C = 6, 4, 4, 3  # D == H so W1 is square; W2 (4x3) is not


def _mlp_problem(seed=11):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, D))
    y = rng.integers(0, C, size=N)
    W1, b1 = rng.normal(size=(D, H)) * 0.5, rng.normal(size=H) * 0.1
    W2, b2 = rng.normal(size=(H, C)) * 0.5, rng.normal(size=C) * 0.1
    return X, y, [(W1, b1), (W2, b2)]


def _mlp_loss(X, y, params):
    (W1, b1), (W2, b2) = params
    s = np.tanh(X @ W1 + b1) @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(y)), y].mean()


def _mlp_backward(X, y, params, mistake=None):
    (W1, b1), (W2, b2) = params
    h = np.tanh(X @ W1 + b1)
    s = h @ W2 + b2
    p = np.exp(s - s.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    ds = p.copy()
    ds[np.arange(len(y)), y] -= 1
    ds /= len(y)
    dW2, db2 = h.T @ ds, ds.sum(0)
    dz = (ds @ W2.T) * (1 - h ** 2)
    dW1, db1 = X.T @ dz, dz.sum(0)
    if mistake == "db2 averaged":
        db2 = ds.mean(0)
    elif mistake == "dW1 transposed":
        dW1 = dW1.T
    elif mistake == "dW2 doubled":
        dW2 = 2 * dW2
    elif mistake == "dW2 transposed":
        dW2 = dW2.T
    return [(dW1, db1), (dW2, db2)]


def _check_mlp(mistake=None, tol=1e-6):
    X, y, params = _mlp_problem()
    grads = _mlp_backward(X, y, params, mistake)
    report = check_gradients(lambda: _mlp_loss(X, y, params), params, grads, tol=tol)
    return report, X, y, params, grads


def test_check_gradients_correct_mlp_passes():
    X, y, params = _mlp_problem()
    before = [[a.copy() for a in layer] for layer in params]
    report = check_gradients(lambda: _mlp_loss(X, y, params), params, _mlp_backward(X, y, params))
    assert isinstance(report, GradientReport)
    assert report.passed
    assert [row.name for row in report] == ["W1", "b1", "W2", "b2"]
    assert [row.shape for row in report] == [(D, H), (H,), (H, C), (C,)]
    assert report.max_rel_error < 1e-7
    assert all(row.passed and row.max_rel_error < 1e-7 for row in report)
    for layer, old in zip(params, before, strict=True):
        for a, b in zip(layer, old, strict=True):
            assert np.array_equal(a, b)


def _numerical_mlp_grads(X, y, params):
    return eval_numerical_gradient_params(lambda: _mlp_loss(X, y, params), params)


def _assert_worst_consistent(row, analytic, numerical):
    errs = np.abs(analytic - numerical) / np.maximum(1e-8, np.abs(analytic) + np.abs(numerical))
    assert row.worst_index == tuple(int(i) for i in np.unravel_index(np.argmax(errs), errs.shape))
    assert row.max_rel_error == pytest.approx(errs.max(), rel=1e-6)
    assert row.max_rel_error == pytest.approx(rel_error(analytic, numerical), rel=1e-6)
    assert row.analytic == analytic[row.worst_index]
    assert row.numerical == pytest.approx(numerical[row.worst_index], rel=1e-6, abs=1e-10)


def test_check_gradients_bias_averaged_instead_of_summed():
    report, X, y, params, grads = _check_mlp("db2 averaged")
    assert not report.passed
    assert {row.name: row.passed for row in report} == {"W1": True, "b1": True, "W2": True,
                                                       "b2": False}
    b2 = report[3]
    # averaged = summed / N: relative error (1 - 1/N) / (1 + 1/N) at every entry
    assert b2.max_rel_error == pytest.approx((N - 1) / (N + 1), rel=1e-5)
    _assert_worst_consistent(b2, grads[1][1], _numerical_mlp_grads(X, y, params)[1][1])
    assert report.max_rel_error == b2.max_rel_error


def test_check_gradients_square_dw_transposed():
    report, X, y, params, grads = _check_mlp("dW1 transposed")
    assert not report.passed
    assert [row.name for row in report if not row.passed] == ["W1"]
    _assert_worst_consistent(report[0], grads[0][0], _numerical_mlp_grads(X, y, params)[0][0])


def test_check_gradients_factor_two():
    report, X, y, params, grads = _check_mlp("dW2 doubled")
    assert [row.name for row in report if not row.passed] == ["W2"]
    w2 = report[2]
    assert w2.max_rel_error == pytest.approx(1 / 3, rel=1e-5)  # |2a - a| / (2a + a)
    assert w2.analytic == pytest.approx(2 * w2.numerical, rel=1e-6)
    _assert_worst_consistent(w2, grads[1][0], _numerical_mlp_grads(X, y, params)[1][0])


def test_check_gradients_tol_decides():
    report, *_ = _check_mlp("dW2 doubled", tol=0.5)  # 1/3 < 0.5
    assert report.passed and report.tol == 0.5


def test_check_gradients_nonsquare_transposed_raises():
    X, y, params = _mlp_problem()
    grads = _mlp_backward(X, y, params, "dW2 transposed")
    with pytest.raises(ValueError, match="transposed") as info:
        check_gradients(lambda: _mlp_loss(X, y, params), params, grads)
    assert "W2" in str(info.value) and "(3, 4)" in str(info.value) and "(4, 3)" in str(info.value)


def test_compare_gradients_shape_mismatch_not_transposed():
    with pytest.raises(ValueError) as info:
        compare_gradients({"W": np.zeros((2, 5))}, {"W": np.zeros((3, 4))})
    assert "transposed" not in str(info.value) and "W" in str(info.value)


def test_compare_gradients_structure_mismatch_raises():
    with pytest.raises(ValueError, match="structure"):
        compare_gradients({"W": np.zeros(2)}, {"V": np.zeros(2)})


def test_compare_gradients_tol_boundary():
    # rel error of (1, 3) is exactly 0.5; passing means err <= tol
    assert compare_gradients({"g": np.array([1.0])}, {"g": np.array([3.0])}, tol=0.5).passed
    assert not compare_gradients({"g": np.array([1.0])}, {"g": np.array([3.0])}, tol=0.49).passed
    # 5e-6 relative error fails the default tol of 1e-6
    report = compare_gradients({"g": np.array([1.0])}, {"g": np.array([1.0 + 1e-5])})
    assert report[0].max_rel_error == pytest.approx(5e-6, rel=1e-3)
    assert not report.passed


def test_compare_gradients_nan_analytic_fails():
    report = compare_gradients({"W": np.array([1.0, np.nan])}, {"W": np.array([1.0, 2.0])})
    assert not report.passed and report[0].worst_index == (1,)


def test_check_gradients_with_dict_params_names_rows_by_key():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(5, 3))
    params = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    f = lambda: np.sum(np.tanh(X @ params["W"] + params["b"]))  # noqa: E731
    dz = 1 - np.tanh(X @ params["W"] + params["b"]) ** 2
    report = check_gradients(f, params, {"W": X.T @ dz, "b": dz.sum(0)})
    assert [row.name for row in report] == ["W", "b"]
    assert report.passed and report.max_rel_error < 1e-7


def test_check_gradients_dict_of_layer_tuples():
    # {"enc": (W, b)} is a dict/tuple structure the docstring allows ("dict, list, or
    # [(W, b), ...]", "possibly nested"): it must give a report, not crash.
    rng = np.random.default_rng(13)
    X = rng.normal(size=(5, 3))
    params = {"enc": (rng.normal(size=(3, 2)), rng.normal(size=2))}
    W, b = params["enc"]
    dz = 1 - np.tanh(X @ W + b) ** 2
    report = check_gradients(lambda: np.sum(np.tanh(X @ W + b)), params,
                             {"enc": (X.T @ dz, dz.sum(0))})
    assert report.passed and len(report) == 2
    assert all("enc" in row.name for row in report)


# ---------------------------------------------------------------- report rendering

def test_report_str_passing():
    report, *_ = _check_mlp()
    text = str(report)
    for name in ("W1", "b1", "W2", "b2"):
        assert name in text
    assert "FAIL" not in text and text.count(" ok") == 4
    assert "all gradients match" in text and "≤ 1e-06" in text
    assert repr(report) == text


def test_report_str_failing():
    report, *_ = _check_mlp("db2 averaged")
    lines = str(report).splitlines()
    assert lines[0].split()[:2] == ["param", "shape"]
    rows = {line.split()[0]: line for line in lines[1:5]}
    assert set(rows) == {"W1", "b1", "W2", "b2"}
    assert rows["b2"].rstrip().endswith("FAIL")
    assert all(rows[n].rstrip().endswith("ok") for n in ("W1", "b1", "W2"))
    assert "some gradients are WRONG" in lines[-1]
    assert f"{report[3].max_rel_error:.2e}" in rows["b2"]


def test_report_html():
    report, *_ = _check_mlp("db2 averaged")
    html = report._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    for name in ("W1", "b1", "W2", "b2"):
        assert f"<td>{name}</td>" in html
    assert html.count("<b>ok</b>") == 3 and html.count("<b>FAIL</b>") == 1
    assert "color:red'><b>FAIL" in html and "color:green'><b>ok" in html
    good, *_ = _check_mlp()
    assert "FAIL" not in good._repr_html_()


def test_empty_report_passes():
    report = GradientReport([], 1e-6)
    assert report.passed and report.max_rel_error == 0.0


# ---------------------------------------------------------------- check_against_autograd

def _torch_problem():
    import torch

    rng = np.random.default_rng(14)
    X = rng.normal(size=(5, 3))
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    z = X @ W + b
    a = np.tanh(z)
    dz = 2 * a * (1 - a ** 2)  # L = sum(tanh(XW + b)^2)
    grads = {"W": X.T @ dz, "b": dz.sum(0)}
    tensors = {"W": torch.tensor(W, dtype=torch.float64), "b": torch.tensor(b, dtype=torch.float64)}
    Xt = torch.tensor(X, dtype=torch.float64)

    def loss_fn():
        return (torch.tanh(Xt @ tensors["W"] + tensors["b"]) ** 2).sum()

    return tensors, loss_fn, grads


def test_autograd_correct_manual_grads_pass():
    tensors, loss_fn, grads = _torch_problem()
    report = check_against_autograd(loss_fn, tensors, grads)
    assert report.passed and [row.name for row in report] == ["W", "b"]
    assert report.max_rel_error <= 1e-7


def test_autograd_accepts_torch_manual_grads():
    import torch

    tensors, loss_fn, grads = _torch_problem()
    report = check_against_autograd(loss_fn, tensors, {k: torch.tensor(v) for k, v in grads.items()})
    assert report.passed and report.max_rel_error <= 1e-7


def test_autograd_wrong_manual_grads_fail():
    tensors, loss_fn, grads = _torch_problem()
    wrong = {"W": grads["W"], "b": grads["b"] / 5}  # averaged over the batch of 5
    report = check_against_autograd(loss_fn, tensors, wrong)
    assert not report.passed
    assert {row.name: row.passed for row in report} == {"W": True, "b": False}
    assert report[1].max_rel_error == pytest.approx(4 / 6, rel=1e-6)
    # the "numerical" column holds autograd's value at the worst index
    assert report[1].numerical == pytest.approx(grads["b"][report[1].worst_index], rel=1e-9)


def test_autograd_leaves_callers_tensors_unchanged():
    tensors, loss_fn, grads = _torch_problem()
    originals = dict(tensors)
    values = {k: v.clone() for k, v in tensors.items()}
    check_against_autograd(loss_fn, tensors, grads)
    assert list(tensors) == ["W", "b"]
    for k in tensors:
        assert tensors[k] is originals[k]
        assert not tensors[k].requires_grad and tensors[k].grad is None
        assert bool((tensors[k] == values[k]).all())


def test_autograd_restores_tensors_when_loss_raises():
    tensors, _, grads = _torch_problem()
    originals = dict(tensors)

    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        check_against_autograd(broken, tensors, grads)
    assert all(tensors[k] is originals[k] for k in tensors)
