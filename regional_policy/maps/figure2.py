"""Figure 2: the leading industries of the 5+2 economic regions (final list or proposal), map, tiles, table."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import geo, labels, places, style
from ..display import Figure, Table
from ..params import Chapter
from .layout import MAP2
from .shared import (
    REGION_COLORS,
    TILE_GAP,
    TILE_H,
    TILE_W,
    VERSIONS,
    _anchors,
    _geo_data,
    _notes,
    _pixels,
    _ready,
    _region_of_highlight,
    _styled,
    _tile_xy,
    check_version,
    frame,
    highlight_outline,
    leading,
)


def _regions_frame(ch: Chapter, version: str) -> pd.DataFrame:
    lang = ch.lang
    f2 = leading(ch, version)
    rows = []
    for r in places.regions():
        items = f2[f2["economic_region"] == r["key"]].sort_values("order")
        members = [places.name(p["short_en"], lang) for p in places.table() if p["economic_region"] == r["key"]]
        lines = list(items["industry"])
        if r["key"] == "capital":
            lines.append(f"({labels.t('not_funded', lang)})")
        rows.append(
            {
                "key": r["key"],
                "region": places.region_name(r["key"], lang),
                "members": ", ".join(members),
                "industries": "\n".join(lines),
                "industries_tip": "; ".join(lines),
                "highlighted": r["key"] == _region_of_highlight(ch),
            }
        )
    return pd.DataFrame(rows)


def _changed_regions(ch: Chapter) -> list[str]:
    f2 = frame(ch, "figure2-leading-industries")
    out = []
    for r in places.regions():
        lists = [
            tuple(f2[(f2["version"] == v) & (f2["economic_region"] == r["key"])].sort_values("order")["industry_en"])
            for v in VERSIONS
        ]
        if lists[0] != lists[1]:
            out.append(r["key"])
    return out


def _figure2_parts(ch: Chapter, version: str):
    """What the map and the tile grid of Figure 2 share: regions, colour, tooltip, emphasis, title, text, table."""
    lang = ch.lang
    check_version(version)
    regions = _regions_frame(ch, version)
    f2 = leading(ch, version)
    vname = labels.t(f"version:{version}", lang)
    changed = ", ".join(places.region_name(k, lang) for k in _changed_regions(ch))
    title = labels.t("fig2_map_title", lang).format(version=vname)
    desc = labels.t("fig2_map_desc", lang).format(
        version=vname, n=len(f2), diff=labels.t("fig2_diff", lang).format(regions=changed)
    )
    keys = [r["key"] for r in places.regions()]
    color = alt.Color(
        "region:N",
        title=labels.t("legend_region", lang),
        scale=alt.Scale(domain=[places.region_name(k, lang) for k in keys], range=[REGION_COLORS[k] for k in keys]),
    )
    tip = [
        alt.Tooltip("region:N", title=labels.t("col_region", lang)),
        alt.Tooltip("members:N", title=labels.t("col_members", lang)),
        alt.Tooltip("industries_tip:N", title=labels.t("tooltip_leading", lang)),
    ]
    opacity = style.dimmed(alt.datum.highlighted, bool(ch.highlight), 0.4)
    table = _figure2_frame(ch)
    return regions, color, tip, opacity, title, desc, table


def figure2_tiles(ch: Chapter, version: str = "final") -> Figure:
    """Figure 2 on the tile grid: every unit one tile, coloured by its economic region."""
    return _figure2_tiles(ch, *_figure2_parts(ch, version), fallback=False)


def figure2_map(ch: Chapter, version: str = "final") -> Figure | Table:
    """Figure 2: the seven economic regions with their leading industries (``version``: final or proposal)."""
    lang = ch.lang
    regions, color, tip, opacity, title, desc, table = _figure2_parts(ch, version)
    if not _ready():
        return _figure2_tiles(ch, regions, color, tip, opacity, title, desc, table)
    proj = MAP2.altair().to_dict()
    shapes = (
        alt.Chart(_geo_data(geo.REGIONS))
        .mark_geoshape(stroke="white", strokeWidth=1.2, fillOpacity=0.75)
        .encode(
            color=color,
            opacity=opacity,
            tooltip=tip,
        )
        .transform_lookup(
            lookup="properties.key",
            from_=alt.LookupData(regions, "key", ["region", "members", "industries_tip", "highlighted"]),
        )
        .project(**proj)
    )
    borders = (
        alt.Chart(_geo_data(geo.PROVINCES))
        .mark_geoshape(fill=None, stroke="white", strokeWidth=0.4, strokeDash=[2, 2])
        .project(**proj)
    )
    layers = [shapes, borders, *highlight_outline(ch, proj)]
    anchors = _anchors(geo.REGIONS)
    lab = regions.copy()
    offsets = {
        "capital": (-0.45, 0.0),
        "gangwon": (0.25, 0.05),
        "honam": (-0.3, -0.15),
        "dongnam": (0.45, -0.12),
        "jeju": (0, -0.25),
    }
    lab["lon"] = [anchors[k][0] + offsets.get(k, (0, 0))[0] for k in lab["key"]]
    lab["lat"] = [anchors[k][1] + offsets.get(k, (0, 0))[1] for k in lab["key"]]
    for stroke in (True, False):
        extra = {"stroke": "white", "strokeWidth": 3, "strokeOpacity": 0.9} if stroke else {}
        layers.append(
            alt.Chart(lab)
            .mark_text(fontWeight="bold", fontSize=13, dy=-6, baseline="bottom", **extra)
            .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("region:N"))
            .project(**proj)
        )
        layers.append(
            alt.Chart(lab)
            .mark_text(fontSize=11, lineBreak="\n", baseline="top", dy=-2, **extra)
            .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("industries:N"))
            .project(**proj)
        )
    chart = alt.layer(*layers).properties(width=MAP2.width, height=MAP2.height)
    notes, prefix = (
        _notes(lang, labels.t("note_reconstructed", lang), *ch.highlight_notes(places.keys())),
        labels.t("figure", lang),
    )
    return Figure.finished(
        "figure-2-map", "2", title, desc, chart, table, lang, wrap=style.TITLE_ROOM, prefix=prefix, notes=notes
    )


def _figure2_tiles(ch, regions, color, tip, opacity, title, desc, table, fallback: bool = True) -> Figure:
    lang = ch.lang
    grid = _tile_xy(ch)
    grid["key"] = grid["province"].map(lambda p: places.get(p)["economic_region"])
    grid["unit"] = grid["province"].map(lambda p: places.name(p, lang))
    grid = grid.merge(regions, on="key")
    tiles = (
        alt.Chart(grid)
        .mark_rect(cornerRadius=3, fillOpacity=0.6)
        .encode(**_pixels("x", "y"), x2=alt.X2("x2:Q"), y2=alt.Y2("y2:Q"), color=color, opacity=opacity, tooltip=tip)
    )
    names = (
        alt.Chart(grid)
        .mark_text(align="left", fontWeight="bold", fontSize=12)
        .encode(x=alt.X("tx:Q", scale=None), y=alt.Y("ty:Q", scale=None), text=alt.Text("unit:N"))
        .transform_calculate(tx="datum.x + 8", ty="datum.y + 18")
    )
    regs = (
        alt.Chart(grid)
        .mark_text(align="left", fontSize=10.5, lineBreak="\n", baseline="top")
        .encode(x=alt.X("tx:Q", scale=None), y=alt.Y("ty:Q", scale=None), text=alt.Text("industries:N"))
        .transform_calculate(tx="datum.x + 8", ty="datum.y + 30")
    )
    chart = alt.layer(tiles, names, regs).properties(width=4 * TILE_W + 3 * TILE_GAP, height=5 * TILE_H + 4 * TILE_GAP)
    # beside the map (not ``fallback``), or in its place: then saying why
    name, number = ("figure-2-map", "2") if fallback else ("figure-2-tiles", "2b")
    notes = (labels.t("note_no_boundaries_region", lang),) if fallback else ()
    notes += (labels.t("note_reconstructed", lang), *ch.highlight_notes(places.keys()))
    prefix = labels.t("figure", lang)
    return Figure.finished(
        name, number, title, desc, chart, table, lang, wrap=style.TITLE_ROOM, prefix=prefix, notes=notes
    )


def _figure2_frame(ch: Chapter) -> pd.DataFrame:
    lang = ch.lang
    rows = []
    for r in places.regions():
        lists = {}
        for v in VERSIONS:
            items = leading(ch, v)
            items = items[items["economic_region"] == r["key"]].sort_values("order")
            lists[v] = [f"{m} {i}" for m, i in zip(items["marker"], items["industry"])]
            lists[v + "_src"] = sorted({s for src in items["source"] for s in src.split(";")})
        same = [x[2:] for x in lists["final"]] == [x[2:] for x in lists["proposal"]]
        rows.append(
            {
                labels.t("col_region", lang): places.region_name(r["key"], lang),
                labels.t("col_members", lang): ", ".join(
                    places.name(p["short_en"], lang) for p in places.table() if p["economic_region"] == r["key"]
                ),
                labels.t("col_final", lang): "; ".join(lists["final"]),
                labels.t("col_proposal", lang): "; ".join(lists["proposal"]),
                labels.t("col_same", lang): labels.t("yes" if same else "no", lang),
                labels.t("col_sources", lang): ", ".join(sorted(set(lists["final_src"]) | set(lists["proposal_src"]))),
            }
        )
    return pd.DataFrame(rows)


def figure2_table(ch: Chapter) -> Table:
    """Both versions of the leading-industry list side by side, and whether they differ."""
    lang = ch.lang
    out = _figure2_frame(ch)
    hl_key = _region_of_highlight(ch)
    hl = pd.Series([r["key"] == hl_key for r in places.regions()], index=out.index)
    return Table(
        "figure-2-data",
        _styled(out, labels.t("fig2_table_title", lang), "figure-2-data", hl),
        notes=(
            labels.t("note_reconstructed", lang),
            labels.t("marker_key", lang).split("   +")[0],
            *ch.highlight_notes(places.keys()),
        ),
    )
