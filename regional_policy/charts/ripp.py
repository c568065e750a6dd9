"""Charts 2.3, 2.4 and 3.1: the RIPP investment of Table 3 and its shares by project type in Table 4."""

from __future__ import annotations

import altair as alt

from .. import labels, numbers, places, style
from ..display import Figure
from ..params import Chapter
from ..provenance import footer
from ..tables import T3, T4
from .common import _amount, _highlight_opacity, stacked_bars


def _district_tips(lang: str, series: str, series_key: str) -> list:
    """The tooltips of a Table 3 bar segment: district, series (``series`` field, titled by ``series_key``), amount."""
    return [
        alt.Tooltip("name:N", title=labels.t("table3_district", lang)),
        alt.Tooltip(series, title=labels.t(series_key, lang)),
        alt.Tooltip("amount:Q", title=labels.t("axis_billion_krw", lang), format=",.1f"),
    ]


def ripp_first_stage(ch: Chapter) -> Figure:
    lang, t3 = ch.lang, ch.data[T3]
    districts = t3[t3["row_type"] == "district"]
    sectors = ["infra", "tech_dev", "training", "business_service"]
    long = districts.melt(
        id_vars=["district", "total_invested"], value_vars=sectors, var_name="sector_key", value_name="amount"
    )
    long["sector"] = long["sector_key"].map(lambda s: labels.value("sector", s, lang))
    long["name"] = long["district"].map(lambda d: places.name(d, lang))
    long["order"] = long["sector_key"].map(sectors.index)
    names = [places.name(d, lang) for d in districts["district"]]
    sector_names = [labels.value("sector", s, lang) for s in sectors]
    hl = places.name(ch.highlight, lang) if ch.highlight in set(districts["district"]) else None
    colour = alt.Color(
        "sector:N",
        title=labels.t("legend_sector", lang),
        sort=sector_names,
        scale=alt.Scale(range=list(style.OKABE_ITO[:4])),
    )
    x = alt.X("sum(amount):Q", title=labels.t("axis_national_account", lang))
    tips = _district_tips(lang, "sector:N", "legend_sector")
    chart = stacked_bars(long, "name:N", names, x, colour, tips, opacity=_highlight_opacity("name", hl))
    chart = chart.properties(width=style.WIDTH, height=180)
    title = labels.t("chart_ripp1_title", lang)
    national = districts[sectors].sum(axis=1)
    desc = labels.t("chart_ripp1_desc", lang).format(
        national=_amount(national.sum(), "billion", lang),
        total=_amount(districts["total_invested"].sum(), "billion", lang),
        share=numbers.plain(100 * national.sum() / districts["total_invested"].sum(), 1),
    )
    data = districts[["district", "total_invested", *sectors]].copy()
    data["district"] = names
    data = data.rename(
        columns={
            "district": labels.t("table3_district", lang),
            "total_invested": labels.t("table3_total_invested", lang),
            **{s: labels.value("sector", s, lang) for s in sectors},
        }
    )
    notes = ch.highlight_notes(districts["district"])
    return Figure.finished(
        "chart-2-3", "2.3", title, desc, chart, data, lang, footer(ch, "Table 3", (T3,)), notes=notes
    )


def ripp_national_share(ch: Chapter) -> Figure:
    """How much of each district's first-stage total came from the National Account."""
    lang, t3 = ch.lang, ch.data[T3]
    d = t3[t3["row_type"] == "district"].copy()
    d["national"] = d[["infra", "tech_dev", "training", "business_service"]].sum(axis=1).round(1)
    d["other"] = (d["total_invested"] - d["national"]).round(1)
    d["name"] = d["district"].map(lambda x: places.name(x, lang))
    long = d.melt(
        id_vars=["name", "total_invested"], value_vars=["national", "other"], var_name="k", value_name="amount"
    )
    long["source"] = long["k"].map(lambda k: labels.t("source_" + k, lang))
    long["order"] = long["k"].map({"national": 0, "other": 1})
    hl = places.name(ch.highlight, lang) if ch.highlight in set(d["district"]) else None
    order = [labels.t("source_national", lang), labels.t("source_other", lang)]
    colour = alt.Color("source:N", title=None, sort=order, scale=alt.Scale(range=[style.OKABE_ITO[0], style.MUTED]))
    x = alt.X("amount:Q", title=labels.t("axis_billion_krw", lang), stack="zero")
    tips = _district_tips(lang, "source:N", "tooltip_series") + [
        alt.Tooltip("total_invested:Q", title=labels.t("table3_total_invested", lang), format=",.1f")
    ]
    chart = stacked_bars(long, "name:N", list(d["name"]), x, colour, tips, opacity=_highlight_opacity("name", hl))
    chart = chart.properties(width=style.WIDTH, height=180)
    title = labels.t("chart_ripp1_share_title", lang)
    desc = labels.t("chart_ripp1_share_desc", lang).format(
        low=d.loc[(d["national"] / d["total_invested"]).idxmin(), "name"],
        high=d.loc[(d["national"] / d["total_invested"]).idxmax(), "name"],
    )
    data = labels.columns(
        d,
        {
            "name": "table3_district",
            "total_invested": "table3_total_invested",
            "national": "source_national",
            "other": "source_other",
        },
        lang,
    )
    notes = ch.highlight_notes(d["district"])
    return Figure.finished(
        "chart-2-4", "2.4", title, desc, chart, data, lang, footer(ch, "Table 3", (T3,)), notes=notes
    )


def investment_shares(ch: Chapter) -> Figure:
    lang, t4 = ch.lang, ch.data[T4]
    parts = t4[(t4["project_type"] != "Total") & (t4["programme"] != "Total")].copy()
    parts["amount"] = parts["amount"].fillna(0).astype(float)
    totals = parts.groupby("programme", sort=False)["amount"].transform("sum")
    parts["share"] = (100 * parts["amount"] / totals).round(1)
    parts["programme_label"] = parts["programme"].map(lambda p: labels.value("programme", p, lang))
    parts["type_label"] = parts["project_type"].map(lambda p: labels.value("project_type", p, lang))
    types = list(dict.fromkeys(parts["type_label"]))
    programmes = list(dict.fromkeys(parts["programme_label"]))
    group_of = style.PROGRAMME_GROUP
    hl_group = places.get(ch.highlight)["ripp_group"] if ch.highlight else None
    parts["highlighted"] = parts["programme"].map(lambda p: hl_group is not None and group_of.get(p) == hl_group)
    opacity = style.dimmed(alt.datum.highlighted, hl_group in group_of.values())
    colour = alt.Color(
        "type_label:N",
        title=labels.t("legend_project_type", lang),
        sort=types,
        scale=alt.Scale(range=list(style.OKABE_ITO[:4])),
        legend=alt.Legend(columns=2),
    )
    x = alt.X("amount:Q", stack="normalize", title=labels.t("axis_share", lang), axis=alt.Axis(format="%"))
    tips = [
        alt.Tooltip("programme_label:N", title=labels.t("tooltip_programme", lang)),
        alt.Tooltip("type_label:N", title=labels.t("legend_project_type", lang)),
        alt.Tooltip("amount:Q", title=labels.t("axis_100m_krw", lang), format=",.0f"),
        alt.Tooltip("share:Q", title=labels.t("axis_share_pct", lang), format=".1f"),
    ]
    chart = (
        stacked_bars(parts, "programme_label:N", programmes, x, colour, tips, opacity=opacity)
        .transform_calculate(order=f"indexof({types!r}, datum.type_label)")
        .properties(width=style.NARROW, height=200)
    )
    title = labels.t("chart_investment_title", lang)
    nine = t4[(t4["programme"] == "9 regions") & (t4["project_type"] == "Innovation infrastructure")]
    desc = labels.t("chart_investment_desc", lang).format(nine=float(nine["share_pct"].iloc[0]))  # as printed
    data = parts.pivot(index="programme_label", columns="type_label", values="amount").reindex(programmes)[types]
    data = data.reset_index().rename(columns={"programme_label": labels.t("tooltip_programme", lang)})
    notes = ch.highlight_notes(p["short_en"] for p in places.table() if p["ripp_group"] in group_of.values())
    return Figure.finished(
        "chart-3-1", "3.1", title, desc, chart, data, lang, footer(ch, "Table 4", (T4,)), notes=notes
    )
