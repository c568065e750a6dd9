"""Tables about the data itself: the arithmetic checks of a table, and the data package's resources."""

from __future__ import annotations

import html

import pandas as pd

from . import consistency, labels
from .display import Table
from .params import Chapter
from .provenance import ledger_of


def checks(ch: Chapter, resource: str, name: str) -> Table:
    """Every printed total, share and ratio of ``resource``, recomputed from its parts.

    The panel checks the data the chapter runs with (``errata`` parameter) and says which.
    """
    frame = consistency.as_frame([c for c in consistency.all_checks(ch.data) if c.resource == resource])
    lang = ch.lang
    if lang == "ko":
        frame["what"] = frame["what_ko"]
    frame["status"] = [
        labels.value("status", s, lang) + (f" ({labels.value('status', 'truncated', lang)})" if t else "")
        for s, t in zip(frame["status"], frame["truncated"])
    ]
    frame = frame[["what", "printed", "recomputed", "interval", "status", "arithmetic"]]
    frame["recomputed"] = frame["recomputed"].round(2)
    frame = frame.rename(columns={c: labels.t(f"check_{c}", lang) for c in frame.columns})
    status_col = labels.t("check_status", lang)
    styler = (
        frame.style.hide(axis="index")
        .set_uuid(name)
        .format(precision=2, na_rep="")
        .set_caption(html.escape(labels.t("checks_caption", ch.lang)))
        .set_table_attributes('class="rp-checks"')
        .apply(
            lambda col: [
                "color: #B00020; font-weight: 600" if v.startswith(labels.value("status", "discrepancy", lang)) else ""
                for v in col
            ],
            subset=[status_col],
        )
    )
    return Table(name, styler, (labels.t(f"checks_data_{ch.params.errata}", lang), labels.t("checks_note", lang)))


def resources(ch: Chapter) -> Table:
    """One row per resource of the data package: title, source, rows, download link and sha256."""
    rows = []
    for res in ch.printed.descriptor["resources"]:
        src = res.get("x-source", {})
        where = ", ".join(x for x in (src.get("table"), f"§{src['section']}" if src.get("section") else None) if x)
        rows.append(
            {
                "resource": res["name"],
                "title": res["title"],
                "source": f"{src.get('source', '')} {where}".strip(),
                "rows": len(ch.printed[res["name"]]),
                "download": f'<a href="../data/{res["path"]}" download>{res["path"]}</a>',
                "sha256": ch.printed.sha256(res["name"])[:12],
            }
        )
    frame = pd.DataFrame(rows)
    styler = (
        frame.style.hide(axis="index")
        .set_uuid("resources")
        .set_caption(html.escape(labels.t("resources_caption", ch.lang)))
        .set_table_attributes('class="rp-checks"')
    )
    return Table("resources", styler)


def schema(ch: Chapter, resource: str) -> Table:
    """The fields of one resource: name, type, unit, description and constraints."""
    res = ch.printed.resource(resource)
    rows = []
    for f in res["schema"]["fields"]:
        cons = f.get("constraints", {})
        rows.append(
            {
                "field": f["name"],
                "type": f["type"],
                "unit": f.get("unit", ""),
                "description": f.get("description", ""),
                "constraints": "; ".join(f"{k}: {v}" for k, v in cons.items()),
            }
        )
    keys = ", ".join(res["schema"].get("primaryKey", []))
    frame = pd.DataFrame(rows)
    caption = f"{html.escape(res['title'])} — <code>{res['path']}</code>"
    styler = (
        frame.style.hide(axis="index")
        .set_uuid("schema-" + resource)
        .set_caption(caption)
        .set_table_attributes('class="rp-checks"')
    )
    notes = (f"{labels.t('primary_key', ch.lang)}: <code>{keys}</code>. {html.escape(res.get('description', ''))}",)
    return Table("schema-" + resource, styler, notes)


class _Many:
    """Several tables shown as one output."""

    def __init__(self, tables):
        self.tables = list(tables)

    def __repr__(self) -> str:
        return "\n\n".join(repr(t) for t in self.tables)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": "\n".join(t.html() for t in self.tables), "text/plain": repr(self)}


def schemas(ch: Chapter) -> _Many:
    """The schema of every resource, in the order of the data package."""
    return _Many(schema(ch, res["name"]) for res in ch.printed.descriptor["resources"])


def errata(ch: Chapter) -> Table:
    """The errata resource as a table, withdrawn errata included, in the chapter's language."""
    ko = ch.lang == "ko"
    frame = ch.printed["errata"].copy()
    for col in ("kind", "evidence", "corrected", "status_reason"):
        if ko:
            frame[col] = frame[f"{col}_ko"]
    frame["status"] = [labels.value("erratum_status", s, ch.lang) for s in frame["status"]]
    ledger = ledger_of(ch.printed).set_index("id")
    frame["interval"] = [ledger.loc[i, "interval"] if i in ledger.index else "" for i in frame["ledger_id"]]
    frame["check"] = [
        labels.value("status", ledger.loc[i, "status"], ch.lang) if i in ledger.index else ""
        for i in frame["ledger_id"]
    ]
    frame = frame[
        [
            "id",
            "section",
            "resource",
            "printed",
            "corrected",
            "kind",
            "evidence",
            "interval",
            "check",
            "confidence",
            "status",
            "status_reason",
        ]
    ]
    styler = (
        frame.style.hide(axis="index")
        .set_uuid("errata-list")
        .set_caption(html.escape(labels.t("errata_caption", ch.lang)))
        .set_table_attributes('class="rp-checks"')
    )
    return Table("errata-list", styler)


def economic_regions(ch: Chapter) -> Table:
    """The 5+2 economic regions and their members."""
    lang = ch.lang
    places = ch.printed["places"]
    rows = []
    for _, r in ch.printed["economic-regions"].sort_values("order").iterrows():
        members = places[places["economic_region"] == r["key"]]
        rows.append(
            {
                labels.t("economic_region", lang): r["name_en" if lang == "en" else "name_ko"],
                labels.t("tier", lang): labels.value("tier", r["tier"], lang),
                labels.t("members", lang): ", ".join(members["short_en" if lang == "en" else "short_ko"]),
                labels.t("ripp_groups", lang): ", ".join(sorted(set(members["ripp_group"]))),
            }
        )
    frame = pd.DataFrame(rows)
    styler = (
        frame.style.hide(axis="index")
        .set_uuid("economic-regions")
        .set_caption(html.escape(labels.t("regions_caption", lang)))
        .set_table_attributes('class="rp-checks"')
    )
    return Table("economic-regions", styler, (labels.t("regions_note", lang),))


def check_summary(ch: Chapter) -> Table:
    """How many printed totals, shares and ratios each table reproduces."""
    frame = consistency.as_frame(consistency.all_checks(ch.data))
    counts = frame.groupby(["table", "status"]).size().unstack(fill_value=0)
    shown = ("reproduced", "within rounding", "discrepancy")
    for status in shown:
        if status not in counts:
            counts[status] = 0
    counts = counts[list(shown)]
    counts.loc["all"] = counts.sum()
    counts = counts.reset_index().rename(columns={"table": labels.t("table", ch.lang)})
    styler = (
        counts.style.hide(axis="index")
        .set_uuid("check-summary")
        .set_caption(html.escape(labels.t("summary_caption", ch.lang)))
        .set_table_attributes('class="rp-checks"')
    )
    return Table("check-summary", styler)
