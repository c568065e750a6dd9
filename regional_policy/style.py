"""Colours, fonts, sizes and the finishing of every chart: one place for the book's look.

The palette is Okabe and Ito's (2008), designed to stay distinguishable for
the common forms of colour blindness.
"""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HIGHLIGHT = "#D55E00"
MUTED = "#BBBBBB"
FONT = "'Noto Sans KR', 'Noto Sans CJK KR', NanumGothic, 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
WIDTH = 560
HEIGHT = 300
DIMMED = 0.35  # opacity of what a `highlight` parameter does not emphasise

# Table 4's programmes and the group (year of designation) each belongs to, as places.csv names the groups
PROGRAMME_GROUP = {
    "4 regions 1st phase": "4 regions (1999)",
    "4 regions 2nd phase": "4 regions (1999)",
    "9 regions": "9 regions (2002)",
}


def finish(chart, title: str, description: str, wrap: int | None = None):
    """Title, description (the chart's alt text), font and axis style of every chart of the book.

    ``wrap`` breaks a long title into lines of at most that many characters (the maps, which are narrow).
    """
    import textwrap

    import altair as alt

    lines = textwrap.wrap(title, wrap) if wrap else [title]
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
