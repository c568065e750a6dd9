"""The 16 metropolitan cities and provinces of 2010 and the 5+2 economic regions.

One place for these facts: ``data/places.csv`` and ``data/economic-regions.csv``.
Provinces are referred to everywhere by their short English name (``Busan``,
``Gyeongnam``...), which is also the value of the ``highlight`` parameter.
"""

from __future__ import annotations

import csv
from functools import cache

from .paths import DATA


@cache
def table() -> tuple[dict, ...]:
    with open(DATA / "places.csv", encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def regions() -> tuple[dict, ...]:
    with open(DATA / "economic-regions.csv", encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def keys() -> tuple[str, ...]:
    """Short English names, in KOSTAT code order."""
    return tuple(p["short_en"] for p in table())


def get(key: str) -> dict:
    for place in table():
        if place["short_en"] == key:
            return place
    raise KeyError(f"unknown province {key!r}; known: {', '.join(keys())}")


def name(key: str, lang: str) -> str:
    """The short name of a province in ``lang``."""
    return get(key)["short_en" if lang == "en" else "short_ko"]


def region_name(key: str, lang: str) -> str:
    for region in regions():
        if region["key"] == key:
            return region["name_en" if lang == "en" else "name_ko"]
    raise KeyError(f"unknown economic region {key!r}")
