"""Helpers shared by the chart modules: numbers in descriptions, highlight opacity."""

from __future__ import annotations

import altair as alt

from .. import numbers, style


def _amount(value: float, unit: str, lang: str, decimals: int = 1) -> str:
    """A number for a chart description: as printed in English (the unit is in the sentence), Korean style in Korean."""
    return numbers.plain(value, decimals) if lang == "en" else numbers.won(value, unit, lang)


def _highlight_opacity(field: str, value: str | None):
    if value is None:
        return alt.value(1.0)
    return alt.condition(alt.datum[field] == value, alt.value(1.0), alt.value(style.DIMMED))
