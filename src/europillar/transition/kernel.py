"""The transition model's yearly step compiled with numba, fused with the Monte Carlo summary.

Optional: ``pip install "europillar[fast]"``. Both paths start from the same
:class:`~europillar.transition.model.Prepared` arrays (built by numpy) and agree bit for
bit on every coverage value, hence on every summary (histograms, counts, minimum, maximum
and the per-block sums, which both add draws one by one in draw order).
``tests/transition/test_transition_kernel.py`` holds them to that on random draws of every
drawdown kind and both order policies.

Layout. Draws are processed in tiles of ``TILE``; inside a tile the loops run year ->
category -> draw, so the innermost loop walks contiguous draws (as the numpy loop does,
and LLVM vectorises it) and the tile's state stays in the L1 cache. One helper per concern,
so that extending the model (issue 13: order pipeline, capacity, recapitalisation,
personnel) touches one place each:

* :func:`_us_fraction`     the remaining US share in year t for a tile (T-independent kinds);
* :func:`_orders`          money committed in year t per category (both policies);
* :func:`_deliver`         arrivals, deliveries, stock and coverage in year t;
* :func:`_tile_coverage`   a tile through all years (state set-up and the year loop);
* :func:`summarise_block`  the Monte Carlo summary of a block (unchanged by model work).

To change the model: change :func:`europillar.transition.model.simulate` and the matching
helper here the same way (same operations in the same order), put any new per-draw
constant in ``Prepared`` (built once by numpy, shared by both), and run the equivalence
test. Rules that keep the bits equal and the loop fast:

* no ``fastmath`` (it would reorder sums and fuse multiply-adds);
* read arrays out of ``Prepared`` once per block (:func:`_unpack`): ``p.name`` inside a
  loop costs a reference-count update each time (about 3x slower overall);
* keep branches on the category (kind, policy) outside the draw loop.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from europillar.transition.model import (
    KIND_ABRUPT,
    KIND_CONDITIONAL,
    KIND_GRADUAL,
    KIND_SERIES,
    Prepared,
)

TILE = 64  # draws per tile: the tile's state (about 80 KB at 22 years x 7 categories) fits L2
compiled = njit(cache=True, error_model="numpy", nogil=True)
inlined = njit(cache=True, error_model="numpy", nogil=True, inline="always")


@inlined
def _us_fraction(t, d0, nd, years, kind, start, end, floor, series, shift, frac):  # type: ignore[no-untyped-def]
    """Remaining US fraction in year t per category and draw of the tile, into ``frac``.

    Conditional categories get 1 here; :func:`_deliver` decides them year by year.
    """
    year = years[t]
    for c in range(frac.shape[0]):
        if kind[c] == KIND_GRADUAL:
            drop = 1.0 - floor[c]
            for j in range(nd):
                first = start[c] + shift[d0 + j]
                last = end[c] + shift[d0 + j]
                span = max(last - first, 1e-9)
                x = min(max((year - first) / span, 0.0), 1.0)
                frac[c, j] = 1.0 - drop * x
        elif kind[c] == KIND_ABRUPT:
            for j in range(nd):
                frac[c, j] = floor[c] if year >= start[c] + shift[d0 + j] else 1.0
        elif kind[c] == KIND_SERIES:
            for j in range(nd):
                frac[c, j] = series[t, c]
        else:
            for j in range(nd):
                frac[c, j] = 1.0


@inlined
def _recap(t, d0, nd, recap_money, cost0, inv_cost, retired, recap, cum, total):  # type: ignore[no-untyped-def]
    """Units re-ordered in year t to replace retirements, within the start-year equipment
    budget (``recap``, (C, nd)); added to the orders counted so far."""
    n_cat = recap.shape[0]
    if t:
        for j in range(nd):
            total[j] = 0.0
        for c in range(n_cat):
            for j in range(nd):
                total[j] += retired[c, j] * cost0[c, d0 + j]
        for j in range(nd):
            total[j] = min(recap_money[d0 + j] / max(total[j], 1e-300), 1.0)
        for c in range(n_cat):
            for j in range(nd):
                recap[c, j] = retired[c, j] * cost0[c, d0 + j] * total[j] * inv_cost[c, d0 + j]
    for c in range(n_cat):
        for j in range(nd):
            cum[c, j] += recap[c, j]


@inlined
def _orders(
    t, d0, nd, fixed, build_money, fixed_share, target_stock, cost0, legacy, cum, lost, money, total
):  # type: ignore[no-untyped-def]
    """Money committed in year t per category and draw, into ``money`` (C, nd)."""
    n_cat = money.shape[0]
    if fixed:
        for c in range(n_cat):
            for j in range(nd):
                money[c, j] = build_money[t, d0 + j] * fixed_share[c, d0 + j]
    else:
        for j in range(nd):
            total[j] = 0.0
        for c in range(n_cat):
            for j in range(nd):
                need = target_stock[c, d0 + j] - legacy[c, j]
                need = need - cum[c, j]
                need = need + lost[c, j]
                need = max(need, 0.0) * cost0[c, d0 + j]
                money[c, j] = need
                total[j] += need  # categories in order, as numpy's sum over axis 0
        for j in range(nd):
            total[j] = min(build_money[t, d0 + j] / max(total[j], 1e-300), 1.0)  # the scale
        for c in range(n_cat):
            for j in range(nd):
                money[c, j] = money[c, j] * total[j]


@inlined
def _deliver(
    t, d0, nd, c, u2, money, cum, history, backlog, capacity, delivered, legacy, recap, lost, eu_pct
):  # type: ignore[no-untyped-def]
    """Category c in year t: place orders, deliver what is due within capacity, stock
    (firm orders in, war losses out)."""
    inv_cost, lead, eu_factor, firm_cum, loss, consumption, at_war = u2
    for j in range(nd):
        ordered = money[c, j] * inv_cost[c, d0 + j]
        cum[c, j] += ordered
        ordered = ordered + recap[c, j]
        history[t, c, j] = ordered
        placed = t - lead[c, d0 + j]  # orders placed then are eligible now
        if placed >= 0:
            backlog[c, j] += history[placed, c, j]
        step = min(backlog[c, j], capacity[c, j])
        backlog[c, j] -= step
        delivered[c, j] += step
        stock = legacy[c, j] + delivered[c, j]
        stock = stock + firm_cum[t, c]
        stock = stock - lost[c, j]
        if at_war:
            lose = stock * loss[t, c]
            lose = lose + consumption[t, c]
            lose = min(lose, stock)
            lost[c, j] += lose
            stock = stock - lose
        stock = max(stock, 0.0)
        eu_pct[j] = eu_factor[c, d0 + j] * stock


@inlined
def _tile_coverage(u, d0, nd, s, cov, eucov) -> None:  # type: ignore[no-untyped-def]
    """Draws d0 .. d0 + nd through every year; coverage and European-only coverage in
    percent into ``cov`` and ``eucov`` (T, C, nd)."""
    (years, build_money, legacy0, retire, capacity0, ramp, target_stock, cost0, inv_cost) = u[:9]
    (fixed_share, lead, eu_factor, us_factor, kind, start, end, floor) = u[9:17]
    (trigger_pct, over_years, series, shift, fixed) = u[17:22]
    (recap_money, firm_cum, loss, consumption, at_war) = u[22:]
    u2 = (inv_cost, lead, eu_factor, firm_cum, loss, consumption, at_war)
    legacy, capacity, cum, backlog, delivered, money, frac, trigger, total, eu_pct, history = s[:11]
    retired, recap, lost = s[11:]
    n_years, n_cat = cov.shape[0], cov.shape[1]
    for c in range(n_cat):
        for j in range(nd):
            legacy[c, j] = legacy0[c]
            capacity[c, j] = capacity0[c, d0 + j]
            cum[c, j] = 0.0
            backlog[c, j] = 0.0
            delivered[c, j] = 0.0
            trigger[c, j] = np.inf
            recap[c, j] = 0.0
            lost[c, j] = 0.0
    for t in range(n_years):
        if t:
            for c in range(n_cat):
                for j in range(nd):
                    retired[c, j] = legacy[c, j] * retire[d0 + j]
                    legacy[c, j] = legacy[c, j] - retired[c, j]
                    capacity[c, j] = capacity[c, j] * ramp[d0 + j]
        _recap(t, d0, nd, recap_money, cost0, inv_cost, retired, recap, cum, total)
        _orders(t, d0, nd, fixed, build_money, fixed_share, target_stock, cost0, legacy, cum, lost, money, total)  # fmt: skip
        _us_fraction(t, d0, nd, years, kind, start, end, floor, series, shift, frac)
        for c in range(n_cat):
            _deliver(t, d0, nd, c, u2, money, cum, history, backlog, capacity, delivered, legacy, recap, lost, eu_pct)  # fmt: skip
            if kind[c] == KIND_CONDITIONAL:
                for j in range(nd):
                    if eu_pct[j] >= trigger_pct[c] and trigger[c, j] == np.inf:
                        trigger[c, j] = years[t]
                    if trigger[c, j] != np.inf:
                        x = min(max((years[t] - trigger[c, j]) / over_years[c], 0.0), 1.0)
                        frac[c, j] = 1.0 - (1.0 - floor[c]) * x
            for j in range(nd):
                eucov[t, c, j] = eu_pct[j]
                cov[t, c, j] = eu_pct[j] + us_factor[c] * frac[c, j]


@compiled
def _scratch(n_years, n_cat):  # type: ignore[no-untyped-def]
    """The tile's state arrays (see :func:`_tile_coverage`) and its coverage buffer."""
    state = (
        np.empty((n_cat, TILE)),  # legacy stock
        np.empty((n_cat, TILE)),  # production capacity
        np.empty((n_cat, TILE)),  # cumulative orders, units
        np.empty((n_cat, TILE)),  # backlog eligible for delivery
        np.empty((n_cat, TILE)),  # delivered so far
        np.empty((n_cat, TILE)),  # money committed this year
        np.empty((n_cat, TILE)),  # remaining US fraction this year
        np.empty((n_cat, TILE)),  # conditional drawdown: year of the trigger (inf = not yet)
        np.empty(TILE),  # sum over categories / scale
        np.empty(TILE),  # European coverage points of one category
        np.empty((n_years, n_cat, TILE)),  # orders placed per year, units
        np.zeros((n_cat, TILE)),  # retired this year
        np.empty((n_cat, TILE)),  # recapitalisation orders this year
        np.empty((n_cat, TILE)),  # cumulative war losses
    )
    return state, np.empty((n_years, n_cat, TILE)), np.empty((n_years, n_cat, TILE))


def _unpack(p: Prepared) -> tuple:  # type: ignore[type-arg]
    """The arrays the kernel reads, in :func:`_tile_coverage`'s order."""
    return (
        p.years,
        p.build_money,
        p.legacy0,
        p.retire,
        p.capacity0,
        p.ramp,
        p.target_stock,
        p.cost0,
        p.inv_cost,
        p.fixed_share,
        p.lead,
        p.eu_factor,
        p.us_factor,
        p.kind,
        p.start,
        p.end,
        p.floor,
        p.trigger_pct,
        p.over_years,
        p.series,
        p.shift,
        p.fixed,
        p.recap_money,
        p.firm_cum,
        p.loss,
        p.consumption,
        bool(np.any(p.loss) or np.any(p.consumption)),
    )


@compiled
def _coverage(u, n_cat, n_draws) -> np.ndarray:  # type: ignore[no-untyped-def]
    years = u[0]
    out = np.empty((years.shape[0], n_cat, n_draws))
    state, cov, eucov = _scratch(years.shape[0], n_cat)
    for d0 in range(0, n_draws, TILE):
        nd = min(TILE, n_draws - d0)
        _tile_coverage(u, d0, nd, state, cov, eucov)
        out[:, :, d0 : d0 + nd] = cov[:, :, :nd]
    return out


def coverage(p: Prepared) -> np.ndarray:
    """Coverage of every draw, time-major (T, C, D), as ``simulate(...).coverage_pct``."""
    return _coverage(_unpack(p), p.legacy0.shape[0], p.retire.shape[0])  # type: ignore[no-any-return]


@compiled
def _summarise(
    u,
    thr,
    inv_bin,
    counts,
    below,
    any_below,
    first_covered,
    block_sum,
    lo,
    hi,
    gaps,
    eu_reach,
    eu_all,
):  # type: ignore[no-untyped-def]
    retire = u[3]
    n_years, n_cat, top = counts.shape
    state, cov, eucov = _scratch(n_years, n_cat)
    any_gap = np.empty(TILE, dtype=np.bool_)
    all_reach = np.empty(TILE, dtype=np.bool_)
    for d0 in range(0, retire.shape[0], TILE):
        nd = min(TILE, retire.shape[0] - d0)
        _tile_coverage(u, d0, nd, state, cov, eucov)
        for t in range(n_years):
            any_gap[:nd] = False
            all_reach[:nd] = True
            for c in range(n_cat):
                for j in range(nd):
                    if eucov[t, c, j] >= thr:
                        eu_reach[t, c] += 1
                    else:
                        all_reach[j] = False
                total, low, high = block_sum[t, c], lo[t, c], hi[t, c]
                for j in range(nd):
                    v = cov[t, c, j]
                    x = v * inv_bin
                    counts[t, c, top - 1 if x >= top - 1 else int(x)] += 1
                    if v < thr:
                        below[t, c] += 1
                        any_gap[j] = True
                    total += v  # draw by draw, in draw order
                    low = min(low, v)
                    high = max(high, v)
                block_sum[t, c], lo[t, c], hi[t, c] = total, low, high
            for j in range(nd):
                if any_gap[j]:
                    any_below[t] += 1
                    gaps[d0 + j] += 1
                if all_reach[j]:
                    eu_all[t] += 1
        for c in range(n_cat):
            for j in range(nd):
                first = n_years
                for t in range(n_years):
                    if cov[t, c, j] >= 100.0:
                        first = t
                        break
                first_covered[c, first] += 1


def summarise_block(
    p: Prepared,
    inv_bin: float,
    counts: np.ndarray,
    below: np.ndarray,
    any_below: np.ndarray,
    first_covered: np.ndarray,
    block_sum: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    gap_years: np.ndarray,
    eu_reach: np.ndarray,
    eu_all: np.ndarray,
) -> None:
    """Add a block's draws to the summary arrays (see ``montecarlo.ChunkSummary``).

    ``block_sum`` (T, C) must start at zero; ``gap_years`` (D,) at zero, and receives each
    draw's number of years with any category below the threshold. ``eu_reach`` (T, C) counts
    draws whose European-only coverage reaches the threshold, ``eu_all`` (T,) draws in which
    every category does.
    """
    _summarise(
        _unpack(p),
        p.threshold_pct,
        inv_bin,
        counts,
        below,
        any_below,
        first_covered,
        block_sum,
        lo,
        hi,
        gap_years,
        eu_reach,
        eu_all,
    )
