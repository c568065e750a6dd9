"""The notebook parameters and their allowed values (start() displays output and is not called)."""

from __future__ import annotations

import csv
import os
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


def test_rejects_unknown_lang():
    with pytest.raises(ParameterError) as info:
        Parameters(lang="fr")
    msg = str(info.value)
    assert "lang" in msg and "'fr'" in msg
    assert "'en'" in msg and "'ko'" in msg


def test_rejects_unknown_errata_mode():
    with pytest.raises(ParameterError) as info:
        Parameters(errata="fixed")
    msg = str(info.value)
    assert "'fixed'" in msg
    assert "'as_printed'" in msg and "'corrected'" in msg


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
