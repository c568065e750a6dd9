"""Charts 4.1 and 4.2: the budget by policy level (Table 5) and the RSIP results (chapter 4)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import labels, numbers, style
from ..display import Figure
from ..params import Chapter
from ..provenance import footer
from ..tables import RSIP, T5
from .common import _amount

KO_TITLE_WRAP = 270  # pixels per line of a Korean title that is wider than its plot


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
    return Figure.finished("chart-4-1", "4.1", title, desc, chart, data, lang, footer(ch, "Table 5", (T5,)))


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
    keys = {"indicator": "rsip_indicator", "year": "axis_year", "value": "tooltip_value", "index": "axis_index_2007"}
    data = labels.columns(long, keys, lang)
    wrap = KO_TITLE_WRAP if lang == "ko" else None  # the Korean title is wider than the 320-pixel plot: two lines
    return Figure.finished("chart-4-2", "4.2", title, desc, chart, data, lang, footer(ch, RSIP, (RSIP,)), wrap=wrap)
