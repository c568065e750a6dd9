"""Helpers shared by the chart modules: numbers in descriptions, highlight opacity, stacked bars."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import numbers, style


def _amount(value: float, unit: str, lang: str, decimals: int = 1) -> str:
    """A number for a chart description: as printed in English (the unit is in the sentence), Korean style in Korean."""
    return numbers.plain(value, decimals) if lang == "en" else numbers.won(value, unit, lang)


def _highlight_opacity(field: str, value: str | None) -> alt.OpacityValue:
    return style.dimmed(alt.datum[field] == value, value is not None)


def stacked_bars(frame: pd.DataFrame, y: str, rows: list[str], x: alt.X, colour: alt.Color, tooltip: list, **more):
    """Horizontal bars, one per value of ``y`` in the order ``rows``, each stacked in the order of the field ``order``.

    ``more``: further encodings (``opacity``).
    """
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(y, title=None, sort=rows), x=x, color=colour, order=alt.Order("order:Q"), tooltip=tooltip, **more
        )
    )
