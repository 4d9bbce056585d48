"""The suite's log check: what every process of a test run logged (``MELIHUB_LOG_COPY``) holds no buyer
document or phone. The patterns are the log redaction's own (``observability.PII_VALUES``): a line that
still matches got past it (a process printing on its own, a logger configured elsewhere)."""

from __future__ import annotations

from pathlib import Path

from melihub.observability import PII_VALUES

REPORT_LINES = 20


def scan(folder: Path) -> list[str]:
    """``file:line: text`` of every logged line with a document or phone in it (at most a few lines each)."""
    found: list[str] = []
    for path in sorted(folder.glob("*.log")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                if PII_VALUES.search(line):
                    found.append(f"{path.name}:{number}: {line.strip()[:300]}")
    return found


def report(found: list[str]) -> str:
    more = f"\n… and {len(found) - REPORT_LINES} more" if len(found) > REPORT_LINES else ""
    return "buyer documents or phones in the suite's logs:\n" + "\n".join(found[:REPORT_LINES]) + more
