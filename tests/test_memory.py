"""Sphinx's parallel tasks, bounded: the main process queues at most one task ahead of its workers."""

from __future__ import annotations

import time

from sphinx.util.parallel import ParallelTasks

from borderlines.ext.platform.memory import BoundedTasks


def _queue(tasks: ParallelTasks, count: int) -> tuple[int, list[int]]:
    """Queue ``count`` short tasks; the most tasks ever waiting for a process, and the results."""
    results: list[int] = []
    most = 0
    for number in range(count):
        tasks.add_task(_pause, number, lambda arg, result: results.append(result))
        most = max(most, len(tasks._precvs_waiting))
    tasks.join()
    return most, sorted(results)


def _pause(number: int) -> int:
    time.sleep(0.3)
    return number


def test_bounded_tasks_keep_at_most_one_waiting() -> None:
    """Sphinx's own tasks let every queued chunk wait (holding its doctrees); ours let one wait."""
    most, results = _queue(ParallelTasks(2), 8)
    assert most > 1 and results == list(range(8))
    assert _queue(BoundedTasks(2), 8) == (1, list(range(8)))
