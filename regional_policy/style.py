"""Colours, fonts, sizes and the finishing of every chart: one place for the book's look.

The palette is Okabe and Ito's (2008), designed to stay distinguishable for
the common forms of colour blindness.
"""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HIGHLIGHT = "#D55E00"
MUTED = "#BBBBBB"
# NanumGothic first: the static SVGs are measured with it, on every machine that builds the book (bookbuild.chartfont)
FONT = "NanumGothic, 'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
WIDTH = 560
NARROW = 450  # the plot of a chart whose category labels are long (chart 3.1), so that it fits the 680 px column
HEIGHT = 300
DIMMED = 0.35  # opacity of what a `highlight` parameter does not emphasise

# Table 4's programmes and the group (year of designation) each belongs to, as places.csv names the groups
PROGRAMME_GROUP = {
    "4 regions 1st phase": "4 regions (1999)",
    "4 regions 2nd phase": "4 regions (1999)",
    "9 regions": "9 regions (2002)",
}


TITLE_SIZE = 14  # Vega's 13-pixel bold title, measured as a little wider (bold glyphs)
TITLE_ROOM = 540  # pixels of a title line over a chart narrower than its title (the maps)


def text_width(text: str, size: float = 10) -> float:
    """An estimate of the width of ``text`` in pixels, at least that of DejaVu Sans (a wide fallback font)."""
    width = 0.0
    for ch in text:
        if "\u1100" <= ch <= "\uffdc":  # Hangul, CJK, markers
            width += 1.0
        elif ch in " ·.,;:'()/|-":
            width += 0.36
        elif ch.isupper() or ch in "&mw@%":
            width += 0.8
        elif ch.isdigit():
            width += 0.64
        else:
            width += 0.58
    return width * size


def lines_within(text: str, room: float, size: float = 10) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``room`` pixels (a single long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def conditional(channel, test, when, otherwise):
    """The channel value ``when`` where ``test`` holds and ``otherwise`` elsewhere, as a typed channel (``channel``:
    ``alt.OpacityValue``, ``alt.ColorValue``...). Altair takes a typed channel as it is, whereas it matches a plain
    dict such as ``alt.condition``'s against the Vega-Lite schema, some milliseconds each time."""
    import altair as alt

    return channel(**alt.condition(test, alt.value(when), alt.value(otherwise)))


def dimmed(test, highlighting: bool, dim: float = DIMMED):
    """The opacity of a highlight: full where ``test`` holds and ``dim`` elsewhere, or full everywhere when nothing is
    highlighted."""
    import altair as alt

    return conditional(alt.OpacityValue, test, 1.0, dim) if highlighting else alt.OpacityValue(1.0)


def finish(chart, title: str, description: str, wrap: int | None = None):
    """Title, description (the chart's alt text), font and axis style of every chart of the book.

    ``wrap`` breaks a long title into lines at most that many pixels wide (:func:`lines_within`; Hangul is measured wider
    than Latin letters, so a Korean title breaks where it would overflow, not after a count of characters).
    """
    import altair as alt

    lines = lines_within(title, wrap, TITLE_SIZE) if wrap else [title]
    chart = chart.properties(title=alt.TitleParams(text=lines) if len(lines) > 1 else title, description=description)
    return configure(
        chart,
        axis={"labelFontSize": 12, "titleFontSize": 12},
        legend={"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 400},
    )


def configure(chart, axis: dict | None = None, legend: dict | None = None):
    """The font and frame of every chart, and Vega's own screen-reader labels off everywhere (marks, axes, legends,
    titles): they are English sentences made from field names ("X-axis titled ... for a discrete scale with 4
    values"); the figure's container names the chart instead (role="img", the caption and the description)."""
    return (
        chart.configure(font=FONT, aria=False)
        .configure_view(stroke=None)
        .configure_axis(aria=False, **(axis or {}))
        .configure_legend(aria=False, **(legend or {}))
        .configure_title(aria=False)
    )
