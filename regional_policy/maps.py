"""The paper's Figures 1 and 2 (maps), their tables, and two additions of the book.

Each function takes a :class:`~.params.Chapter` and returns a
:class:`~.display.Figure` (or :class:`~.display.Table`):

* :func:`figure1_map`, :func:`figure1_tiles`, :func:`figure1_table`: the strategic
  industries of the 16 units (1st Five-Year Plan for Balanced National
  Development, 2004-2008), as a map with callouts and as a tile grid;
* :func:`figure2_map`, :func:`figure2_table`: the leading industries of the 5+2
  economic regions, final list or September 2008 proposal (``version``);
* :func:`overlap_chart`, :func:`old_complexes_map`: additions, not in the paper;
* :func:`sources_table`: the sources behind the reconstructed data.

The figure data were reconstructed from press reports (the paper's figures are
images); medium-confidence items are drawn with a hollow marker. Maps refer to
the processed boundaries by URL (:mod:`.geo`), so the executed notebook never
embeds geometry, and every map carries the KOSTAT credit. Without the
boundaries, the map functions fall back to the tile grid and say so.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import geo, labels, places, style
from .display import Figure, Table
from .params import Chapter, ParameterError

VERSIONS = ("final", "proposal")
GROUPS = ("4 regions (1999)", "9 regions (2002)", "none")
GROUP_COLORS = (style.OKABE_ITO[0], style.OKABE_ITO[1], style.MUTED)
REGION_COLORS = {
    "capital": style.MUTED,
    "chungcheong": style.OKABE_ITO[0],
    "honam": style.OKABE_ITO[2],
    "daegyeong": style.OKABE_ITO[3],
    "dongnam": style.OKABE_ITO[1],
    "gangwon": style.OKABE_ITO[4],
    "jeju": style.OKABE_ITO[6],
}
FIELDS = ("it", "bio", "machinery", "materials", "energy", "culture", "services", "environment")
MARKER = {"high": "●", "medium": "○", "low": "○"}
FIFTH = "+"
RESOURCES = ("figure1-strategic-industries", "figure2-leading-industries", "sources", "tile-grid")


# --- data ----------------------------------------------------------------------------------------


def frame(ch: Chapter, name: str) -> pd.DataFrame:
    """A validated table of the chapter's data package."""
    return ch.data[name].copy()


def check_version(version: str) -> str:
    """Refuse a list version that does not exist, naming the allowed ones."""
    if version not in VERSIONS:
        raise ParameterError(
            f"parameter leading_list={version!r} is not allowed; allowed values: {', '.join(map(repr, VERSIONS))}"
        )
    return version


def _group_label(group: str, lang: str) -> str:
    return labels.t(f"ripp:{group}", lang)


def strategic(ch: Chapter) -> pd.DataFrame:
    """Figure 1's items with the unit's facts (names, region, RIPP group) from ``places`` and a display label."""
    lang = ch.lang
    f1 = frame(ch, "figure1-strategic-industries")
    pl = frame(ch, "places").set_index("short_en")
    f1["code"] = f1["province"].map(pl["code"])
    f1["unit"] = f1["province"].map(lambda p: places.name(p, lang))
    f1["region"] = f1["province"].map(lambda p: places.region_name(pl.loc[p, "economic_region"], lang))
    f1["economic_region"] = f1["province"].map(pl["economic_region"])
    f1["ripp_group"] = f1["province"].map(pl["ripp_group"])
    f1["group_label"] = f1["ripp_group"].map(lambda g: _group_label(g, lang))
    f1["industry"] = f1["industry_en" if lang == "en" else "industry_ko"]
    f1["label"] = f1["label_en" if lang == "en" else "label_ko"]
    f1["marker"] = [FIFTH if not four else MARKER[c] for four, c in zip(f1["in_four"], f1["confidence"])]
    return f1


def _units(ch: Chapter, f1: pd.DataFrame) -> pd.DataFrame:
    """One row per unit with a one-line summary of its industries (for tooltips)."""
    lang = ch.lang
    rows = []
    for p in places.keys():
        items = f1[f1["province"] == p].sort_values("order")
        place = places.get(p)
        rows.append(
            {
                "province": p,
                "code": place["code"],
                "unit": places.name(p, lang),
                "name": place["name_en" if lang == "en" else "name_ko"],
                "region": places.region_name(place["economic_region"], lang),
                "ripp_group": place["ripp_group"],
                "group_label": _group_label(place["ripp_group"], lang),
                "industries": "; ".join(f"{m} {i}" for m, i in zip(items["marker"], items["industry"])),
                "highlighted": p == ch.highlight,
            }
        )
    return pd.DataFrame(rows)


def _group_scale(lang: str) -> alt.Scale:
    return alt.Scale(domain=[_group_label(g, lang) for g in GROUPS], range=list(GROUP_COLORS))


def _notes(lang: str, *extra: str, boundaries: bool = True) -> tuple[str, ...]:
    credit = (geo.credit(lang),) if boundaries else ()
    return (*extra, *credit)


def _ready() -> bool:
    """Write the processed boundaries if they can be had offline; whether the maps can be drawn."""
    return geo.boundaries_available() and geo.write() is not None


def _anchors(name: str) -> dict[str, tuple[float, float]]:
    """Label points of the processed features (read from the local file; the chart refers to it by URL)."""
    fc = json.loads((geo.OUT / name).read_text(encoding="utf-8"))
    return {f["id"]: (f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in fc["features"]}


@dataclass(frozen=True)
class Mercator:
    """The map's projection, computed here too so that callouts can be laid out in pixels."""

    scale: float
    center: tuple[float, float]
    width: int
    height: int

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + self.scale * math.radians(lon - self.center[0])
        y = self.height / 2 - self.scale * (self._y(lat) - self._y(self.center[1]))
        return x, y

    def altair(self) -> alt.Projection:
        return alt.Projection(
            type="mercator", scale=self.scale, center=list(self.center), translate=[self.width / 2, self.height / 2]
        )


def _geo_data(name: str) -> alt.Data:
    return alt.Data(url=geo.url(name), format=alt.DataFormat(type="json", property="features"))


def _px(field: str) -> dict:
    return {"field": field, "type": "quantitative", "scale": None}


# --- Figure 1 ------------------------------------------------------------------------------------

LEFT = ("Gyeonggi", "Seoul", "Incheon", "Chungnam", "Daejeon", "Jeonbuk", "Gwangju", "Jeonnam", "Jeju")
MAP1 = Mercator(scale=4700, center=(127.99, 35.85), width=680, height=640)
LINE, NAME_LINE, GAP = 12, 15, 6
LEFT_X, RIGHT_X = 170, 492


def _stack(items: list[tuple[str, float, float]], top: float, bottom: float) -> dict[str, float]:
    """Vertical positions (top of each block) near the wanted ones, without overlaps, inside [top, bottom]."""
    items = sorted(items, key=lambda i: i[1])
    ys, y = {}, top
    for key, want, height in items:
        y = max(y, want - height / 2)
        ys[key] = y
        y += height + GAP
    overflow = y - GAP - bottom
    if overflow > 0:
        limit = bottom
        for key, _, height in reversed(items):
            ys[key] = min(ys[key], limit - height)
            limit = ys[key] - GAP
    return ys


def callouts(
    f1: pd.DataFrame, anchors: dict[str, tuple[float, float]], proj: Mercator = MAP1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Text lines and leader lines of the callouts, in pixels: western units left of the map, eastern right."""
    lines, leaders = [], []
    for side, keys, x_text in (("left", LEFT, LEFT_X), ("right", [k for k in places.keys() if k not in LEFT], RIGHT_X)):
        blocks = []
        for key in keys:
            code = places.get(key)["code"]
            ax, ay = proj(*anchors[code])
            n = int((f1["province"] == key).sum())
            blocks.append((key, ay, NAME_LINE + n * LINE))
        tops = _stack(blocks, 8, proj.height - 8)
        for key, _, _ in blocks:
            code = places.get(key)["code"]
            ax, ay = proj(*anchors[code])
            y0 = tops[key]
            items = f1[f1["province"] == key].sort_values("order")
            unit = items["unit"].iloc[0]
            lines.append(
                {
                    "province": key,
                    "side": side,
                    "kind": "name",
                    "x": x_text,
                    "y": y0 + 11,
                    "text": unit,
                    "confidence": "high",
                }
            )
            for i, (_, it) in enumerate(items.iterrows()):
                text = f"{it['label']} {it['marker']}" if side == "left" else f"{it['marker']} {it['label']}"
                lines.append(
                    {
                        "province": key,
                        "side": side,
                        "kind": "item",
                        "x": x_text,
                        "y": y0 + NAME_LINE + 9 + i * LINE,
                        "text": text,
                        "confidence": it["confidence"],
                    }
                )
            x_start = x_text + 5 if side == "left" else x_text - 5
            leaders.append({"province": key, "x": x_start, "y": y0 + 7, "x2": ax, "y2": ay})
    return pd.DataFrame(lines), pd.DataFrame(leaders)


def _highlight_opacity(ch: Chapter, dim: float = style.DIMMED):
    if ch.highlight is None:
        return alt.value(1.0)
    return alt.condition(alt.datum.province == ch.highlight, alt.value(1.0), alt.value(dim))


def _text_layers(data: pd.DataFrame, ch: Chapter) -> list:
    """Callout text: one layer per alignment and style (names bold; medium-confidence items italic)."""
    layers = []
    for side, align in (("left", "right"), ("right", "left")):
        for kind, props in (
            ("name", {"fontWeight": "bold", "fontSize": 12.5}),
            ("item-high", {"fontSize": 10}),
            ("item-medium", {"fontSize": 10, "fontStyle": "italic"}),
        ):
            part = data[(data["side"] == side) & (data["kind"] == kind.split("-")[0])]
            if kind != "name":
                conf = kind.split("-")[1]
                part = part[(part["confidence"] == "high") == (conf == "high")]
            if part.empty:
                continue
            color = (
                alt.condition(alt.datum.province == ch.highlight, alt.value(style.HIGHLIGHT), alt.value("#222"))
                if ch.highlight
                else alt.value("#222")
            )
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, baseline="alphabetic", **props)
                .encode(x=_px("x"), y=_px("y"), text="text:N", color=color, opacity=_highlight_opacity(ch, 0.45))
            )
    return layers


def figure1_map(ch: Chapter) -> Figure | Note:
    """Figure 1 as a map: the 16 units coloured by RIPP group, each with a callout of its industries.

    Without the boundaries, a note saying the map is not drawn (the tile grid shows the same data).
    """
    lang = ch.lang
    if not _ready():
        return _note_only("figure-1-map", labels.t("note_no_boundaries", lang))
    f1 = strategic(ch)
    units = _units(ch, f1)
    text, leaders = callouts(f1, _anchors(geo.PROVINCES))
    lookup = ["unit", "name", "region", "group_label", "industries", "province"]
    shapes = (
        alt.Chart(_geo_data(geo.PROVINCES))
        .mark_geoshape(stroke="white", strokeWidth=0.7)
        .encode(
            color=alt.Color(
                "group_label:N",
                title=labels.t("legend_ripp", lang),
                scale=_group_scale(lang),
                legend=alt.Legend(columns=1),
            ),
            opacity=_highlight_opacity(ch),
            tooltip=[
                alt.Tooltip("name:N", title=labels.t("col_unit", lang)),
                alt.Tooltip("region:N", title=labels.t("col_region", lang)),
                alt.Tooltip("group_label:N", title=labels.t("col_ripp", lang)),
                alt.Tooltip("industries:N", title=labels.t("tooltip_industries", lang)),
            ],
        )
        .transform_lookup(lookup="properties.code", from_=alt.LookupData(units, "code", lookup))
        .project(**MAP1.altair().to_dict())
    )
    layers = [shapes]
    if ch.highlight:
        layers.append(
            alt.Chart(_geo_data(geo.PROVINCES))
            .mark_geoshape(fill=None, stroke=style.HIGHLIGHT, strokeWidth=2.5)
            .transform_filter(alt.datum["properties"]["short_en"] == ch.highlight)
            .project(**MAP1.altair().to_dict())
        )
    layers.append(
        alt.Chart(leaders)
        .mark_rule(color="#555", strokeWidth=0.8)
        .encode(x=_px("x"), y=_px("y"), x2="x2:Q", y2="y2:Q", opacity=_highlight_opacity(ch))
    )
    layers.append(alt.Chart(leaders).mark_circle(color="#222", size=14).encode(x=_px("x2"), y=_px("y2")))
    layers += _text_layers(text, ch)
    chart = alt.layer(*layers).properties(width=MAP1.width, height=MAP1.height)
    title = labels.t("fig1_map_title", lang)
    desc = _describe1(f1, lang, "fig1_map_desc")
    return Figure(
        "figure-1-map",
        "1a",
        title,
        desc,
        style.finish(chart, title, desc, wrap=72),
        _table1_frame(f1, lang),
        lang,
        prefix=labels.t("figure", lang),
        notes=_notes(lang, labels.t("note_reconstructed", lang), labels.t("marker_key", lang)),
    )


def _describe1(f1: pd.DataFrame, lang: str, key: str) -> str:
    fifth = f1[~f1["in_four"].astype(bool)]
    extra = "".join(labels.t("fig1_extra", lang).format(item=i) for i in fifth["industry"])
    return labels.t(key, lang).format(n=len(f1), medium=int((f1["confidence"] == "medium").sum()), extra=extra).strip()


TILE_W, TILE_H, TILE_GAP = 163, 104, 5


def _tile_xy(ch: Chapter) -> pd.DataFrame:
    grid = frame(ch, "tile-grid")
    grid["x"] = grid["col"].astype(int) * (TILE_W + TILE_GAP)
    grid["y"] = grid["row"].astype(int) * (TILE_H + TILE_GAP)
    grid["x2"] = grid["x"] + TILE_W
    grid["y2"] = grid["y"] + TILE_H
    return grid


def figure1_tiles(ch: Chapter) -> Figure:
    """Figure 1 as a tile grid: each unit one equal tile, with all its strategic industries legible."""
    lang = ch.lang
    f1 = strategic(ch)
    units = _units(ch, f1).merge(_tile_xy(ch), on="province")
    tip = [
        alt.Tooltip("name:N", title=labels.t("col_unit", lang)),
        alt.Tooltip("region:N", title=labels.t("col_region", lang)),
        alt.Tooltip("group_label:N", title=labels.t("col_ripp", lang)),
        alt.Tooltip("industries:N", title=labels.t("tooltip_industries", lang)),
    ]
    stroke = (
        alt.condition(alt.datum.highlighted, alt.value(style.HIGHLIGHT), alt.value("white"))
        if ch.highlight
        else alt.value("white")
    )
    tiles = (
        alt.Chart(units)
        .mark_rect(cornerRadius=3, fillOpacity=0.3, strokeWidth=3)
        .encode(
            x=_px("x"),
            y=_px("y"),
            x2="x2:Q",
            y2="y2:Q",
            color=alt.Color(
                "group_label:N",
                title=labels.t("legend_ripp", lang),
                scale=_group_scale(lang),
                legend=alt.Legend(columns=1),
            ),
            stroke=stroke,
            opacity=_highlight_opacity(ch),
            tooltip=tip,
        )
    )
    lines = []
    for _, u in units.iterrows():
        lines.append(
            {
                "province": u["province"],
                "kind": "name",
                "x": u["x"] + 8,
                "y": u["y"] + 18,
                "text": u["unit"],
                "confidence": "high",
                "side": "right",
            }
        )
        items = f1[f1["province"] == u["province"]].sort_values("order")
        for i, (_, it) in enumerate(items.iterrows()):
            lines.append(
                {
                    "province": u["province"],
                    "kind": "item",
                    "x": u["x"] + 8,
                    "y": u["y"] + 36 + i * 13.5,
                    "text": f"{it['marker']} {it['label']}",
                    "confidence": it["confidence"],
                    "side": "right",
                }
            )
    text = _text_layers(pd.DataFrame(lines), ch)
    width, height = 4 * TILE_W + 3 * TILE_GAP, 5 * TILE_H + 4 * TILE_GAP
    chart = alt.layer(tiles, *text).properties(width=width, height=height)
    title = labels.t("fig1_tiles_title", lang)
    desc = _describe1(f1, lang, "fig1_tiles_desc")
    extra = () if _ready() else (labels.t("note_no_boundaries", lang),)
    return Figure(
        "figure-1-tiles",
        "1b",
        title,
        desc,
        style.finish(chart, title, desc, wrap=72),
        _table1_frame(f1, lang),
        lang,
        prefix=labels.t("figure", lang),
        notes=(*extra, labels.t("note_reconstructed", lang), labels.t("marker_key", lang)),
    )


def _table1_frame(f1: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = f1.sort_values(["code", "order"])[
        [
            "unit",
            "region",
            "ripp_group",
            "order",
            "industry_en",
            "industry_ko",
            "in_four",
            "confidence",
            "source",
            "note",
        ]
    ].copy()
    out["ripp_group"] = out["ripp_group"].map(lambda g: labels.t(f"ripp_short:{g}", lang))
    out["in_four"] = out["in_four"].map(lambda v: labels.t("yes" if v else "no", lang))
    out["confidence"] = out["confidence"].map(lambda c: labels.t(f"conf:{c}", lang))
    out["note"] = out["note"].fillna("")
    return out.rename(
        columns={
            "unit": labels.t("col_unit", lang),
            "region": labels.t("col_region", lang),
            "ripp_group": labels.t("col_ripp", lang),
            "order": labels.t("col_order", lang),
            "industry_en": labels.t("col_industry_en", lang),
            "industry_ko": labels.t("col_industry_ko", lang),
            "in_four": labels.t("col_in_four", lang),
            "confidence": labels.t("col_confidence", lang),
            "source": labels.t("col_sources", lang),
            "note": labels.t("col_note", lang),
        }
    )


def _styled(frame_: pd.DataFrame, caption: str, table_id: str, highlight_rows=None):
    styler = frame_.style.hide(axis="index").set_uuid(table_id).set_caption(caption)
    styler = styler.set_table_attributes('class="rp-checks"').set_table_styles(
        [{"selector": "th, td", "props": [("white-space", "nowrap")]}]
    )  # the table scrolls rather than wraps
    if highlight_rows is not None:
        styler = styler.apply(
            lambda row: [
                "background: var(--rp-highlight); font-weight: 600" if highlight_rows.loc[row.name] else "" for _ in row
            ],
            axis=1,
        )
    return styler


def figure1_table(ch: Chapter) -> Table:
    """Companion table of Figure 1: every item shown, with unit facts, sources and confidence."""
    lang = ch.lang
    f1 = strategic(ch).sort_values(["code", "order"])
    out = _table1_frame(f1, lang).reset_index(drop=True)
    hl = pd.Series([p == ch.highlight for p in f1["province"]], index=out.index)
    return Table(
        "figure-1-data",
        _styled(out, labels.t("fig1_table_title", lang), "figure-1-data", hl),
        notes=(labels.t("note_reconstructed", lang),),
    )


# --- Figure 2 ------------------------------------------------------------------------------------

MAP2 = Mercator(scale=4500, center=(127.75, 35.72), width=620, height=600)


def leading(ch: Chapter, version: str) -> pd.DataFrame:
    """Leading industries of one version, with the region's names and display label."""
    lang = ch.lang
    f2 = frame(ch, "figure2-leading-industries")
    f2 = f2[f2["version"] == check_version(version)].copy()
    f2["region"] = f2["economic_region"].map(lambda r: places.region_name(r, lang))
    f2["industry"] = f2["industry_en" if lang == "en" else "industry_ko"]
    f2["marker"] = f2["confidence"].map(MARKER)
    return f2


def _region_of_highlight(ch: Chapter) -> str | None:
    return places.get(ch.highlight)["economic_region"] if ch.highlight else None


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
    opacity = alt.condition(alt.datum.highlighted, alt.value(1.0), alt.value(0.4)) if ch.highlight else alt.value(1.0)
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
    layers = [shapes, borders]
    if ch.highlight:
        layers.append(
            alt.Chart(_geo_data(geo.PROVINCES))
            .mark_geoshape(fill=None, stroke=style.HIGHLIGHT, strokeWidth=2.5)
            .transform_filter(alt.datum["properties"]["short_en"] == ch.highlight)
            .project(**proj)
        )
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
            .encode(longitude="lon:Q", latitude="lat:Q", text="region:N")
            .project(**proj)
        )
        layers.append(
            alt.Chart(lab)
            .mark_text(fontSize=11, lineBreak="\n", baseline="top", dy=-2, **extra)
            .encode(longitude="lon:Q", latitude="lat:Q", text="industries:N")
            .project(**proj)
        )
    chart = alt.layer(*layers).properties(width=MAP2.width, height=MAP2.height)
    return Figure(
        "figure-2-map",
        "2",
        title,
        desc,
        style.finish(chart, title, desc, wrap=72),
        table,
        lang,
        prefix=labels.t("figure", lang),
        notes=_notes(lang, labels.t("note_reconstructed", lang)),
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
        .encode(x=_px("x"), y=_px("y"), x2="x2:Q", y2="y2:Q", color=color, opacity=opacity, tooltip=tip)
    )
    names = (
        alt.Chart(grid)
        .mark_text(align="left", fontWeight="bold", fontSize=12)
        .encode(x=alt.X("tx:Q", scale=None), y=alt.Y("ty:Q", scale=None), text="unit:N")
        .transform_calculate(tx="datum.x + 8", ty="datum.y + 18")
    )
    regs = (
        alt.Chart(grid)
        .mark_text(align="left", fontSize=10.5, lineBreak="\n", baseline="top")
        .encode(x=alt.X("tx:Q", scale=None), y=alt.Y("ty:Q", scale=None), text="industries:N")
        .transform_calculate(tx="datum.x + 8", ty="datum.y + 30")
    )
    chart = alt.layer(tiles, names, regs).properties(width=4 * TILE_W + 3 * TILE_GAP, height=5 * TILE_H + 4 * TILE_GAP)
    if not fallback:  # shown beside the map
        return Figure(
            "figure-2-tiles",
            "2b",
            title,
            desc,
            style.finish(chart, title, desc, wrap=72),
            table,
            lang,
            prefix=labels.t("figure", lang),
            notes=(labels.t("note_reconstructed", lang),),
        )
    return Figure(
        "figure-2-map",
        "2",
        title,
        desc,
        style.finish(chart, title, desc, wrap=72),
        table,
        lang,
        prefix=labels.t("figure", lang),
        notes=(labels.t("note_no_boundaries_region", lang), labels.t("note_reconstructed", lang)),
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
        notes=(labels.t("note_reconstructed", lang), labels.t("marker_key", lang).split("   +")[0]),
    )


# --- additions -----------------------------------------------------------------------------------


def overlap_frame(ch: Chapter, version: str = "final") -> pd.DataFrame:
    """Each leading industry with the strategic industries of its region's units in the same field."""
    lang = ch.lang
    f1 = strategic(ch)
    f2 = leading(ch, version)
    rows = []
    for _, li in f2.sort_values(["economic_region", "order"]).iterrows():
        same = f1[(f1["economic_region"] == li["economic_region"]) & (f1["field"] == li["field"])].sort_values(
            ["code", "order"]
        )
        rows.append(
            {
                "economic_region": li["economic_region"],
                "region": li["region"],
                "industry": li["industry"],
                "row": f"{li['region']}: {li['industry']}",
                "field": labels.t(f"field:{li['field']}", lang),
                "count": len(same),
                "matches": "; ".join(f"{u}: {i}" for u, i in zip(same["unit"], same["industry"])) or "-",
                "units": ", ".join(
                    f"{u} ×{n}" if n > 1 else u for u, n in same.groupby("unit", sort=False).size().items()
                ),
                "highlighted": li["economic_region"] == _region_of_highlight(ch),
            }
        )
    order = {r["key"]: int(r["order"]) for r in places.regions()}
    out = pd.DataFrame(rows)
    out["region_order"] = out["economic_region"].map(order)
    return out.sort_values(["region_order"], kind="stable").reset_index(drop=True)


def overlap_chart(ch: Chapter, version: str = "final") -> Figure:
    """Addition: where a region's leading industries repeat the strategic industries of its units."""
    lang = ch.lang
    data = overlap_frame(ch, version)
    fields = [labels.t(f"field:{f}", lang) for f in FIELDS]
    opacity = (
        alt.condition(alt.datum.highlighted, alt.value(1.0), alt.value(style.DIMMED))
        if ch.highlight
        else alt.value(1.0)
    )
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", title=None, sort=list(data["row"]), axis=alt.Axis(labelLimit=330)),
        tooltip=[
            alt.Tooltip("region:N", title=labels.t("col_region", lang)),
            alt.Tooltip("industry:N", title=labels.t("tooltip_leading", lang)),
            alt.Tooltip("field:N", title=labels.t("legend_field", lang)),
            alt.Tooltip("count:Q", title=labels.t("col_count", lang)),
            alt.Tooltip("matches:N", title=labels.t("col_matches", lang)),
        ],
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "count:Q",
            title=labels.t("axis_overlap", lang),
            axis=alt.Axis(tickMinStep=1, format="d"),
            scale=alt.Scale(domain=[0, max(4, int(data["count"].max()))]),
        ),
        color=alt.Color(
            "field:N",
            title=labels.t("legend_field", lang),
            scale=alt.Scale(domain=fields, range=list(style.OKABE_ITO[:7]) + ["#777777"]),
        ),
        opacity=opacity,
    )
    text = base.mark_text(align="left", dx=4, fontSize=10.5).encode(x="count:Q", text="units:N", opacity=opacity)
    chart = (bars + text).properties(width=330, height=22 * len(data))
    title = f"{labels.t('overlap_title', lang).format(version=labels.t(f'version:{version}', lang))}"
    n_over = int((data["count"] > 0).sum())
    desc = labels.t("overlap_desc", lang).format(k=len(FIELDS), n=len(data), n_over=n_over, n_new=len(data) - n_over)
    table = data[["region", "industry", "field", "count", "matches"]].rename(
        columns={
            "region": labels.t("col_region", lang),
            "industry": labels.t("tooltip_leading", lang),
            "field": labels.t("legend_field", lang),
            "count": labels.t("col_count", lang),
            "matches": labels.t("col_matches", lang),
        }
    )
    return Figure(
        "chart-m-1",
        "M.1",
        title,
        desc,
        style.finish(chart, title, desc, wrap=72),
        table,
        lang,
        notes=(labels.t("addition", lang), labels.t("note_reconstructed", lang)),
    )


MAP3 = Mercator(scale=3600, center=(127.8, 35.85), width=420, height=440)


def old_complexes_map(ch: Chapter) -> Figure:
    """Addition: the four old industrial complexes chosen for restructuring in 2009, with founding years."""
    lang = ch.lang
    oc = frame(ch, "old-industrial-complexes")
    oc["name"] = oc["name_en" if lang == "en" else "name_ko"]
    oc["unit"] = oc["province"].map(lambda p: places.name(p, lang))
    oc["label"] = [f"{n} ({y})" for n, y in zip(oc["name"], oc["founded"])]
    # the western one of two close points is labelled on its left, every other point on its right
    oc["side"] = [
        "left" if ((oc["lon"] - lon).between(0.01, 0.3) & ((oc["lat"] - lat).abs() < 0.3)).any() else "right"
        for lon, lat in zip(oc["lon"], oc["lat"])
    ]
    proj = MAP3.altair().to_dict()
    ready = _ready()
    layers = []
    hosts = sorted(set(oc["province"]))
    if ready:
        layers.append(
            alt.Chart(_geo_data(geo.PROVINCES))
            .mark_geoshape(stroke="white", strokeWidth=0.6)
            .transform_calculate(host=f"indexof({json.dumps(hosts)}, datum.properties.short_en) >= 0")
            .encode(
                color=alt.condition(alt.datum.host, alt.value("#cfe3f1"), alt.value("#e6e6e6")),
                tooltip=[
                    alt.Tooltip(
                        "properties.name_en:N" if lang == "en" else "properties.name_ko:N",
                        title=labels.t("col_unit", lang),
                    )
                ],
            )
            .project(**proj)
        )
        if ch.highlight:
            layers.append(
                alt.Chart(_geo_data(geo.PROVINCES))
                .mark_geoshape(fill=None, stroke=style.HIGHLIGHT, strokeWidth=2.5)
                .transform_filter(alt.datum["properties"]["short_en"] == ch.highlight)
                .project(**proj)
            )
    tip = [
        alt.Tooltip("name:N", title=labels.t("col_complex", lang)),
        alt.Tooltip("unit:N", title=labels.t("col_unit", lang)),
        alt.Tooltip("founded:Q", title=labels.t("col_founded", lang), format="d"),
    ]
    pt_color = (
        alt.condition(alt.datum.province == ch.highlight, alt.value(style.HIGHLIGHT), alt.value(style.OKABE_ITO[7]))
        if ch.highlight
        else alt.value(style.OKABE_ITO[7])
    )
    layers.append(
        alt.Chart(oc)
        .mark_circle(size=70, opacity=1)
        .encode(longitude="lon:Q", latitude="lat:Q", color=pt_color, tooltip=tip)
        .project(**proj)
    )
    for side, align, dx in (("left", "right", -7), ("right", "left", 7)):
        part = oc[oc["side"] == side]
        for stroke in (True, False):
            extra = {"stroke": "white", "strokeWidth": 3} if stroke else {}
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, dx=dx, fontSize=12, fontWeight="bold", **extra)
                .encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
                .project(**proj)
            )
    chart = alt.layer(*layers).properties(width=MAP3.width, height=MAP3.height)
    title = labels.t("old_title", lang)
    desc = labels.t("old_desc", lang).format(
        items="; ".join(f"{n}, {u}, {y}" for n, u, y in zip(oc["name"], oc["unit"], oc["founded"]))
    )
    table = oc[["name", "unit", "founded", "lon", "lat"]].rename(
        columns={
            "name": labels.t("col_complex", lang),
            "unit": labels.t("col_unit", lang),
            "founded": labels.t("col_founded", lang),
        }
    )
    notes = (labels.t("addition", lang), labels.t("old_points_note", lang)) + (
        (geo.credit(lang),) if ready else (labels.t("note_no_boundaries_points", lang),)
    )
    return Figure("chart-m-2", "M.2", title, desc, style.finish(chart, title, desc, wrap=72), table, lang, notes=notes)


def sources_table(ch: Chapter) -> Table:
    """Every source key used by the figure data, with publisher, date, what it was cited for and address."""
    lang = ch.lang
    src = frame(ch, "sources")
    used = set()
    for name in ("figure1-strategic-industries", "figure2-leading-industries"):
        for keys in frame(ch, name)["source"]:
            used.update(keys.split(";"))
    src = src[src["key"].isin(used)].fillna("")
    out = (
        src[["key", "publisher", "date", "title", "url"]]
        .rename(
            columns={
                "key": labels.t("col_key", lang),
                "publisher": labels.t("col_publisher", lang),
                "date": labels.t("col_date", lang),
                "title": labels.t("col_title", lang),
                "url": labels.t("col_url", lang),
            }
        )
        .reset_index(drop=True)
    )
    return Table("figure-sources", _styled(out, labels.t("sources_table_title", lang), "figure-sources"))


@dataclass(frozen=True)
class Note:
    """A note in place of a figure that cannot be drawn."""

    name: str
    text: str

    def html(self) -> str:
        return f'<p class="rp-figure-note" id="{self.name}-note">{html.escape(self.text)}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.text}


def _note_only(name: str, text: str) -> Note:
    return Note(name, text)
