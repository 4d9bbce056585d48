"""Known vulnerabilities in what melihub ships: the pinned Python packages (pip-audit against PyPI's
advisories) and the dashboard's runtime packages (`npm audit --omit=dev`).

Fails on a vulnerability that has a fixed release (one can act on it: raise the pin); one without a fix is
listed but does not fail. When neither advisory service can be reached (a machine that reaches package
files but not the advisory APIs) the audit says so and passes, unless MELIHUB_REQUIRE_AUDIT=1: then an
audit that could not run fails too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    fixed_in: tuple[str, ...]


@dataclass(frozen=True)
class Audit:
    tool: str
    findings: tuple[Finding, ...]
    unreachable: str | None = None  # why the advisories could not be read

    @property
    def fixable(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.fixed_in)


def read_pip_audit(report: dict) -> Audit:
    """pip-audit's JSON: every dependency skipped means PyPI's advisory API was not reachable."""
    dependencies = report.get("dependencies", [])
    if dependencies and all("skip_reason" in dep for dep in dependencies):
        return Audit("pip-audit", (), unreachable=dependencies[0]["skip_reason"])
    findings = tuple(
        Finding(dep["name"], dep.get("version", "?"), vuln["id"], tuple(vuln.get("fix_versions") or ()))
        for dep in dependencies
        for vuln in dep.get("vulns", [])
    )
    return Audit("pip-audit", findings)


def read_npm_audit(report: dict) -> Audit:
    """npm audit's JSON (v2): `fixAvailable` false means no release fixes it yet."""
    if "vulnerabilities" not in report:
        return Audit("npm audit", (), unreachable=str(report.get("message") or report.get("error") or report)[:200])
    findings = []
    for name, vulnerability in report["vulnerabilities"].items():
        fix = vulnerability.get("fixAvailable")
        fixed_in = (fix["version"],) if isinstance(fix, dict) else (("a newer release",) if fix else ())
        advisories = [v["url"] if isinstance(v, dict) else str(v) for v in vulnerability.get("via", [])]
        findings.append(Finding(name, vulnerability.get("range", "?"), ", ".join(advisories), fixed_in))
    return Audit("npm audit", tuple(findings))


def _json_output(command: list[str], cwd: Path) -> dict:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        return {"message": (completed.stderr or completed.stdout).strip().splitlines()[-1:] or "no output"}


def run_pip_audit() -> Audit:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "-r", "constraints.txt", "--no-deps", "--disable-pip", "--progress-spinner", "off"]
    return read_pip_audit(_json_output([*command, "-f", "json"], ROOT))


def run_npm_audit() -> Audit:
    return read_npm_audit(_json_output(["npm", "audit", "--omit=dev", "--json"], ROOT / "frontend"))


def verdict(audits: list[Audit], *, require: bool) -> tuple[int, list[str]]:
    lines, failed = [], False
    for audit in audits:
        if audit.unreachable:
            lines.append(f"{audit.tool}: not audited, the advisory service is unreachable ({audit.unreachable})")
            failed |= require
            continue
        for finding in audit.findings:
            fix = f"fixed in {', '.join(finding.fixed_in)}" if finding.fixed_in else "no fix released"
            lines.append(f"{audit.tool}: {finding.package} {finding.version}: {finding.advisory} ({fix})")
        lines.append(f"{audit.tool}: {len(audit.fixable)} fixable of {len(audit.findings)} known vulnerabilities")
        failed |= bool(audit.fixable)
    return int(failed), lines


def main() -> int:
    status, lines = verdict([run_pip_audit(), run_npm_audit()], require=os.environ.get("MELIHUB_REQUIRE_AUDIT") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
