"""The notebook parameters and their allowed values (start() displays output and is not called)."""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

import pytest

from regional_policy import params
from regional_policy.params import Chapter, ParameterError, Parameters, allowed, check_names

PLACES = Path(__file__).resolve().parent.parent / "data" / "places.csv"


def provinces() -> list[str]:
    with open(PLACES, encoding="utf-8", newline="") as fh:
        return [row["short_en"] for row in csv.DictReader(fh)]


def test_defaults():
    p = Parameters()
    assert (p.lang, p.errata, p.highlight) == ("en", "as_printed", "none")
    assert p.describe() == "lang='en', errata='as_printed', highlight='none'"


def test_valid_values_accepted():
    for lang in ("en", "ko"):
        for mode in ("as_printed", "corrected"):
            for hl in ("none", "Busan", "Jeju", "Seoul"):
                p = Parameters(lang=lang, errata=mode, highlight=hl)
                assert (p.lang, p.errata, p.highlight) == (lang, mode, hl)


@pytest.mark.parametrize(
    "given, says",
    [
        ({"lang": "fr"}, ("lang", "'fr'", "'en'", "'ko'")),
        ({"errata": "fixed"}, ("errata", "'fixed'", "'as_printed'", "'corrected'")),
    ],
    ids=["lang", "errata"],
)
def test_rejects_an_unknown_value_naming_it_and_the_allowed_ones(given, says):
    with pytest.raises(ParameterError) as info:
        Parameters(**given)
    assert [text for text in says if text not in str(info.value)] == []


def test_rejects_unknown_highlight_and_lists_provinces():
    with pytest.raises(ParameterError) as info:
        Parameters(highlight="Sejong")
    msg = str(info.value)
    assert "'Sejong'" in msg
    assert "Busan" in msg
    for name in provinces():
        assert f"'{name}'" in msg
    assert "'none'" in msg


def test_parameter_error_is_a_value_error():
    assert issubclass(ParameterError, ValueError)
    with pytest.raises(ValueError):
        Parameters(lang="EN")


def test_allowed_highlight_is_none_plus_16_provinces():
    values = allowed()["highlight"]
    assert values[0] == "none"
    assert len(values) == 17
    assert list(values[1:]) == provinces()
    assert len(set(values)) == 17
    assert allowed()["lang"] == ("en", "ko")
    assert set(allowed()["errata"]) == {"as_printed", "corrected"}


def test_check_names_returns_parameters():
    assert check_names({"lang": "ko", "errata": "corrected"}) == {"lang": "ko", "errata": "corrected"}
    assert check_names({}) == {}


def test_check_names_refuses_misspelt_name():
    with pytest.raises(ParameterError) as info:
        check_names({"lnag": "ko", "errata": "corrected"})
    msg = str(info.value)
    assert "lnag" in msg
    for name in ("lang", "errata", "highlight"):
        assert name in msg


def test_check_names_lists_every_unknown_name():
    with pytest.raises(ParameterError) as info:
        check_names({"zeta": 1, "alpha": 2})
    assert "alpha" in str(info.value) and "zeta" in str(info.value)


def test_check_names_ignores_modules_functions_private_and_ipython_names():
    def helper():
        return 1

    namespace = {
        "os": os,
        "params": params,
        "helper": helper,
        "anon": lambda: 0,
        "length": len,
        "Parameters": Parameters,
        "_private": 1,
        "__name__": "__main__",
        "_": "last",
        "In": ["", "x = 1"],
        "Out": {1: 2},
        "get_ipython": object(),
        "highlight": "Busan",
    }
    assert check_names(namespace) == {"highlight": "Busan"}


def test_check_names_accepts_extra_names_but_does_not_return_them():
    assert check_names({"lang": "en", "year": 2010}, extra=("year",)) == {"lang": "en"}
    with pytest.raises(ParameterError) as info:
        check_names({"year": 2010})
    assert "year" in str(info.value)


def test_check_names_then_parameters_rejects_bad_value():
    with pytest.raises(ParameterError, match="'fr'"):
        Parameters(**check_names({"lang": "fr"}))


def test_chapter_highlight(data):
    assert Chapter(Parameters(highlight="none"), data, data).highlight is None
    ch = Chapter(Parameters(lang="ko", highlight="Daegu"), data, data)
    assert ch.highlight == "Daegu"
    assert ch.lang == "ko"


# --- friendlier parameters (issue 12 item 7) -----------------------------------------------------


@pytest.mark.parametrize(
    "value, canonical",
    [
        ("busan", "Busan"),
        ("BUSAN", "Busan"),
        ("부산", "Busan"),
        ("부산광역시", "Busan"),
        (" Busan ", "Busan"),
        ("gyeonggi-do", "Gyeonggi"),
        ("Gyeonggi do", "Gyeonggi"),
        ("경상남도", "Gyeongnam"),
        ("gyeongnam", "Gyeongnam"),
        ("제주특별자치도", "Jeju"),
        ("NONE", "none"),
        ("None", "none"),
    ],
)
def test_highlight_in_any_case_english_or_korean(value, canonical):
    assert Parameters(highlight=value).highlight == canonical
    assert params.province(value) == canonical


def test_every_province_by_every_name(read_rows):
    for row in read_rows(PLACES):
        for name in (row["short_en"], row["name_en"], row["short_ko"], row["name_ko"]):
            assert Parameters(highlight=name.upper()).highlight == row["short_en"]


def test_bad_highlight_is_one_paragraph_with_a_suggestion():
    with pytest.raises(ParameterError) as info:
        Parameters(highlight="Pusan")
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith("parameter highlight='Pusan' is not allowed; allowed values: 'none', 'Seoul', 'Busan'")
    assert "부산" in msg and "Did you mean 'Busan'?" in msg


@pytest.mark.parametrize(
    "kwargs, text",
    [
        ({"highlight": ""}, "parameter highlight='' is not allowed: it is empty"),
        ({"highlight": None}, "parameter highlight=None is not allowed: it is of type NoneType (None), not a string"),
        ({"lang": 1}, "parameter lang=1 is not allowed: it is of type int (1), not a string"),
        ({"errata": ["corrected"]}, "parameter errata=['corrected'] is not allowed: it is of type list"),
        (
            {"lang": "EN"},
            "parameter lang='EN' is not allowed; allowed values: 'en', 'ko' (lang is the language of the edition).",
        ),
    ],
)
def test_wrong_types_and_empty_values(kwargs, text):
    with pytest.raises(ParameterError) as info:
        Parameters(**kwargs)
    assert str(info.value).startswith(text)


def test_parameter_error_shows_no_traceback_in_ipython():
    with pytest.raises(ParameterError) as info:
        Parameters(lang="fr")
    assert info.value._render_traceback_() == [f"ParameterError: {info.value}"]


def test_start_refuses_before_loading(monkeypatch):
    from regional_policy import loader

    monkeypatch.setattr(loader, "load", lambda: pytest.fail("data loaded before the parameters were checked"))
    with pytest.raises(ParameterError, match="unknown parameter"):
        params.start({"lang": "en", "hightlight": "Busan"})
    with pytest.raises(ParameterError, match="highlight='Sejong'"):
        params.start({"highlight": "Sejong"})


def test_broken_places_file_is_a_data_error(monkeypatch):
    from regional_policy import places

    def broken():
        raise KeyError("short_en")

    broken.cache_clear = lambda: None
    monkeypatch.setattr(places, "table", broken)
    with pytest.raises(params.DataError) as info:
        Parameters(highlight="Busan")
    assert info.value.problems[0].file == "places.csv"


def test_fuzzed_parameter_values_end_in_parameter_error():
    """Random papermill values: accepted (and then canonical) or refused with ParameterError, nothing else."""
    rng = random.Random(20261128)
    pool = [None, 0, 1, -1.5, True, [], {}, ("en",), b"Busan", "", " ", "\n", "en", "ko", "EN", "fr", "as_printed",
            "corrected", "none", "Busan", "busan", "부산", "부산광역시", "Sejong", "세종", "x" * 500, "Seoul\x00",
            "Gyeonggi-do", "None", "null", "0"]  # fmt: skip
    names = ["lang", "errata", "highlight", "Lang", "highlights", "province", "", "x"]
    accepted = refused = 0
    for _ in range(400):
        namespace = {rng.choice(names): rng.choice(pool) for _ in range(rng.randint(0, 3))}
        try:
            p = Parameters(**check_names(namespace))
        except ParameterError as exc:
            refused += 1
            assert "\n" not in str(exc)
            continue
        accepted += 1
        assert p.lang in ("en", "ko") and p.errata in ("as_printed", "corrected")
        assert p.highlight in allowed()["highlight"]
    assert accepted > 20 and refused > 200


def test_highlight_note(data):
    ch = Chapter(Parameters(highlight="부산"), data, data)
    assert ch.highlight_note(["Busan", "Daegu"]) == "Emphasised: what concerns Busan (parameter `highlight`)."
    assert ch.highlight_notes(["Busan"]) == ("Emphasised: what concerns Busan (parameter `highlight`).",)
    assert ch.highlight_note(["Daegu"]) == (
        "Busan (parameter `highlight`) does not appear in this chart or table, so nothing in it is emphasised."
    )
    ko = Chapter(Parameters(lang="ko", highlight="seoul"), data, data)
    assert (
        ko.highlight_note([])
        == "이 차트나 표에는 `highlight` 매개변수의 시·도(서울)가 나오지 않으므로 강조한 항목이 없다."
    )
    assert ko.highlight_note(["Seoul"]) == "강조한 부분: 서울에 관한 값(`highlight` 매개변수)."
    assert Chapter(Parameters(), data, data).highlight_note(["Busan"]) == ""
    assert Chapter(Parameters(), data, data).highlight_notes(["Busan"]) == ()


def test_a_refused_parameter_shows_one_paragraph_in_the_notebook(tmp_path):
    """Run by papermill, the first cell's error output is the message alone, not a library traceback."""
    import nbformat
    import papermill

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("highlight = 'none'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import regional_policy\nch = regional_policy.start(globals())"),
    ]
    nbformat.write(nb, tmp_path / "in.ipynb")
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            tmp_path / "in.ipynb",
            tmp_path / "out.ipynb",
            parameters={"highlight": "Pusan"},
            progress_bar=False,
            cwd=PLACES.parent.parent,
        )
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    errors = [o for c in out.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(errors) == 1
    assert errors[0].traceback == [
        "ParameterError: parameter highlight='Pusan' is not allowed; allowed values: 'none', 'Seoul', 'Busan', "
        "'Daegu', 'Incheon', 'Gwangju', 'Daejeon', 'Ulsan', 'Gyeonggi', 'Gangwon', 'Chungbuk', 'Chungnam', "
        "'Jeonbuk', 'Jeonnam', 'Gyeongbuk', 'Gyeongnam', 'Jeju' (highlight names a province, in "
        "English or Korean and in any case: busan, BUSAN, 부산 and 부산광역시 all mean Busan; or 'none'). "
        "Did you mean 'Busan'?"
    ]


def test_highlight_note_under_the_charts_and_tables_that_highlight(data):
    from regional_policy import charts, tables

    seoul = Chapter(Parameters(highlight="서울"), data, data)  # Seoul is in no RIPP programme and not in Table 3
    absent = "Seoul (parameter `highlight`) does not appear in this chart or table, so nothing in it is emphasised."
    assert charts.ripp_first_stage(seoul).notes == (absent,)
    assert charts.investment_shares(seoul).notes == (absent,)
    assert tables.table4(seoul).notes[-1] == absent
    busan = Chapter(Parameters(lang="ko", highlight="busan"), data, data)
    shown = "강조한 부분: 부산에 관한 값(`highlight` 매개변수)."
    assert charts.ripp_national_share(busan).notes == (shown,)
    assert tables.table3(busan).notes[-1] == shown
    assert charts.ripp_first_stage(Chapter(Parameters(), data, data)).notes == ()


def test_profile_province_in_any_case(data):
    from regional_policy import profiles

    ch = Chapter(Parameters(), data, data)
    assert profiles.start(ch, "경남").highlight == "Gyeongnam"
    with pytest.raises(ParameterError) as info:
        profiles.start(ch, "none")
    msg = str(info.value)
    assert msg.startswith("parameter province='none' is not allowed; allowed values: 'Seoul', 'Busan'")
    assert "'none'" not in msg.split("allowed values:")[1]
