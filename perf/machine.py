"""How fast this machine runs Python, so that requests a second measured on one machine can be
read beside those measured on another.

Machines of the same size differ: on two machines of two cores each, the same pages have taken
more than twice as long on one as on the other. The load test's requests a second are
absolute, so it prints this reference beside them.
"""

import os
import time

LOOP = 2_000_000


def reference_loop_ms(repeats: int = 5) -> float:
    """Milliseconds for a fixed loop of pure Python on one core: the best of `repeats`."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for number in range(LOOP):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def describe() -> dict:
    return {"cores": os.cpu_count(), "reference_loop_ms": reference_loop_ms()}
