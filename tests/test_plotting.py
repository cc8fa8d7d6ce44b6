import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from paths import REPO_ROOT

from hwlib import plotting as P  # noqa: E402

RED = mcolors.to_rgba("tab:red")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def history(n=5, keys=P.HISTORY_KEYS):
    rng = np.random.default_rng(0)
    return {k: list(rng.random(n)) for k in keys}


def assert_labelled(ax):
    assert ax.get_title(), "axes has no title"
    assert ax.get_xlabel(), "axes has no x label"
    assert ax.get_ylabel(), "axes has no y label"


def test_import_is_lazy():
    code = ("import sys, hwlib.plotting; "
            "assert not {'matplotlib', 'torch', 'tensorflow'} & set(sys.modules), sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)


def test_class_names():
    assert len(P.FASHION_CLASSES) == 10 and len(P.MNIST_CLASSES) == 10
    assert P.FASHION_CLASSES[0] == "T-shirt/top" and P.FASHION_CLASSES[9] == "Ankle boot"
    assert P.MNIST_CLASSES[3] == "3"


# ---------------------------------------------------------------- history


def test_plot_history_layout_and_percent():
    h = {"train_loss": [1.0, 0.5, 0.25], "val_loss": [1.2, 0.7, 0.4],
         "train_acc": [0.5, 0.7, 0.9], "val_acc": [0.4, 0.6, 0.8]}
    fig = P.plot_history(h, title="run A")
    assert isinstance(fig, Figure)
    assert fig.get_suptitle() == "run A"
    ax_loss, ax_acc = fig.axes
    for ax in fig.axes:
        assert_labelled(ax)
    assert "loss" in ax_loss.get_title().lower()
    assert "acc" in ax_acc.get_title().lower()
    assert len(ax_loss.get_lines()) == 2 and len(ax_acc.get_lines()) == 2
    np.testing.assert_allclose(ax_loss.get_lines()[0].get_ydata(), [1.0, 0.5, 0.25])
    np.testing.assert_allclose(ax_acc.get_lines()[1].get_ydata(), [40, 60, 80])
    np.testing.assert_array_equal(ax_acc.get_lines()[0].get_xdata(), [1, 2, 3])
    assert "%" in ax_acc.get_ylabel()


def test_plot_history_partial_keys():
    fig = P.plot_history({"train_loss": [3.0, 2.0]})
    assert len(fig.axes) == 2
    assert fig.get_suptitle()
    assert len(fig.axes[0].get_lines()) == 1
    assert len(fig.axes[1].get_lines()) == 0
    assert any("no acc" in t.get_text() for t in fig.axes[1].texts)


def test_plot_history_errors():
    with pytest.raises(ValueError, match="none of the expected keys.*train_loss.*val_acc"):
        P.plot_history({"loss": [1, 2]})
    with pytest.raises(ValueError, match="same length.*'train_loss': 3.*'val_loss': 2"):
        P.plot_history({"train_loss": [1, 2, 3], "val_loss": [1, 2]})
    with pytest.raises(ValueError, match="fractions in \\[0, 1\\].*divide them by 100"):
        P.plot_history({"val_acc": [50.0, 80.0]})
    with pytest.raises(ValueError, match="empty"):
        P.plot_history({"train_loss": []})
    assert plt.get_fignums() == [], "a failed call must not leave a figure behind"


# ------------------------------------------------------------------- runs


def test_plot_runs_lines_and_legend():
    runs = {"lr=0.1": history(4), "lr=0.01": history(6), "lr=0.001": history(5)}
    fig = P.plot_runs(runs, metric="val_acc")
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert_labelled(ax)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["lr=0.1", "lr=0.01", "lr=0.001"]
    assert [len(line.get_xdata()) for line in lines] == [4, 6, 5]
    np.testing.assert_allclose(lines[1].get_ydata(), 100 * np.array(runs["lr=0.01"]["val_acc"]))
    legend_texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend_texts == ["lr=0.1", "lr=0.01", "lr=0.001"]


def test_plot_runs_loss_not_scaled():
    fig = P.plot_runs({"a": {"val_loss": [2.0, 1.0]}}, metric="val_loss")
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), [2.0, 1.0])
    assert "%" not in fig.axes[0].get_ylabel()


def test_plot_runs_errors():
    with pytest.raises(ValueError, match="non-empty dict"):
        P.plot_runs({})
    with pytest.raises(ValueError, match=r"'val_acc' is missing from run\(s\) \['b'\].*train_loss"):
        P.plot_runs({"a": {"val_acc": [0.5]}, "b": {"train_loss": [1.0]}})


# ------------------------------------------------------------- confusion


def test_confusion_matrix_counts_annotated():
    cm = np.array([[5, 1, 0], [2, 3, 1], [0, 0, 4]])
    fig = P.plot_confusion_matrix(cm, class_names=["a", "b", "c"])
    assert len(fig.axes) == 2  # matrix + colorbar
    ax = fig.axes[0]
    assert_labelled(ax)
    np.testing.assert_array_equal(ax.images[0].get_array(), cm)
    assert [t.get_text() for t in ax.texts] == [str(v) for v in cm.ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]


def test_confusion_matrix_normalized_rows_sum_to_one():
    cm = np.array([[5, 1, 0], [2, 3, 1], [0, 0, 4]])
    fig = P.plot_confusion_matrix(cm, normalize=True)
    ax = fig.axes[0]
    shown = np.asarray(ax.images[0].get_array())
    np.testing.assert_allclose(shown.sum(axis=1), 1.0)
    np.testing.assert_allclose(shown[1], [2 / 6, 3 / 6, 1 / 6])
    assert ax.texts[3].get_text() == "0.33"
    assert "normalised" in ax.get_title()


def test_confusion_matrix_empty_row_stays_zero():
    cm = np.array([[2, 0], [0, 0]])
    shown = np.asarray(P.plot_confusion_matrix(cm, normalize=True).axes[0].images[0].get_array())
    np.testing.assert_array_equal(shown, [[1.0, 0.0], [0.0, 0.0]])


def test_confusion_matrix_errors():
    with pytest.raises(ValueError, match="square"):
        P.plot_confusion_matrix(np.ones((2, 3), dtype=int))
    with pytest.raises(ValueError, match="class_names has 2 entries but cm is 3x3"):
        P.plot_confusion_matrix(np.eye(3, dtype=int), class_names=["a", "b"])
    with pytest.raises(ValueError, match="non-negative"):
        P.plot_confusion_matrix(-np.eye(2, dtype=int))


# ------------------------------------------------------------------ images


def test_image_grid_flat_images_and_red_wrong_titles():
    images = np.random.default_rng(0).random((10, 784))
    y_true = np.arange(10) % 10
    y_pred = y_true.copy()
    y_pred[[2, 7]] = [5, 0]
    fig = P.plot_image_grid(images, y_true, y_pred, ncols=4)
    assert fig.get_suptitle()
    assert len(fig.axes) == 10  # unused grid cells are removed
    assert all(len(ax.images) == 1 for ax in fig.axes)
    assert fig.axes[0].images[0].get_array().shape == (28, 28)
    titles = [ax.title for ax in fig.axes]
    assert titles[2].get_text() == "t=2 p=5"
    assert titles[3].get_text() == "t=3 p=3"
    red = [k for k, t in enumerate(titles) if mcolors.to_rgba(t.get_color()) == RED]
    assert red == [2, 7]


def test_image_grid_class_names_and_shapes():
    images = np.zeros((3, 1, 28, 28))
    fig = P.plot_image_grid(images, true_labels=[0, 9, 4], class_names=P.FASHION_CLASSES)
    assert [ax.get_title() for ax in fig.axes] == ["T-shirt/top", "Ankle boot", "Coat"]
    fig = P.plot_image_grid(np.zeros((2, 28, 28)))
    assert len(fig.axes) == 2 and fig.get_suptitle()


def test_image_grid_errors():
    with pytest.raises(ValueError, match="square number of pixels"):
        P.plot_image_grid(np.zeros((2, 780)))
    with pytest.raises(ValueError, match=r"shape \(N, H, W\)"):
        P.plot_image_grid(np.zeros((2, 3, 4, 5)))
    with pytest.raises(ValueError, match="true_labels has 1 entries but there are 2 images"):
        P.plot_image_grid(np.zeros((2, 784)), true_labels=[1])
    with pytest.raises(ValueError, match="argmax"):
        P.plot_image_grid(np.zeros((2, 784)), pred_labels=np.zeros((2, 10)))
    with pytest.raises(ValueError, match="label 12 is out of range for 10 class_names"):
        P.plot_image_grid(np.zeros((1, 784)), true_labels=[12], class_names=P.MNIST_CLASSES)
    with pytest.raises(ValueError, match="ncols must be a positive integer"):
        P.plot_image_grid(np.zeros((1, 784)), ncols=0)
    assert plt.get_fignums() == []


def test_plot_misclassified_picks_wrong_ones():
    images = np.stack([np.full((28, 28), k, dtype=float) for k in range(6)])
    y_true = np.array([0, 1, 2, 3, 4, 5])
    y_pred = np.array([0, 2, 2, 1, 4, 0])
    fig = P.plot_misclassified(images, y_true, y_pred, max_images=2)
    assert fig.get_suptitle()
    assert len(fig.axes) == 2
    # The images shown are the first two misclassified ones (indices 1 and 3).
    assert [ax.images[0].get_array()[0, 0] for ax in fig.axes] == [1.0, 3.0]
    assert [ax.get_title() for ax in fig.axes] == ["t=1 p=2", "t=3 p=1"]
    assert all(mcolors.to_rgba(ax.title.get_color()) == RED for ax in fig.axes)


def test_plot_misclassified_none():
    y = np.array([1, 2, 3])
    fig = P.plot_misclassified(np.zeros((3, 784)), y, y)
    assert isinstance(fig, Figure) and fig.get_suptitle()
    assert len(fig.axes) == 1 and not fig.axes[0].images
    assert [t.get_text() for t in fig.axes[0].texts] == ["no misclassified examples"]


# ----------------------------------------------------------- probabilities


def test_class_probabilities():
    probs = np.array([0.1, 0.6, 0.3])
    fig = P.plot_class_probabilities(np.zeros(784), probs, class_names=["a", "b", "c"],
                                     true_label=2)
    assert fig.get_suptitle()
    ax_img, ax_bar = fig.axes
    assert len(ax_img.images) == 1 and "true: c" in ax_img.get_title()
    assert_labelled(ax_bar)
    bars = ax_bar.patches
    assert len(bars) == 3
    np.testing.assert_allclose([b.get_width() for b in bars], probs)
    assert "b" in ax_bar.get_title() and "60.0%" in ax_bar.get_title()
    colors = [mcolors.to_rgba(b.get_facecolor()) for b in bars]
    assert colors[1] == RED  # predicted "b" but true is "c"
    assert colors[0] == colors[2] != colors[1]
    assert [t.get_text() for t in ax_bar.get_yticklabels()] == ["a", "b", "c"]


def test_class_probabilities_correct_prediction_not_red():
    fig = P.plot_class_probabilities(np.zeros((28, 28)), [0.2, 0.8], true_label=1)
    bars = fig.axes[1].patches
    assert mcolors.to_rgba(bars[1].get_facecolor()) != RED
    assert bars[1].get_facecolor() != bars[0].get_facecolor()


def test_class_probabilities_errors():
    with pytest.raises(ValueError, match="sum to ~1.*softmax"):
        P.plot_class_probabilities(np.zeros(784), [2.0, -1.0, 3.0])
    with pytest.raises(ValueError, match="sum to ~1"):
        P.plot_class_probabilities(np.zeros(784), [0.2, 0.2])
    with pytest.raises(ValueError, match="1-D"):
        P.plot_class_probabilities(np.zeros(784), np.full((2, 2), 0.25))
    with pytest.raises(ValueError, match="class_names has 2 entries but probs has 3"):
        P.plot_class_probabilities(np.zeros(784), [0.2, 0.3, 0.5], class_names=["a", "b"])
    assert plt.get_fignums() == []


# ------------------------------------------------------------- layer stats


def test_layer_stats():
    stats = {"activation variance": [1.0, 0.5, 0.25, 0.125],
             "gradient variance": [0.01, 0.1, 1.0, 10.0]}
    fig = P.plot_layer_stats(stats)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert_labelled(ax)
    assert ax.get_yscale() == "log"
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == list(stats)
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3, 4])
    np.testing.assert_allclose(lines[1].get_ydata(), stats["gradient variance"])


def test_layer_stats_linear_and_errors():
    fig = P.plot_layer_stats({"mean": [-1.0, 0.0, 1.0]}, log=False)
    assert fig.axes[0].get_yscale() == "linear"
    with pytest.raises(ValueError, match="<= 0.*log=False"):
        P.plot_layer_stats({"mean": [-1.0, 0.0, 1.0]})
    with pytest.raises(ValueError, match="non-empty dict"):
        P.plot_layer_stats({})
    with pytest.raises(ValueError, match="empty"):
        P.plot_layer_stats({"x": []})


def test_plot_confusion_draws_the_counts_from_labels():
    from hwlib.plotting import plot_confusion

    fig = plot_confusion([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], 3, title="t")
    shown = fig.axes[0].images[0].get_array()
    assert np.array_equal(np.asarray(shown), [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert fig.axes[0].get_title() == "t"
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        plot_confusion([0, 3], [0, 1], 3)
