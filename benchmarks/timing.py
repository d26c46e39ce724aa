"""Shared by the benchmarks: repeats with min / median / max, the machine, load, memory.

Every benchmark prints the command that reruns it, the machine it ran on, and for every
timing the minimum, median and maximum over its repeats; ratios compare timings taken in
the same run.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def header(title: str) -> None:
    """Title, the command to rerun, and the machine (cores, load, Python, numpy, BLAS)."""
    import numpy as np

    command = " ".join(["python", *[a if " " not in a else repr(a) for a in sys.argv]])
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"== {title}")
    print(f"rerun: {command}")
    blas = ""
    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(
            f"{i.get('internal_api')} {i.get('num_threads')} thread(s)" for i in threadpool_info()
        )
    except ImportError:
        blas = f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}"
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"Python {platform.python_version()}, numpy {np.__version__}, BLAS: {blas or 'none loaded'}"
    )


def repeat(fn: Callable[[], T], repeats: int, warmup: int = 1) -> tuple[list[float], T]:
    """Wall times of ``repeats`` calls after ``warmup`` untimed ones, and the last result."""
    out = fn() if warmup else None
    for _ in range(max(0, warmup - 1)):
        out = fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out  # type: ignore[return-value]


def spread(times: list[float], scale: float = 1.0, unit: str = "s", digits: int = 3) -> str:
    """``min / median / max`` of ``times`` x ``scale``."""
    values = [t * scale for t in times]
    return (
        f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f} / "
        f"{max(values):.{digits}f} {unit} (min / median / max of {len(values)})"
    )


def rates(times: list[float], work: float, unit: str) -> str:
    """Work per second as ``min / median / max`` (the minimum rate is the slowest repeat)."""
    values = sorted(work / t for t in times)
    return (
        f"{values[0]:,.0f} / {statistics.median(values):,.0f} / {values[-1]:,.0f} {unit} "
        f"(min / median / max of {len(values)})"
    )


def ratio(slow: list[float], fast: list[float]) -> str:
    """Ratio of two timing lists of the same run: min/min, median/median, max/max."""
    return (
        f"{min(slow) / min(fast):,.2f} / {statistics.median(slow) / statistics.median(fast):,.2f}"
        f" / {max(slow) / max(fast):,.2f}x (min / median / max)"
    )


def peak_mib(fn: Callable[[], Any]) -> float:
    """Peak memory traced by tracemalloc during ``fn()`` (numpy buffers included), MiB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


class BusyCores:
    """Keeps every core busy with a spinning process (for timings "under load")."""

    def __enter__(self) -> BusyCores:
        spin = "while True: pass"
        self.procs = [
            subprocess.Popen([sys.executable, "-c", spin]) for _ in range(os.cpu_count() or 1)
        ]
        time.sleep(0.5)
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.kill()
            proc.wait()
