"""The one way europillar engines make and run a HiGHS solver: silent, seeded, single-threaded.

HiGHS keeps one thread scheduler per process, sized by the first solver that runs. A later
solver asking for a different ``threads`` value does not solve at all: ``run()`` returns an
error and the model status stays "Not Set" (which callers then read as infeasible). So every
engine builds its solver here with the same settings; ``threads=1`` also keeps MIP runs
reproducible. ``run`` resets the scheduler once if code outside europillar sized it differently.
"""

from __future__ import annotations

import os
import sys

import highspy

THREADS = 1


def new_highs(seed: int = 0) -> highspy.Highs:
    """A HiGHS instance with output off, a fixed random seed and ``THREADS`` threads.

    HiGHS writes a banner from C++ to file descriptor 1 on first construction; it is sent to
    /dev/null so that machine-readable CLI output stays clean.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (embedded use): nothing to protect
        solver = highspy.Highs()
    else:
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                solver = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("random_seed", int(seed))
    solver.setOptionValue("threads", THREADS)
    return solver


def run(solver: highspy.Highs) -> highspy.HighsStatus:
    """``solver.run()``; if the process-wide scheduler was sized by other code, reset it once."""
    status = solver.run()
    if (
        status == highspy.HighsStatus.kError
        and solver.getModelStatus() == highspy.HighsModelStatus.kNotset
    ):
        highspy.Highs.resetGlobalScheduler(True)
        status = solver.run()
    return status
