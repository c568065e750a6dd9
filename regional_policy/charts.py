"""One Altair chart (at least) for each table, each making the table's point visible.

Each function takes a :class:`~.params.Chapter` and returns a
:class:`~.display.Figure`: a titled chart with units on the axes, tooltips,
the colour-blind-safe palette of :mod:`.style`, a text description for screen
readers and the data behind it. The province named by ``highlight`` is
emphasised wherever it appears.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import consistency, labels, numbers, places, style
from .display import Figure
from .params import Chapter
from .provenance import footer
from .tables import RSIP, T2, T3, T4, T5

KO_TITLE_WRAP = 24  # characters per line of a Korean title that is wider than its plot


def _amount(value: float, unit: str, lang: str, decimals: int = 1) -> str:
    """A number for a chart description: as printed in English (the unit is in the sentence), Korean style in Korean."""
    return numbers.plain(value, decimals) if lang == "en" else numbers.won(value, unit, lang)


def _year_fraction(date: str) -> float:
    year, _, month = date.partition("-")
    return int(year) + ((int(month) - 1) / 12 if month else 0)


def timeline_frame(ch: Chapter) -> pd.DataFrame:
    """Milestones with a numeric position in time (year, or year + month/12)."""
    tl = ch.data["timeline"].copy()
    lang = ch.lang
    tl["start"] = tl["date"].map(_year_fraction)
    tl["end"] = tl["end_date"].map(lambda d: None if pd.isna(d) else _year_fraction(d))
    tl["label"] = tl["label_en" if lang == "en" else "label_ko"]
    tl["kind_label"] = tl["kind"].map(lambda k: labels.value("kind", k, lang))
    tl["date_label"] = tl["date"].map(lambda d: numbers.month(d, lang))
    tl["end_label"] = tl["end_date"].map(lambda d: "" if pd.isna(d) else numbers.month(d, lang))
    return tl


def timeline(ch: Chapter) -> Figure:
    lang = ch.lang
    admins = ch.data["administrations"].copy()
    admins["end"] = admins["end"].fillna(2011).astype(int)
    admins["name"] = admins["name_en" if lang == "en" else "name_ko"]
    admins["phase"] = admins["phase_en" if lang == "en" else "phase_ko"]
    tl = timeline_frame(ch)
    tl = tl[tl["kind"] != "administration"]
    x = alt.X(
        "start:Q",
        title=labels.t("axis_year", lang),
        scale=alt.Scale(domain=[1993, 2014]),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    bars = (
        alt.Chart(admins)
        .mark_bar(opacity=0.35, cornerRadius=2)
        .encode(
            x=alt.X(
                "start:Q",
                title=labels.t("axis_year", lang),
                scale=alt.Scale(domain=[1993, 2014]),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            x2="end:Q",
            color=alt.Color(
                "phase:N",
                title=labels.t("legend_phase", lang),
                scale=alt.Scale(range=list(style.OKABE_ITO[:3])),
                sort=list(admins["phase"]),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=labels.t("tooltip_administration", lang)),
                alt.Tooltip("phase:N", title=labels.t("legend_phase", lang)),
                alt.Tooltip("start:Q", title=labels.t("tooltip_from", lang), format="d"),
                alt.Tooltip("end:Q", title=labels.t("tooltip_to", lang), format="d"),
            ],
        )
    )
    kinds = [labels.value("kind", k, lang) for k in ("law", "plan", "programme", "institution", "event")]
    y = alt.Y("kind_label:N", title=None, sort=kinds)
    spans = (
        alt.Chart(tl[tl["end"].notna()]).mark_rule(strokeWidth=3, color=style.OKABE_ITO[7]).encode(x=x, x2="end:Q", y=y)
    )
    points = (
        alt.Chart(tl)
        .mark_point(filled=True, size=70, color=style.OKABE_ITO[7])
        .encode(
            x=x,
            y=y,
            shape=alt.Shape("kind_label:N", legend=None, sort=kinds),
            tooltip=[
                alt.Tooltip("label:N", title=labels.t("tooltip_milestone", lang)),
                alt.Tooltip("date_label:N", title=labels.t("tooltip_date", lang)),
                alt.Tooltip("end_label:N", title=labels.t("tooltip_to", lang)),
                alt.Tooltip("section:N", title=labels.t("tooltip_section", lang)),
            ],
        )
    )
    band = bars.encode(y=alt.value(0), y2=alt.value(style.HEIGHT))
    chart = alt.layer(band, spans, points).properties(width=style.WIDTH, height=style.HEIGHT)
    title = labels.t("chart_timeline_title", lang)
    desc = labels.t("chart_timeline_desc", lang).format(n=len(tl))
    data = tl[["date_label", "end_label", "kind_label", "label", "section"]].rename(
        columns={
            "date_label": labels.t("tooltip_date", lang),
            "end_label": labels.t("tooltip_to", lang),
            "kind_label": labels.t("tooltip_kind", lang),
            "label": labels.t("tooltip_milestone", lang),
            "section": labels.t("tooltip_section", lang),
        }
    )
    return Figure(
        "chart-1-1",
        "1.1",
        title,
        desc,
        style.finish(chart, title, desc),
        data,
        lang,
        footer(ch, None, ("timeline", "administrations")),
    )


def income(ch: Chapter) -> Figure:
    lang, t2 = ch.lang, ch.data[T2]
    long = t2.melt(
        id_vars="year", value_vars=["urban_income_a", "rural_income_b"], var_name="series", value_name="income"
    )
    long["household"] = long["series"].map(
        {"urban_income_a": labels.t("table2_urban", lang), "rural_income_b": labels.t("table2_rural", lang)}
    )
    order = [labels.t("table2_urban", lang), labels.t("table2_rural", lang)]
    base = alt.Chart(long).encode(
        x=alt.X(
            "year:Q",
            title=labels.t("axis_year", lang),
            axis=alt.Axis(format="d", values=[int(y) for y in t2["year"]], labelOverlap=False, labelAngle=-45),
        ),
        y=alt.Y("income:Q", title=labels.t("axis_income", lang)),
        color=alt.Color("household:N", title=None, sort=order, scale=alt.Scale(range=list(style.OKABE_ITO[:2]))),
        tooltip=[
            alt.Tooltip("household:N", title=labels.t("tooltip_household", lang)),
            alt.Tooltip("year:Q", title=labels.t("axis_year", lang), format="d"),
            alt.Tooltip("income:Q", title=labels.t("axis_income", lang), format=",.1f"),
        ],
    )
    chart = (base.mark_line() + base.mark_point(filled=True, size=60)).properties(
        width=style.WIDTH, height=style.HEIGHT
    )
    title = labels.t("chart_income_title", lang)
    desc = labels.t("chart_income_desc", lang).format(
        urban=_amount(t2["urban_income_a"].iloc[-1], "thousand", lang),
        rural=_amount(t2["rural_income_b"].iloc[-1], "thousand", lang),
        year=numbers.year(t2["year"].iloc[-1]),
    )
    data = long.pivot(index="year", columns="household", values="income").reset_index()[["year"] + order]
    data["year"] = data["year"].map(numbers.year)
    data = data.rename(columns={"year": labels.t("axis_year", lang)})
    return Figure(
        "chart-2-1", "2.1", title, desc, style.finish(chart, title, desc), data, lang, footer(ch, "Table 2", (T2,))
    )


def income_ratio(ch: Chapter) -> Figure:
    lang, t2 = ch.lang, ch.data[T2]
    frame = t2[["year", "ratio_b_a_pct"]].copy()
    frame["recomputed"] = (100 * t2["rural_income_b"] / t2["urban_income_a"]).round(2)
    long = frame.melt(id_vars="year", value_vars=["ratio_b_a_pct", "recomputed"], var_name="which", value_name="ratio")
    names = {"ratio_b_a_pct": labels.t("series_printed", lang), "recomputed": labels.t("series_recomputed", lang)}
    long["series"] = long["which"].map(names)
    order = list(names.values())
    base = alt.Chart(long).encode(
        x=alt.X(
            "year:Q",
            title=labels.t("axis_year", lang),
            axis=alt.Axis(format="d", values=[int(y) for y in t2["year"]], labelOverlap=False, labelAngle=-45),
        ),
        y=alt.Y("ratio:Q", title=labels.t("axis_ratio", lang), scale=alt.Scale(domain=[60, 100])),
        color=alt.Color(
            "series:N", title=None, sort=order, scale=alt.Scale(range=[style.OKABE_ITO[0], style.OKABE_ITO[5]])
        ),
        tooltip=[
            alt.Tooltip("series:N", title=labels.t("tooltip_series", lang)),
            alt.Tooltip("year:Q", title=labels.t("axis_year", lang), format="d"),
            alt.Tooltip("ratio:Q", title=labels.t("axis_ratio", lang), format=".2f"),
        ],
    )
    line = base.transform_filter(alt.datum.which == "ratio_b_a_pct").mark_line()
    points = base.mark_point(size=70, filled=False, strokeWidth=2).encode(
        shape=alt.Shape("series:N", sort=order, legend=None)
    )
    chart = (line + points).properties(width=style.WIDTH, height=style.HEIGHT)
    title = labels.t("chart_ratio_title", lang)
    low = frame.loc[frame["ratio_b_a_pct"].idxmax()]
    desc = labels.t("chart_ratio_desc", lang).format(
        peak_year=int(low["year"]),
        peak=low["ratio_b_a_pct"],
        last_year=int(frame["year"].iloc[-1]),
        last=frame["ratio_b_a_pct"].iloc[-1],
        years=", ".join(
            c.id.rsplit(".", 1)[1]
            for c in consistency.ratio_checks(ch.data)
            if c.resource == T2 and c.status == "discrepancy"
        )
        or labels.t("none", lang),
    )
    data = frame.assign(year=frame["year"].map(numbers.year)).rename(
        columns={
            "year": labels.t("axis_year", lang),
            "ratio_b_a_pct": names["ratio_b_a_pct"],
            "recomputed": names["recomputed"],
        }
    )
    return Figure(
        "chart-2-2", "2.2", title, desc, style.finish(chart, title, desc), data, lang, footer(ch, "Table 2", (T2,))
    )


def _highlight_opacity(field: str, value: str | None):
    if value is None:
        return alt.value(1.0)
    return alt.condition(alt.datum[field] == value, alt.value(1.0), alt.value(style.DIMMED))


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
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=names),
            x=alt.X("sum(amount):Q", title=labels.t("axis_national_account", lang)),
            color=alt.Color(
                "sector:N",
                title=labels.t("legend_sector", lang),
                sort=sector_names,
                scale=alt.Scale(range=list(style.OKABE_ITO[:4])),
            ),
            order=alt.Order("order:Q"),
            opacity=_highlight_opacity("name", hl),
            tooltip=[
                alt.Tooltip("name:N", title=labels.t("table3_district", lang)),
                alt.Tooltip("sector:N", title=labels.t("legend_sector", lang)),
                alt.Tooltip("amount:Q", title=labels.t("axis_billion_krw", lang), format=",.1f"),
            ],
        )
    )
    chart = bars.properties(width=style.WIDTH, height=180)
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
    return Figure(
        "chart-2-3",
        "2.3",
        title,
        desc,
        style.finish(chart, title, desc),
        data,
        lang,
        footer(ch, "Table 3", (T3,)),
        notes=ch.highlight_notes(districts["district"]),
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
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=list(d["name"])),
            x=alt.X("amount:Q", title=labels.t("axis_billion_krw", lang), stack="zero"),
            color=alt.Color(
                "source:N", title=None, sort=order, scale=alt.Scale(range=[style.OKABE_ITO[0], style.MUTED])
            ),
            order=alt.Order("order:Q"),
            opacity=_highlight_opacity("name", hl),
            tooltip=[
                alt.Tooltip("name:N", title=labels.t("table3_district", lang)),
                alt.Tooltip("source:N", title=labels.t("tooltip_series", lang)),
                alt.Tooltip("amount:Q", title=labels.t("axis_billion_krw", lang), format=",.1f"),
                alt.Tooltip("total_invested:Q", title=labels.t("table3_total_invested", lang), format=",.1f"),
            ],
        )
        .properties(width=style.WIDTH, height=180)
    )
    title = labels.t("chart_ripp1_share_title", lang)
    desc = labels.t("chart_ripp1_share_desc", lang).format(
        low=d.loc[(d["national"] / d["total_invested"]).idxmin(), "name"],
        high=d.loc[(d["national"] / d["total_invested"]).idxmax(), "name"],
    )
    data = d[["name", "total_invested", "national", "other"]].rename(
        columns={
            "name": labels.t("table3_district", lang),
            "total_invested": labels.t("table3_total_invested", lang),
            "national": labels.t("source_national", lang),
            "other": labels.t("source_other", lang),
        }
    )
    return Figure(
        "chart-2-4",
        "2.4",
        title,
        desc,
        style.finish(chart, title, desc),
        data,
        lang,
        footer(ch, "Table 3", (T3,)),
        notes=ch.highlight_notes(d["district"]),
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
    opacity = (
        alt.condition(alt.datum.highlighted, alt.value(1.0), alt.value(style.DIMMED))
        if hl_group in group_of.values()
        else alt.value(1.0)
    )
    chart = (
        alt.Chart(parts)
        .mark_bar()
        .encode(
            y=alt.Y("programme_label:N", title=None, sort=programmes),
            x=alt.X("amount:Q", stack="normalize", title=labels.t("axis_share", lang), axis=alt.Axis(format="%")),
            color=alt.Color(
                "type_label:N",
                title=labels.t("legend_project_type", lang),
                sort=types,
                scale=alt.Scale(range=list(style.OKABE_ITO[:4])),
            ),
            order=alt.Order("order:Q"),
            opacity=opacity,
            tooltip=[
                alt.Tooltip("programme_label:N", title=labels.t("tooltip_programme", lang)),
                alt.Tooltip("type_label:N", title=labels.t("legend_project_type", lang)),
                alt.Tooltip("amount:Q", title=labels.t("axis_100m_krw", lang), format=",.0f"),
                alt.Tooltip("share:Q", title=labels.t("axis_share_pct", lang), format=".1f"),
            ],
        )
        .transform_calculate(order=f"indexof({types!r}, datum.type_label)")
        .properties(width=style.WIDTH, height=200)
    )
    title = labels.t("chart_investment_title", lang)
    nine = t4[(t4["programme"] == "9 regions") & (t4["project_type"] == "Innovation infrastructure")]
    desc = labels.t("chart_investment_desc", lang).format(nine=float(nine["share_pct"].iloc[0]))  # as printed
    data = parts.pivot(index="programme_label", columns="type_label", values="amount").reindex(programmes)[types]
    data = data.reset_index().rename(columns={"programme_label": labels.t("tooltip_programme", lang)})
    return Figure(
        "chart-3-1",
        "3.1",
        title,
        desc,
        style.finish(chart, title, desc),
        data,
        lang,
        footer(ch, "Table 4", (T4,)),
        notes=ch.highlight_notes(p["short_en"] for p in places.table() if p["ripp_group"] in group_of.values()),
    )


def budget(ch: Chapter) -> Figure:
    lang, t5 = ch.lang, ch.data[T5]
    parts = t5[(t5["account"] != "Total") & t5["amount"].notna()].copy()
    parts["amount"] = parts["amount"].astype(float)
    parts["level_label"] = parts["level"].map(lambda v: labels.value("level", v, lang))
    parts["account_label"] = parts["account"].map(lambda v: labels.value("account", v, lang))
    parts["year"] = parts["year"].astype(int).astype(str)
    levels = list(dict.fromkeys(parts["level_label"]))
    accounts = [
        labels.value("account", a, lang) for a in ("Special Account (Mega Region)", "Local Account", "Private Account")
    ]
    chart = (
        alt.Chart(parts)
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(amount):Q", title=labels.t("axis_billion_krw", lang)),
            color=alt.Color(
                "account_label:N",
                title=labels.t("legend_account", lang),
                sort=accounts,
                scale=alt.Scale(range=[style.OKABE_ITO[0], style.OKABE_ITO[1], style.OKABE_ITO[2]]),
            ),
            order=alt.Order("order:Q"),
            column=alt.Column(
                "level_label:N", title=None, sort=levels, header=alt.Header(labelFontSize=12, labelLimit=200)
            ),
            tooltip=[
                alt.Tooltip("level_label:N", title=labels.t("tooltip_level", lang)),
                alt.Tooltip("account_label:N", title=labels.t("legend_account", lang)),
                alt.Tooltip("year:N", title=labels.t("axis_year", lang)),
                alt.Tooltip("amount:Q", title=labels.t("axis_billion_krw", lang), format=",.0f"),
            ],
        )
        .transform_calculate(order=f"indexof({accounts!r}, datum.account_label)")
        .properties(width=150, height=style.HEIGHT)
    )
    title = labels.t("chart_budget_title", lang)
    tot = t5[t5["account"] == "Total"].set_index(["level", "year"])["amount"]
    desc = labels.t("chart_budget_desc", lang).format(
        **{
            k: _amount(tot[(level, y)], "billion", lang, 0)
            for k, level, y in (
                ("l10", "Leading Industry", 2010),
                ("l11", "Leading Industry", 2011),
                ("s10", "Strategic Industry", 2010),
                ("s11", "Strategic Industry", 2011),
            )
        }
    )
    desc = numbers.particles(desc)  # 은/는, 으로/로 ... after the amounts, as they are read
    data = parts.pivot_table(
        index=["level_label", "account_label"], columns="year", values="amount", aggfunc="sum", sort=False
    ).reset_index()
    data = data.rename(
        columns={"level_label": labels.t("tooltip_level", lang), "account_label": labels.t("legend_account", lang)}
    )
    data.columns.name = None
    return Figure(
        "chart-4-1", "4.1", title, desc, style.finish(chart, title, desc), data, lang, footer(ch, "Table 5", (T5,))
    )


def rsip_growth(ch: Chapter) -> Figure:
    lang, r = ch.lang, ch.data[RSIP]
    known = r[r["value_2007"].notna()].copy()
    rows = []
    for _, x in known.iterrows():
        name = labels.value("indicator", x["indicator"], lang)
        for year, col in ((2007, "value_2007"), (2010, "value_2010")):
            rows.append(
                {
                    "indicator": name,
                    "year": str(year),
                    "value": float(x[col]),
                    "index": round(100 * x[col] / x["value_2007"], 1),
                    "multiple_printed": float(x["change_multiple_as_printed"]),
                }
            )
    long = pd.DataFrame(rows)
    names = list(dict.fromkeys(long["indicator"]))
    base = alt.Chart(long).encode(
        x=alt.X("year:O", title=labels.t("axis_year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("index:Q", title=labels.t("axis_index_2007", lang)),
        color=alt.Color(
            "indicator:N", title=None, sort=names, scale=alt.Scale(range=[style.OKABE_ITO[0], style.OKABE_ITO[1]])
        ),
        tooltip=[
            alt.Tooltip("indicator:N", title=labels.t("rsip_indicator", lang)),
            alt.Tooltip("year:N", title=labels.t("axis_year", lang)),
            alt.Tooltip("value:Q", title=labels.t("tooltip_value", lang), format=",.1f"),
            alt.Tooltip("index:Q", title=labels.t("axis_index_2007", lang), format=",.0f"),
            alt.Tooltip("multiple_printed:Q", title=labels.t("tooltip_multiple_printed", lang), format="g"),
        ],
    )
    text = (
        base.transform_filter(alt.datum.year == "2010")
        .mark_text(align="left", dx=8)
        .encode(text=alt.Text("index:Q", format=",.0f"))
    )
    chart = (base.mark_line(point=True) + text).properties(width=320, height=style.HEIGHT)
    title = labels.t("chart_rsip_title", lang)
    sales = known.set_index("indicator").loc["sales"]
    emp = known.set_index("indicator").loc["employees"]
    desc = labels.t("chart_rsip_desc", lang).format(
        sales=numbers.multiple(sales["value_2010"] / sales["value_2007"], lang),
        emp=numbers.multiple(emp["value_2010"] / emp["value_2007"], lang),
    )
    data = long[["indicator", "year", "value", "index"]].rename(
        columns={
            "indicator": labels.t("rsip_indicator", lang),
            "year": labels.t("axis_year", lang),
            "value": labels.t("tooltip_value", lang),
            "index": labels.t("axis_index_2007", lang),
        }
    )
    return Figure(
        "chart-4-2",
        "4.2",
        title,
        desc,
        # the Korean title is wider than the 320-pixel plot: two lines
        style.finish(chart, title, desc, wrap=KO_TITLE_WRAP if lang == "ko" else None),
        data,
        lang,
        footer(ch, RSIP, (RSIP,)),
    )
