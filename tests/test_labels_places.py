"""Labels in English and Korean, and the places (provinces, economic regions, RIPP groups)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from regional_policy import labels, places

LABELS = Path(labels.__file__).with_name("labels.csv")


def label_rows() -> list[dict[str, str]]:
    with open(LABELS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- labels ------------------------------------------------------------------------------------


def test_labels_have_unique_keys():
    keys = [r["key"] for r in label_rows()]
    assert keys and not [k for k, n in Counter(keys).items() if n > 1]


def test_every_label_has_english_and_korean():
    rows = label_rows()
    assert len(rows) > 100
    for row in rows:
        for lang in ("en", "ko"):
            assert isinstance(row[lang], str) and row[lang] != "", (row["key"], lang)
            assert labels.t(row["key"], lang) == row[lang]


def test_blank_labels_only_for_table4_columns_without_a_period(data):
    """Whitespace-only labels are the empty sub-headings of Table 4; every printed period is shown."""
    rows = {r["key"]: r for r in label_rows()}
    blank = {k for k, r in rows.items() if not r["en"].strip() or not r["ko"].strip()}
    t4 = data["table4-investment-by-project-type"]
    periods = t4.drop_duplicates("programme").set_index("programme")["period"]
    without = {p for p, period in periods.items() if pd.isna(period)}
    assert without == {"Regional Infrastructure program", "Total"}
    assert blank == {f"programme_phase:{p}" for p in without}
    for programme, period in periods.items():
        if not pd.isna(period):
            assert period in rows[f"programme_phase:{programme}"]["en"]
            assert period in rows[f"programme_phase:{programme}"]["ko"]


def test_korean_labels_are_korean():
    hangul = [r for r in label_rows() if any("\uac00" <= ch <= "\ud7a3" for ch in r["ko"])]
    # all but a handful (years, 'R&D'-like codes, blank sub-headings, formulas) contain Hangul
    assert len(hangul) >= 0.9 * len(label_rows())
    assert labels.t("table", "ko") == "표"
    assert labels.t("table", "en") == "Table"


def test_missing_key_raises_key_error_naming_it():
    with pytest.raises(KeyError) as info:
        labels.t("no_such_label_key", "en")
    assert "no_such_label_key" in str(info.value)


def test_missing_language_raises_key_error():
    with pytest.raises(KeyError) as info:
        labels.t("table", "fr")
    assert "'fr'" in str(info.value)


def test_value_labels():
    assert labels.value("project_type", "R&D", "ko") == "연구개발"
    with pytest.raises(KeyError, match="project_type:Nothing"):
        labels.value("project_type", "Nothing", "en")


@pytest.mark.parametrize(
    "kind, resource, field",
    [
        ("aspect", "table1-key-factors", "aspect"),
        ("project", "table3-ripp-first-stage", "project"),
        ("project_type", "table4-investment-by-project-type", "project_type"),
        ("programme_group", "table4-investment-by-project-type", "programme"),
        ("programme_phase", "table4-investment-by-project-type", "programme"),
        ("level", "table5-budget-2010-2011", "level"),
        ("account", "table5-budget-2010-2011", "account"),
        ("indicator", "rsip-performance", "indicator"),
        ("unit", "rsip-performance", "unit"),
        ("kind", "timeline", "kind"),
    ],
)
def test_every_category_of_the_data_has_a_label(data, kind, resource, field):
    values = data[resource][field].dropna().unique()
    assert len(values) > 0
    for value in values:
        for lang in ("en", "ko"):
            assert labels.value(kind, value, lang), (kind, value, lang)


# --- places ------------------------------------------------------------------------------------


def test_sixteen_units_with_unique_codes():
    table = places.table()
    assert len(table) == 16
    codes = [p["code"] for p in table]
    assert len(set(codes)) == 16
    assert all(len(c) == 2 and c.isdigit() for c in codes)
    assert len(set(places.keys())) == 16


def test_seven_economic_regions_each_with_members():
    regions = places.regions()
    assert len(regions) == 7
    members = Counter(p["economic_region"] for p in places.table())
    assert set(members) == {r["key"] for r in regions}
    assert all(members[r["key"]] >= 1 for r in regions)
    assert sum(members.values()) == 16
    assert Counter(r["tier"] for r in regions) == {"large": 5, "special": 2}


def test_capital_region():
    capital = {p["short_en"] for p in places.table() if p["capital_region"] == "true"}
    assert capital == {"Seoul", "Incheon", "Gyeonggi"}
    assert {p["short_en"] for p in places.table() if p["economic_region"] == "capital"} == capital


def test_ripp_groups():
    groups = {}
    for p in places.table():
        groups.setdefault(p["ripp_group"], set()).add(p["short_en"])
    assert groups["4 regions (1999)"] == {"Busan", "Daegu", "Gwangju", "Gyeongnam"}
    assert len(groups["9 regions (2002)"]) == 9
    assert groups["none"] == {"Seoul", "Incheon", "Gyeonggi"}  # the Capital Region had no RIPP
    assert not groups["9 regions (2002)"] & groups["4 regions (1999)"]


def test_table3_districts_are_the_four_regions(data):
    t3 = data["table3-ripp-first-stage"]
    districts = set(t3.loc[t3["row_type"] == "district", "district"])
    assert districts == {p["short_en"] for p in places.table() if p["ripp_group"] == "4 regions (1999)"}


def test_places_agree_with_the_data_package(data):
    frame = data["places"]
    assert list(frame["short_en"]) == list(places.keys())
    assert list(frame["code"]) == [p["code"] for p in places.table()]


def test_place_names():
    assert places.name("Busan", "en") == "Busan"
    assert places.name("Busan", "ko") == "부산"
    assert places.name("Gyeongnam", "ko") == "경남"
    assert places.region_name("dongnam", "ko") == "동남권"
    assert places.region_name("capital", "en") == "Capital Region"
    with pytest.raises(KeyError, match="Sejong"):
        places.get("Sejong")
    with pytest.raises(KeyError, match="atlantis"):
        places.region_name("atlantis", "en")
