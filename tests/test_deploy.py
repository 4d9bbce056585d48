"""compose.yaml and deploy/k8s/ are valid: against the compose-spec schema (the copy check-jsonschema vendors),
`docker-compose config` (Debian's docker-compose, `make deploy-tools`) and the Kubernetes schemas that
kubernetes-validate ships; a deliberately broken copy of each fails the same check."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "compose.yaml"
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30.0"  # the oldest release the manifests promise to apply on (autoscaling/v2 is GA)
# What compose.yaml requires from the environment (its ${VAR:?…}), with throwaway values.
COMPOSE_ENV = {
    "POSTGRES_PASSWORD": "pg-password",
    "MELIHUB_PUBLIC_URL": "https://melihub.example.com",
    "MELIHUB_DB_APP_PASSWORD": "app-password",
    "MELIHUB_JWT_SECRET": "j" * 40,
    "MELIHUB_TOKEN_KEYS": "k1:" + "A" * 43 + "=",
    "MELIHUB_MELI_CLIENT_ID": "123",
    "MELIHUB_MELI_CLIENT_SECRET": "secret",
}


def _compose_schema_errors(document: dict[str, Any]) -> list[str]:
    schema = json.loads(files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)  # draft 2020-12 (unevaluatedProperties)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def _compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return document


def test_compose_yaml_follows_the_compose_spec_and_holds_the_whole_stack() -> None:
    document = _compose()
    assert _compose_schema_errors(document) == []
    services = document["services"]
    assert set(services) == {"postgres", "redis", "migrate", "api", "worker", "proxy"}
    assert services["api"]["deploy"]["replicas"] == 2 and services["worker"]["deploy"]["replicas"] == 2
    assert services["migrate"]["command"] == ["melihub", "migrate"] and services["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert source in document["volumes"] or (ROOT / source).exists(), (name, volume)
    assert "ports" not in services["api"]  # one entry point: the proxy
    assert services["proxy"]["ports"] == ["${MELIHUB_HTTP_PORT:-8000}:80"]


def test_a_broken_compose_file_fails_the_schema() -> None:
    broken = copy.deepcopy(_compose())
    broken["services"]["api"]["depends_on"]["migrate"]["condition"] = "service_finished"  # no such condition
    broken["services"]["worker"]["depend_on"] = ["migrate"]  # a misspelt key
    errors = _compose_schema_errors(broken)
    assert any(error.startswith("services/api") for error in errors), errors
    assert any("depend_on" in error for error in errors), errors


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="Debian's docker-compose: make deploy-tools")
def test_docker_compose_config_accepts_it_and_names_a_missing_secret(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MELIHUB_", "POSTGRES_"))}

    def config(folder: Path, **extra: str) -> subprocess.CompletedProcess[str]:
        command = ["docker-compose", "--project-directory", str(folder), "-f", str(folder / "compose.yaml"), "config"]
        return subprocess.run(command, env={**env, **extra}, capture_output=True, text=True, timeout=60)

    valid = config(ROOT, **COMPOSE_ENV)
    assert valid.returncode == 0, valid.stderr
    resolved = yaml.safe_load(valid.stdout)["services"]
    assert resolved["api"]["environment"]["MELIHUB_TOKEN_KEYS"] == COMPOSE_ENV["MELIHUB_TOKEN_KEYS"]
    missing = config(ROOT, **{k: v for k, v in COMPOSE_ENV.items() if k != "MELIHUB_JWT_SECRET"})
    assert missing.returncode != 0 and "set MELIHUB_JWT_SECRET" in missing.stderr

    (tmp_path / "compose.yaml").write_text(COMPOSE.read_text().replace("replicas: 2", "replicas: two", 1))
    broken = config(tmp_path, **COMPOSE_ENV)
    assert broken.returncode != 0 and "replicas" in broken.stderr


def _manifests(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document:
                found.append((f"{path.name}:{document['kind']}/{document['metadata']['name']}", document))
    return found


def _invalid(document: dict[str, Any]) -> str | None:
    try:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return f"{'/'.join(map(str, exc.path))}: {exc.message}"
    return None


def test_every_kubernetes_manifest_validates_against_the_schemas() -> None:
    manifests = _manifests(K8S)
    kinds = {document["kind"] for _, document in manifests}
    assert kinds == {"ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "Job"}
    assert {name: _invalid(document) for name, document in manifests} == dict.fromkeys(dict(manifests))
    by_name = {(d["kind"], d["metadata"]["name"]): d for _, d in manifests}
    api = by_name["Deployment", "melihub-api"]["spec"]["template"]["spec"]["containers"][0]
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    worker_hpa = by_name["HorizontalPodAutoscaler", "melihub-worker"]["spec"]["metrics"]
    assert {metric["type"] for metric in worker_hpa} == {"Resource", "External"}
    external = next(metric["external"] for metric in worker_hpa if metric["type"] == "External")
    assert external["metric"]["name"] == "melihub_queue_jobs"  # the gauge backend/melihub/metrics_http.py serves
    assert by_name["Job", "melihub-migrate"]["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "melihub",
        "migrate",
    ]


@pytest.mark.parametrize(
    ("original", "broken", "named"),
    [
        ("containerPort: 8000", "containerPort: http-8000", "containerPort"),  # a wrong type
        ("periodSeconds: 5", "periodSecs: 5", "periodSecs"),  # a misspelt field: strict mode refuses it
    ],
)
def test_a_broken_manifest_fails_the_schema(tmp_path: Path, original: str, broken: str, named: str) -> None:
    (tmp_path / "api.yaml").write_text((K8S / "api.yaml").read_text().replace(original, broken, 1))
    errors = {name: _invalid(document) for name, document in _manifests(tmp_path)}
    assert named in str(errors["api.yaml:Deployment/melihub-api"]), errors
    assert errors["api.yaml:Service/melihub-api"] is None
