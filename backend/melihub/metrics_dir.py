"""Prometheus multiprocess mode: where the processes of one machine keep their series.

prometheus-client decides when it is first imported whether values live in memory or in mmap'd files
under ``PROMETHEUS_MULTIPROC_DIR``; ``melihub serve`` and ``melihub worker`` call :func:`prepare` before
anything imports it, so every API process (``--workers N``) and every worker on the machine writes to one
folder and any API's ``/metrics`` reports them all. This module must not import prometheus-client at
the top for that reason.

Files carry the writer's pid. A pid's files that no live process owns are stale: its live gauges are
removed (``mark_process_dead``); its counters stay and keep the totals monotonic. A folder whose every
writer is gone is emptied when a process starts, so a fresh deployment starts from zero.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ENV = "PROMETHEUS_MULTIPROC_DIR"
_FILE = re.compile(r"^[a-z]+(?:_[a-z]+)?_(\d+)\.db$")


def multiprocess_dir() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


def prepare(folder: Path) -> Path:
    """Turn multiprocess mode on for this process and its children, in ``folder`` (``MELIHUB_METRICS_DIR``,
    by default under the data dir); an operator's own ``PROMETHEUS_MULTIPROC_DIR`` wins."""
    chosen = multiprocess_dir() or folder
    chosen.mkdir(parents=True, exist_ok=True)
    os.environ[ENV] = str(chosen.resolve())
    _values_in_files()
    prune(chosen, starting=True)
    return chosen


def _values_in_files() -> None:
    """The library reads the environment when first imported; the CLI imports the domain (and so the
    library) to register its commands, before ``prepare`` runs. Values are created at a series' first
    use (every melihub series is labelled), so switching the class now is in time; a series already used
    would stay in memory, unseen by the scrape: refuse rather than report half."""
    values = sys.modules.get("prometheus_client.values")
    if values is None or getattr(values.ValueClass, "_multiprocess", False):
        return
    from prometheus_client.metrics import MetricWrapperBase

    defined = sys.modules.get("melihub.metrics")
    used = [
        name
        for name, value in (vars(defined) if defined else {}).items()
        if isinstance(value, MetricWrapperBase) and (not value._labelnames or value._metrics)
    ]
    if used:
        raise RuntimeError(f"metrics recorded before the metrics folder was set: {', '.join(used)}")
    values.ValueClass = values.MultiProcessValue()  # type: ignore[attr-defined]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def writers(folder: Path) -> dict[int, list[Path]]:
    found: dict[int, list[Path]] = {}
    for path in folder.iterdir():
        match = _FILE.match(path.name)
        if match:
            found.setdefault(int(match.group(1)), []).append(path)
    return found


def prune(folder: Path | None = None, *, starting: bool = False) -> None:
    """Forget dead processes' live gauges; ``starting`` (before this process wrote anything): files with
    this pid are a previous holder's, and a folder no live process writes to is emptied."""
    folder = folder or multiprocess_dir()
    if folder is None or not folder.is_dir():
        return
    from prometheus_client import multiprocess  # here: importing it decides the value class

    files = writers(folder)
    dead = [pid for pid in files if (starting and pid == os.getpid()) or not _alive(pid)]
    if starting and len(dead) == len(files):
        for paths in files.values():
            for path in paths:
                path.unlink(missing_ok=True)
        return
    for pid in dead:
        multiprocess.mark_process_dead(pid, str(folder))
