"""The charts that exercise solutions draw, with axes, categories and alt text in the edition's language.

A solution cell computes its frame and shows ``solution_charts.chart("ex-1-2", frame, ch.lang)``
instead of a bare ``alt.Chart``: the chart code and every string it shows live
here and in ``labels.csv`` (keys ``sol:<exercise>:x``, ``:y`` and ``:desc``), so
that the Korean edition has Korean axes and a Korean description.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import labels, numbers, style
from .display import Embed, embed

# exercise -> (x field, y field, how x values are named: "year" or a labels.csv prefix, the x order or None)
SPECS = {
    "ex-1-2": ("administration", "milestones", "administration", ["civilian", "kim", "roh", "lee"]),
    "ex-2-4": ("year", "difference", "year", None),
    "ex-4-4": ("indicator", "multiple", "indicator", None),
    "ex-5-2": ("status", "n", "status", None),
}


def _name(kind: str, value, lang: str) -> str:
    """The label of a category value (``labels.csv``, ``<kind>:<value>``), or a year as printed."""
    if kind == "year":
        return numbers.year(value)
    return labels.value(kind, value, lang)


def chart(exercise: str, frame: pd.DataFrame, lang: str) -> Embed:
    """The chart of ``exercise``'s solution from ``frame`` (the solution's own numbers), labelled in ``lang``."""
    if exercise not in SPECS:
        raise ValueError(f"exercise={exercise!r} has no solution chart; allowed values: {', '.join(SPECS)}")
    x, y, kind, order = SPECS[exercise]
    missing = {x, y} - set(frame.columns)
    if missing:
        raise ValueError(f"{exercise}: the frame has no column {', '.join(sorted(missing))}")
    data = frame[[x, y]].copy()
    if order:  # the description reads the bars in the order the chart draws them
        data = data.sort_values(x, key=lambda col: col.map({v: i for i, v in enumerate(order)}), kind="stable")
    sort = [_name(kind, v, lang) for v in order if v in set(data[x])] if order else None
    data["label"] = [_name(kind, v, lang) for v in data[x]]
    x_title, y_title = labels.t(f"sol:{exercise}:x", lang), labels.t(f"sol:{exercise}:y", lang)
    bars = (
        alt.Chart(data)
        .mark_bar(color=style.OKABE_ITO[0])
        .encode(
            x=alt.X("label:N", title=x_title, sort=sort, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{y}:Q", title=y_title),
            tooltip=[alt.Tooltip("label:N", title=x_title), alt.Tooltip(f"{y}:Q", title=y_title, format=",.4~f")],
        )
        .properties(width=360, height=220)
    )
    items = "; ".join(
        f"{lab} {numbers.plain(v, None if float(v).is_integer() else 2)}" for lab, v in zip(data["label"], data[y])
    )
    desc = labels.t(f"sol:{exercise}:desc", lang).format(items=items)
    return embed(style.configure(bars), f"{exercise}-chart", desc)
