"""The reproducibility report (headline, summary chart, ledger, discrepancies) and the ledger box ending each chapter."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from . import claims, labels, reads, style
from .charts.common import stacked_bars
from .display import Figure
from .numbers import measured
from .params import Chapter
from .printed_words import shown
from .provenance import chapter_ledger, counts
from .slots import REPORT_PAGE

CHAPTER_SECTIONS = {
    1: ("Abstract", "1", "Table 1", "Korean abstract"),
    2: ("2", "Table 2", "Table 3"),
    3: ("3", "Table 4"),
    4: ("4", "Table 5"),
    5: ("5",),
}


class Html:
    """A ready-made HTML output with a plain-text twin."""

    def __init__(self, html_text: str, text: str):
        self.html_text, self.text = html_text, text

    def __repr__(self) -> str:
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html_text, "text/plain": self.text}


def _status(value: str, lang: str) -> str:
    return labels.value("status", value, lang)


def printed_text(row, lang: str) -> str:
    """A ledger row's printed value as the edition shows it (:func:`.printed_words.shown`): in Korean the number
    as printed or the phrase rendered in Korean (``printed_ko``), never the paper's English words."""
    korean = row.printed_ko if isinstance(row.printed_ko, str) else ""
    return shown(str(row.printed), float(row.value), korean, lang)


def _claim(row, lang: str) -> str:
    """A ledger row in a chapter's box: the words as printed in English; in Korean, the book's Korean statement
    (the report chapter's ledger shows the printed value beside it)."""
    return html.escape(str(row.printed) if lang == "en" else row.statement_ko)


def interval_text(interval: str, lang: str) -> str:
    """An interval 'lo .. hi' in the edition's range style (Korean: lo~hi)."""
    return interval.replace(" .. ", "~") if lang == "ko" else interval


def numbers_box(ch: Chapter, chapter: int) -> Html:
    """'Numbers in this chapter': the ledger rows of the chapter's sections, linked to the report."""
    lang = ch.lang
    rows = chapter_ledger(ch)
    rows = rows[rows["section"].isin(CHAPTER_SECTIONS[chapter])]
    reads.ledger_rows(rows["id"])
    intro = labels.t("numbers_intro", lang).format(data=labels.t(f"data_{ch.params.errata}", lang), **counts(rows))
    items = "".join(
        f'<li class="rp-st-{r.status.replace(" ", "-")}"><a href="{REPORT_PAGE}#claim-{html.escape(r.id)}">'
        f"<code>{html.escape(r.id)}</code></a> {_claim(r, lang)} - {html.escape(_status(r.status, lang))}</li>"
        for r in rows.itertuples()
    )
    body = (
        f'<aside class="rp-numbers" aria-label="{html.escape(labels.t("numbers_title", lang))}">'
        f'<p class="rp-numbers-title">{html.escape(labels.t("numbers_title", lang))}</p>'
        f"<p>{html.escape(intro)}</p><details><summary>{html.escape(labels.t('numbers_list', lang))}</summary>"
        f'<ul class="rp-numbers-list">{items}</ul></details></aside>'
    )
    return Html(body, intro)


def summary_chart(ch: Chapter) -> Figure:
    """The headline: how many numbers are reproduced, discrepant or not checkable, by section."""
    lang = ch.lang
    L = chapter_ledger(ch).copy()
    reads.ledger_rows(L["id"])  # the whole ledger is shown
    L["status_label"] = L["status"].map(lambda s: _status(s, lang))
    order = [_status(s, lang) for s in claims.STATUSES]
    sections = list(
        dict.fromkeys(
            [
                "Abstract",
                "1",
                "Table 1",
                "2",
                "Table 2",
                "Table 3",
                "3",
                "Table 4",
                "4",
                "Table 5",
                "5",
                "Korean abstract",
            ]
        )
    )
    L["section_label"] = L["section"].map(lambda s: labels.section_name(s, lang))
    section_labels = [labels.section_name(s, lang) for s in sections]
    counts = L.groupby(["section_label", "status_label"]).size().reset_index(name="n")
    colours = [style.OKABE_ITO[2], style.OKABE_ITO[1], style.OKABE_ITO[5], style.OKABE_ITO[4], style.MUTED]
    colour = alt.Color(
        "status_label:N", title=labels.t("check_status", lang), sort=order, scale=alt.Scale(domain=order, range=colours)
    )
    tips = [
        alt.Tooltip("section_label:N", title=labels.t("tooltip_section", lang)),
        alt.Tooltip("status_label:N", title=labels.t("check_status", lang)),
        alt.Tooltip("n:Q", title=labels.t("axis_numbers", lang)),
    ]
    x = alt.X("n:Q", title=labels.t("axis_numbers", lang))
    chart = (
        stacked_bars(counts, "section_label:N", section_labels, x, colour, tips)
        .transform_calculate(order=f"indexof({order!r}, datum.status_label)")
        .properties(width=style.WIDTH, height=300)
    )
    s = claims.summary(L)
    title = labels.t("chart_ledger_title", lang)
    desc = labels.t("chart_ledger_desc", lang).format(
        n=len(L),
        r=s["reproduced"],
        w=s["within rounding"],
        d=s["discrepancy"],
        e=s["external"],
        nc=s["not checkable"],
    )
    data = counts.pivot(index="section_label", columns="status_label", values="n").fillna(0).astype(int)
    data = data.reindex([x for x in section_labels if x in data.index]).reset_index()
    data.columns.name = None
    data = data.rename(columns={"section_label": labels.t("tooltip_section", lang)})
    return Figure.finished("chart-r-1", "R.1", title, desc, chart, data, lang)


def headline(ch: Chapter) -> Html:
    L = chapter_ledger(ch)
    reads.ledger_rows(L["id"])  # the whole ledger is summed up
    s = claims.summary(L)
    n = int(s.sum())
    text = labels.t("headline", ch.lang).format(
        n=n, r=s["reproduced"], w=s["within rounding"], d=s["discrepancy"], e=s["external"], nc=s["not checkable"]
    )
    checked = labels.t(f"checks_data_{ch.params.errata}", ch.lang)
    param = f"errata = {ch.params.errata}"
    shown = html.escape(text) + " " + html.escape(checked).format(param=f"<code>{param}</code>")
    return Html(f'<p class="rp-headline">{shown}</p>', text + " " + checked.format(param=param))


def ledger_table(ch: Chapter) -> Html:
    """The whole ledger, one row per number, with ids as anchors; filtered in the page by ledger.js."""
    lang = ch.lang
    L = chapter_ledger(ch).copy()
    reads.ledger_rows(L["id"])  # the whole ledger is shown
    if lang == "ko":
        L["statement"], L["arithmetic"] = L["statement_ko"], L["arithmetic_ko"]
    cols = [
        "id",
        "section",
        "statement",
        "printed",
        "recomputed",
        "interval",
        "status",
        "with_errata",
        "arithmetic",
        "errata",
    ]
    head = "".join(f'<th scope="col">{html.escape(labels.t("ledger_" + c, lang))}</th>' for c in cols)
    body = []
    for r in L.itertuples():
        cells = []
        for c in cols:
            v = getattr(r, c)
            if c == "recomputed":
                v = "" if v is None or pd.isna(v) else measured(v, r.unit, 4)
            elif c in ("status", "with_errata"):
                v = _status(v, lang) + (f" ({_status('truncated', lang)})" if c == "status" and r.truncated else "")
            elif c == "section":
                v = labels.section_name(v, lang)
            elif c == "interval":
                v = interval_text(v, lang)
            if c == "id":
                cells.append(f"<td><code>{html.escape(str(v))}</code></td>")
                continue
            if c == "printed":  # in Korean: the number as printed, or the phrase rendered in Korean
                v = printed_text(r, lang)
            cells.append(f"<td>{html.escape(str(v))}</td>")
        body.append(
            f'<tr id="claim-{html.escape(r.id)}" data-section="{html.escape(r.section)}" '
            f'data-status="{html.escape(r.status)}">{"".join(cells)}</tr>'
        )
    filters = (
        f'<div class="rp-ledger-filter" role="search">'
        f'<label>{html.escape(labels.t("filter_text", lang))} <input type="search" data-filter="text"></label> '
        f'<label>{html.escape(labels.t("check_status", lang))} <select data-filter="status">'
        f'<option value="">{html.escape(labels.t("filter_all", lang))}</option>'
        + "".join(f'<option value="{s}">{html.escape(_status(s, lang))}</option>' for s in claims.STATUSES)
        + f'</select></label> <label>{html.escape(labels.t("tooltip_section", lang))} <select data-filter="section">'
        f'<option value="">{html.escape(labels.t("filter_all", lang))}</option>'
        + "".join(
            f'<option value="{html.escape(s)}">{html.escape(labels.section_name(s, lang))}</option>'
            for s in dict.fromkeys(L["section"])
        )
        + '</select></label> <output class="rp-ledger-count" aria-live="polite"></output></div>'
    )
    # closed until asked (its summary, a filter, a link to a claim or the browser's find open it; print shows it):
    # a ledger of this length laid out with the page costs a phone a second before the reader can scroll
    table = (
        f'<details class="rp-ledger-rows"><summary>{html.escape(labels.t("ledger_show", lang).format(n=len(L)))}'
        f'</summary><table class="rp-checks rp-ledger" id="ledger-table">'
        f"<caption>{html.escape(labels.t('ledger_caption', lang))}"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></details>"
    )
    return Html(f'<div class="rp-ledger-wrap">{filters}{table}</div>', f"ledger: {len(L)} rows")


def discrepancies(ch: Chapter) -> Html:
    """Every discrepancy with its arithmetic, and the erratum that documents it."""
    lang = ch.lang
    L = chapter_ledger(ch)
    reads.ledger_rows(L["id"])  # the whole ledger is shown
    d = L[L["status"] == "discrepancy"]
    items = []
    for r in d.itertuples():
        note = []
        if r.interval:
            note.append(
                labels.t("note_distance", lang).format(d=f"{r.distance:,.2f}", i=interval_text(r.interval, lang))
            )
        if r.truncated:
            note.append(labels.t("note_truncated", lang))
        if r.errata:
            note.append(labels.t("note_erratum", lang).format(e=r.errata))
        elif r.with_errata == "reproduced":
            note.append(labels.t("note_resolved", lang))
        items.append(
            f'<li><a href="#claim-{html.escape(r.id)}"><strong><code>{html.escape(r.id)}</code></strong></a> '
            f"({html.escape(labels.section_name(r.section, lang))}) {html.escape(r.statement_ko if lang == 'ko' else r.statement)}: "
            f"{labels.t('printed', lang)} <code>{html.escape(printed_text(r, lang))}</code>; "
            f"{html.escape(r.arithmetic_ko if lang == 'ko' else r.arithmetic)}"
            f"{'. ' + html.escape(' '.join(note)) if note else ''}</li>"
        )
    return Html(f'<ol class="rp-discrepancies">{"".join(items)}</ol>', f"{len(d)} discrepancies")


def worked_example(ch: Chapter) -> Html:
    """The rule on one case: Table 2's 1970 ratio (erratum E3, withdrawn), computed from the data."""
    from .intervals import Num, round_to

    lang = ch.lang
    row = ch.printed["table2-household-income"].set_index("year").loc[1970]
    b, a, p = float(row["rural_income_b"]), float(row["urban_income_a"]), float(row["ratio_b_a_pct"])
    nb, na = Num.printed(b, 0.1), Num.printed(a, 0.1)
    ratio = 100 * (nb / na)
    check = chapter_ledger(ch).set_index("id").loc["table2.ratio.1970"]
    text = labels.t("worked_example", lang).format(
        b=f"{b:g}",
        a=f"{a:g}",
        p=f"{p:g}",
        point=f"{ratio.point:.2f}",
        rounded=f"{round_to(ratio.point, 0.1):g}",
        b_lo=f"{nb.lo:.2f}",
        b_hi=f"{nb.hi:.2f}",
        a_lo=f"{na.lo:.2f}",
        a_hi=f"{na.hi:.2f}",
        lo=f"{ratio.lo:.2f}",
        hi=f"{ratio.hi:.2f}",
        status=_status(check["status"], lang),
    )
    return Html(f'<p class="rp-worked-example">{html.escape(text)}</p>', text)


def changes(ch: Chapter) -> Html:
    """What the rule changed: withdrawn errata, rows now within rounding, rows set against each other."""
    lang = ch.lang
    ko = lang == "ko"
    err = ch.printed["errata"]
    withdrawn = err[err["status"] == "withdrawn"]
    L = chapter_ledger(ch)
    within = L[L["status"] == "within rounding"]
    crossed = L[L["kind"].isin(["cross", "trend", "count"])]

    def item(r) -> str:
        statement = r.statement_ko if ko else r.statement
        return (
            f'<li><a href="#claim-{html.escape(r.id)}"><code>{html.escape(r.id)}</code></a> {html.escape(statement)} '
            f"- {html.escape(_status(r.status, lang))}</li>"
        )

    parts = [
        f"<h3>{html.escape(labels.t('changes_withdrawn', lang))}</h3><ul>"
        + "".join(
            f"<li><strong>{html.escape(e.id)}</strong> ({html.escape(labels.section_name(e.section, lang))}): "
            f"{html.escape(e.status_reason_ko if ko else e.status_reason)}</li>"
            for e in withdrawn.itertuples()
        )
        + "</ul>",
        f"<h3>{html.escape(labels.t('changes_within', lang).format(n=len(within)))}</h3><ul>"
        + "".join(item(r) for r in within.itertuples())
        + "</ul>",
        f"<h3>{html.escape(labels.t('changes_crossed', lang).format(n=len(crossed)))}</h3><ul>"
        + "".join(item(r) for r in crossed.itertuples())
        + "</ul>",
    ]
    text = f"{len(withdrawn)} withdrawn, {len(within)} within rounding, {len(crossed)} cross-statement rows"
    return Html(f'<div class="rp-changes">{"".join(parts)}</div>', text)
