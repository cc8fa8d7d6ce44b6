"""Plotting helpers for the course notebooks.

Every function returns the matplotlib ``Figure`` it drew. Figures are created
through pyplot, so they use whatever backend is active (inline in Jupyter,
a window in scripts, Agg in tests). In a notebook, end the call with ``;`` or
assign the result to avoid the figure being shown twice; in loops, close
figures you no longer need with ``plt.close(fig)``.

matplotlib is imported lazily, so ``import hwlib.plotting`` stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, SupportsFloat, TypeAlias, overload

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# One value per epoch (or per layer): a list, a 1-D array, or scalar tensors.
Series: TypeAlias = Iterable[SupportsFloat]

FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
MNIST_CLASSES = tuple(str(digit) for digit in range(10))

HISTORY_KEYS = ("train_loss", "val_loss", "train_acc", "val_acc")
_METRIC_LABELS = {
    "train_loss": "training loss",
    "val_loss": "validation loss",
    "train_acc": "training accuracy (%)",
    "val_acc": "validation accuracy (%)",
}
_WRONG_COLOR = "tab:red"


# ----------------------------------------------------------------- helpers


def _new_figure(nrows=1, ncols=1, figsize=None):
    """Create a pyplot figure (active backend) and a 2-D array of axes."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        nrows, ncols, figsize=figsize, squeeze=False, layout="constrained"
    )
    return fig, axes


def _to_numpy(x: object) -> np.ndarray:
    """Array from lists, numpy, torch or tensorflow tensors (without importing them)."""
    if hasattr(x, "detach"):  # torch.Tensor
        x = x.detach().cpu().numpy()
    elif hasattr(x, "numpy") and not isinstance(x, np.ndarray):  # tf.Tensor
        x = x.numpy()
    return np.asarray(x)


def _as_series(values: Series, name: str) -> np.ndarray:
    """1-D float array from a per-epoch list."""
    try:
        arr = np.array([float(v) for v in values], dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(
            f"{name!r} must be a list of numbers (one per epoch); got {values!r:.80}"
        ) from err
    return arr


def _is_accuracy(metric):
    return str(metric).endswith("acc")


def _check_fraction(values, name):
    """Accuracies are stored as fractions; plots convert them to %."""
    finite = values[np.isfinite(values)]
    if finite.size and (finite.min() < 0 or finite.max() > 1):
        raise ValueError(
            f"{name!r} must hold accuracies as fractions in [0, 1] "
            f"(they are shown in %); got values in [{finite.min():g}, {finite.max():g}]. "
            "If you stored percentages, divide them by 100."
        )


def _label_name(label, class_names):
    label = int(label)
    if class_names is None:
        return str(label)
    if not 0 <= label < len(class_names):
        raise ValueError(
            f"label {label} is out of range for {len(class_names)} class_names; "
            "pass class_names with one entry per class."
        )
    return str(class_names[label])


@overload
def _as_labels(labels: None, n: int, name: str) -> None: ...


@overload
def _as_labels(labels: npt.ArrayLike, n: int, name: str) -> np.ndarray: ...


def _as_labels(labels: npt.ArrayLike | None, n: int, name: str) -> np.ndarray | None:
    """1-D int array of length n (or None)."""
    if labels is None:
        return None
    arr = _to_numpy(labels)
    if arr.ndim != 1:
        hint = " (for scores/probabilities use .argmax(1))" if arr.ndim == 2 else ""
        raise ValueError(
            f"{name} must be class indices of shape (N,); got shape {arr.shape}{hint}."
        )
    if len(arr) != n:
        raise ValueError(f"{name} has {len(arr)} entries but there are {n} images.")
    return arr.astype(int)


def _as_images(images: npt.ArrayLike) -> np.ndarray:
    """(N, H, W) array from (N, H, W), (N, H*W), (N, 1, H, W) or (N, H, W, 1)."""
    arr = _to_numpy(images)
    if arr.ndim == 4 and 1 in (arr.shape[1], arr.shape[-1]):
        arr = arr.squeeze(axis=1 if arr.shape[1] == 1 else -1)
    if arr.ndim == 2:
        side = math.isqrt(arr.shape[1])
        if side * side != arr.shape[1]:
            raise ValueError(
                f"flat images must have a square number of pixels (e.g. 784 = 28*28); "
                f"got {arr.shape[1]} per image."
            )
        arr = arr.reshape(len(arr), side, side)
    if arr.ndim != 3:
        raise ValueError(
            f"images must have shape (N, H, W) or (N, H*W), e.g. (N, 28, 28) or "
            f"(N, 784); got shape {arr.shape}."
        )
    if len(arr) == 0:
        raise ValueError("images is empty; pass at least one image.")
    return arr


def _as_image(image: npt.ArrayLike) -> np.ndarray:
    """(H, W) array from (H, W), (H*W,), (1, H, W) or (H, W, 1)."""
    arr = _to_numpy(image)
    return _as_images(arr[None])[0]


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}.")


def _show_image(ax, img):
    ax.imshow(img, cmap="gray")
    ax.set_xticks([])
    ax.set_yticks([])


# ------------------------------------------------------------------ public


def plot_history(history: Mapping[str, Series], title: str | None = None) -> Figure:
    """Loss (left) and accuracy in % (right) per epoch of one training run.

    history: dict with any of train_loss, val_loss, train_acc, val_acc, each a
    list of length E (one value per epoch; accuracies as fractions in [0, 1]).
    Returns a Figure with 2 axes.
    """
    if not isinstance(history, Mapping):
        raise ValueError(
            f"history must be a dict with keys among {HISTORY_KEYS}; "
            f"got {type(history).__name__}."
        )
    series = {k: _as_series(history[k], k) for k in HISTORY_KEYS if k in history}
    if not series:
        raise ValueError(
            f"history has none of the expected keys {HISTORY_KEYS}; "
            f"got keys {sorted(map(str, history))}."
        )
    lengths = {k: len(v) for k, v in series.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(
            f"history lists must have the same length (one value per epoch); "
            f"got lengths {lengths}."
        )
    n_epochs = next(iter(lengths.values()))
    if n_epochs == 0:
        raise ValueError("history lists are empty; train for at least one epoch.")
    for key, values in series.items():
        if _is_accuracy(key):
            _check_fraction(values, key)

    epochs = np.arange(1, n_epochs + 1)
    marker = "o" if n_epochs <= 30 else None
    fig, axes = _new_figure(1, 2, figsize=(11, 4))
    ax_loss, ax_acc = axes[0]
    for ax, kind in ((ax_loss, "loss"), (ax_acc, "acc")):
        keys = [k for k in series if k.endswith(kind)]
        for key in keys:
            values = 100 * series[key] if kind == "acc" else series[key]
            split = "training" if key.startswith("train") else "validation"
            ax.plot(epochs, values, marker=marker, label=split)
        if keys:
            ax.legend()
        else:
            ax.text(0.5, 0.5, f"no {kind} recorded", ha="center", va="center",
                    transform=ax.transAxes, color="gray")
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
    ax_loss.set(title="Loss", ylabel="loss")
    ax_acc.set(title="Accuracy", ylabel="accuracy (%)")
    _integer_xticks(ax_loss, ax_acc)
    fig.suptitle(title or "Training history")
    return fig


def _integer_xticks(*axes):
    from matplotlib.ticker import MaxNLocator

    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def plot_runs(runs: Mapping[str, Mapping[str, Series]], metric: str = "val_acc",
              title: str | None = None) -> Figure:
    """One metric per epoch for several runs overlaid (LR / batch size / dropout sweeps).

    runs: dict label -> history dict (see plot_history); each history needs
    `metric`, a list of length E (runs may have different E). Accuracy
    metrics (names ending in "acc") are fractions, shown in %.
    Returns a Figure with 1 axes and one line per run.
    """
    if not isinstance(runs, Mapping) or not runs:
        raise ValueError(
            "runs must be a non-empty dict label -> history dict, e.g. "
            "{'lr=0.1': history_a, 'lr=0.01': history_b}."
        )
    missing = [str(label) for label, h in runs.items()
               if not isinstance(h, Mapping) or metric not in h]
    if missing:
        available = sorted({str(k) for h in runs.values() if isinstance(h, Mapping) for k in h})
        raise ValueError(
            f"metric {metric!r} is missing from run(s) {missing}; "
            f"available metrics: {available}."
        )

    curves = {}
    for label, history in runs.items():
        values = _as_series(history[metric], f"{label}: {metric}")
        if _is_accuracy(metric):
            _check_fraction(values, f"{label}: {metric}")
            values = 100 * values
        curves[label] = values

    fig, axes = _new_figure(figsize=(7, 4.5))
    ax = axes[0, 0]
    for label, values in curves.items():
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, marker="o" if len(values) <= 30 else None,
                label=str(label))
    ylabel = _METRIC_LABELS.get(
        metric, f"{metric} (%)" if _is_accuracy(metric) else str(metric))
    default = ylabel.removesuffix(" (%)").capitalize() + " per run"
    ax.set(xlabel="epoch", ylabel=ylabel, title=title or default)
    ax.grid(alpha=0.3)
    ax.legend()
    _integer_xticks(ax)
    return fig


def plot_confusion_matrix(cm: npt.ArrayLike, class_names: Sequence[str] | None = None,
                          normalize: bool = False, title: str | None = None) -> Figure:
    """Annotated confusion matrix; rows = true class, columns = predicted class.

    cm: (C, C) non-negative counts. normalize=True shows each row divided by
    its sum (fraction of that true class; all-zero rows stay 0).
    Returns a Figure with 2 axes (matrix and colorbar).
    """
    cm = _to_numpy(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] == 0:
        raise ValueError(f"cm must be a square (C, C) array of counts; got shape {cm.shape}.")
    if not np.issubdtype(cm.dtype, np.number) or (cm < 0).any():
        raise ValueError("cm must contain non-negative counts.")
    n = cm.shape[0]
    if class_names is not None and len(class_names) != n:
        raise ValueError(
            f"class_names has {len(class_names)} entries but cm is {n}x{n}; "
            "pass one name per class."
        )
    names = [str(c) for c in class_names] if class_names is not None else [str(i) for i in range(n)]

    if normalize:
        row_sums = cm.sum(axis=1, keepdims=True).astype(float)
        # A class absent from the labels would give 0/0; show its row as zeros.
        shown = np.divide(cm, row_sums, out=np.zeros(cm.shape, dtype=float), where=row_sums > 0)
        fmt, vmax = "{:.2f}", 1.0
    else:
        shown = cm
        fmt, vmax = ("{:d}" if np.issubdtype(cm.dtype, np.integer) else "{:g}"), None

    size = max(4.5, 0.6 * n + 2)
    fig, axes = _new_figure(figsize=(size + 1, size))
    ax = axes[0, 0]
    im = ax.imshow(shown, cmap="Blues", vmin=0, vmax=vmax)
    fig.colorbar(im, ax=ax, label="fraction of true class" if normalize else "count")
    threshold = (shown.max() if shown.size else 0) / 2
    fontsize = 9 if n <= 12 else 6
    for i in range(n):
        for j in range(n):
            ax.text(j, i, fmt.format(shown[i, j]), ha="center", va="center",
                    fontsize=fontsize, color="white" if shown[i, j] > threshold else "black")
    ax.set_xticks(range(n), names, rotation=45 if class_names is not None else 0,
                  ha="right" if class_names is not None else "center")
    ax.set_yticks(range(n), names)
    default = "Confusion matrix" + (" (row-normalised)" if normalize else "")
    ax.set(xlabel="predicted label", ylabel="true label", title=title or default)
    return fig


def plot_confusion(y_true: npt.ArrayLike, y_pred: npt.ArrayLike, n_classes: int,
                   class_names: Sequence[str] | None = None, normalize: bool = False,
                   title: str | None = None) -> Figure:
    """The confusion matrix of predictions, drawn straight from the labels.

    y_true, y_pred: (N,) integer labels in ``[0, n_classes)``. Draws what
    :func:`plot_confusion_matrix` draws (rows = true class); the counts themselves are
    not returned (hw3 has you write ``confusion_matrix``). Returns the Figure.
    """
    y_true = _as_labels(y_true, len(np.ravel(_to_numpy(y_true))), "y_true")
    y_pred = _as_labels(y_pred, len(y_true), "y_pred")
    _check_positive_int(n_classes, "n_classes")
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0
                        or max(y_true.max(), y_pred.max()) >= n_classes):
        raise ValueError(f"labels must lie in [0, {n_classes}); got values from "
                         f"{min(y_true.min(), y_pred.min())} to {max(y_true.max(), y_pred.max())}.")
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t in range(n_classes):
        counts[t] = np.bincount(y_pred[y_true == t], minlength=n_classes)
    return plot_confusion_matrix(counts, class_names=class_names, normalize=normalize, title=title)


def plot_image_grid(images: npt.ArrayLike, true_labels: npt.ArrayLike | None = None,
                    pred_labels: npt.ArrayLike | None = None,
                    class_names: Sequence[str] | None = None, ncols: int = 8,
                    title: str | None = None) -> Figure:
    """Grid of grayscale images, optionally titled with labels.

    images: (N, H, W) or (N, H*W) (e.g. (N, 28, 28) or (N, 784)).
    true_labels / pred_labels: (N,) class indices. With both, each image is
    titled "t=3 p=5"; wrong predictions in red.
    Returns a Figure with N axes (one per image) and a suptitle.
    """
    imgs = _as_images(images)
    n = len(imgs)
    true_labels = _as_labels(true_labels, n, "true_labels")
    pred_labels = _as_labels(pred_labels, n, "pred_labels")
    _check_positive_int(ncols, "ncols")

    # Resolve all titles first so a bad label raises before a figure is created.
    captions = []
    for k in range(n):
        parts, color = [], "black"
        if true_labels is not None:
            t = _label_name(true_labels[k], class_names)
            parts.append(f"t={t}" if pred_labels is not None else t)
        if pred_labels is not None:
            parts.append(f"p={_label_name(pred_labels[k], class_names)}")
            if true_labels is not None and true_labels[k] != pred_labels[k]:
                color = _WRONG_COLOR
        captions.append((parts, color))

    ncols = min(int(ncols), n)
    nrows = math.ceil(n / ncols)
    # Class names are long, so put "t=" and "p=" on separate lines.
    sep = "\n" if class_names is not None else " "
    row_height = 1.75 if class_names is not None and pred_labels is not None else 1.5
    fig, axes = _new_figure(nrows, ncols, figsize=(1.4 * ncols, row_height * nrows + 0.5))
    for k, ax in enumerate(axes.flat):
        if k >= n:
            fig.delaxes(ax)
            continue
        _show_image(ax, imgs[k])
        parts, color = captions[k]
        if parts:
            ax.set_title(sep.join(parts), color=color, fontsize=8)
    if title is None:
        title = ("Predictions (t = true, p = predicted, red = wrong)"
                 if true_labels is not None and pred_labels is not None else f"{n} images")
    fig.suptitle(title)
    return fig


def plot_misclassified(images: npt.ArrayLike, y_true: npt.ArrayLike, y_pred: npt.ArrayLike,
                       class_names: Sequence[str] | None = None, max_images: int = 32,
                       title: str | None = None) -> Figure:
    """Grid of the first `max_images` misclassified images (see plot_image_grid).

    images: (N, H, W) or (N, H*W); y_true, y_pred: (N,) class indices.
    If nothing is misclassified, returns a Figure with one axes saying so.
    """
    imgs = _as_images(images)
    y_true = _as_labels(y_true, len(imgs), "y_true")
    y_pred = _as_labels(y_pred, len(imgs), "y_pred")
    _check_positive_int(max_images, "max_images")
    wrong = np.flatnonzero(y_true != y_pred)
    if len(wrong) == 0:
        fig, axes = _new_figure(figsize=(5, 2))
        ax = axes[0, 0]
        ax.text(0.5, 0.5, "no misclassified examples", ha="center", va="center",
                fontsize=12, transform=ax.transAxes)
        ax.set_axis_off()
        fig.suptitle(title or f"Misclassified examples (0 of {len(imgs)})")
        return fig
    shown = wrong[:max_images]
    default = (f"Misclassified examples: {len(shown)} shown, "
               f"{len(wrong)} of {len(imgs)} wrong (t = true, p = predicted)")
    return plot_image_grid(imgs[shown], y_true[shown], y_pred[shown],
                           class_names=class_names, title=title or default)


def plot_class_probabilities(image: npt.ArrayLike, probs: npt.ArrayLike,
                             class_names: Sequence[str] | None = None,
                             true_label: int | None = None, title: str | None = None) -> Figure:
    """One image (left) and its predicted class probabilities as bars (right).

    image: (H, W) or (H*W,). probs: (C,) probabilities summing to 1 (apply
    softmax to logits first). The predicted (argmax) class bar is coloured,
    red if it differs from true_label. Returns a Figure with 2 axes.
    """
    img = _as_image(image)
    p = _to_numpy(probs).astype(float)
    if p.ndim != 1 or len(p) == 0:
        raise ValueError(f"probs must be a 1-D vector of length C; got shape {p.shape}.")
    if not np.isfinite(p).all() or (p < -1e-6).any() or not np.isclose(p.sum(), 1.0, atol=1e-3):
        raise ValueError(
            f"probs must be non-negative and sum to ~1; they sum to {p.sum():.4g} "
            f"(min {p.min():.4g}). If these are logits, apply softmax first."
        )
    n = len(p)
    if class_names is not None and len(class_names) != n:
        raise ValueError(
            f"class_names has {len(class_names)} entries but probs has {n}; "
            "pass one name per class."
        )
    names = [_label_name(i, class_names) for i in range(n)]
    pred = int(np.argmax(p))
    true_name = None if true_label is None else _label_name(true_label, names)
    wrong = true_label is not None and int(true_label) != pred

    fig, axes = _new_figure(1, 2, figsize=(9, max(3.5, 0.35 * n + 1)))
    ax_img, ax_bar = axes[0]
    _show_image(ax_img, img)
    ax_img.set_title("input" if true_name is None else f"input (true: {true_name})")

    colors = ["lightgray"] * n
    colors[pred] = _WRONG_COLOR if wrong else "tab:blue"
    ax_bar.barh(range(n), p, color=colors)
    ax_bar.set_yticks(range(n), names)
    ax_bar.invert_yaxis()  # class 0 on top, like a list
    ax_bar.set_xlim(0, 1)
    ax_bar.set(xlabel="probability", ylabel="class",
               title=f"predicted: {names[pred]} ({p[pred]:.1%})")
    ax_bar.grid(axis="x", alpha=0.3)
    fig.suptitle(title or "Class probabilities")
    return fig


def plot_layer_stats(stats: Mapping[str, Series], title: str | None = None,
                     log: bool = True) -> Figure:
    """Per-layer statistics (e.g. activation / gradient variance), one line each.

    stats: dict name -> list of L values (layer 1..L). With log=True the y axis
    is log-scale and all values must be > 0. Returns a Figure with 1 axes.
    """
    if not isinstance(stats, Mapping) or not stats:
        raise ValueError(
            "stats must be a non-empty dict name -> list of per-layer values, "
            "e.g. {'activation variance': [1.0, 0.5, 0.25]}."
        )
    series = {str(name): _as_series(values, str(name)) for name, values in stats.items()}
    for name, values in series.items():
        if len(values) == 0:
            raise ValueError(f"stats[{name!r}] is empty; give one value per layer.")
        if log and (values[np.isfinite(values)] <= 0).any():
            raise ValueError(
                f"stats[{name!r}] has values <= 0, which a log scale cannot show; "
                "pass log=False."
            )

    fig, axes = _new_figure(figsize=(7, 4.5))
    ax = axes[0, 0]
    for name, values in series.items():
        layers = np.arange(1, len(values) + 1)
        ax.plot(layers, values, marker="o" if len(values) <= 50 else None, label=name)
    if log:
        ax.set_yscale("log")
    ylabel = next(iter(series)) if len(series) == 1 else "value"
    ax.set(xlabel="layer", ylabel=ylabel + (" (log scale)" if log else ""),
           title=title or "Per-layer statistics")
    ax.grid(alpha=0.3, which="both" if log else "major")
    ax.legend()
    _integer_xticks(ax)
    return fig
