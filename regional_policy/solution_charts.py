"""The charts that exercise solutions draw, with axes, categories and alt text in the edition's language.

A solution cell computes its frame and shows ``solution_charts.chart("ex-1-2", frame, lang)``
instead of a bare ``alt.Chart``: the chart code and every string it shows live
here and in ``labels.csv`` (keys ``sol:<exercise>:x``, ``:y`` and ``:desc``), so
that the Korean edition has Korean axes and a Korean description.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import labels, numbers, style
from .display import Embed, embed

# exercise -> (x field, y field, how x values are named, the x order or None)
SPECS = {
    "ex-1-2": ("administration", "milestones", "admin", ["civilian", "kim", "roh", "lee"]),
    "ex-2-4": ("year", "difference", "year", None),
    "ex-4-4": ("indicator", "multiple", "indicator", None),
    "ex-5-2": ("status", "n", "status", None),
}
ADMINS = {"civilian": ("Civilian government", "문민정부"), "kim": ("Kim", "김대중"), "roh": ("Roh", "노무현"),
          "lee": ("Lee", "이명박")}  # fmt: skip


def _name(kind: str, value, lang: str) -> str:
    if kind == "admin":
        if value not in ADMINS:
            raise ValueError(f"administration {value!r} is not one of {', '.join(ADMINS)}")
        return ADMINS[value][0 if lang == "en" else 1]
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
    return embed(bars.configure(font=style.FONT).configure_view(stroke=None), f"{exercise}-chart", desc)
