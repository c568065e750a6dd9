"""Chart 1.1: the three administrations and the milestones the paper names (chapter 1)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import labels, numbers, style
from ..display import Figure
from ..params import Chapter
from ..provenance import footer


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
            x=x,
            x2=alt.X2("end:Q"),
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
        alt.Chart(tl[tl["end"].notna()])
        .mark_rule(strokeWidth=3, color=style.OKABE_ITO[7])
        .encode(x=x, x2=alt.X2("end:Q"), y=y)
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
    band = bars.encode(y=alt.YValue(0), y2=alt.Y2Value(style.HEIGHT))
    chart = alt.layer(band, spans, points).properties(width=style.WIDTH, height=style.HEIGHT)
    title = labels.t("chart_timeline_title", lang)
    desc = labels.t("chart_timeline_desc", lang).format(n=len(tl))
    data = labels.columns(
        tl.assign(section=[labels.section_name(str(s), lang) for s in tl["section"]]),
        {
            "date_label": "tooltip_date",
            "end_label": "tooltip_to",
            "kind_label": "tooltip_kind",
            "label": "tooltip_milestone",
            "section": "tooltip_section",
        },
        lang,
    )
    return Figure.finished(
        "chart-1-1", "1.1", title, desc, chart, data, lang, footer(ch, None, ("timeline", "administrations"))
    )
