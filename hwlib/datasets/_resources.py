"""Where each dataset's files come from and what they must hash to.

Mirrors are tried in order; every file is verified by its md5 (the md5s published in
torchvision's ``MNIST.resources`` / ``FashionMNIST.resources``).
"""
from dataclasses import dataclass

SPLITS = ("train", "test")


@dataclass(frozen=True)
class Resource:
    """One IDX ``.gz`` file: its name and md5."""

    filename: str
    md5: str


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset: its folder name under ``$HWLIB_DATA``, files, mirrors and statistics."""

    name: str
    folder: str
    files: dict  # (split, "images" | "labels") -> Resource
    mirrors: tuple
    mean: float
    std: float
    license: str


def _files(md5s):
    names = {
        ("train", "images"): "train-images-idx3-ubyte.gz",
        ("train", "labels"): "train-labels-idx1-ubyte.gz",
        ("test", "images"): "t10k-images-idx3-ubyte.gz",
        ("test", "labels"): "t10k-labels-idx1-ubyte.gz",
    }
    return {key: Resource(names[key], md5s[key]) for key in names}


MNIST = DatasetSpec(
    name="mnist",
    folder="mnist",
    files=_files({
        ("train", "images"): "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        ("train", "labels"): "d53e105ee54ea40749a09fcbcd1e9432",
        ("test", "images"): "9fb629c4189551a2d022fa330f9573f3",
        ("test", "labels"): "ec29112dd5afa0611ce80d1b7f02629c",
    }),
    mirrors=(
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ),
    mean=0.1307,
    std=0.3081,
    license="Y. LeCun, C. Cortes, C. J. C. Burges; no licence stated by the authors",
)

FASHION_MNIST = DatasetSpec(
    name="fashion-mnist",
    folder="fashion-mnist",
    files=_files({
        ("train", "images"): "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        ("train", "labels"): "25c81989df183df01b3e8a0aad5dffbe",
        ("test", "images"): "bef4ecab320f06d8554ea6380940ec79",
        ("test", "labels"): "bb300cfdad3c16e7a12a480ee83cd310",
    }),
    mirrors=("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
    mean=0.2860,
    std=0.3530,
    license="(c) 2017 Zalando SE, MIT licence",
)

SPECS = {spec.name: spec for spec in (MNIST, FASHION_MNIST)}
