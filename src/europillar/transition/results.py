"""Turn model runs into tidy tables: central run, fan chart, gap probability, windows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from europillar.result import Result
from europillar.scenario.distributions import Uncertain, central
from europillar.transition.model import Draws, Model, Trajectories, simulate
from europillar.transition.montecarlo import PARAMETERS, Summary, quantile_from_histogram

# Europe "stands alone" in a year when at least this share of the draws has European-only
# coverage at or above the threshold.
EUROPE_ALONE_PROB_PCT = 90.0


class TransitionResult(Result):
    """One transition run: every table is tidy (one row per key)."""

    @property
    def central(self) -> pd.DataFrame:
        """year, category, coverage_pct, european_pct, us_units, stock, deliveries, orders."""
        return self.tables["central"]

    @property
    def fan(self) -> pd.DataFrame:
        """year, category, p10, p50, p90, mean, prob_gap_pct (P(coverage < threshold), i.e.
        P(shortfall above 100 - threshold %)), prob_europe_alone_pct (Monte Carlo)."""
        return self.tables["fan"]

    @property
    def gap_probability(self) -> pd.DataFrame:
        """year, prob_any_gap_pct."""
        return self.tables["gap_probability"]

    @property
    def categories(self) -> pd.DataFrame:
        """Per category and overall: worst shortfall (year, % and units) and the first year
        Europe alone reaches the threshold with probability >= 0.9 (null: not by the end)."""
        return self.tables["categories"]

    @property
    def windows(self) -> pd.DataFrame:
        """category, first_year, last_year: runs of years below the threshold (central)."""
        return self.tables["windows"]

    @property
    def safe_drawdown(self) -> pd.DataFrame:
        """year, category, us_min_remaining_pct, achievable."""
        return self.tables["safe_drawdown"]

    @property
    def sensitivity(self) -> pd.DataFrame:
        """parameter, spearman_rho, p_value, n_draws."""
        return self.tables["sensitivity"]

    @property
    def threshold_pct(self) -> float:
        return float(self.meta["threshold_pct"])


def central_draws(params: Mapping[str, Uncertain]) -> Draws:
    return Draws(**{p: np.array([central(params[p])]) for p in PARAMETERS})


def central_run(model: Model, params: Mapping[str, Uncertain]) -> Trajectories:
    return simulate(model, central_draws(params))


def central_frame(model: Model, run: Trajectories) -> pd.DataFrame:
    years, cats = model.years, model.data.categories
    y, c = np.meshgrid(years, np.arange(len(cats)), indexing="ij")
    return pd.DataFrame(
        {
            "year": y.ravel().astype(int),
            "category": [cats[i] for i in c.ravel()],
            "coverage_pct": run.coverage_pct[0].ravel(),
            "european_pct": run.european_pct[0].ravel(),
            "us_units": run.us_remaining[0].ravel(),
            "european_stock": run.stock[0].ravel(),
            "deliveries": run.deliveries[0].ravel(),
            "orders_usd_m": run.orders_usd_m[0].ravel(),
        }
    )


def fan_frame(model: Model, summary: Summary) -> pd.DataFrame:
    years, cats = model.years, model.data.categories
    y, c = np.meshgrid(years, np.arange(len(cats)), indexing="ij")
    out = pd.DataFrame({"year": y.ravel().astype(int), "category": [cats[i] for i in c.ravel()]})
    for name, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
        out[name] = quantile_from_histogram(summary, q).ravel()
    out["mean"] = (summary.sums / summary.n_draws).ravel()
    out["prob_gap_pct"] = (100.0 * summary.below / summary.n_draws).ravel()
    out["prob_europe_alone_pct"] = (100.0 * summary.eu_reach / summary.n_draws).ravel()
    return out


def gap_probability_frame(model: Model, summary: Summary) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": model.years.astype(int),
            "prob_any_gap_pct": 100.0 * summary.any_below / summary.n_draws,
            "prob_all_europe_alone_pct": 100.0 * summary.eu_all / summary.n_draws,
        }
    )


def windows_frame(model: Model, run: Trajectories) -> pd.DataFrame:
    """Runs of consecutive years in which the central coverage is below the threshold."""
    rows = []
    for c, cat in enumerate(model.data.categories):
        below = run.coverage_pct[0, :, c] < model.threshold_pct
        start = None
        for t, flag in enumerate([*list(below), False]):
            if flag and start is None:
                start = t
            elif not flag and start is not None:
                rows.append(
                    {
                        "category": cat,
                        "first_year": int(model.years[start]),
                        "last_year": int(model.years[t - 1]),
                        "years": t - start,
                    }
                )
                start = None
    return pd.DataFrame(rows, columns=["category", "first_year", "last_year", "years"])


def safe_drawdown_frame(model: Model, run: Trajectories) -> pd.DataFrame:
    """The fastest US drawdown that keeps central coverage at or above the threshold.

    The US share still needed in year t is (threshold x requirement - European available)
    / US start contribution; a drawdown never reverses, so the schedule is the running
    maximum of that need taken from the horizon backwards. Europe's build-up does not
    depend on the US schedule in this model, so the result is exact for the central run.
    """
    data = model.data
    eu_units = run.european_pct[0] / 100.0 * data.requirement[None, :]  # (T, C)
    needed = model.threshold_pct / 100.0 * data.requirement[None, :] - eu_units
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(data.us_units[None, :] > 0, needed / data.us_units[None, :], np.nan)
    envelope = np.flip(np.fmax.accumulate(np.flip(share, axis=0), axis=0), axis=0)
    envelope = np.where(np.isnan(envelope), np.nan, np.clip(envelope, 0.0, None))
    rows = []
    for t, year in enumerate(model.years):
        for c, cat in enumerate(data.categories):
            value = envelope[t, c]
            rows.append(
                {
                    "year": int(year),
                    "category": cat,
                    "us_min_remaining_pct": float(100.0 * min(value, 1.0))
                    if np.isfinite(value)
                    else np.nan,
                    "achievable": bool(np.isfinite(value) and value <= 1.0)
                    if data.us_units[c] > 0
                    else bool(needed[t, c] <= 0),
                }
            )
    return pd.DataFrame(rows)


def category_frame(model: Model, run: Trajectories, summary: Summary | None) -> pd.DataFrame:
    """Per category, the headline: worst shortfall (year, depth) and when Europe stands alone.

    Every figure is read off the fan (:func:`fan_frame`), so the table can never contradict
    the chart: the worst shortfall is the year of the largest 100 - P50 coverage (depth in %
    of the requirement and in units; the bad case 100 - P10 beside it), and Europe stands
    alone from the first year in which at least 90 % of the draws have European-only
    coverage at or above the threshold (null: not by the last year). A last row ``all``
    takes the deepest category shortfall and the first year every category stands alone
    in at least 90 % of the draws.
    """
    fan = fan_frame(model, summary) if summary is not None else None
    rows = [headline_row(model, cat, c, fan, run) for c, cat in enumerate(model.data.categories)]
    if fan is not None and summary is not None:
        rows.append(overall_row(model, rows, summary))
    return pd.DataFrame(rows)


def _shortfall(years: np.ndarray, coverage: np.ndarray) -> tuple[int | None, float]:
    depth = np.maximum(100.0 - coverage, 0.0)
    if not np.any(depth > 0):
        return None, 0.0
    t = int(np.argmax(depth))  # first year of the deepest shortfall
    return int(years[t]), float(depth[t])


def headline_row(
    model: Model, cat: str, c: int, fan: pd.DataFrame | None, run: Trajectories
) -> dict[str, Any]:
    """One category's headline from the fan (Monte Carlo) or, without one, the central run."""
    years = model.years
    requirement = float(model.data.requirement[c])
    if fan is not None:
        rows = fan[fan["category"] == cat]
        p50, p10 = rows["p50"].to_numpy(), rows["p10"].to_numpy()
        alone = rows["prob_europe_alone_pct"].to_numpy()
    else:
        p50 = p10 = run.coverage_pct[0, :, c]
        alone = np.where(run.european_pct[0, :, c] >= model.threshold_pct, 100.0, 0.0)
    year, depth = _shortfall(years, p50)
    _, bad = _shortfall(years, p10)
    reached = np.flatnonzero(alone >= EUROPE_ALONE_PROB_PCT)
    return {
        "category": cat,
        "requirement": requirement,
        "worst_shortfall_year": year,
        "worst_shortfall_pct": depth,
        "worst_shortfall_units": depth / 100.0 * requirement,
        "worst_shortfall_pct_p10": bad,
        "europe_alone_year": int(years[reached[0]]) if reached.size else None,
        "europe_alone": f"{int(years[reached[0]])}" if reached.size else f"not by {int(years[-1])}",
        "prob_europe_alone_end_pct": float(alone[-1]),
        "orders_possible": bool(np.isfinite(model.data.unit_cost[c])),
    }


def overall_row(model: Model, rows: list[dict[str, Any]], summary: Summary) -> dict[str, Any]:
    """The row ``all``: the deepest category shortfall; every category alone at P >= 0.9."""
    years = model.years
    worst = max(rows, key=lambda r: (r["worst_shortfall_pct"], -(r["worst_shortfall_year"] or 0)))
    alone = 100.0 * summary.eu_all / summary.n_draws
    reached = np.flatnonzero(alone >= EUROPE_ALONE_PROB_PCT)
    return {
        "category": "all",
        "requirement": np.nan,
        "worst_shortfall_year": worst["worst_shortfall_year"],
        "worst_shortfall_pct": worst["worst_shortfall_pct"],
        "worst_shortfall_units": np.nan,
        "worst_shortfall_pct_p10": max(r["worst_shortfall_pct_p10"] for r in rows),
        "europe_alone_year": int(years[reached[0]]) if reached.size else None,
        "europe_alone": f"{int(years[reached[0]])}" if reached.size else f"not by {int(years[-1])}",
        "prob_europe_alone_end_pct": float(alone[-1]),
        "orders_possible": all(r["orders_possible"] for r in rows),
    }


def sensitivity_frame(params: Mapping[str, Uncertain], summary: Summary) -> pd.DataFrame:
    """Spearman rank correlation of each uncertain parameter with the draw's gap-years."""
    from scipy.stats import spearmanr

    rows = []
    y = summary.kept_outcome
    for j, name in enumerate(PARAMETERS):
        x = summary.kept_params[:, j]
        if x.size < 3 or np.all(x == x[0]) or np.all(y == y[0]):
            continue
        rho, p = spearmanr(x, y)
        rows.append(
            {
                "parameter": name,
                "spearman_rho": float(rho),
                "p_value": float(p),
                "n_draws": int(x.size),
            }
        )
    frame = pd.DataFrame(rows, columns=["parameter", "spearman_rho", "p_value", "n_draws"])
    return frame.reindex(
        frame["spearman_rho"].abs().sort_values(ascending=False).index
    ).reset_index(drop=True)
