"""Decode TopoJSON with numpy and shapely only: quantized, delta-encoded arcs into polygons.

Used by :mod:`.geo` to read KOSTAT's census boundaries (a TopoJSON topology).
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import MultiPolygon, Polygon


def decode_arcs(topo: dict) -> list[np.ndarray]:
    """Absolute coordinates of every arc (quantized arcs are delta-encoded and need the transform)."""
    arcs = [np.asarray(a, dtype=float) for a in topo["arcs"]]
    tf = topo.get("transform")
    if tf:
        scale, translate = np.asarray(tf["scale"]), np.asarray(tf["translate"])
        arcs = [np.cumsum(a, axis=0) * scale + translate for a in arcs]
    return arcs


def _ring(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for k, i in enumerate(indices):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def geometries(topo: dict, arcs: list[np.ndarray] | None = None) -> list[tuple[dict, object]]:
    """(properties, shapely geometry) of every geometry of the topology's first object."""
    arcs = decode_arcs(topo) if arcs is None else arcs
    obj = next(iter(topo["objects"].values()))
    out = []
    for g in obj["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        shapes = []
        for poly in polys:
            rings = [_ring(r, arcs) for r in poly]
            if len(rings[0]) >= 4:
                shapes.append(Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]))
        out.append((g.get("properties", {}), MultiPolygon(shapes) if len(shapes) != 1 else shapes[0]))
    return out
