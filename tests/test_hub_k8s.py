"""Issue 23.5: the Kubernetes deployment's values and image definition.

deploy/k8s/values.yaml, merged with the chart's defaults as Helm merges them, must validate
against zero-to-jupyterhub's values schema (chart 4.4.0, vendored in tests/fixtures/z2jh/
with its provenance); the image is built from requirements/lock.txt and never holds source/
or the mutant bank; every student pod mounts only its own part of the exchange.
"""
import copy

import pytest
from paths import REPO_ROOT

FIX = REPO_ROOT / "tests" / "fixtures" / "z2jh"
K8S = REPO_ROOT / "deploy" / "k8s"
yaml = pytest.importorskip("yaml")
jsonschema = pytest.importorskip("jsonschema")


def merged(defaults, values):
    """Helm's merge of a chart's values with a deployment's: maps deep, the rest replaced."""
    out = copy.deepcopy(defaults)
    for k, v in values.items():
        out[k] = merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load(path):
    return yaml.safe_load(path.read_text())


def test_values_validate_against_the_charts_schema():
    schema = load(FIX / "values.schema.yaml")
    values = merged(load(FIX / "chart-values.yaml"), load(K8S / "values.yaml"))
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(values), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_the_schema_catches_a_typo():
    schema = load(FIX / "values.schema.yaml")
    bad = merged(load(FIX / "chart-values.yaml"), load(K8S / "values.yaml"))
    bad["singleuser"]["storage"]["extraVolumeMount"] = []    # singular: not a chart key
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_students_mount_only_their_own_exchange():
    su = load(K8S / "values.yaml")["singleuser"]
    mounts = {m["mountPath"]: m for m in su["storage"]["extraVolumeMounts"] if m["name"] == "nbgrader-exchange"}
    assert mounts["/srv/nbgrader/exchange/released"]["readOnly"] is True
    own = mounts["/srv/nbgrader/exchange/students/{username}"]
    assert own["subPath"] == "students/{username}" and not own.get("readOnly")
    assert len(mounts) == 2, "a student pod must not mount the whole exchange"
    hub = load(K8S / "values.yaml")["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == "nativeauthenticator.NativeAuthenticator"
    assert hub["NativeAuthenticator"]["open_signup"] is False     # instructors approve sign-ups
    config = (K8S / "nbgrader_config.py").read_text()
    assert "/srv/nbgrader/exchange/students" in config and "JUPYTERHUB_USER" in config


def test_image_is_built_from_the_lock_without_secrets():
    docker = (K8S / "Dockerfile").read_text()
    ignore = [ln.strip() for ln in (K8S / "Dockerfile.dockerignore").read_text().splitlines()
              if ln.strip() and not ln.startswith("#")]
    copies = [line.split()[1] for line in docker.splitlines() if line.startswith("COPY ")]
    assert "requirements/lock.txt" in copies
    assert "-c requirements/lock.txt" in docker and "pip check" in docker
    assert not any(c.startswith(("source", "tests", ".git", "submitted", "autograded", "feedback"))
                   for c in copies), copies
    assert ignore[0] == "*" and "!source/" not in ignore and "course/mutants" in ignore
    assert "jupyterhub-singleuser" in docker
    lock = (REPO_ROOT / "requirements" / "lock.txt").read_text().split()
    assert any(p.startswith("jupyterhub==") for p in lock) and any(p.startswith("nbgrader==") for p in lock)
