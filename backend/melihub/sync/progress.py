"""A run's counters while it works: totals and done counts per resource, requests and errors.

Units add to them as they go; the engine writes them to the run's row (and publishes it) about once a
second, so a screen or the CLI follows a run without one write per order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from melihub import metrics
from melihub.sync.models import RESOURCES


@dataclass
class Counter:
    total: int = 0
    done: int = 0


@dataclass
class Progress:
    resources: dict[str, Counter] = field(default_factory=lambda: {name: Counter() for name in RESOURCES})
    requests: int = 0
    errors: int = 0

    @classmethod
    def restore(cls, stored: dict[str, Any], requests: int, errors: int) -> Progress:
        """Continue from what a run's row holds (a resumed run keeps its earlier counts)."""
        progress = cls(requests=requests, errors=errors)
        for name, values in stored.items():
            if isinstance(values, dict):
                progress.resources[name] = Counter(int(values.get("total") or 0), int(values.get("done") or 0))
        return progress

    def of(self, resource: str) -> Counter:
        return self.resources.setdefault(resource, Counter())

    def found(self, resource: str, count: int) -> None:
        self.of(resource).total += count

    def finished(self, resource: str, count: int = 1) -> None:
        metrics.SYNC_ITEMS.labels(resource).inc(count)
        counter = self.of(resource)
        counter.done += count
        counter.total = max(counter.total, counter.done)

    def settle(self) -> None:
        """At the end of a successful run what was found is what was done (totals were estimates)."""
        for counter in self.resources.values():
            counter.total = counter.done

    def as_json(self) -> dict[str, dict[str, int]]:
        return {name: {"total": c.total, "done": c.done} for name, c in self.resources.items()}
