"""The data page (resources, schemas, errata, economic regions) and the recalculation panel under each table."""

from __future__ import annotations

import html
import re

import pandas as pd

from . import consistency, labels, numbers, reads
from .claims import korean as claims_korean
from .display import Table
from .params import Chapter
from .provenance import ledger_of
from .slots import file_hash_slot

KO = "_ko"  # the suffix of a Korean property next to its English one (title_ko, description_ko, ...)


def _number(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    return numbers.plain(round(float(value), 2))


def korean_text_problems(descriptor: dict) -> list[str]:
    """Every resource title/description and field description without its Korean twin, named by resource and field."""
    problems = []
    for res in descriptor["resources"]:
        for prop in ("title", "description"):
            if res.get(prop) and not str(res.get(prop + KO, "")).strip():
                problems.append(f"datapackage.json, resource {res['name']!r}: {prop} has no {prop + KO}")
        src = res.get("x-source", {})
        if src.get("printed_source") and not src.get("printed_source" + KO):
            problems.append(
                f"datapackage.json, resource {res['name']!r}: x-source.printed_source has no printed_source_ko"
            )
        for f in res["schema"]["fields"]:
            if f.get("description") and not str(f.get("description" + KO, "")).strip():
                problems.append(
                    f"datapackage.json, resource {res['name']!r}, field {f['name']!r}: description has no description_ko"
                )
    return problems


def _text(obj: dict, prop: str, lang: str) -> str:
    """A descriptor text in ``lang``; a missing Korean text is an error naming where it is missing."""
    if lang == "en":
        return obj.get(prop, "")
    if obj.get(prop) and not obj.get(prop + KO):
        raise ValueError(f"datapackage.json: {obj.get('name', '?')!r} has {prop} but no {prop + KO}")
    return obj.get(prop + KO, "")


QUOTED = re.compile(r"&#x27;([^&]+?)&#x27;")  # a data value in quotes, once escaped: 'Total'
# a name in Latin letters: a word with a lower-case letter or an underscore, or words joined by . / - (YYYY-MM),
# or the date pattern YYYY (upper-case words otherwise are acronyms, which Korean text writes so)
_W = r"[A-Za-z0-9_]"
CODE_WORD = re.compile(
    rf"(?<![A-Za-z0-9_./&#-])(?:[A-Za-z]{_W}*(?:[./-]{_W}+)+|[A-Za-z]{_W}*[a-z_]{_W}*|YYYY)(?![A-Za-z0-9_])"
)
CODE = re.compile(r"(<code>.*?</code>)")


def described(text: str, lang: str) -> str:
    """A descriptor text as HTML: quoted data values as code; in Korean also every word in Latin letters that is
    not an acronym, for such a word is a name in the data (a field, a file, a code value such as ``final``)."""
    out = QUOTED.sub(r"<code>\1</code>", html.escape(text))
    if lang == "ko":
        parts = CODE.split(out)
        out = "".join(p if p.startswith("<code>") else CODE_WORD.sub(r"<code>\g<0></code>", p) for p in parts)
    return out


def _styled(frame: pd.DataFrame, name: str, caption: str):
    """``frame`` as every table of the data page shows it: no index, ``name`` as its id, ``caption`` (HTML) above."""
    return frame.style.hide(axis="index").set_uuid(name).set_caption(caption).set_table_attributes('class="rp-checks"')


def checks(ch: Chapter, resource: str, name: str) -> Table:
    """Every printed total, share and ratio of ``resource``, recomputed from its parts.

    The panel checks the data the chapter runs with (``errata`` parameter) and says which.
    """
    with reads.quietly():  # computes the checks of every table; those shown read ``resource`` alone
        every = consistency.all_checks(ch.data)
    reads.resource(resource)
    frame = consistency.as_frame([c for c in every if c.resource == resource])
    lang = ch.lang
    if lang == "ko":
        frame["what"] = frame["what_ko"]
    frame["status"] = [
        labels.value("status", s, lang) + (f" ({labels.value('status', 'truncated', lang)})" if t else "")
        for s, t in zip(frame["status"], frame["truncated"])
    ]
    frame = frame[["what", "printed", "recomputed", "interval", "status", "arithmetic"]]
    for col in ("printed", "recomputed"):  # separators, and no spurious ".00"
        frame[col] = [_number(v) for v in frame[col]]
    if lang == "ko":  # ranges with a tilde, arithmetic with Korean words
        frame["interval"] = [str(v).replace(" .. ", "~") for v in frame["interval"]]
        frame["arithmetic"] = [claims_korean.arithmetic(str(v)) for v in frame["arithmetic"]]
    frame = frame.rename(columns={c: labels.t(f"check_{c}", lang) for c in frame.columns})
    status_col = labels.t("check_status", lang)
    discrepancy = labels.value("status", "discrepancy", lang)
    styler = _styled(frame, name, html.escape(labels.t("checks_caption", ch.lang))).apply(
        lambda col: ["color: #B00020; font-weight: 600" if v.startswith(discrepancy) else "" for v in col],
        subset=[status_col],
    )
    return Table(
        name,
        styler,
        (
            labels.t(f"checks_data_{ch.params.errata}", lang).format(param=f"<code>errata = {ch.params.errata}</code>"),
            labels.t("checks_note", lang),
        ),
    )


def resources(ch: Chapter) -> Table:
    """One row per resource of the data package: title, source, rows, download link and sha256."""
    lang = ch.lang
    rows = []
    for res in ch.printed.descriptor["resources"]:
        src = res.get("x-source", {})
        table = (src.get("table") or "").replace("Table", labels.t("table", lang))
        section = labels.t("res_section", lang).format(section=src["section"]) if src.get("section") else None
        if lang == "ko" and src.get("section_ko"):  # a section that is not a number of the paper, said in Korean
            section = src["section_ko"]
        where = ", ".join(x for x in (table, section) if x)
        origin = labels.value("origin", src["source"], lang) if src.get("source") else ""
        rows.append(
            {
                "resource": f"<code>{res['name']}</code>",
                "title": html.escape(_text(res, "title", lang)),
                "source": f"{origin} ({where})" if origin and where else origin or where,
                "rows": str(len(ch.printed[res["name"]])),
                "download": f'<a href="../data/{res["path"]}" download><code>{res["path"]}</code></a>',
                "sha256": file_hash_slot("data/" + res["path"]),
            }
        )
    frame = pd.DataFrame(rows).rename(columns=lambda c: labels.t(f"res_{c}", lang))
    return Table("resources", _styled(frame, "resources", html.escape(labels.t("resources_caption", ch.lang))))


def _constraints(cons: dict, lang: str) -> str:
    """A field's constraints; in Korean with Korean names (the values are the data's own codes)."""
    if lang == "en":
        return "; ".join(f"{k}: {v}" for k, v in cons.items())
    parts = []
    for k, v in cons.items():
        name = labels.value("constraint", k, lang)
        if k == "required":
            parts.append(name if v else "")
        else:
            values = ", ".join(map(str, v)) if isinstance(v, list) else str(v)
            parts.append(f"{name}: <code>{html.escape(values)}</code>")
    return "; ".join(p for p in parts if p)


def schema(ch: Chapter, resource: str) -> Table:
    """The fields of one resource: name, type, unit, description and constraints."""
    lang = ch.lang
    res = ch.printed.resource(resource)
    rows = []
    for f in res["schema"]["fields"]:
        cons = f.get("constraints", {})
        rows.append(
            {
                "field": f"<code>{html.escape(f['name'])}</code>",
                "type": f"<code>{html.escape(f['type'])}</code>",
                "unit": labels.value("unit", f["unit"], lang) if f.get("unit") and lang == "ko" else f.get("unit", ""),
                "description": described(_text(f, "description", lang), lang),
                "constraints": _constraints(cons, lang),
            }
        )
    keys = ", ".join(res["schema"].get("primaryKey", []))
    frame = pd.DataFrame(rows).rename(columns=lambda c: labels.t(f"schema_{c}", lang))
    caption = f"{html.escape(_text(res, 'title', lang))} — <code>{res['path']}</code>"
    notes = (
        f"{labels.t('primary_key', lang)}: <code>{keys}</code>. {described(_text(res, 'description', lang), lang)}",
    )
    return Table("schema-" + resource, _styled(frame, "schema-" + resource, caption), notes)


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
    for col in ("kind", "evidence", "printed", "corrected", "status_reason"):
        if ko:
            frame[col] = frame[f"{col}_ko"]
    frame["status"] = [labels.value("erratum_status", s, ch.lang) for s in frame["status"]]
    ledger = ledger_of(ch.printed).set_index("id")
    frame["interval"] = [ledger.loc[i, "interval"] if i in ledger.index else "" for i in frame["ledger_id"]]
    if ko:  # the printed value rendered in Korean (printed_ko); sections, ranges and confidence in Korean
        frame["printed"] = [html.escape(str(v)) for v in frame["printed"]]
        frame["resource"] = [f"<code>{html.escape(str(v))}</code>" for v in frame["resource"]]
        frame["section"] = [labels.section_name(str(v), "ko") for v in frame["section"]]
        frame["interval"] = [str(v).replace(" .. ", "~") for v in frame["interval"]]
        frame["confidence"] = [labels.value("conf", str(v), "ko") for v in frame["confidence"]]
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
    frame = frame.rename(columns=lambda c: labels.t(f"errata_col_{c}", ch.lang))
    return Table("errata-list", _styled(frame, "errata-list", html.escape(labels.t("errata_caption", ch.lang))))


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
                labels.t("ripp_groups", lang): ", ".join(
                    labels.value("ripp_group", g, lang) for g in sorted(set(members["ripp_group"]))
                ),
            }
        )
    styler = _styled(pd.DataFrame(rows), "economic-regions", html.escape(labels.t("regions_caption", lang)))
    return Table("economic-regions", styler, (labels.t("regions_note", lang),))


def check_summary(ch: Chapter) -> Table:
    """How many printed totals, shares and ratios each table reproduces."""
    lang = ch.lang
    frame = consistency.as_frame(consistency.all_checks(ch.data))
    counts = frame.groupby(["table", "status"]).size().unstack(fill_value=0)
    shown = ("reproduced", "within rounding", "discrepancy")
    for status in shown:
        if status not in counts:
            counts[status] = 0
    counts = counts[list(shown)]
    counts.loc["all"] = counts.sum()
    names = {r["name"]: r.get("x-source", {}).get("table") or r["name"] for r in ch.printed.descriptor["resources"]}
    counts.index = [
        labels.t("total", lang) if k == "all" else names.get(k, k).replace("Table", labels.t("table", lang))
        for k in counts.index
    ]
    counts.index.name = "table"
    counts = counts.reset_index().rename(
        columns={"table": labels.t("table", lang), **{s: labels.value("status", s, lang) for s in counts.columns}}
    )
    return Table("check-summary", _styled(counts, "check-summary", html.escape(labels.t("summary_caption", ch.lang))))
