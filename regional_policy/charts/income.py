"""Charts 2.1 and 2.2: urban and rural household income, and their ratio (Table 2, chapter 2)."""

from __future__ import annotations

import altair as alt

from .. import consistency, labels, numbers, style
from ..display import Figure
from ..params import Chapter
from ..provenance import footer
from ..tables import T2
from .common import _amount


def _years_axis(t2, lang: str) -> alt.X:
    """The x axis of Table 2's charts: the years it prints, each labelled."""
    return alt.X(
        "year:Q",
        title=labels.t("axis_year", lang),
        axis=alt.Axis(format="d", values=[int(y) for y in t2["year"]], labelOverlap=False, labelAngle=-45),
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
        x=_years_axis(t2, lang),
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
    return Figure.finished("chart-2-1", "2.1", title, desc, chart, data, lang, footer(ch, "Table 2", (T2,)))


def income_ratio(ch: Chapter) -> Figure:
    lang, t2 = ch.lang, ch.data[T2]
    frame = t2[["year", "ratio_b_a_pct"]].copy()
    frame["recomputed"] = (100 * t2["rural_income_b"] / t2["urban_income_a"]).round(2)
    long = frame.melt(id_vars="year", value_vars=["ratio_b_a_pct", "recomputed"], var_name="which", value_name="ratio")
    names = {"ratio_b_a_pct": labels.t("series_printed", lang), "recomputed": labels.t("series_recomputed", lang)}
    long["series"] = long["which"].map(names)
    order = list(names.values())
    base = alt.Chart(long).encode(
        x=_years_axis(t2, lang),
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
    return Figure.finished("chart-2-2", "2.2", title, desc, chart, data, lang, footer(ch, "Table 2", (T2,)))
