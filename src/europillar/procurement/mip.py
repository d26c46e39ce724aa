"""A small builder for sparse MIPs handed to HiGHS in one piece (columns, then rows)."""

from __future__ import annotations

import math
import time

import highspy
import numpy as np

from europillar.highs import new_highs, run


class MipModel:
    """Columns and sparse rows, handed to HiGHS in one piece."""

    def __init__(self) -> None:
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.cost: list[float] = []
        self.integer: list[bool] = []
        self.rows: list[tuple[float, float, list[int], list[float]]] = []

    def var(self, lb: float, ub: float, cost: float = 0.0, integer: bool = False) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lb) - 1

    def row(self, lb: float, ub: float, idx: list[int], val: list[float]) -> None:
        if idx:
            self.rows.append((lb, ub, idx, val))

    def solve(self, time_limit_s: float, rel_gap: float) -> tuple[highspy.Highs, float]:
        h = new_highs()
        h.setOptionValue("time_limit", float(time_limit_s))
        h.setOptionValue("mip_rel_gap", float(rel_gap))
        inf = highspy.kHighsInf
        n = len(self.lb)
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = np.asarray(self.cost, dtype=float)
        lp.col_lower_ = np.asarray(self.lb, dtype=float)
        lp.col_upper_ = np.asarray([inf if math.isinf(u) else u for u in self.ub], dtype=float)
        lp.row_lower_ = np.asarray(
            [-inf if math.isinf(r[0]) else r[0] for r in self.rows], dtype=float
        )
        lp.row_upper_ = np.asarray(
            [inf if math.isinf(r[1]) else r[1] for r in self.rows], dtype=float
        )
        # column-wise sparse matrix
        cols: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for r, (_, _, idx, val) in enumerate(self.rows):
            for j, v in zip(idx, val, strict=False):
                if v != 0.0:
                    cols[j].append((r, v))
        start, index, value = [0], [], []
        for entries in cols:
            for r, v in entries:
                index.append(r)
                value.append(v)
            start.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.asarray(start, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.asarray(value, dtype=float)
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
            for i in self.integer
        ]
        h.passModel(lp)
        began = time.perf_counter()
        run(h)
        return h, time.perf_counter() - began
