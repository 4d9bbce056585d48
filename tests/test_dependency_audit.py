"""`make audit` and `make lint`'s security checks: they fail on what they exist to catch."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("audit_dependencies", ROOT / ".ci" / "audit_dependencies.py")
assert _spec is not None and _spec.loader is not None
audit = importlib.util.module_from_spec(_spec)
sys.modules["audit_dependencies"] = audit
_spec.loader.exec_module(audit)

# The shapes pip-audit 2.10 and npm 11 print with --json / -f json.
PIP_REPORT = {
    "dependencies": [
        {"name": "jinja2", "version": "3.1.2", "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}]},
        {"name": "ecdsa", "version": "0.19.0", "vulns": [{"id": "GHSA-wj6h-64fc-37mp", "fix_versions": []}]},
        {"name": "httpx", "version": "0.28.1", "vulns": []},
    ],
    "fixes": [],
}
NPM_REPORT = {
    "vulnerabilities": {
        "next": {
            "range": "15.0.0 - 15.2.2",
            "via": [{"url": "https://github.com/advisories/GHSA-f82v-jwr5-mffw"}],
            "fixAvailable": {"name": "next", "version": "15.2.3"},
        },
        "cookie": {"range": "<0.7.0", "via": ["next"], "fixAvailable": False},
    }
}


def test_a_vulnerability_with_a_fixed_release_fails_the_audit() -> None:
    status, lines = audit.verdict([audit.read_pip_audit(PIP_REPORT)], require=False)
    assert status == 1
    assert any("jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)" in line for line in lines)
    assert any("ecdsa 0.19.0: GHSA-wj6h-64fc-37mp (no fix released)" in line for line in lines)


def test_vulnerabilities_without_a_fix_are_listed_but_pass() -> None:
    report = {"dependencies": [PIP_REPORT["dependencies"][1], PIP_REPORT["dependencies"][2]]}
    status, lines = audit.verdict([audit.read_pip_audit(report)], require=False)
    assert status == 0
    assert lines[-1] == "pip-audit: 0 fixable of 1 known vulnerabilities"


def test_npm_findings_count_as_fixable_only_with_a_release() -> None:
    result = audit.read_npm_audit(NPM_REPORT)
    assert [f.package for f in result.fixable] == ["next"]
    assert audit.verdict([result], require=False)[0] == 1


def test_an_unreachable_advisory_service_is_said_and_fails_only_when_required() -> None:
    skipped = {"dependencies": [{"name": "httpx", "skip_reason": "Dependency not found on PyPI"}]}
    npm_refused = {"message": "405 Method Not Allowed"}
    audits = [audit.read_pip_audit(skipped), audit.read_npm_audit(npm_refused)]
    status, lines = audit.verdict(audits, require=False)
    assert status == 0
    assert lines == [
        "pip-audit: not audited, the advisory service is unreachable (Dependency not found on PyPI)",
        "npm audit: not audited, the advisory service is unreachable (405 Method Not Allowed)",
    ]
    assert audit.verdict(audits, require=True)[0] == 1


def test_bandit_as_make_lint_runs_it_fails_on_a_high_severity_finding(tmp_path: Path) -> None:
    (tmp_path / "shell.py").write_text(
        "import subprocess\n\n\ndef run(cmd: str) -> None:\n    subprocess.call(cmd, shell=True)\n"
    )
    bandit = [str(Path(sys.executable).with_name("bandit")), "--quiet", "--recursive", "--severity-level", "high"]
    found = subprocess.run([*bandit, str(tmp_path)], capture_output=True, text=True, check=False)
    assert found.returncode == 1
    assert "B602" in found.stdout
    (tmp_path / "shell.py").write_text("import subprocess\n\n\ndef run() -> None:\n    subprocess.call(['true'])\n")
    assert subprocess.run([*bandit, str(tmp_path)], capture_output=True, check=False).returncode == 0
