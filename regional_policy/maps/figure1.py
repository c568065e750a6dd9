"""Figure 1: the strategic industries of the 16 units, as a map with callouts, as a tile grid and as a table."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import geo, labels, style
from ..display import Figure, Table
from ..params import Chapter
from .layout import MAP1, _item_lines, callouts
from .shared import (
    TILE_GAP,
    TILE_H,
    TILE_W,
    Note,
    _anchors,
    _geo_data,
    _group_scale,
    _highlight_opacity,
    _note_only,
    _notes,
    _pixels,
    _ready,
    _styled,
    _tile_xy,
    _units,
    highlight_outline,
    strategic,
)


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
                style.conditional(alt.ColorValue, alt.datum.province == ch.highlight, style.HIGHLIGHT, "#222")
                if ch.highlight
                else alt.ColorValue("#222")
            )
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, baseline="alphabetic", **props)
                .encode(**_pixels("x", "y"), text=alt.Text("text:N"), color=color, opacity=_highlight_opacity(ch, 0.45))
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
    layers = [shapes, *highlight_outline(ch, MAP1.altair().to_dict())]
    layers.append(
        alt.Chart(leaders)
        .mark_rule(color="#555", strokeWidth=0.8)
        .encode(**_pixels("x", "y"), x2=alt.X2("x2:Q"), y2=alt.Y2("y2:Q"), opacity=_highlight_opacity(ch))
    )
    layers.append(alt.Chart(leaders).mark_circle(color="#222", size=14).encode(**_pixels("x2", "y2")))
    layers += _text_layers(text, ch)
    chart = alt.layer(*layers).properties(width=MAP1.width, height=MAP1.height)
    return _figure1(ch, f1, units, chart, "map")


def _describe1(f1: pd.DataFrame, lang: str, key: str) -> str:
    fifth = f1[~f1["in_four"].astype(bool)]
    extra = "".join(labels.t("fig1_extra", lang).format(item=i) for i in fifth["industry"])
    return labels.t(key, lang).format(n=len(f1), medium=int((f1["confidence"] == "medium").sum()), extra=extra).strip()


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
        style.conditional(alt.StrokeValue, alt.datum.highlighted, style.HIGHLIGHT, "white")
        if ch.highlight
        else alt.StrokeValue("white")
    )
    tiles = (
        alt.Chart(units)
        .mark_rect(cornerRadius=3, fillOpacity=0.3, strokeWidth=3)
        .encode(
            **_pixels("x", "y"),
            x2=alt.X2("x2:Q"),
            y2=alt.Y2("y2:Q"),
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
        # an item too wide for the tile wraps; the lines close up a little when a tile has many
        wrapped = [
            (it["confidence"], _item_lines(it["label"], it["marker"], "right", TILE_W - 8 - 6))
            for _, it in items.iterrows()
        ]
        n = sum(len(item) for _, item in wrapped)
        step = min(13.5, (TILE_H - 36 - 6) / max(1, n - 1))
        i = 0
        for confidence, item in wrapped:
            for text, dx in item:
                lines.append(
                    {
                        "province": u["province"],
                        "kind": "item",
                        "x": u["x"] + 8 + dx,
                        "y": u["y"] + 36 + i * step,
                        "text": text,
                        "confidence": confidence,
                        "side": "right",
                    }
                )
                i += 1
    text = _text_layers(pd.DataFrame(lines), ch)
    width, height = 4 * TILE_W + 3 * TILE_GAP, 5 * TILE_H + 4 * TILE_GAP
    chart = alt.layer(tiles, *text).properties(width=width, height=height)
    return _figure1(ch, f1, units, chart, "tiles")


def _figure1(ch: Chapter, f1: pd.DataFrame, units: pd.DataFrame, chart, view: str) -> Figure:
    """Figure 1 drawn as a map (1a, with the boundaries' credit) or as tiles (1b, saying so when they stand in for
    the map): titled, described, with its table and notes."""
    lang = ch.lang
    title, desc = labels.t(f"fig1_{view}_title", lang), _describe1(f1, lang, f"fig1_{view}_desc")
    instead = (labels.t("note_no_boundaries", lang),) if view == "tiles" and not _ready() else ()
    notes = (*instead, labels.t("note_reconstructed", lang), labels.t("marker_key", lang))
    notes += ch.highlight_notes(units["province"])
    notes = _notes(lang, *notes) if view == "map" else notes
    name, number = ("figure-1-map", "1a") if view == "map" else ("figure-1-tiles", "1b")
    prefix = labels.t("figure", lang)
    return Figure.finished(
        name,
        number,
        title,
        desc,
        chart,
        _table1_frame(f1, lang),
        lang,
        wrap=style.TITLE_ROOM,
        prefix=prefix,
        notes=notes,
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
    out["note"] = (f1["note"] if lang == "en" else f1["note_ko"]).fillna("")
    if lang == "ko":  # the Korean edition shows the Korean names only (the English ones are the book's translation)
        out = out.drop(columns=["industry_en"])
    if lang == "ko" and (f1["note"].notna() & (f1["note_ko"].fillna("") == "")).any():
        row = f1[f1["note"].notna() & (f1["note_ko"].fillna("") == "")].iloc[0]
        raise ValueError(
            f"figure1-strategic-industries.csv, {row['province']} item {row['order']}: note has no note_ko"
        )
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


def figure1_table(ch: Chapter) -> Table:
    """Companion table of Figure 1: every item shown, with unit facts, sources and confidence."""
    lang = ch.lang
    f1 = strategic(ch).sort_values(["code", "order"])
    out = _table1_frame(f1, lang).reset_index(drop=True)
    hl = pd.Series([p == ch.highlight for p in f1["province"]], index=out.index)
    return Table(
        "figure-1-data",
        _styled(out, labels.t("fig1_table_title", lang), "figure-1-data", hl),
        notes=(labels.t("note_reconstructed", lang), *ch.highlight_notes(f1["province"])),
    )
