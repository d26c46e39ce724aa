"""Threat perceptions: who fears what, who clusters with whom, who would back which mission.

Inputs are the long tables ``threat_perceptions`` (iso3, year, threat, priority 0–3) and
``missions`` (mission, threat, relevance 0–3). Missing codings stay missing: a state is
never given a priority that no source supports.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from europillar.decisions.rules import RuleSpec, passes

THREATS = (
    "russia_east",
    "terrorism",
    "south_instability_migration",
    "china",
    "hybrid_cyber",
    "maritime_mediterranean",
    "rules_based_order",
)
NO_OVERLAP_DISTANCE = 1.5  # mid-scale: two states with no commonly coded threat


def threat_matrix(perceptions: pd.DataFrame) -> pd.DataFrame:
    """States × threats, the most recent coding of each pair (NaN where none)."""
    latest = perceptions.sort_values("year").groupby(["iso3", "threat"], as_index=False).last()
    wide = latest.pivot(index="iso3", columns="threat", values="priority_0_3")
    cols = [t for t in THREATS if t in wide.columns] + [t for t in wide.columns if t not in THREATS]
    return wide.reindex(columns=cols).astype(float).sort_index()


def distance_matrix(matrix: pd.DataFrame, min_coded: int = 1) -> pd.DataFrame:
    """Mean absolute priority difference over the threats coded for both states.

    States with fewer than ``min_coded`` codings are dropped; pairs with no commonly
    coded threat get ``NO_OVERLAP_DISTANCE`` (documented assumption).
    """
    kept = matrix[matrix.notna().sum(axis=1) >= min_coded]
    values = kept.to_numpy()
    n = len(kept)
    out = np.zeros((n, n))
    for a, b in itertools.combinations(range(n), 2):
        both = ~np.isnan(values[a]) & ~np.isnan(values[b])
        d = (
            float(np.abs(values[a, both] - values[b, both]).mean())
            if both.any()
            else NO_OVERLAP_DISTANCE
        )
        out[a, b] = out[b, a] = d
    return pd.DataFrame(out, index=kept.index, columns=kept.index)


def cluster_states(distances: pd.DataFrame, n_clusters: int = 3) -> tuple[np.ndarray, pd.DataFrame]:
    """Average-linkage hierarchical clustering; returns the scipy linkage and labels."""
    if len(distances) < 2:
        raise ValueError("clustering needs at least two states")
    link = linkage(squareform(distances.to_numpy(), checks=False), method="average")
    labels = fcluster(link, t=n_clusters, criterion="maxclust")
    frame = pd.DataFrame({"iso3": distances.index, "cluster": labels.astype(int)})
    return link, frame


def mission_relevance(missions: pd.DataFrame) -> pd.DataFrame:
    """Missions × threats relevance (0 where a mission does not address a threat)."""
    wide = missions.pivot_table(
        index="mission_id", columns="threat", values="relevance_0_3", aggfunc="max"
    )
    return wide.reindex(columns=list(THREATS)).fillna(0.0)


def support_scores(matrix: pd.DataFrame, relevance: pd.Series) -> pd.Series:
    """Score in [0, 1]: relevance-weighted priority over the threats coded for each state.

    ``score_i = sum_t r_t p_it / (3 sum_t r_t)`` over threats t with r_t > 0 and a coding for
    state i; NaN when no relevant threat is coded for i (support unknown).
    """
    r = relevance.reindex(matrix.columns).fillna(0.0).to_numpy()
    p = matrix.to_numpy()
    coded = ~np.isnan(p) & (r > 0)
    num = np.where(coded, np.nan_to_num(p) * r, 0.0).sum(axis=1)
    den = np.where(coded, 3.0 * r, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(den > 0, num / den, np.nan)
    return pd.Series(score, index=matrix.index, name="score")


def mission_support(
    matrix: pd.DataFrame,
    relevance: pd.DataFrame,
    members: Sequence[str],
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Long table mission × member: score and stance (yes / no / unknown)."""
    rows = []
    full = matrix.reindex(list(members))
    for mission, rel in relevance.iterrows():
        scores = support_scores(full, rel)
        for iso3, s in scores.items():
            stance = "unknown" if np.isnan(s) else ("yes" if s >= threshold else "no")
            rows.append({"mission_id": mission, "iso3": iso3, "score": s, "stance": stance})
    return pd.DataFrame(rows)


def mission_votes(
    support: pd.DataFrame,
    rules: Mapping[str, RuleSpec],
    members: Sequence[str],
    population: Mapping[str, int],
) -> pd.DataFrame:
    """Per mission and rule: supporters, opponents, unknown, and whether it passes.

    ``passes_if_unknown_no`` counts states without coding as no-votes (pessimistic),
    ``passes_if_unknown_yes`` as yes-votes (optimistic).
    """
    rows = []
    for mission, group in support.groupby("mission_id", sort=False):
        yes = group.loc[group["stance"] == "yes", "iso3"].tolist()
        unknown = group.loc[group["stance"] == "unknown", "iso3"].tolist()
        no = group.loc[group["stance"] == "no", "iso3"].tolist()
        for name, spec in rules.items():
            rows.append(
                {
                    "mission_id": mission,
                    "rule": name,
                    "yes": len(yes),
                    "no": len(no),
                    "unknown": len(unknown),
                    "supporters": " ".join(sorted(yes)),
                    "passes_if_unknown_no": passes(spec, members, yes, population=population),
                    "passes_if_unknown_yes": passes(
                        spec, members, yes + unknown, population=population
                    ),
                }
            )
    return pd.DataFrame(rows)


def best_package(
    matrix: pd.DataFrame,
    relevance: pd.DataFrame,
    members: Sequence[str],
    threshold: float = 0.5,
    max_size: int | None = None,
) -> pd.DataFrame:
    """Mission packages ranked by the number of members that back them.

    A package's relevance is the sum of its missions' relevance vectors; ties are broken by
    fewer unknown states, then by the smaller package, then alphabetically.
    """
    missions = list(relevance.index)
    limit = max_size or len(missions)
    full = matrix.reindex(list(members))
    rows = []
    for k in range(1, limit + 1):
        for combo in itertools.combinations(missions, k):
            scores = support_scores(full, relevance.loc[list(combo)].sum(axis=0))
            known = scores.dropna()
            rows.append(
                {
                    "package": " + ".join(combo),
                    "missions": k,
                    "supporters": int((known >= threshold).sum()),
                    "opponents": int((known < threshold).sum()),
                    "unknown": int(scores.isna().sum()),
                    "mean_score": float(known.mean()) if len(known) else float("nan"),
                }
            )
    frame = pd.DataFrame(rows)
    return frame.sort_values(
        ["supporters", "unknown", "missions", "package"],
        ascending=[False, True, True, True],
        kind="stable",
    ).reset_index(drop=True)
