"""Unit tests for hwlib.testing: assertions whose failure messages students act on."""
import re
import warnings

import numpy as np
import pytest

from hwlib.gradcheck import compare_gradients
from hwlib.testing import (
    CheckFailure,
    assert_between,
    assert_close,
    assert_equal,
    assert_finite,
    assert_gradients,
    assert_shape,
    assert_true,
    call,
    ignore_warnings,
    no_warnings,
)


def _message(fn, *args, **kwargs):
    with pytest.raises(CheckFailure) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_check_failure_is_an_assertion_error():
    assert issubclass(CheckFailure, AssertionError)
    with pytest.raises(AssertionError):
        assert_true(False, "nope")


# ---------------------------------------------------------------- hint

def test_hint_appears_after_hint_label():
    msg = _message(assert_true, False, "bad thing", name="loss", hint="divide by N")
    assert msg == "loss: bad thing\nHint: divide by N"


def test_without_a_hint_there_is_no_hint_label():
    assert "Hint" not in _message(assert_true, 0, "bad thing")


@pytest.mark.parametrize("check", [
    lambda h: assert_shape(np.zeros(3), (4,), name="q", hint=h),
    lambda h: assert_finite([np.nan], name="q", hint=h),
    lambda h: assert_close([1.0], [2.0], name="q", hint=h),
    lambda h: assert_equal(1, 2, name="q", hint=h),
    lambda h: assert_between(5, 0, 1, name="q", hint=h),
])
def test_every_helper_forwards_hint(check):
    msg = _message(check, "HINT-TEXT")
    assert msg.startswith("q: ") and msg.endswith("\nHint: HINT-TEXT")


# ---------------------------------------------------------------- assert_shape

def test_assert_shape_pass_returns_array():
    out = assert_shape([[1, 2, 3], [4, 5, 6]], (2, 3))
    assert isinstance(out, np.ndarray) and out.shape == (2, 3)


def test_assert_shape_transposed():
    msg = _message(assert_shape, np.zeros((3, 2)), (2, 3), name="scores")
    assert msg.startswith("scores:")
    assert "(3, 2)" in msg and "(2, 3)" in msg
    assert "transposed" in msg and "reshape" not in msg


def test_assert_shape_reshape_hint():
    msg = _message(assert_shape, np.zeros(6), (2, 3), name="x")
    assert "reshape" in msg and "transposed" not in msg
    assert "(6,)" in msg and "(2, 3)" in msg


def test_assert_shape_missing_axis_gets_reshape_hint():
    assert "reshape" in _message(assert_shape, np.zeros((5, 1)), (5,))


def test_assert_shape_different_size_no_hint():
    msg = _message(assert_shape, np.zeros(4), (2, 3))
    assert "reshape" not in msg and "transposed" not in msg


def test_assert_shape_none_mentions_return():
    msg = _message(assert_shape, None, (2,), name="forward")
    assert msg.startswith("forward:") and "`return`" in msg and "None" in msg


def test_assert_shape_ragged_list():
    msg = _message(assert_shape, [np.zeros(2), np.zeros(3)], (2,))
    assert "expected" in msg


def test_assert_shape_torch_tensor():
    import torch

    assert assert_shape(torch.zeros(2, 3, requires_grad=True), (2, 3)).shape == (2, 3)
    assert "transposed" in _message(assert_shape, torch.zeros(3, 2), (2, 3))


# ---------------------------------------------------------------- assert_finite

def test_assert_finite_pass():
    out = assert_finite(np.array([1.0, -2.0]))
    assert np.array_equal(out, [1.0, -2.0])
    assert_finite(np.arange(3))  # integers are always finite


def test_assert_finite_reports_first_bad_index():
    x = np.array([[1.0, 2.0, 3.0], [4.0, np.inf, np.nan]])
    msg = _message(assert_finite, x, name="probs")
    assert msg.startswith("probs:")
    assert "2 entries" in msg and "first at index (1, 1)" in msg and "inf" in msg
    assert "overflow" in msg and "log(0)" in msg


def test_assert_finite_scalar_nan():
    msg = _message(assert_finite, float("nan"), name="loss")
    assert msg.startswith("loss:") and "nan" in msg


def test_assert_finite_torch():
    import torch

    msg = _message(assert_finite, torch.tensor([0.0, float("nan")]))
    assert "index (1,)" in msg


# ---------------------------------------------------------------- assert_close

def test_assert_close_pass():
    x = np.random.default_rng(0).normal(size=(3, 4))
    assert assert_close(x * (1 + 1e-9), x, name="x") is None
    assert_close(x.tolist(), x)
    assert_close(3, 3.0)


def test_assert_close_fail_message_has_everything():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    actual = expected.copy()
    actual[1, 0] = 3.5
    actual[0, 1] = 2.1
    msg = _message(assert_close, actual, expected, name="dW")
    assert msg.startswith("dW:")
    assert "2 of 4 entries differ" in msg
    assert "largest deviation 0.5 at index (1, 0)" in msg
    assert "got 3.5, expected 3" in msg
    assert re.search(r"got\s+\[1\.\s+2\.1\s+3\.5\s+4\.\s*\]", msg)
    assert re.search(r"expected\s+\[1\.\s+2\.\s+3\.\s+4\.\s*\]", msg)


def test_assert_close_largest_deviation_is_among_failing_entries():
    # entry 0 deviates more in absolute terms but is within rtol of its large value
    expected = np.array([1e6, 1.0])
    actual = np.array([1e6 + 0.5, 1.1])
    msg = _message(assert_close, actual, expected, rtol=1e-6)
    assert "1 of 2 entries differ" in msg and "at index (1,)" in msg


def test_assert_close_scalar():
    msg = _message(assert_close, 1.5, 2.0, name="loss")
    assert "got 1.5, expected 2" in msg and "index" not in msg


def test_assert_close_tolerances_are_respected():
    assert_close([1.0 + 1e-4], [1.0], rtol=1e-3)
    assert_close([1e-9], [0.0])  # within atol
    with pytest.raises(CheckFailure, match="rtol=1e-05"):
        assert_close([1.0 + 1e-4], [1.0], rtol=1e-5)


def test_assert_close_shape_mismatch_message():
    msg = _message(assert_close, np.zeros((3, 2)), np.zeros((2, 3)), name="dX")
    assert msg.startswith("dX:") and "transposed" in msg


def test_assert_close_names_known_mistake():
    rng = np.random.default_rng(1)
    N = 8
    x = rng.normal(size=(4, 3))
    mistakes = {"summed instead of averaged": N * x, "forgot the minus sign": -x}
    msg = _message(assert_close, N * x, x, name="db", mistakes=mistakes)
    assert "summed instead of averaged" in msg and "known mistake" in msg
    assert "forgot the minus sign" not in msg
    assert "same factor" not in msg  # the named mistake replaces the generic diagnosis
    assert "forgot the minus sign" in _message(assert_close, -x, x, mistakes=mistakes)


def test_assert_close_does_not_name_mistake_for_other_wrong_value():
    rng = np.random.default_rng(2)
    N = 8
    x = rng.normal(size=(4, 3))
    msg = _message(assert_close, x + 1.0, x, mistakes={"summed instead of averaged": N * x})
    assert "summed instead of averaged" not in msg and "known mistake" not in msg


def test_assert_close_skips_unusable_mistakes():
    x = np.random.default_rng(3).normal(size=5)
    mistakes = {"not an array": "abc", "wrong shape": np.zeros(4), "doubled": 2 * x}
    msg = _message(assert_close, 2 * x, x, mistakes=mistakes)
    assert "doubled" in msg and "not an array" not in msg and "wrong shape" not in msg


def test_assert_close_constant_factor():
    x = np.random.default_rng(4).normal(size=(3, 3))
    msg = _message(assert_close, 0.5 * x, x, name="grad")
    assert "same factor" in msg and "0.5x" in msg


def test_assert_close_sign_flip_is_a_constant_factor():
    x = np.random.default_rng(5).normal(size=6)
    assert "same factor (-1x" in _message(assert_close, -x, x)


def test_assert_close_no_constant_factor_for_unrelated_values():
    rng = np.random.default_rng(6)
    x = rng.normal(size=6)
    assert "same factor" not in _message(assert_close, rng.normal(size=6), x)


def test_assert_close_none_mentions_return():
    msg = _message(assert_close, None, np.zeros(3), name="softmax")
    assert msg.startswith("softmax:") and "`return`" in msg


def test_assert_close_nan_and_inf():
    expected = np.ones((2, 3))
    actual = np.ones((2, 3))
    actual[0, 2] = np.nan
    actual[1, 1] = np.inf
    msg = _message(assert_close, actual, expected, name="probs")
    assert msg.startswith("probs:")
    assert "overflow" in msg and "log(0)" in msg
    assert "first at index (0, 2)" in msg


def test_assert_close_nan_matching_expected_nan_passes():
    assert_close([1.0, np.nan], [1.0, np.nan])


def test_assert_close_non_numeric():
    assert "dtype" in _message(assert_close, np.array(["a", "b"]), [1.0, 2.0])


def test_assert_close_accepts_torch_tensor():
    import torch

    x = np.random.default_rng(7).normal(size=(2, 3))
    t = torch.tensor(x, requires_grad=True) * 1.0  # non-leaf, needs detach
    assert_close(t, x)
    assert "got 2" in _message(assert_close, torch.tensor([2.0]), [1.0])


def test_assert_close_float32_actual_vs_float64_expected():
    x = np.random.default_rng(8).normal(size=(5, 5))
    assert_close(x.astype(np.float32), x, rtol=1e-5)
    with pytest.raises(CheckFailure):  # float32 rounding is visible at rtol=1e-10
        assert_close(x.astype(np.float32), x, rtol=1e-10, atol=0)


# ---------------------------------------------------------------- assert_equal

def test_assert_equal_pass():
    assert_equal(np.array([0, 1, 2]), [0, 1, 2])
    assert_equal([0, 1, 2], np.array([0, 1, 2]))
    assert_equal(3, 3)
    assert_equal("relu", "relu")
    assert_equal((2, 3), (2, 3))


def test_assert_equal_labels_first_differing_index():
    msg = _message(assert_equal, np.array([0, 1, 9, 3, 7]), np.array([0, 1, 2, 3, 4]), name="preds")
    assert msg.startswith("preds:")
    assert "2 of 5 entries differ" in msg and "first at index (2,)" in msg
    assert re.search(r"got (np\.int64\()?9\)?, expected (np\.int64\()?2\b", msg)


def test_assert_equal_2d_first_index():
    expected = np.zeros((3, 3), int)
    actual = expected.copy()
    actual[2, 0] = 1
    actual[1, 2] = 1
    assert "first at index (1, 2)" in _message(assert_equal, actual, expected)


def test_assert_equal_does_not_tolerate_float_error():
    with pytest.raises(CheckFailure):
        assert_equal(np.array([0.1 + 0.2]), [0.3])


def test_assert_equal_shape_mismatch():
    msg = _message(assert_equal, np.zeros(4, int), [0, 0, 0], name="y")
    assert "(4,)" in msg and "(3,)" in msg


def test_assert_equal_scalars_and_strings():
    assert _message(assert_equal, 3, 4, name="count") == "count: got 3, expected 4."
    assert "got 'tanh', expected 'relu'" in _message(assert_equal, "tanh", "relu")
    assert "got (3, 2), expected (2, 3)" in _message(assert_equal, (3, 2), (2, 3))


def test_assert_equal_none_mentions_return():
    assert "`return`" in _message(assert_equal, None, [1, 2])


def test_assert_equal_array_where_scalar_expected_is_a_check_failure():
    # A student returning an array where a single count is expected must get a
    # CheckFailure, not NumPy's "truth value of an array is ambiguous" ValueError.
    msg = _message(assert_equal, np.array([3, 3]), 3, name="count")
    assert msg.startswith("count:")


# ---------------------------------------------------------------- assert_between

def test_assert_between_inclusive_bounds():
    assert_between(0.0, 0.0, 1.0)
    assert_between(1.0, 0.0, 1.0)
    assert_between(np.float32(0.5), 0, 1)
    assert "[0, 1]" in _message(assert_between, 1.0 + 1e-9, 0, 1)
    assert "[0, 1]" in _message(assert_between, -1e-9, 0, 1)


def test_assert_between_none_bounds():
    assert_between(-1e300, None, 0)
    assert_between(1e300, 0, None)
    assert_between(42)
    msg = _message(assert_between, 2.5, None, 1, name="loss")
    assert msg == "loss: is 2.5, expected it in [-inf, 1]."
    assert "[3, inf]" in _message(assert_between, 2, 3, None)


def test_assert_between_non_numeric():
    msg = _message(assert_between, "abc", 0, 1, name="acc")
    assert msg.startswith("acc:") and "expected a number" in msg and "'abc'" in msg
    assert "expected a number" in _message(assert_between, None, 0, 1)
    assert "expected a number" in _message(assert_between, np.array([0.1, 0.2]), 0, 1)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -np.inf])
def test_assert_between_non_finite(value):
    msg = _message(assert_between, value, None, None)
    assert "finite" in msg


def test_assert_between_torch_scalar():
    import torch

    assert_between(torch.tensor(0.3), 0, 1)
    assert "0.3" in _message(assert_between, torch.tensor(0.3), 0.5, 1)


# ---------------------------------------------------------------- assert_true

def test_assert_true():
    assert_true(True, "unused")
    assert_true([1], "unused")
    assert _message(assert_true, [], "list is empty") == "check: list is empty"
    assert _message(assert_true, False, "m", name="n") == "n: m"


# ---------------------------------------------------------------- assert_gradients

def _report(wrong_b):
    rng = np.random.default_rng(9)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    analytic = {"W": W, "b": b * 2 if wrong_b else b}
    return compare_gradients(analytic, {"W": W.copy(), "b": b.copy()})


def test_assert_gradients_pass():
    assert assert_gradients(_report(wrong_b=False)) is None


def test_assert_gradients_fail_includes_table():
    report = _report(wrong_b=True)
    msg = _message(assert_gradients, report, name="affine backward")
    assert msg.startswith("affine backward: analytic and numerical gradients disagree for b.")
    assert str(report) in msg
    assert "max rel err" in msg and "FAIL" in msg and "some gradients are WRONG" in msg


def test_assert_gradients_default_name():
    assert _message(assert_gradients, _report(wrong_b=True)).startswith("gradient check:")


# ---------------------------------------------------------------- call

def test_call_returns_value_and_passes_arguments():
    def f(a, b=0):
        return a * 10 + b
    assert call(f, 4, b=2) == 42


def test_call_not_implemented():
    def softmax(x):
        raise NotImplementedError
    msg = _message(call, softmax, np.zeros(3))
    assert msg.startswith("softmax:") and "not implemented yet" in msg


def test_call_reports_exception():
    def forward(x):
        raise ValueError("x")
    msg = _message(call, forward, 1)
    assert msg.startswith("forward:") and "raised ValueError: x" in msg


def test_call_names_a_proxy_of_a_student_function_by_its_name():
    # the grader hands tests proxies for the kernel's objects; messages must name the function
    from autograder.remote.client import RemoteObject

    class Kernel:
        def request(self, op, **_):
            raise ValueError("shapes (3,) and (4,) not aligned")

    proxy = RemoteObject(Kernel(), {"id": 7, "name": "forward", "type": "function"})
    assert proxy.__name__ == "forward"
    assert _message(call, proxy, 1).startswith("forward: raised ValueError: shapes")


def test_call_custom_name_and_lambda():
    def boom():
        raise ZeroDivisionError("division by zero")
    assert _message(call, boom, name="my step").startswith("my step: raised ZeroDivisionError")
    assert call(lambda: 7) == 7


def test_call_reraises_check_failure_unchanged():
    def inner():
        assert_true(False, "inner problem", name="inner")
    assert _message(call, inner) == "inner: inner problem"


# ---------------------------------------------------------------- no_warnings

def test_ignore_warnings_drops_framework_advice_but_not_errors(capfd):
    with ignore_warnings():
        warnings.warn("Converting a tensor with requires_grad=True to a scalar", UserWarning)
        np.log(np.zeros(1))
    assert capfd.readouterr().err == ""
    with pytest.raises(ZeroDivisionError):
        with ignore_warnings():
            1 / 0
    with pytest.warns(UserWarning):          # the filter is restored afterwards
        warnings.warn("after", UserWarning)


def test_no_warnings_overflow_is_reported_and_stderr_silent(capfd):
    with pytest.raises(CheckFailure) as info:
        with no_warnings(name="sigmoid"):
            np.exp(1000.0)
    msg = str(info.value)
    assert msg.startswith("sigmoid:")
    assert "RuntimeWarning" in msg and "overflow" in msg
    out, err = capfd.readouterr()
    assert err == "" and out == ""


def test_no_warnings_reports_fp_problems_even_if_errors_were_ignored(capfd):
    with np.errstate(all="ignore"):
        with pytest.raises(CheckFailure, match="divide by zero"):
            with no_warnings():
                np.log(np.zeros(2))
    assert capfd.readouterr().err == ""


def test_no_warnings_library_advice_costs_nothing(capfd):
    # the warnings policy: a library's warning for a correct call is dropped, silently
    with no_warnings(hint="remove the warning"):
        warnings.warn("Default grid_sample and affine_grid behavior has changed", UserWarning)
        warnings.warn("old API", DeprecationWarning)
        warnings.warn("a RuntimeWarning that is not a floating-point error", RuntimeWarning)
    assert capfd.readouterr().err == ""


def test_no_warnings_named_symptom_fails_with_its_mistake(capfd):
    with pytest.raises(CheckFailure) as info:
        with no_warnings(name="fit", hint="check the loss",
                         symptoms={"the loss is a tensor, not a number": r"UserWarning: .*to a scalar"}):
            warnings.warn("unrelated advice", FutureWarning)
            warnings.warn("Converting a tensor with requires_grad=True to a scalar", UserWarning)
    msg = str(info.value)
    assert msg.startswith("fit: emitted a warning that shows a mistake: UserWarning: Converting")
    assert "the loss is a tensor, not a number" in msg and msg.endswith("\nHint: check the loss")
    assert capfd.readouterr().err == ""


def test_no_warnings_unknown_symptom_id_fails():
    with pytest.raises(Exception, match="hw1.no_such_mistake"):
        with no_warnings(symptoms={"hw1.no_such_mistake": "x"}):
            pass


def test_no_warnings_repeated_warning_still_caught():
    def noisy():
        return np.exp(np.array([1000.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        noisy()  # would put it in the once-registry under a "default" filter
    with pytest.raises(CheckFailure, match="overflow"):
        with no_warnings():
            noisy()


def test_no_warnings_counts_every_repetition(capfd):
    with pytest.raises(CheckFailure, match=r"emitted 3 floating-point warning\(s\)"):
        with no_warnings():
            for _ in range(3):
                np.exp(np.array([1000.0]))  # same line: shown once under the "default" action
    assert capfd.readouterr().err == ""


def test_no_warnings_overrides_an_outer_ignore_filter():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. a notebook that silenced warnings
        with np.errstate(all="ignore"), pytest.raises(CheckFailure, match="invalid value"):
            with no_warnings():
                np.sqrt(np.array([-1.0]))


def test_no_warnings_sees_a_symptom_the_grader_relabelled():
    # how autograder.remote re-raises a warning of the student's kernel in the grader
    with pytest.raises(CheckFailure, match="overflow encountered in exp"):
        with no_warnings("sigmoid"):
            warnings.warn("sigmoid(z): overflow encountered in exp", RuntimeWarning)


def test_no_warnings_harmless_underflow(capfd):
    with no_warnings():
        y = np.exp(np.array([-1000.0, 0.0]))
    assert y[0] == 0.0 and y[1] == 1.0
    assert capfd.readouterr().err == ""


def test_no_warnings_clean_code(capfd):
    with no_warnings():
        y = np.exp(np.array([1.0, 2.0]))
    assert np.allclose(y, [np.e, np.e ** 2])
    assert capfd.readouterr().err == ""


def test_no_warnings_restores_numpy_error_state():
    before = np.geterr()
    with np.errstate(over="ignore"):
        inner = np.geterr()
        with no_warnings():
            pass
        assert np.geterr() == inner
    assert np.geterr() == before


def test_no_warnings_lets_exceptions_through():
    with pytest.raises(KeyError):
        with no_warnings():
            raise KeyError("k")
