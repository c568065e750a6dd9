"""Figures 1 and 2 (maps), their data and tables, and the two additions.

The maps are rendered to SVG with vl-convert, the URL data
replaced by the processed features.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import vl_convert as vlc

import regional_policy
from regional_policy import geo, maps, params, places, style
from regional_policy.display import Figure

ROOT = Path(__file__).resolve().parent.parent
FIGURES_MD = ROOT.parent / "shared" / "research" / "figures.md"


@pytest.fixture(scope="module")
def package():
    return regional_policy.load()


def chapter(lang="en", highlight="none") -> params.Chapter:
    data = regional_policy.load()
    return params.Chapter(params.Parameters(lang=lang, highlight=highlight), data, data)


@pytest.fixture(scope="module")
def en():
    return chapter()


def inline(spec):
    """The spec with the processed boundary files inlined in place of their URLs."""
    if isinstance(spec, dict):
        if str(spec.get("url", "")).startswith(geo.URL_BASE):
            fc = json.loads((geo.OUT / spec["url"][len(geo.URL_BASE) :]).read_text(encoding="utf-8"))
            return {"values": fc["features"]}
        return {k: inline(v) for k, v in spec.items()}
    if isinstance(spec, list):
        return [inline(v) for v in spec]
    return spec


def svg_of(fig: Figure) -> str:
    return vlc.vegalite_to_svg(inline(fig.chart.to_dict()))


def shape_paths(svg: str) -> list[str]:
    """The ``d`` of every path of the first geoshape layer."""
    start = svg.index('class="mark-shape role-mark')
    group = svg[start : svg.index("</g>", start)]
    return re.findall(r'<path[^>]* d="([^"]+)"', group)


def inside_view(d: str, width: float, height: float) -> bool:
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs) > -60 and max(xs) < width + 60 and min(ys) > -60 and max(ys) < height + 60


# --- data --------------------------------------------------------------------------------------


def test_the_figure_resources_validate_with_the_package(package):
    assert len(package["figure1-strategic-industries"]) == 65
    assert len(package["figure2-leading-industries"]) == 26
    assert len(package["tile-grid"]) == 16


def test_a_bad_confidence_is_reported_with_file_line_and_column(data_copy, edit_cell, load_problems):
    folder = data_copy
    edit_cell(folder, "figure1-strategic-industries.csv", 3, "confidence", "certain")
    problems = [p for p in load_problems(folder) if p.file == "figure1-strategic-industries.csv"]
    assert problems and problems[0].line == 3 and problems[0].column == "confidence"


def test_an_unknown_province_breaks_the_foreign_key(data_copy, edit_cell, load_problems):
    folder = data_copy
    edit_cell(folder, "tile-grid.csv", 2, "province", "Sejong")
    assert any(p.file == "tile-grid.csv" for p in load_problems(folder))


def test_every_unit_appears_once_with_four_industries(package):
    f1 = package["figure1-strategic-industries"]
    four = f1[f1["in_four"]]
    assert sorted(four["province"].unique()) == sorted(places.keys())
    assert set(four.groupby("province").size()) == {4}
    assert sorted(four.groupby("province")["order"].apply(list).iloc[0]) == [1, 2, 3, 4]
    extra = f1[~f1["in_four"]]
    assert list(zip(extra["province"], extra["order"], extra["industry_en"])) == [("Jeonnam", 5, "Shipbuilding")]
    grid = package["tile-grid"]
    assert sorted(grid["province"]) == sorted(places.keys())
    assert len(set(zip(grid["col"], grid["row"]))) == 16


def test_the_tile_grid_keeps_rough_geography(package):
    cell = {r.province: (int(r.col), int(r.row)) for r in package["tile-grid"].itertuples()}
    assert cell["Incheon"][0] < cell["Seoul"][0] < cell["Gangwon"][0] or cell["Incheon"][0] < cell["Gangwon"][0]
    assert cell["Gyeonggi"][1] < cell["Daejeon"][1] < cell["Jeonnam"][1] < cell["Jeju"][1] + 1
    assert cell["Chungnam"][0] < cell["Gyeongbuk"][0] and cell["Busan"][0] == 3 and cell["Jeju"][1] == 4
    for a, b in (("Seoul", "Gyeonggi"), ("Daegu", "Gyeongbuk"), ("Busan", "Gyeongnam"), ("Gwangju", "Jeonnam")):
        (ca, ra), (cb, rb) = cell[a], cell[b]
        assert max(abs(ca - cb), abs(ra - rb)) == 1, (a, b)  # neighbours stay neighbours


def test_figure1_transcribes_the_research_notes_row_by_row(package):
    text = FIGURES_MD.read_text(encoding="utf-8")
    block = re.findall(r"```csv\n(.*?)```", text, re.S)[0]
    notes = list(csv.DictReader(io.StringIO(block)))
    f1 = package["figure1-strategic-industries"]
    f1 = f1.assign(note=f1["note"].fillna(""))
    ours = {
        (r.province, f"{r.industry_en} ({r.note})" if r.note else r.industry_en, r.industry_ko, r.source, r.confidence)
        for r in f1.itertuples()
    }
    theirs = {(r["province_en"], r["industry_en"], r["industry_ko"], r["source"], r["confidence"]) for r in notes}
    assert len(notes) == 65 and ours == theirs


def test_figure2_has_two_versions_of_two_items_per_region(package):
    f2 = package["figure2-leading-industries"]
    for version in maps.VERSIONS:
        counts = f2[f2["version"] == version].groupby("economic_region").size().to_dict()
        assert counts == {
            "capital": 1,
            "chungcheong": 2,
            "honam": 2,
            "daegyeong": 2,
            "dongnam": 2,
            "gangwon": 2,
            "jeju": 2,
        }
    final = f2[f2["version"] == "final"].set_index(["economic_region", "order"])
    assert final.loc[("chungcheong", 1), "industry_ko"] == "의약바이오"
    assert final.loc[("honam", 2), "industry_en"] == "Eco-friendly (advanced) parts & materials"
    assert set(f2.loc[f2["version"] == "proposal", "confidence"]) == {"medium"}


def test_every_source_key_resolves(package):
    sources = package["sources"]
    known = set(sources["key"])
    for name in ("figure1-strategic-industries", "figure2-leading-industries"):
        for keys in package[name]["source"]:
            for key in keys.split(";"):
                assert key in known, (name, key)
    assert sources["url"].str.startswith("http").all()
    assert sources["publisher"].notna().all()
    l3 = sources[sources["key"] == "L3"]
    assert list(l3["part"]) == [1, 2, 3] and l3["date"].iloc[0] == "2009-02-10"


# --- figures -----------------------------------------------------------------------------------


def test_leading_list_is_checked_with_the_allowed_values(en):
    with pytest.raises(regional_policy.ParameterError, match="allowed values: 'final', 'proposal'"):
        maps.figure2_map(en, "draft")
    assert maps.check_version("proposal") == "proposal"


def test_figure1_map_renders_16_units_and_every_label(en):
    fig = maps.figure1_map(en)
    assert isinstance(fig, Figure) and (fig.name, fig.number, fig.label) == ("figure-1-map", "1a", "Figure")
    spec = json.dumps(fig.chart.to_dict())
    assert '"url": "../_static/geo/provinces-2010.geojson"' in spec and "coordinates" not in spec
    svg = svg_of(fig)
    paths = shape_paths(svg)
    assert len(paths) == 16 and all(inside_view(d, maps.MAP1.width, maps.MAP1.height) for d in paths)
    for key in places.keys():
        assert f">{places.name(key, 'en')}<" in svg
    assert "Photonics ●" in svg and "○ Bio" in svg and "Shipbuilding +" in svg
    html = fig.html()
    assert "<strong>Figure 1a.</strong>" in html and "통계청 통계지리정보서비스" in html and "Reconstructed" in html


def test_callouts_do_not_overlap_and_stay_in_the_view(en):
    f1 = maps.strategic(en)
    text, leaders = maps.callouts(f1, maps._anchors(geo.PROVINCES))
    assert len(leaders) == 16 and len(text) >= 16 + 65
    for side in ("left", "right"):
        ys = sorted(text[text["side"] == side]["y"])
        assert min(b - a for a, b in zip(ys, ys[1:])) >= maps.LINE - 1e-9
        assert ys[0] > 0 and ys[-1] < maps.MAP1.height


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_callouts_fit_inside_the_chart_with_every_word(lang):
    """Issue 15: "(Knowledge-based) machin" was cut at the right edge; long items now wrap."""
    from regional_policy.maps import layout

    ch = chapter(lang)
    f1 = maps.strategic(ch)
    text, _ = maps.callouts(f1, maps._anchors(geo.PROVINCES))
    items = text[text["kind"] == "item"]
    for _, line in items.iterrows():
        width = style.text_width(line["text"])
        if line["side"] == "right":
            assert line["x"] + width <= maps.MAP1.width - layout.MARGIN["right"] + 1e-9, line["text"]
        else:
            assert line["x"] - width >= 0, line["text"]
    for key in places.keys():
        shown = [w for w in " ".join(items[items["province"] == key]["text"]).split() if w not in "●○+"]
        for label in f1[f1["province"] == key]["label"]:
            assert " ".join(label.split()) in " ".join(shown), (key, label)
    if lang == "en":
        gyeongnam = list(items[items["province"] == "Gyeongnam"]["text"])
        assert gyeongnam[:2] == ["● (Knowledge-based)", "machinery"]


def test_wrap_breaks_at_spaces_within_the_room():

    assert style.lines_within("Machinery parts & materials", 100) == ["Machinery parts &", "materials"]
    assert style.lines_within("지식기반 기계", 200) == ["지식기반 기계"]
    assert style.text_width("가나") == 20


def test_the_projection_matches_vega(en):
    """A point drawn by Vega-Lite at a longitude/latitude lands where Mercator puts it."""
    import altair as alt

    pt = (
        alt.Chart(alt.Data(values=[{"lon": 129.0, "lat": 35.2}]))
        .mark_circle(size=10)
        .encode(longitude="lon:Q", latitude="lat:Q")
        .project(**maps.MAP1.altair().to_dict())
        .properties(width=maps.MAP1.width, height=maps.MAP1.height)
    )
    svg = vlc.vegalite_to_svg(pt.to_dict())
    x, y = map(float, re.search(r'transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*d="M', svg).groups())
    ex, ey = maps.MAP1(129.0, 35.2)
    assert abs(x - ex) < 0.6 and abs(y - ey) < 0.6


def test_figure1_tiles_show_all_64_items_in_korean(en):
    ko = chapter("ko")
    fig = maps.figure1_tiles(ko)
    svg = svg_of(fig)
    f1 = maps.strategic(ko)
    assert len(f1) == 65
    for label in f1["label"]:
        assert label.replace("&", "&amp;") in svg
    assert fig.label == "그림" and "서울" in svg


def test_figure1_table_lists_everything_with_facts(en):
    table = maps.figure1_table(chapter(highlight="Busan"))
    frame = table.styler.data
    assert len(frame) == 65
    busan = frame[frame["Unit"] == "Busan"]
    assert set(busan["RIPP group"]) == {"from 1999"} and set(busan["Economic region"]) == {"Dongnam"}
    assert "var(--rp-highlight)" in table.html()


@pytest.mark.parametrize("version", maps.VERSIONS)
def test_figure2_map_renders_7_regions_with_their_industries(en, version):
    fig = maps.figure2_map(en, version)
    svg = svg_of(fig)
    paths = shape_paths(svg)
    assert len(paths) == 7 and all(inside_view(d, maps.MAP2.width, maps.MAP2.height) for d in paths)
    for item in maps.leading(en, version)["industry"]:
        assert item.replace("&", "&amp;") in svg
    assert "no national LINP money" in svg
    assert ("final list" in fig.caption) == (version == "final")


def test_figure2_table_compares_the_two_versions(en):
    frame = maps.figure2_table(en).styler.data
    same = dict(zip(frame["Economic region"], frame["Same in both"]))
    assert same == {
        "Capital Region": "no",
        "Chungcheong": "no",
        "Honam": "no",
        "Daegyeong": "no",
        "Dongnam": "yes",
        "Gangwon": "no",
        "Jeju": "yes",
    }


def test_overlap_chart_counts_same_field_strategic_industries(en):
    data = maps.overlap_frame(en, "final")
    row = data.set_index("row").loc["Chungcheong: Pharmaceutical / medical bio"]
    assert row["count"] == 3 and "Chungbuk: Bio" in row["matches"]
    assert data.set_index("row").loc["Jeju: Water industry", "count"] == 0
    fig = maps.overlap_chart(en)
    assert fig.number == "M.1" and "Addition (not in the paper)" in fig.notes
    assert "Chungcheong: New IT" in svg_of(fig)


def test_old_complexes_map_puts_iksan_in_jeonbuk(en):
    fig = maps.old_complexes_map(chapter("ko"))
    svg = svg_of(fig)
    assert len(shape_paths(svg)) == 16
    for label in ("익산 (1970)", "구미 (1969)", "남동 (1980)", "반월·시화 (1977)"):
        assert label in svg
    assert fig.data.set_index("산업단지").loc["익산", "시·도"] == "전북"
    assert "추가 (논문에 없음)" in fig.notes


def test_highlight_marks_the_unit_on_every_map():
    ch = chapter(highlight="Daegu")
    for fig in (maps.figure1_map(ch), maps.figure1_tiles(ch), maps.figure2_map(ch), maps.old_complexes_map(ch)):
        spec = json.dumps(fig.chart.to_dict())
        assert style.HIGHLIGHT in spec and "Daegu" in spec, fig.name
    assert maps.overlap_frame(ch).query("highlighted")["economic_region"].unique().tolist() == ["daegyeong"]


def test_without_boundaries_the_tile_grid_stands_in(monkeypatch, en):
    monkeypatch.setattr(geo, "boundaries_available", lambda *a, **k: False)
    note = maps.figure1_map(en)
    assert not isinstance(note, Figure) and "not available" in note.html()
    tiles = maps.figure1_tiles(en)
    assert any("not available" in n for n in tiles.notes)
    fig2 = maps.figure2_map(en)
    assert "_static/geo" not in json.dumps(fig2.chart.to_dict()) and any("tiles" in n for n in fig2.notes)
    old = maps.old_complexes_map(en)
    assert "_static/geo" not in json.dumps(old.chart.to_dict())
    for fig in (tiles, fig2, old):
        vlc.vegalite_to_svg(fig.chart.to_dict())  # renders without the boundary files


def test_every_maps_label_has_both_languages():
    from regional_policy import labels

    for field in maps.FIELDS:
        assert labels.t(f"field:{field}", "en").strip() and labels.t(f"field:{field}", "ko").strip()


def test_sources_table_in_korean_names_korean_publishers():
    page = maps.sources_table(chapter("ko")).html()
    assert "한국경제" in page and "Hankyung" not in page and "2004년 8월 17일" in page
    assert "Seoul ordinance" not in page and "서울시 조례" in page


def test_sources_table_missing_korean_publisher_is_named(monkeypatch):
    from regional_policy.maps import sources

    ch = chapter("ko")
    real = sources.frame

    def broken(ch_, name):
        out = real(ch_, name)
        if name == "sources":
            out.loc[out["key"] == "S2", "publisher_ko"] = None
        return out

    monkeypatch.setattr(sources, "frame", broken)
    with pytest.raises(ValueError, match="sources.csv, key 'S2' part 1: publisher has no publisher_ko"):
        maps.sources_table(ch)


def _english_runs(page: str) -> list[str]:
    text = re.sub(r"<style.*?</style>|<code>.*?</code>|https?://\S+", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{3,}){2,}", text)


def test_figure1_table_in_korean_has_no_english_sentence():
    ko = chapter("ko")
    page = maps.figure1_table(ko).html()
    assert _english_runs(page) == [] and "다섯 번째 항목으로 나옴" in page
    assert "산업 (영문)" not in page and "Electronic information devices" not in page
    assert "Electronic information devices" in maps.figure1_table(chapter("en")).html()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tile_items_fit_their_tiles(lang):

    spec = maps.figure1_tiles(chapter(lang)).chart.to_dict()
    tiles = {v["province"]: v for v in spec["datasets"][spec["layer"][0]["data"]["name"]]}
    for layer in spec["layer"][1:]:
        for line in spec["datasets"][layer["data"]["name"]]:
            tile = tiles[line["province"]]
            assert line["x"] + style.text_width(line["text"]) <= tile["x2"] + 1e-9, line["text"]
            assert line["y"] <= tile["y2"], line["text"]
