"""The paper's tables, laid out as printed: same rows, columns, units, caption and source.

Each function takes a :class:`~.params.Chapter` and returns a
:class:`~.display.Table`. Values come from the chapter's data (as printed or
corrected, by the ``errata`` parameter); a cell touched by an erratum is marked
in both editions, with a note that gives the printed and corrected values.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from . import errata, labels, numbers, places, style
from .consistency import T2, T3, T4, T5
from .display import Table
from .params import Chapter
from .provenance import footer

T1, RSIP = "table1-key-factors", "rsip-performance"  # Tables 2-5: named in .consistency, which checks them
MARK = "†"


def _caption(ch: Chapter, number: int | None, key: str, unit_key: str | None) -> str:
    lang = ch.lang
    title = html.escape(labels.t(key, lang))
    head = f"{labels.t('table', lang)} {number}. {title}" if number else title
    unit = (
        f'<br><span class="rp-unit">({labels.t("unit", lang)}: {html.escape(labels.t(unit_key, lang))})</span>'
        if unit_key
        else ""
    )
    return head + unit


def _source(ch: Chapter, resource: str) -> str:
    src = ch.data.resource(resource)["x-source"]
    if src.get("table"):
        table = src["table"].replace("Table", labels.t("table", ch.lang))
        where = labels.t("paper_location", ch.lang).format(table=table, section=src["section"])
    else:  # a table of the book built from the paper's text
        where = labels.t("paper_location_text", ch.lang).format(section=src["section"])
    printed = src.get("printed_source" if ch.lang == "en" else "printed_source_ko")
    text = f"{labels.t('source', ch.lang)}: {html.escape(printed)}. {where}" if printed else where
    return f'<span class="rp-source">{text}</span>'


def _errata_notes(ch: Chapter, resource: str) -> tuple[dict, list[str]]:
    """Marks for corrected cells and the notes that explain them."""
    cells = errata.corrected_cells(ch.printed, resource)
    notes = []
    ko = "_ko" if ch.lang == "ko" else ""  # the erratum's Korean columns (evidence_ko, printed_ko, corrected_ko)
    for err in cells.values():
        shown = labels.t("errata_shown_" + ch.params.errata, ch.lang)
        notes.append(
            f'<span class="rp-erratum">{MARK} {labels.t("erratum", ch.lang)} {err["id"]}: '
            f"{labels.t('printed', ch.lang)} <code>{html.escape(err['printed' + ko])}</code>, "
            f"{labels.t('corrected', ch.lang)} <code>{html.escape(err['corrected' + ko])}</code> "
            f"({shown}). {html.escape(err['evidence' + ko])}</span>"
        )
    return cells, notes


def _style(frame: pd.DataFrame, name: str, caption: str, classes: pd.DataFrame | None = None):
    styler = frame.style.set_uuid(name).set_caption(caption).set_table_attributes('class="rp-paper-table"')
    if classes is not None:
        styler = styler.set_td_classes(classes)
    return styler


def _paper_table(
    ch: Chapter, number: int, frame: pd.DataFrame, unit_key: str | None, notes, resources, *, classes=None, shown=None
) -> Table:
    """Table ``number`` laid out as the paper's: caption with unit, notes, the source of ``resources[0]``, footer.

    ``classes``: one CSS class a cell, as lists of rows; ``shown``: the provinces the table shows, for the note
    on what ``highlight`` emphasised.
    """
    if classes is not None:
        classes = pd.DataFrame(classes, index=frame.index, columns=frame.columns)
    styler = _style(frame, f"table{number}", _caption(ch, number, f"table{number}_title", unit_key), classes)
    notes = (*notes, _source(ch, resources[0]), *(ch.highlight_notes(shown) if shown is not None else ()))
    return Table(f"table-{number}", styler, notes, footer(ch, f"Table {number}", resources))


def _num(value, decimals: int) -> str:
    return "" if pd.isna(value) else f"{value:,.{decimals}f}"


def _item_ko(ch: Chapter, i) -> str:
    """Table 1's Korean bullet; where an erratum changed the English one, the same change applied to the Korean."""
    printed, shown, ko = ch.printed[T1].loc[i, "item"], ch.data[T1].loc[i, "item"], ch.data[T1].loc[i, "item_ko"]
    if pd.isna(ko) or not str(ko).strip():
        raise ValueError(f"{T1}.csv, row {i + 2}, column 'item_ko': no Korean text for {printed!r}")
    if printed == shown:
        return ko
    start = next((k for k, (a, b) in enumerate(zip(printed, shown)) if a != b), min(len(printed), len(shown)))
    end = 0
    while end < min(len(printed), len(shown)) - start and printed[-1 - end] == shown[-1 - end]:
        end += 1
    # widen the changed part to whole words (or numbers) so that it can be found in the Korean text
    while start > 0 and printed[start - 1].isalnum():
        start -= 1
    while end > 0 and printed[len(printed) - end].isalnum():
        end -= 1
    old, new = printed[start : len(printed) - end], shown[start : len(shown) - end]
    found = re.search(rf"(?<![0-9A-Za-z]){re.escape(old)}(?![0-9A-Za-z])", ko)
    if not old or not found:
        raise ValueError(f"{T1}.csv, row {i + 2}, column 'item_ko': the erratum's change {old!r} is not in {ko!r}")
    return ko[: found.start()] + new + ko[found.end() :]


def table1(ch: Chapter) -> Table:
    """Table 1: key factors by administration (columns) and aspect (rows), as bullet lists."""
    lang, t1 = ch.lang, ch.data[T1]
    admins = ch.data["administrations"].set_index("key")
    cells, notes = _errata_notes(ch, T1)
    marked = {
        ch.printed[T1].loc[row, "administration"]
        + ch.printed[T1].loc[row, "aspect"]
        + str(ch.printed[T1].loc[row, "order"])
        for row, _ in cells
    }
    columns = [
        f"{admins.loc[k, 'name_en' if lang == 'en' else 'name_ko']} "
        f"({numbers.year_range(admins.loc[k, 'start'], None if pd.isna(admins.loc[k, 'end']) else admins.loc[k, 'end'], lang)})"
        for k in admins.index
    ]
    aspects = ["goal", "background", "policies", "governance", "institutional"]
    body = []
    for aspect in aspects:
        row = []
        for key in admins.index:
            items = t1[(t1["administration"] == key) & (t1["aspect"] == aspect)].sort_values("order")
            texts = items["item"] if lang == "en" else [_item_ko(ch, i) for i in items.index]
            lis = "".join(
                f"<li>{html.escape(it)}{' ' + MARK if key + aspect + str(o) in marked else ''}</li>"
                for it, o in zip(texts, items["order"])
            )
            row.append(f'<ul class="rp-bullets">{lis}</ul>')
        body.append(row)
    frame = pd.DataFrame(body, index=[labels.value("aspect", a, lang) for a in aspects], columns=columns)
    return _paper_table(ch, 1, frame, None, notes, (T1, "administrations"))


def table2(ch: Chapter) -> Table:
    """Table 2: urban and rural household income and the B/A ratio, years as columns."""
    lang, t2 = ch.lang, ch.data[T2]
    cells, notes = _errata_notes(ch, T2)
    rows = {"urban_income_a": "table2_urban", "rural_income_b": "table2_rural", "ratio_b_a_pct": "table2_ratio"}
    frame = pd.DataFrame(
        [[_num(v, 1) + (f" {MARK}" if (i, field) in cells else "") for i, v in t2[field].items()] for field in rows],
        index=[labels.t(k, lang) for k in rows.values()],
        columns=[str(y) for y in t2["year"]],
    )
    return _paper_table(ch, 2, frame, "table2_unit", notes, (T2,))


def table3(ch: Chapter) -> Table:
    """Table 3: first-stage RIPP investment in the 4 regions, total and National Account by sector."""
    lang, t3 = ch.lang, ch.data[T3]
    cells, notes = _errata_notes(ch, T3)
    sectors = ["infra", "tech_dev", "training", "business_service"]
    national = labels.t("table3_national", lang)
    columns = pd.MultiIndex.from_tuples(
        [("", labels.t("table3_total_invested", lang)), ("", labels.t("table3_projects", lang))]
        + [(national, labels.value("sector", s, lang)) for s in sectors]
    )
    stage = labels.t("table3_stage_first", lang)
    index = pd.MultiIndex.from_tuples(
        [(stage, places.name(d, lang) if d != "Total" else labels.t("total", lang)) for d in t3["district"]],
        names=[labels.t("table3_stage", lang), labels.t("table3_district", lang)],
    )
    rows, classes = [], []
    for i, r in t3.iterrows():
        project = "" if pd.isna(r["project"]) else labels.value("project", r["project"], lang)
        rows.append(
            [_num(r["total_invested"], 1), project]
            + [_num(r[s], 1) + (f" {MARK}" if (i, s) in cells else "") for s in sectors]
        )
        hl = "rp-highlight" if ch.highlight == r["district"] else ""
        classes.append([hl] * (2 + len(sectors)))
    frame = pd.DataFrame(rows, index=index, columns=columns)
    return _paper_table(ch, 3, frame, "unit_billion_krw", notes, (T3,), classes=classes, shown=t3["district"])


def table4(ch: Chapter) -> Table:
    """Table 4: investment by project type and programme, amount with the share in parentheses."""
    lang, t4 = ch.lang, ch.data[T4]
    cells, notes = _errata_notes(ch, T4)
    programmes = list(dict.fromkeys(t4["programme"]))
    types = list(dict.fromkeys(t4["project_type"]))
    group_of = style.PROGRAMME_GROUP
    hl_group = places.get(ch.highlight)["ripp_group"] if ch.highlight else None
    columns = pd.MultiIndex.from_tuples(
        [(labels.value("programme_group", p, lang), labels.value("programme_phase", p, lang)) for p in programmes]
    )
    rows, classes = [], []
    for pt in types:
        row, cls = [], []
        for p in programmes:
            i = t4.index[(t4["project_type"] == pt) & (t4["programme"] == p)][0]
            r = t4.loc[i]
            text = "-" if pd.isna(r["amount"]) else f"{r['amount']:,}"
            if not pd.isna(r["share_pct"]):
                text += "(100)" if r["share_pct"] == 100 else f"({r['share_pct']:.1f})"
            if (i, "amount") in cells or (i, "share_pct") in cells:
                text += f" {MARK}"
            row.append(text)
            cls.append("rp-highlight" if hl_group and group_of.get(p) == hl_group else "")
        rows.append(row)
        classes.append(cls)
    index = [labels.value("project_type", pt, lang) for pt in types]
    frame = pd.DataFrame(rows, index=index, columns=columns)
    unit_note = f'<span class="rp-unit-note">{labels.t("table4_unit_note", lang)}</span>'
    shown = [p["short_en"] for p in places.table() if p["ripp_group"] in group_of.values()]
    notes = (*notes, unit_note)
    return _paper_table(ch, 4, frame, "unit_100m_krw_inferred", notes, (T4,), classes=classes, shown=shown)


def table5(ch: Chapter) -> Table:
    """Table 5: budget by policy level, account and year; blank where the paper prints nothing."""
    lang, t5 = ch.lang, ch.data[T5]
    cells, notes = _errata_notes(ch, T5)
    levels = list(dict.fromkeys(t5["level"]))
    accounts = list(dict.fromkeys(t5["account"]))
    columns = pd.MultiIndex.from_tuples(
        [(labels.value("level", lv, lang), str(y)) for lv in levels for y in (2010, 2011)]
    )
    rows = []
    for acc in accounts:
        row = []
        for lv in levels:
            for y in (2010, 2011):
                i = t5.index[(t5["level"] == lv) & (t5["account"] == acc) & (t5["year"] == y)][0]
                row.append(_num(t5.loc[i, "amount"], 0) + (f" {MARK}" if (i, "amount") in cells else ""))
        rows.append(row)
    frame = pd.DataFrame(rows, index=[labels.value("account", a, lang) for a in accounts], columns=columns)
    return _paper_table(ch, 5, frame, "unit_billion_krw", notes, (T5,))


def rsip(ch: Chapter) -> Table:
    """The RSIP results the text of Section 4 gives, with the change as printed and as recomputed."""
    lang, r = ch.lang, ch.data[RSIP]
    rows = []
    for _, x in r.iterrows():
        multiple = "" if pd.isna(x["value_2007"]) else numbers.multiple(x["value_2010"] / x["value_2007"], lang)
        unit = "" if pd.isna(x["unit"]) else labels.value("unit", x["unit"], lang)
        rows.append(
            [
                labels.value("indicator", x["indicator"], lang),
                unit,
                "" if pd.isna(x["value_2007"]) else f"{x['value_2007']:,g}",
                "" if pd.isna(x["value_2010"]) else f"{x['value_2010']:,g}",
                labels.value("rsip_change", x["change_as_printed"], lang),
                multiple,
            ]
        )
    columns = [
        labels.t(k, lang)
        for k in ("rsip_indicator", "unit", "2007", "2010", "rsip_change_printed", "rsip_multiple_recomputed")
    ]
    frame = pd.DataFrame(rows, columns=columns)
    caption = _caption(ch, None, "rsip_title", None)
    styler = _style(frame, "rsip", caption).hide(axis="index")
    return Table("table-rsip", styler, (_source(ch, RSIP),), footer(ch, RSIP, (RSIP,)))
