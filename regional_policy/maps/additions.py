"""Two additions of the book, not in the paper: the overlap of the two lists, and the old industrial complexes."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .. import geo, labels, numbers, places, style
from ..display import Figure
from ..params import Chapter
from .layout import MAP3
from .shared import FIELDS, _geo_data, _ready, _region_of_highlight, frame, highlight_outline, leading, strategic


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


def _members(data: pd.DataFrame) -> list[str]:
    """The units of the economic regions that have a row in the overlap chart (the capital region has none)."""
    shown = set(data["economic_region"])
    return [p["short_en"] for p in places.table() if p["economic_region"] in shown]


def overlap_chart(ch: Chapter, version: str = "final") -> Figure:
    """Addition: where a region's leading industries repeat the strategic industries of its units."""
    lang = ch.lang
    data = overlap_frame(ch, version)
    fields = [labels.t(f"field:{f}", lang) for f in FIELDS]
    opacity = style.dimmed(alt.datum.highlighted, bool(ch.highlight))
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
    top = max(4, int(data["count"].max()))
    bars = base.mark_bar().encode(
        x=alt.X(
            "count:Q",
            title=labels.t("axis_overlap", lang),
            axis=alt.Axis(values=list(range(top + 1)), format="d"),
            # room right of the longest bar for its list of units, inside the plot (so the chart fits the column)
            scale=alt.Scale(domain=[0, top + 3]),
        ),
        color=alt.Color(
            "field:N",
            title=labels.t("legend_field", lang),
            scale=alt.Scale(domain=fields, range=list(style.OKABE_ITO[:7]) + ["#777777"]),
            legend=alt.Legend(columns=2),
        ),
        opacity=opacity,
    )
    text = base.mark_text(align="left", dx=4, fontSize=10.5).encode(
        x=alt.X("count:Q"), text=alt.Text("units:N"), opacity=opacity
    )
    chart = (bars + text).properties(width=330, height=22 * len(data))
    title = f"{labels.t('overlap_title', lang).format(version=labels.t(f'version:{version}', lang))}"
    n_over = int((data["count"] > 0).sum())
    desc = labels.t("overlap_desc", lang).format(k=len(FIELDS), n=len(data), n_over=n_over, n_new=len(data) - n_over)
    keys = {
        "region": "col_region",
        "industry": "tooltip_leading",
        "field": "legend_field",
        "count": "col_count",
        "matches": "col_matches",
    }
    table = labels.columns(data, keys, lang)
    notes = (labels.t("addition", lang), labels.t("note_reconstructed", lang), *ch.highlight_notes(_members(data)))
    # the title over the plot and its labels, narrower than a map: at most 400 px a line
    return Figure.finished("chart-m-1", "M.1", title, desc, chart, table, lang, wrap=400, notes=notes)


def old_complexes_map(ch: Chapter) -> Figure:
    """Addition: the four old industrial complexes chosen for restructuring in 2009, with founding years."""
    lang = ch.lang
    oc = frame(ch, "old-industrial-complexes")
    oc["name"] = oc["name_en" if lang == "en" else "name_ko"]
    oc["unit"] = oc["province"].map(lambda p: places.name(p, lang))
    oc["label"] = [f"{n} ({numbers.year(y)})" for n, y in zip(oc["name"], oc["founded"])]
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
                color=style.conditional(alt.ColorValue, alt.datum.host, "#cfe3f1", "#e6e6e6"),
                tooltip=[
                    alt.Tooltip(
                        "properties.name_en:N" if lang == "en" else "properties.name_ko:N",
                        title=labels.t("col_unit", lang),
                    )
                ],
            )
            .project(**proj)
        )
        layers += highlight_outline(ch, proj)
    tip = [
        alt.Tooltip("name:N", title=labels.t("col_complex", lang)),
        alt.Tooltip("unit:N", title=labels.t("col_unit", lang)),
        alt.Tooltip("founded:Q", title=labels.t("col_founded", lang), format="d"),
    ]
    pt_color = (
        style.conditional(alt.ColorValue, alt.datum.province == ch.highlight, style.HIGHLIGHT, style.OKABE_ITO[7])
        if ch.highlight
        else alt.ColorValue(style.OKABE_ITO[7])
    )
    layers.append(
        alt.Chart(oc)
        .mark_circle(size=70, opacity=1)
        .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), color=pt_color, tooltip=tip)
        .project(**proj)
    )
    for side, align, dx in (("left", "right", -7), ("right", "left", 7)):
        part = oc[oc["side"] == side]
        for stroke in (True, False):
            extra = {"stroke": "white", "strokeWidth": 3} if stroke else {}
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, dx=dx, fontSize=12, fontWeight="bold", **extra)
                .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("label:N"))
                .project(**proj)
            )
    chart = alt.layer(*layers).properties(width=MAP3.width, height=MAP3.height)
    title = labels.t("old_title", lang)
    desc = labels.t("old_desc", lang).format(
        items="; ".join(f"{n}, {u}, {numbers.year(y)}" for n, u, y in zip(oc["name"], oc["unit"], oc["founded"]))
    )
    table = oc.assign(founded=oc["founded"].map(numbers.year))[["name", "unit", "founded", "lon", "lat"]].rename(
        columns={
            "name": labels.t("col_complex", lang),
            "unit": labels.t("col_unit", lang),
            "founded": labels.t("col_founded", lang),
            "lon": labels.t("col_lon", lang),
            "lat": labels.t("col_lat", lang),
        }
    )
    notes = (labels.t("addition", lang), labels.t("old_points_note", lang)) + (
        (geo.credit(lang),) if ready else (labels.t("note_no_boundaries_points", lang),)
    )
    # with the boundaries every unit is drawn (the highlighted one outlined); without them only the hosts' points
    notes += ch.highlight_notes(places.keys() if ready else oc["province"])
    return Figure.finished("chart-m-2", "M.2", title, desc, chart, table, lang, wrap=style.TITLE_ROOM, notes=notes)
