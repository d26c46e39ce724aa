"""Monte Carlo over the transition model: fixed-size seeded blocks, bounded memory.

Reproducibility contract: draw ``i`` always belongs to block ``i // BLOCK`` and block
``b`` always draws from ``SeedSequence(seed, spawn_key=(b,))``, sampling a full block
whatever part of it is used. Chunks are runs of whole blocks; their summaries are
integers (histogram counts, gap counts) that add up exactly in any order, plus per-block
float sums (draws added in draw order) that are reduced in block order. So one process,
many chunks, local workers or a Dask cluster give bit-identical results, and so do the
numpy loop and the compiled kernel (``kernel.py``), which compute the same coverage bits.

Memory is independent of the number of draws: chunk summaries are folded into one
:class:`Accumulator` as they arrive (a block's float sum waits only until the blocks
before it have arrived), and at most ``SENSITIVITY_DRAWS`` parameter rows are kept.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np

from europillar.scenario.distributions import Uncertain, draw
from europillar.transition.model import Draws, Model, Prepared, prepare, simulate

BLOCK = 4096
BIN_WIDTH = 0.1  # percentage points of coverage
BIN_TOP = 400.0  # coverage above this goes to the overflow bin
N_BINS = round(BIN_TOP / BIN_WIDTH) + 1  # last bin = overflow
SENSITIVITY_DRAWS = 100_000  # draws kept per draw for rank correlations

PARAMETERS = tuple(f.name for f in fields(Draws))
KERNELS = ("auto", "numpy", "numba")
FAST_HINT = 'the compiled kernel needs numba: pip install "europillar[fast]"'


@dataclass(frozen=True)
class ChunkSummary:
    """What a chunk of blocks returns: small, exactly mergeable."""

    blocks: tuple[int, ...]
    counts: np.ndarray  # (T, C, N_BINS) int64 histogram of coverage_pct
    below: np.ndarray  # (T, C) int64 draws with coverage below the threshold
    any_below: np.ndarray  # (T,) int64 draws with at least one category below
    first_covered: np.ndarray  # (C, T + 1) int64: first year coverage >= 100 (last = never)
    block_sums: np.ndarray  # (n_blocks, T, C) float64 sums of coverage_pct per block
    minimum: np.ndarray  # (T, C)
    maximum: np.ndarray  # (T, C)
    kept_params: np.ndarray  # (k, P) parameters of the draws kept for sensitivity
    kept_outcome: np.ndarray  # (k,) gap-years of those draws
    eu_reach: np.ndarray  # (T, C) int64 draws whose European-only coverage >= threshold
    eu_all: np.ndarray  # (T,) int64 draws in which every category's European-only coverage is


def sample_block(params: dict[str, Uncertain], seed: int, block: int) -> Draws:
    """Draw a full block of parameters from the block's own stream."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block,)))
    values = {name: draw(params[name], rng, BLOCK) for name in PARAMETERS}
    return Draws(**values)


def _take(d: Draws, n: int) -> Draws:
    return Draws(**{name: getattr(d, name)[:n] for name in PARAMETERS})


def block_plan(n_draws: int) -> list[tuple[int, int]]:
    """(block index, draws used) for ``n_draws`` draws."""
    plan = []
    for b in range((n_draws + BLOCK - 1) // BLOCK):
        plan.append((b, min(BLOCK, n_draws - b * BLOCK)))
    return plan


def resolve_kernel(kernel: str) -> str:
    """``numba`` or ``numpy`` for a requested kernel (``auto``: numba when installed).

    The choice changes speed only: both kernels give the same bits.
    """
    if kernel not in KERNELS:
        raise ValueError(f"kernel must be one of {', '.join(KERNELS)}, got {kernel!r}")
    has_numba = importlib.util.find_spec("numba") is not None
    if kernel == "numba" and not has_numba:
        raise ImportError(FAST_HINT)
    if kernel == "auto":
        return "numba" if has_numba else "numpy"
    return kernel


class _Arrays:
    """The summary arrays a chunk fills (one set per chunk, reused for all its blocks)."""

    def __init__(self, n_years: int, n_cat: int, n_blocks: int) -> None:
        self.counts = np.zeros((n_years, n_cat, N_BINS), dtype=np.int64)
        self.below = np.zeros((n_years, n_cat), dtype=np.int64)
        self.any_below = np.zeros(n_years, dtype=np.int64)
        self.first = np.zeros((n_cat, n_years + 1), dtype=np.int64)
        self.sums = np.zeros((n_blocks, n_years, n_cat))
        self.lo = np.full((n_years, n_cat), np.inf)
        self.hi = np.full((n_years, n_cat), -np.inf)
        self.eu_reach = np.zeros((n_years, n_cat), dtype=np.int64)
        self.eu_all = np.zeros(n_years, dtype=np.int64)


def _summarise_numpy(model: Model, draws: Draws, out: _Arrays, i: int) -> np.ndarray:
    """numpy path: simulate the block, add it to ``out`` (block ``i``); gap-years per draw."""
    n_years, n_cat = out.below.shape
    # simulate() stores coverage time-major (T, C, D); work on that layout directly.
    run = simulate(model, draws, detail=False)
    cov = run.coverage_pct.transpose(1, 2, 0)
    reach: np.ndarray = np.asarray(run.european_pct.transpose(1, 2, 0) >= model.threshold_pct)
    out.eu_reach += reach.sum(axis=2)
    out.eu_all += np.asarray(reach.all(axis=1)).sum(axis=1)
    # Coverage is never negative, so truncation is the floor.
    bins = (cov * (1.0 / BIN_WIDTH)).astype(np.int64)
    np.minimum(bins, N_BINS - 1, out=bins)
    cell = (np.arange(n_years)[:, None] * n_cat + np.arange(n_cat)[None, :]) * N_BINS
    bins += cell[..., None]
    out.counts += np.bincount(bins.ravel(), minlength=out.counts.size).reshape(out.counts.shape)
    gap: np.ndarray = np.asarray(cov < model.threshold_pct)  # (T, C, n)
    out.below += gap.sum(axis=2)
    any_gap: np.ndarray = np.asarray(gap.any(axis=1))  # (T, n)
    out.any_below += any_gap.sum(axis=1)
    covered = cov >= 100.0
    idx = np.where(covered.any(axis=0), covered.argmax(axis=0), n_years)  # (C, n)
    for c in range(n_cat):
        out.first[c] += np.bincount(idx[c], minlength=n_years + 1)
    # Draw-major copy: a sum over its first axis adds draws one by one, in draw order,
    # exactly as the compiled kernel does (a sum over the last axis would be pairwise).
    out.sums[i] = np.ascontiguousarray(cov.transpose(2, 0, 1)).sum(axis=0)
    np.minimum(out.lo, cov.min(axis=2), out=out.lo)
    np.maximum(out.hi, cov.max(axis=2), out=out.hi)
    return any_gap.sum(axis=0)  # type: ignore[no-any-return]


def _summarise_numba(p: Prepared, out: _Arrays, i: int) -> np.ndarray:
    from europillar.transition.kernel import summarise_block

    gap_years = np.zeros(p.retire.shape[0], dtype=np.int64)
    summarise_block(
        p,
        1.0 / BIN_WIDTH,
        out.counts,
        out.below,
        out.any_below,
        out.first,
        out.sums[i],
        out.lo,
        out.hi,
        gap_years,
        out.eu_reach,
        out.eu_all,
    )
    return gap_years


def run_chunk(
    model: Model,
    params: dict[str, Uncertain],
    seed: int,
    plan: Sequence[tuple[int, int]],
    kernel: str = "numpy",
) -> ChunkSummary:
    """Simulate the given blocks and summarise them (``kernel``: numpy or numba)."""
    kernel = resolve_kernel(kernel)
    n_years, n_cat = model.years.shape[0], len(model.data.categories)
    out = _Arrays(n_years, n_cat, len(plan))
    kept_p: list[np.ndarray] = []
    kept_o: list[np.ndarray] = []
    for i, (block, n) in enumerate(plan):
        draws = _take(sample_block(params, seed, block), n)
        if kernel == "numba":
            gap_years = _summarise_numba(prepare(model, draws), out, i)
        else:
            gap_years = _summarise_numpy(model, draws, out, i)
        keep = max(0, min(n, SENSITIVITY_DRAWS - block * BLOCK))
        if keep:
            kept_p.append(np.column_stack([getattr(draws, p)[:keep] for p in PARAMETERS]))
            kept_o.append(gap_years[:keep].astype(float))
    return ChunkSummary(
        blocks=tuple(b for b, _ in plan),
        counts=out.counts,
        below=out.below,
        any_below=out.any_below,
        first_covered=out.first,
        block_sums=out.sums,
        minimum=out.lo,
        maximum=out.hi,
        kept_params=np.vstack(kept_p) if kept_p else np.zeros((0, len(PARAMETERS))),
        kept_outcome=np.concatenate(kept_o) if kept_o else np.zeros(0),
        eu_reach=out.eu_reach,
        eu_all=out.eu_all,
    )


@dataclass(frozen=True)
class Summary:
    """All chunks merged."""

    n_draws: int
    counts: np.ndarray
    below: np.ndarray
    any_below: np.ndarray
    first_covered: np.ndarray
    sums: np.ndarray  # (T, C), reduced in block order
    minimum: np.ndarray
    maximum: np.ndarray
    kept_params: np.ndarray
    kept_outcome: np.ndarray
    eu_reach: np.ndarray  # (T, C) draws whose European-only coverage reaches the threshold
    eu_all: np.ndarray  # (T,) draws in which every category's does


class Accumulator:
    """Folds chunk summaries in as they arrive, in any order; memory independent of draws.

    Integers add exactly in any order. Float block sums are added in block order: a block
    that arrives early waits in ``pending`` until every block before it has been added
    (in-process chunks arrive in order, so nothing waits there).
    """

    def __init__(self, n_years: int, n_cat: int) -> None:
        self.counts = np.zeros((n_years, n_cat, N_BINS), dtype=np.int64)
        self.below = np.zeros((n_years, n_cat), dtype=np.int64)
        self.any_below = np.zeros(n_years, dtype=np.int64)
        self.first_covered = np.zeros((n_cat, n_years + 1), dtype=np.int64)
        self.sums = np.zeros((n_years, n_cat))
        self.minimum = np.full((n_years, n_cat), np.inf)
        self.maximum = np.full((n_years, n_cat), -np.inf)
        self.pending: dict[int, np.ndarray] = {}
        self.next_block = 0
        self.kept: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.eu_reach = np.zeros((n_years, n_cat), dtype=np.int64)
        self.eu_all = np.zeros(n_years, dtype=np.int64)

    def add(self, chunk: ChunkSummary) -> None:
        self.counts += chunk.counts
        self.below += chunk.below
        self.any_below += chunk.any_below
        self.first_covered += chunk.first_covered
        self.eu_reach += chunk.eu_reach
        self.eu_all += chunk.eu_all
        np.minimum(self.minimum, chunk.minimum, out=self.minimum)
        np.maximum(self.maximum, chunk.maximum, out=self.maximum)
        for block, block_sum in zip(chunk.blocks, chunk.block_sums, strict=True):
            self.pending[block] = block_sum
        while self.next_block in self.pending:
            self.sums = self.sums + self.pending.pop(self.next_block)
            self.next_block += 1
        if chunk.kept_outcome.size:
            self.kept[chunk.blocks[0]] = (chunk.kept_params, chunk.kept_outcome)

    def summary(self, n_draws: int) -> Summary:
        if self.pending:
            raise ValueError(
                f"blocks {sorted(self.pending)} arrived without block {self.next_block}"
            )
        order = sorted(self.kept)
        return Summary(
            n_draws=n_draws,
            counts=self.counts,
            below=self.below,
            any_below=self.any_below,
            first_covered=self.first_covered,
            sums=self.sums,
            minimum=self.minimum,
            maximum=self.maximum,
            kept_params=np.vstack([self.kept[b][0] for b in order])
            if order
            else np.zeros((0, len(PARAMETERS))),
            kept_outcome=np.concatenate([self.kept[b][1] for b in order]) if order else np.zeros(0),
            eu_reach=self.eu_reach,
            eu_all=self.eu_all,
        )


def merge(chunks: Sequence[ChunkSummary], n_draws: int) -> Summary:
    """Merge chunk summaries (any order); float sums are added in block order."""
    first = chunks[0]
    acc = Accumulator(*first.below.shape)
    for chunk in chunks:
        acc.add(chunk)
    return acc.summary(n_draws)


def quantile_from_histogram(summary: Summary, q: float) -> np.ndarray:
    """Quantile per (year, category), to within one bin (BIN_WIDTH), clamped to [min, max].

    Where every draw gave the same value (min == max) the result is that value exactly.
    """
    counts = summary.counts
    cum = np.cumsum(counts, axis=2)
    rank = q * (summary.n_draws - 1)  # as numpy's "linear" method on sorted values
    idx = np.argmax(cum > rank, axis=2)  # first bin whose cumulative count passes the rank
    before = (
        np.take_along_axis(cum, idx[..., None], axis=2)[..., 0]
        - np.take_along_axis(counts, idx[..., None], axis=2)[..., 0]
    )
    in_bin = np.take_along_axis(counts, idx[..., None], axis=2)[..., 0]
    frac = (rank - before + 0.5) / np.maximum(in_bin, 1)
    lower = idx * BIN_WIDTH
    upper = np.where(idx == N_BINS - 1, summary.maximum, lower + BIN_WIDTH)
    value = lower + np.clip(frac, 0, 1) * (upper - lower)
    value = np.clip(value, summary.minimum, summary.maximum)
    return np.where(summary.minimum == summary.maximum, summary.minimum, value)


def chunk_plans(n_draws: int, chunk_draws: int) -> list[list[tuple[int, int]]]:
    """Split the block plan into chunks of about ``chunk_draws`` draws (whole blocks)."""
    plan = block_plan(n_draws)
    per_chunk = max(1, chunk_draws // BLOCK)
    return [plan[i : i + per_chunk] for i in range(0, len(plan), per_chunk)]


def execute(
    model: Model,
    params: dict[str, Uncertain],
    n_draws: int,
    seed: int,
    chunk_draws: int = 16 * BLOCK,
    scheduler: str | None = None,
    workers: int | None = 1,
    on_progress: Callable[[int], None] | None = None,
    kernel: str = "auto",
) -> Summary:
    """Run all chunks in-process, on local worker processes, or on a Dask cluster.

    ``scheduler`` (an address) always runs there. Otherwise ``workers`` local processes;
    ``workers=None`` chooses by the number of draws and the free cores
    (:func:`europillar.transition.cluster.choose_workers`). None of this changes the result.
    """
    from europillar.transition.cluster import choose_workers, execute_dask

    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    kernel = resolve_kernel(kernel)
    plans = chunk_plans(n_draws, chunk_draws)
    if workers is None and scheduler is None:
        workers = choose_workers(n_draws, kernel, len(plans))
    if scheduler is None and (workers or 1) <= 1:
        acc = Accumulator(model.years.shape[0], len(model.data.categories))
        for plan in plans:
            acc.add(run_chunk(model, params, seed, plan, kernel))
            if on_progress:
                on_progress(sum(n for _, n in plan))
        return acc.summary(n_draws)
    acc = Accumulator(model.years.shape[0], len(model.data.categories))
    execute_dask(model, params, seed, plans, kernel, acc, scheduler, workers or 1, on_progress)
    return acc.summary(n_draws)
