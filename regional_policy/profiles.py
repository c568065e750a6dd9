"""Province profiles: everything the book knows about one of the 16 units, for a papermill template.

``notebooks/profile.ipynb`` takes a ``province`` parameter (the short English
name, e.g. ``Busan``); :func:`start` refuses an unknown one with the list of
valid names, and returns the chapter with that province highlighted in every
chart and map. The pipeline runs the template for all 16 units in both
editions (``book/profiles/`` and ``book/ko/profiles/``).
"""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from . import charts, labels, maps, numbers, params, places
from .display import Table
from .params import Chapter
from .report import Html


def start(ch: Chapter, province: str) -> Chapter:
    """Validate ``province`` and highlight it everywhere."""
    province = params.province(province, name="province", allow_none=False)  # any case, English or Korean
    return dataclasses.replace(ch, params=dataclasses.replace(ch.params, highlight=province))


def _table(frame: pd.DataFrame, name: str, caption: str, notes: tuple[str, ...] = ()) -> Table:
    """``caption`` may name a data file as ``{file}``."""
    styler = (
        frame.style.hide(axis="index")
        .set_uuid(name)
        .set_caption(html.escape(caption).format(file="<code>data/places.csv</code>"))
        .set_table_attributes('class="rp-checks"')
    )
    return Table(name, styler, notes)


def title(ch: Chapter) -> Html:
    place = places.get(ch.highlight)
    name = place["name_en"] if ch.lang == "en" else place["name_ko"]
    text = labels.t("profile_heading", ch.lang).format(name=name)
    return Html(f'<p class="rp-profile-name">{html.escape(text)}</p>', text)


def facts(ch: Chapter) -> Table:
    """Code, names, economic region, Capital Region, RIPP group."""
    lang, p = ch.lang, places.get(ch.highlight)
    rows = [
        (labels.t("profile_code", lang), p["code"]),
        # the English name is English in the Korean edition too: marked so (screen readers, the language check)
        (
            labels.t("profile_name_en", lang),
            p["name_en"] if lang == "en" else f'<span lang="en">{html.escape(p["name_en"])}</span>',
        ),
        (labels.t("profile_name_ko", lang), p["name_ko"]),
        (labels.t("economic_region", lang), places.region_name(p["economic_region"], lang)),
        (labels.t("profile_capital", lang), labels.t("yes" if p["capital_region"] == "true" else "no", lang)),
        (labels.t("ripp_groups", lang), labels.t(f"ripp:{p['ripp_group']}", lang)),
    ]
    frame = pd.DataFrame(rows, columns=[labels.t("profile_fact", lang), labels.t("profile_value", lang)])
    return _table(frame, "profile-facts", labels.t("profile_facts_caption", lang))


def strategic_industries(ch: Chapter) -> Table:
    """The unit's strategic industries (Figure 1), with sources and confidence."""
    lang = ch.lang
    f1 = ch.data["figure1-strategic-industries"]
    rows = f1[f1["province"] == ch.highlight].sort_values("order")
    frame = pd.DataFrame(
        {
            labels.t("profile_order", lang): rows["order"],
            labels.t("profile_industry", lang): rows["industry_en" if lang == "en" else "industry_ko"],
            labels.t("profile_confidence", lang): [labels.t(f"conf:{c}", lang) for c in rows["confidence"]],
            labels.t("profile_sources", lang): rows["source"],
        }
    )
    return _table(frame, "profile-strategic", labels.t("profile_strategic_caption", lang))


def leading_industries(ch: Chapter) -> Table:
    """The leading industries of the unit's economic region (Figure 2), both versions of the list."""
    lang = ch.lang
    region = places.get(ch.highlight)["economic_region"]
    f2 = ch.data["figure2-leading-industries"]
    rows = f2[f2["economic_region"] == region].sort_values(["version", "order"])
    frame = pd.DataFrame(
        {
            labels.t("profile_version", lang): [labels.t(f"version:{v}", lang) for v in rows["version"]],
            labels.t("profile_industry", lang): rows["industry_en" if lang == "en" else "industry_ko"],
            labels.t("profile_confidence", lang): [labels.t(f"conf:{c}", lang) for c in rows["confidence"]],
            labels.t("profile_sources", lang): rows["source"],
        }
    )
    caption = labels.t("profile_leading_caption", lang).format(region=places.region_name(region, lang))
    return _table(frame, "profile-leading", caption)


def _amount(value: float, unit: str, lang: str, decimals: int) -> str:
    """As printed in English (the unit follows in the sentence), in Korean style in Korean."""
    return numbers.plain(value, decimals) if lang == "en" else numbers.won(value, unit, lang)


def ripp_money(ch: Chapter) -> Table:
    """What Tables 3 and 4 say about the unit's RIPP money."""
    lang, p = ch.lang, places.get(ch.highlight)
    t3 = ch.data["table3-ripp-first-stage"]
    row = t3[t3["district"] == ch.highlight]
    if not row.empty:
        r = row.iloc[0]
        national = float(r[["infra", "tech_dev", "training", "business_service"]].sum())
        text = labels.t("profile_ripp_first", lang).format(
            total=_amount(r["total_invested"], "billion", lang, 1),
            national=_amount(national, "billion", lang, 1),
            project=labels.value("project", r["project"], lang),
        )
    elif p["ripp_group"] == "9 regions (2002)":
        t4 = ch.data["table4-investment-by-project-type"]
        total = t4[(t4["programme"] == "9 regions") & (t4["project_type"] == "Total")]["amount"].iloc[0]
        text = labels.t("profile_ripp_nine", lang).format(total=_amount(total, "100m", lang, 0))
    else:
        text = labels.t("profile_ripp_none", lang)
    frame = pd.DataFrame({labels.t("profile_ripp", lang): [text]})
    return _table(frame, "profile-ripp", labels.t("profile_ripp_caption", lang))


def complexes(ch: Chapter) -> Table:
    """Old industrial complexes in the unit chosen for restructuring in 2009 (Section 4)."""
    lang = ch.lang
    c = ch.data["old-industrial-complexes"]
    rows = c[c["province"] == ch.highlight]
    if rows.empty:
        frame = pd.DataFrame({labels.t("profile_complexes", lang): [labels.t("profile_no_complex", lang)]})
    else:
        frame = pd.DataFrame(
            {
                labels.t("profile_complexes", lang): rows["name_en" if lang == "en" else "name_ko"],
                labels.t("profile_founded", lang): rows["founded"].map(numbers.year),
            }
        )
    return _table(frame, "profile-complexes", labels.t("profile_complexes_caption", lang))


def figures(ch: Chapter) -> list:
    """The charts and maps in which the unit appears, highlighted."""
    out = [maps.figure1_tiles(ch)]
    if ch.highlight in set(ch.data["table3-ripp-first-stage"]["district"]):
        out.append(charts.ripp_first_stage(ch))
    return out
