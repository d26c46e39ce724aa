"""Monte Carlo over the transition model: fixed-size seeded blocks, bounded memory.

Reproducibility contract: draw ``i`` always belongs to block ``i // BLOCK`` and block
``b`` always draws from ``SeedSequence(seed, spawn_key=(b,))``, sampling a full block
whatever part of it is used. Chunks are runs of whole blocks; their summaries are
integers (histogram counts, gap counts) that add up exactly in any order, plus per-block
float sums that are reduced in block order. So one process, many chunks or a Dask
cluster give bit-identical results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np

from europillar.scenario.distributions import Uncertain, draw
from europillar.transition.model import Draws, Model, simulate

BLOCK = 4096
BIN_WIDTH = 0.1  # percentage points of coverage
BIN_TOP = 400.0  # coverage above this goes to the overflow bin
N_BINS = round(BIN_TOP / BIN_WIDTH) + 1  # last bin = overflow
SENSITIVITY_DRAWS = 100_000  # draws kept per draw for rank correlations

PARAMETERS = tuple(f.name for f in fields(Draws))


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


def run_chunk(
    model: Model, params: dict[str, Uncertain], seed: int, plan: Sequence[tuple[int, int]]
) -> ChunkSummary:
    """Simulate the given blocks and summarise them."""
    n_years, n_cat = model.years.shape[0], len(model.data.categories)
    counts = np.zeros(n_years * n_cat * N_BINS, dtype=np.int64)
    below = np.zeros((n_years, n_cat), dtype=np.int64)
    any_below = np.zeros(n_years, dtype=np.int64)
    first = np.zeros((n_cat, n_years + 1), dtype=np.int64)
    sums = np.zeros((len(plan), n_years, n_cat))
    lo = np.full((n_years, n_cat), np.inf)
    hi = np.full((n_years, n_cat), -np.inf)
    kept_p: list[np.ndarray] = []
    kept_o: list[np.ndarray] = []
    cell = ((np.arange(n_years)[:, None] * n_cat + np.arange(n_cat)[None, :]) * N_BINS)[..., None]
    for i, (block, n) in enumerate(plan):
        draws = _take(sample_block(params, seed, block), n)
        # simulate() stores coverage time-major (T, C, D); work on that layout directly.
        cov = simulate(model, draws, detail=False).coverage_pct.transpose(1, 2, 0)
        # Coverage is never negative, so truncation is the floor.
        bins = (cov * (1.0 / BIN_WIDTH)).astype(np.int64)
        np.minimum(bins, N_BINS - 1, out=bins)
        bins += cell
        counts += np.bincount(bins.ravel(), minlength=counts.size)
        gap: np.ndarray = np.asarray(cov < model.threshold_pct)  # (T, C, n)
        below += gap.sum(axis=2)
        any_gap: np.ndarray = np.asarray(gap.any(axis=1))  # (T, n)
        any_below += any_gap.sum(axis=1)
        covered = cov >= 100.0
        idx = np.where(covered.any(axis=0), covered.argmax(axis=0), n_years)  # (C, n)
        for c in range(n_cat):
            first[c] += np.bincount(idx[c], minlength=n_years + 1)
        sums[i] = cov.sum(axis=2)
        lo = np.minimum(lo, cov.min(axis=2))
        hi = np.maximum(hi, cov.max(axis=2))
        start = block * BLOCK
        keep = max(0, min(n, SENSITIVITY_DRAWS - start))
        if keep:
            kept_p.append(np.column_stack([getattr(draws, p)[:keep] for p in PARAMETERS]))
            kept_o.append(any_gap[:, :keep].sum(axis=0).astype(float))
    return ChunkSummary(
        blocks=tuple(b for b, _ in plan),
        counts=counts.reshape(n_years, n_cat, N_BINS),
        below=below,
        any_below=any_below,
        first_covered=first,
        block_sums=sums,
        minimum=lo,
        maximum=hi,
        kept_params=np.vstack(kept_p) if kept_p else np.zeros((0, len(PARAMETERS))),
        kept_outcome=np.concatenate(kept_o) if kept_o else np.zeros(0),
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


def merge(chunks: Sequence[ChunkSummary], n_draws: int) -> Summary:
    """Merge chunk summaries; float sums are added block by block in block order."""
    ordered = sorted(chunks, key=lambda c: c.blocks[0])
    per_block = [s for chunk in ordered for s in chunk.block_sums]
    total = np.zeros_like(per_block[0])
    for block_sum in per_block:
        total = total + block_sum
    return Summary(
        n_draws=n_draws,
        counts=sum((c.counts for c in ordered), np.zeros_like(ordered[0].counts)),
        below=sum((c.below for c in ordered), np.zeros_like(ordered[0].below)),
        any_below=sum((c.any_below for c in ordered), np.zeros_like(ordered[0].any_below)),
        first_covered=sum(
            (c.first_covered for c in ordered), np.zeros_like(ordered[0].first_covered)
        ),
        sums=total,
        minimum=np.min([c.minimum for c in ordered], axis=0),
        maximum=np.max([c.maximum for c in ordered], axis=0),
        kept_params=np.vstack([c.kept_params for c in ordered]),
        kept_outcome=np.concatenate([c.kept_outcome for c in ordered]),
    )


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
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
) -> Summary:
    """Run all chunks in-process, on local worker processes, or on a Dask cluster."""
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    plans = chunk_plans(n_draws, chunk_draws)
    if scheduler is None and workers <= 1:
        results = []
        for plan in plans:
            results.append(run_chunk(model, params, seed, plan))
            if on_progress:
                on_progress(sum(n for _, n in plan))
        return merge(results, n_draws)
    return _execute_dask(model, params, seed, plans, n_draws, scheduler, workers, on_progress)


def _execute_dask(
    model: Model,
    params: dict[str, Uncertain],
    seed: int,
    plans: list[list[tuple[int, int]]],
    n_draws: int,
    scheduler: str | None,
    workers: int,
    on_progress: Callable[[int], None] | None,
) -> Summary:
    from dask.distributed import Client, LocalCluster, Worker, as_completed

    cluster = None
    if scheduler is None:
        # Plain workers, no nannies: a nanny only restarts dead workers, and the
        # nanny-managed worker ran this loop about 1.5x slower in our benchmark.
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_class=Worker,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        model_f = client.scatter(model, broadcast=True)
        params_f = client.scatter(params, broadcast=True)
        futures = {
            client.submit(run_chunk, model_f, params_f, seed, plan, pure=False): plan
            for plan in plans
        }
        results = []
        for future in as_completed(futures):
            results.append(future.result())
            if on_progress:
                on_progress(sum(n for _, n in futures[future]))
        return merge(results, n_draws)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
