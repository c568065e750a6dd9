"""What the maps share: the list versions, colours and markers, the validated data, small Altair helpers."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import geo, labels, places, style
from ..params import Chapter, ParameterError

VERSIONS = ("final", "proposal")
GROUPS = ("4 regions (1999)", "9 regions (2002)", "none")
GROUP_COLORS = (style.OKABE_ITO[0], style.OKABE_ITO[1], style.MUTED)
REGION_COLORS = {
    "capital": style.MUTED,
    "chungcheong": style.OKABE_ITO[0],
    "honam": style.OKABE_ITO[2],
    "daegyeong": style.OKABE_ITO[3],
    "dongnam": style.OKABE_ITO[1],
    "gangwon": style.OKABE_ITO[4],
    "jeju": style.OKABE_ITO[6],
}
FIELDS = ("it", "bio", "machinery", "materials", "energy", "culture", "services", "environment")
MARKER = {"high": "●", "medium": "○", "low": "○"}
FIFTH = "+"
RESOURCES = ("figure1-strategic-industries", "figure2-leading-industries", "sources", "tile-grid")


# --- data ----------------------------------------------------------------------------------------


def frame(ch: Chapter, name: str) -> pd.DataFrame:
    """A validated table of the chapter's data package."""
    return ch.data[name].copy()


def check_version(version: str) -> str:
    """Refuse a list version that does not exist, naming the allowed ones."""
    if version not in VERSIONS:
        raise ParameterError(
            f"parameter leading_list={version!r} is not allowed; allowed values: {', '.join(map(repr, VERSIONS))}"
        )
    return version


def _group_label(group: str, lang: str) -> str:
    return labels.t(f"ripp:{group}", lang)


def strategic(ch: Chapter) -> pd.DataFrame:
    """Figure 1's items with the unit's facts (names, region, RIPP group) from ``places`` and a display label."""
    lang = ch.lang
    f1 = frame(ch, "figure1-strategic-industries")
    pl = frame(ch, "places").set_index("short_en")
    f1["code"] = f1["province"].map(pl["code"])
    f1["unit"] = f1["province"].map(lambda p: places.name(p, lang))
    f1["region"] = f1["province"].map(lambda p: places.region_name(pl.loc[p, "economic_region"], lang))
    f1["economic_region"] = f1["province"].map(pl["economic_region"])
    f1["ripp_group"] = f1["province"].map(pl["ripp_group"])
    f1["group_label"] = f1["ripp_group"].map(lambda g: _group_label(g, lang))
    f1["industry"] = f1["industry_en" if lang == "en" else "industry_ko"]
    f1["label"] = f1["label_en" if lang == "en" else "label_ko"]
    f1["marker"] = [FIFTH if not four else MARKER[c] for four, c in zip(f1["in_four"], f1["confidence"])]
    return f1


def _units(ch: Chapter, f1: pd.DataFrame) -> pd.DataFrame:
    """One row per unit with a one-line summary of its industries (for tooltips)."""
    lang = ch.lang
    rows = []
    for p in places.keys():
        items = f1[f1["province"] == p].sort_values("order")
        place = places.get(p)
        rows.append(
            {
                "province": p,
                "code": place["code"],
                "unit": places.name(p, lang),
                "name": place["name_en" if lang == "en" else "name_ko"],
                "region": places.region_name(place["economic_region"], lang),
                "ripp_group": place["ripp_group"],
                "group_label": _group_label(place["ripp_group"], lang),
                "industries": "; ".join(f"{m} {i}" for m, i in zip(items["marker"], items["industry"])),
                "highlighted": p == ch.highlight,
            }
        )
    return pd.DataFrame(rows)


def _group_scale(lang: str) -> alt.Scale:
    return alt.Scale(domain=[_group_label(g, lang) for g in GROUPS], range=list(GROUP_COLORS))


def _notes(lang: str, *extra: str, boundaries: bool = True) -> tuple[str, ...]:
    credit = (geo.credit(lang),) if boundaries else ()
    return (*extra, *credit)


def _ready() -> bool:
    """Write the processed boundaries if they can be had offline; whether the maps can be drawn."""
    return geo.boundaries_available() and geo.write() is not None


def _anchors(name: str) -> dict[str, tuple[float, float]]:
    """Label points of the processed features (read from the local file; the chart refers to it by URL)."""
    fc = json.loads((geo.OUT / name).read_text(encoding="utf-8"))
    return {f["id"]: (f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in fc["features"]}


def _geo_data(name: str) -> alt.Data:
    return alt.Data(url=geo.url(name), format=alt.DataFormat(type="json", property="features"))


def highlight_outline(ch: Chapter, proj: dict) -> list:
    """The outline of the highlighted unit (the ``highlight`` parameter) over a map: a layer, or none."""
    if not ch.highlight:
        return []
    return [
        alt.Chart(_geo_data(geo.PROVINCES))
        .mark_geoshape(fill=None, stroke=style.HIGHLIGHT, strokeWidth=2.5)
        .transform_filter(alt.datum["properties"]["short_en"] == ch.highlight)
        .project(**proj)
    ]


def _pixels(x: str, y: str) -> dict:
    """The x and y channels of a layer placed in pixels (no scale)."""
    return {"x": alt.X(x, type="quantitative", scale=None), "y": alt.Y(y, type="quantitative", scale=None)}


def _highlight_opacity(ch: Chapter, dim: float = style.DIMMED) -> alt.OpacityValue:
    return style.dimmed(alt.datum.province == ch.highlight, ch.highlight is not None, dim)


TILE_W, TILE_H, TILE_GAP = 163, 104, 5


def _tile_xy(ch: Chapter) -> pd.DataFrame:
    grid = frame(ch, "tile-grid")
    grid["x"] = grid["col"].astype(int) * (TILE_W + TILE_GAP)
    grid["y"] = grid["row"].astype(int) * (TILE_H + TILE_GAP)
    grid["x2"] = grid["x"] + TILE_W
    grid["y2"] = grid["y"] + TILE_H
    return grid


def _styled(frame_: pd.DataFrame, caption: str, table_id: str, highlight_rows=None):
    styler = frame_.style.hide(axis="index").set_uuid(table_id).set_caption(caption)
    styler = styler.set_table_attributes('class="rp-checks"').set_table_styles(
        [{"selector": "th, td", "props": [("white-space", "nowrap")]}]
    )  # the table scrolls rather than wraps
    if highlight_rows is not None:
        styler = styler.apply(
            lambda row: [
                "background: var(--rp-highlight); font-weight: 600" if highlight_rows.loc[row.name] else "" for _ in row
            ],
            axis=1,
        )
    return styler


def leading(ch: Chapter, version: str) -> pd.DataFrame:
    """Leading industries of one version, with the region's names and display label."""
    lang = ch.lang
    f2 = frame(ch, "figure2-leading-industries")
    f2 = f2[f2["version"] == check_version(version)].copy()
    f2["region"] = f2["economic_region"].map(lambda r: places.region_name(r, lang))
    f2["industry"] = f2["industry_en" if lang == "en" else "industry_ko"]
    f2["marker"] = f2["confidence"].map(MARKER)
    return f2


def _region_of_highlight(ch: Chapter) -> str | None:
    return places.get(ch.highlight)["economic_region"] if ch.highlight else None


@dataclass(frozen=True)
class Note:
    """A note in place of a figure that cannot be drawn."""

    name: str
    text: str

    def html(self) -> str:
        return f'<p class="rp-figure-note" id="{self.name}-note">{html.escape(self.text)}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.text}


def _note_only(name: str, text: str) -> Note:
    return Note(name, text)
