"""One-off build of ``static/europe.geojson`` from Natural Earth 1:110m admin-0 (dev only).

Natural Earth is public domain (source ``web_naturalearth``). The shapefile ships inside
the geopandas 0.14.4 wheel::

    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-*.whl 'geopandas/datasets/*'
    pip install pyshp
    python -m europillar.web.geometry_build geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Keeps polygon parts that overlap the map window of Europe, rounds coordinates to 0.01
degree and writes atomically. Natural Earth codes France, Norway and Kosovo as -99 in
``iso_a3``; they get FRA, NOR and XKX here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

WINDOW = (-25.0, 34.0, 45.0, 72.0)  # lon_min, lat_min, lon_max, lat_max
FIXED_CODES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
EXTRA = {"TUR", "CYP", "GEO", "ARM", "AZE"}  # NATO/EU-relevant states Natural Earth puts in Asia


def _overlaps(ring: list[tuple[float, float]]) -> bool:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (
        max(xs) >= WINDOW[0]
        and min(xs) <= WINDOW[2]
        and max(ys) >= WINDOW[1]
        and min(ys) <= WINDOW[3]
    )


def _feature(shape: Any, record: dict[str, Any]) -> dict[str, Any] | None:
    iso3 = FIXED_CODES.get(record["name"], record["iso_a3"])
    if record["continent"] != "Europe" and iso3 not in EXTRA:
        return None
    bounds = [*list(shape.parts), len(shape.points)]
    rings = [shape.points[bounds[i] : bounds[i + 1]] for i in range(len(shape.parts))]
    polygons = [
        [[[round(x, 2), round(y, 2)] for x, y in ring]] for ring in rings if _overlaps(ring)
    ]
    if not polygons:
        return None
    return {
        "type": "Feature",
        "properties": {"iso3": iso3, "name": record["name"]},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def build_geojson(shapefile_path: str) -> dict[str, Any]:
    import shapefile  # pyshp, a dev-only dependency

    reader = shapefile.Reader(shapefile_path)
    features = []
    for item in reader.iterShapeRecords():
        feature = _feature(item.shape, item.record.as_dict())
        if feature is not None:
            features.append(feature)
    features.sort(key=lambda f: f["properties"]["iso3"])
    return {
        "type": "FeatureCollection",
        "source_id": "web_naturalearth",
        "features": features,
    }


def main(argv: list[str]) -> None:
    from europillar.atomic import write_text

    target = Path(__file__).parent / "static" / "europe.geojson"
    write_text(target, json.dumps(build_geojson(argv[0]), separators=(",", ":")) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
