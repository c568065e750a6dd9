"""Province and economic-region boundaries for the maps, built from KOSTAT's census boundaries.

The boundaries are an external input, never committed. ``data/boundaries.json``
records the upstream URL, its sha256 and the licence (KOSTAT asks every use to
credit "통계청 통계지리정보서비스"). :func:`fetch` gets the file with ``pooch``
into ``.cache/geo/`` (git-ignored); when ``../shared/geo/upstream/`` holds the
file, the cache is seeded from it first, so pooch finds the file with the right
hash and never touches the network. Downloading happens only when asked
(``download=True`` or ``python -m regional_policy.geo fetch``).

:func:`build` turns the 3,479 sub-municipal units of 2012 into the 16
metropolitan cities and provinces of 2010 and the seven economic regions:

1. decode the TopoJSON (quantized, delta-encoded arcs) with shapely only;
2. simplify each shared arc once (Douglas-Peucker) and snap it to a 1e-4 degree
   grid, so that neighbouring units keep identical borders;
3. give each unit its 2010 province: the first two digits of its code, except
   Sejong (29, created in 2012), whose Bugang-myeon (2901033) goes back to
   Chungbuk (33) and every other unit to Chungnam (34);
4. ``make_valid`` and union per province; drop parts under 1 km² (keeping each
   unit's largest part) and holes that no other unit fills;
5. orient exterior rings clockwise (holes counter-clockwise), the d3/Vega
   convention: the opposite would make Vega-Lite fill the whole globe.

:func:`write` saves both as GeoJSON in ``_static/geo/`` (git-ignored, copied
into the site by Sphinx), skipping the work when the input, this module and
``places.csv`` are unchanged. The output is byte-identical from run to run.
Maps refer to the files by URL (:func:`url`), so executed notebooks never
embed the geometry.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from . import places
from .paths import DATA, ROOT, STATIC
from .topojson import decode_arcs, geometries  # noqa: F401  (part of this module's API)

META = DATA / "boundaries.json"
CACHE = ROOT / ".cache" / "geo"
SHARED = ROOT.parent / "shared" / "geo" / "upstream"
OUT = STATIC / "geo"
PROVINCES = "provinces-2010.geojson"
REGIONS = "economic-regions-2010.geojson"
URL_BASE = "../_static/geo/"  # chapter pages are _build/html/book/<chapter>.html

SIMPLIFY_DEG = 0.004  # Douglas-Peucker tolerance on the arcs, about 400 m
GRID_DEG = 1e-4  # coordinates are snapped to this grid (about 10 m)
MIN_PART_KM2 = 1.0  # islands smaller than this are dropped (each unit keeps its largest part)
SEJONG = "29"
SEJONG_TO_CHUNGBUK = {"2901033"}  # Bugang-myeon: former Buyong-myeon of Cheongwon-gun, Chungbuk
CHUNGBUK, CHUNGNAM = "33", "34"


def meta() -> dict:
    """The committed record of the upstream file: url, sha256, licence and credit lines."""
    return json.loads(META.read_text(encoding="utf-8"))


def credit(lang: str) -> str:
    """The credit line every map carries."""
    return meta()["credit_en" if lang == "en" else "credit_ko"]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _good(path: Path) -> bool:
    return path.is_file() and sha256(path) == meta()["sha256"]


def seed_cache(cache: Path = CACHE, shared: Path = SHARED) -> bool:
    """Copy the upstream file from ``shared`` into ``cache`` if the cache lacks it; True if copied."""
    m = meta()
    target, source = Path(cache) / m["fname"], Path(shared) / m["fname"]
    if _good(target) or not _good(source):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
    return True


def fetch(download: bool = False, cache: Path = CACHE, shared: Path = SHARED) -> Path | None:
    """The verified upstream file, via pooch; None if it is not cached and ``download`` is False."""
    m = meta()
    seed_cache(cache, shared)
    if not (_good(Path(cache) / m["fname"]) or download):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pooch imports tqdm.auto, which warns when ipywidgets is missing
        import pooch

        return Path(
            pooch.retrieve(
                m["url"], known_hash=f"sha256:{m['sha256']}", fname=m["fname"], path=str(cache), progressbar=False
            )
        )


def boundaries_available(cache: Path = CACHE, shared: Path = SHARED) -> bool:
    """Whether the maps can be drawn (the upstream file is cached or can be seeded, offline)."""
    return fetch(download=False, cache=cache, shared=shared) is not None


# --- processing --------------------------------------------------------------------------------


def province_2010(code: str) -> str:
    """The 2010 province of a 2012 sub-municipal unit (Sejong split back into Chungbuk and Chungnam)."""
    if code[:2] != SEJONG:
        return code[:2]
    return CHUNGBUK if code in SEJONG_TO_CHUNGBUK else CHUNGNAM


def simplify_arcs(arcs: list[np.ndarray], tolerance: float = SIMPLIFY_DEG, grid: float = GRID_DEG) -> list[np.ndarray]:
    """Each arc simplified once (its end points kept) and snapped to the grid."""
    out = []
    for a in arcs:
        if len(a) > 2 and tolerance > 0:
            a = np.asarray(LineString(a).simplify(tolerance, preserve_topology=False).coords)
        a = np.round(a / grid) * grid
        keep = np.ones(len(a), dtype=bool)
        keep[1:] = np.any(a[1:] != a[:-1], axis=1)
        out.append(a[keep] if keep.sum() >= 2 else a[[0, -1]])
    return out


def _polygons(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [p for g in getattr(geom, "geoms", []) for p in _polygons(g)]


def area_km2(geom) -> float:
    """Approximate area in km² (degrees scaled at the geometry's latitude; enough for a threshold)."""
    if geom.is_empty:
        return 0.0
    lat = geom.centroid.y
    return geom.area * 111.32**2 * math.cos(math.radians(lat))


def _clean(geom, others, min_km2: float = MIN_PART_KM2):
    """Drop small parts (keep the largest) and holes that no other unit fills."""
    parts = sorted(_polygons(shapely.make_valid(geom)), key=lambda p: -p.area)
    kept = []
    for i, part in enumerate(parts):
        if i > 0 and area_km2(part) < min_km2:
            continue
        holes = []
        for ring in part.interiors:
            hole = Polygon(ring)
            filled = others.intersection(hole).area if others is not None else 0.0
            if hole.area > 0 and filled / hole.area > 0.5:
                holes.append(ring)
        kept.append(Polygon(part.exterior, holes))
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _finish(geom, grid: float = GRID_DEG):
    """Snap to the grid, make valid, and orient exteriors clockwise (d3 / Vega-Lite)."""
    geom = shapely.make_valid(shapely.set_precision(geom, grid))
    polys = [orient(p, sign=-1.0) for p in _polygons(geom)]
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def build(topo: dict) -> tuple[dict, dict]:
    """The 16 provinces of 2010 and the 7 economic regions, as GeoJSON FeatureCollections."""
    arcs = simplify_arcs(decode_arcs(topo))
    by_province: dict[str, list] = {}
    for props, geom in geometries(topo, arcs):
        polys = _polygons(shapely.make_valid(geom))
        if polys:
            by_province.setdefault(province_2010(props["code"]), []).extend(polys)
    table = {p["code"]: p for p in places.table()}
    if set(by_province) != set(table):
        raise ValueError(f"boundary codes {sorted(by_province)} do not match places.csv {sorted(table)}")
    merged = {code: shapely.union_all(by_province[code]) for code in sorted(by_province)}
    provinces = {}
    for code, geom in merged.items():
        others = shapely.union_all([g for c, g in merged.items() if c != code])
        provinces[code] = _finish(_clean(geom, others))
    regions = {}
    for key in [r["key"] for r in places.regions()]:
        geom = shapely.union_all([provinces[c] for c in sorted(provinces) if table[c]["economic_region"] == key])
        regions[key] = _finish(_clean(geom, None))
    prov_fc = _collection(
        [
            (
                code,
                {
                    **{
                        k: table[code][k]
                        for k in ("code", "short_en", "short_ko", "name_en", "name_ko", "economic_region")
                    },
                    **anchor(g),
                },
                g,
            )
            for code, g in provinces.items()
        ]
    )
    reg_fc = _collection(
        [
            (
                r["key"],
                {"key": r["key"], "name_en": r["name_en"], "name_ko": r["name_ko"], **anchor(regions[r["key"]])},
                regions[r["key"]],
            )
            for r in places.regions()
        ]
    )
    return prov_fc, reg_fc


def anchor(geom) -> dict:
    """A point well inside the largest part (pole of inaccessibility), where a label or leader line goes."""
    largest = max(_polygons(geom), key=lambda p: p.area)
    pt = polylabel(largest, tolerance=0.005)
    return {"label_lon": round(pt.x, 3), "label_lat": round(pt.y, 3)}


def _rounded(obj, ndigits: int = 4):
    if isinstance(obj, (list, tuple)):
        return [_rounded(x, ndigits) for x in obj]
    return round(float(obj), ndigits)


def _collection(items) -> dict:
    features = []
    for fid, props, geom in items:
        g = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "id": fid,
                "properties": props,
                "geometry": {"type": g["type"], "coordinates": _rounded(g["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def dumps(fc: dict) -> str:
    """Deterministic, compact JSON text."""
    return json.dumps(fc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# --- output ------------------------------------------------------------------------------------


def _stamp(input_sha: str) -> dict:
    code = hashlib.sha256(
        Path(__file__).read_bytes() + (DATA / "places.csv").read_bytes() + (DATA / "economic-regions.csv").read_bytes()
    ).hexdigest()
    return {"input_sha256": input_sha, "code_sha256": code}


def write(
    out: Path = OUT, download: bool = False, cache: Path = CACHE, shared: Path = SHARED
) -> dict[str, Path] | None:
    """Write the processed boundaries to ``out``; None (nothing written) if the boundaries are unavailable."""
    source = fetch(download=download, cache=cache, shared=shared)
    if source is None:
        return None
    out = Path(out)
    paths = {"provinces": out / PROVINCES, "regions": out / REGIONS}
    stamp_path = out / "stamp.json"
    stamp = _stamp(meta()["sha256"])
    if (
        all(p.is_file() for p in paths.values())
        and stamp_path.is_file()
        and json.loads(stamp_path.read_text(encoding="utf-8")) == stamp
    ):
        return paths
    prov, reg = build(json.loads(Path(source).read_text(encoding="utf-8")))
    out.mkdir(parents=True, exist_ok=True)
    for path, fc in ((paths["provinces"], prov), (paths["regions"], reg)):
        tmp = path.with_suffix(".tmp")
        tmp.write_text(dumps(fc), encoding="utf-8")
        tmp.replace(path)
    stamp_path.write_text(json.dumps(stamp, sort_keys=True) + "\n", encoding="utf-8")
    return paths


def url(name: str) -> str:
    """The address of a processed file, relative to a chapter page."""
    return URL_BASE + name


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["fetch"]:
        print(fetch(download=True))
        return 0
    paths = write(download=False)
    if paths is None:
        print(
            "boundaries not available: run `python -m regional_policy.geo fetch` (network) "
            "or provide ../shared/geo/upstream/",
            file=sys.stderr,
        )
        return 1
    for p in paths.values():
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
