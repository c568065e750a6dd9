"""The maps chapter says what ``highlight`` emphasised, under every figure and table, in both languages."""

from __future__ import annotations

import pytest

import regional_policy
from regional_policy import geo, maps, params
from regional_policy.display import Figure

SHOWN = {
    "en": "Emphasised: what concerns {p} (parameter `highlight`).",
    "ko": "강조한 부분: {p}에 관한 값(`highlight` 매개변수).",
}
ABSENT = {
    "en": "{p} (parameter `highlight`) does not appear in this chart or table, so nothing in it is emphasised.",
    "ko": "이 차트나 표에는 `highlight` 매개변수의 시·도({p})가 나오지 않으므로 강조한 항목이 없다.",
}
NAMES = {("Busan", "en"): "Busan", ("Busan", "ko"): "부산", ("Seoul", "en"): "Seoul", ("Seoul", "ko"): "서울"}


@pytest.fixture(scope="module")
def data():
    return regional_policy.load()


def _chapter(data, lang, highlight="none"):
    return params.Chapter(params.Parameters(lang=lang, highlight=highlight), data, data)


def _all(ch):
    return {
        "figure1_map": maps.figure1_map(ch),
        "figure1_tiles": maps.figure1_tiles(ch),
        "figure1_table": maps.figure1_table(ch),
        "figure2_map": maps.figure2_map(ch),
        "figure2_tiles": maps.figure2_tiles(ch),
        "figure2_table": maps.figure2_table(ch),
        "overlap_chart": maps.overlap_chart(ch),
        "old_complexes_map": maps.old_complexes_map(ch),
    }


def _html(fig) -> str:
    return fig.html() if isinstance(fig, Figure) else fig._repr_html_()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_map_figure_and_table_says_what_highlight_emphasised(data, lang):
    assert geo.boundaries_available()  # the maps themselves, not the tile fallback
    note = SHOWN[lang].format(p=NAMES["Busan", lang])
    for name, fig in _all(_chapter(data, lang, "Busan")).items():
        assert fig.notes[-1 if name not in ("figure1_map", "figure2_map") else -2] == note, name
        assert sum(note in n for n in fig.notes) == 1, name
    for name, fig in _all(_chapter(data, lang)).items():  # no highlight, no note
        assert not any(NAMES["Busan", lang] in n or "highlight" in n for n in fig.notes), name


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_province_the_figure_does_not_show_is_named_as_absent(data, lang, monkeypatch):
    # the capital region has a row of the overlap chart and a region of Figure 2: Seoul is shown in both
    seoul = _chapter(data, lang, "Seoul")
    assert maps.overlap_chart(seoul).notes[-1] == SHOWN[lang].format(p=NAMES["Seoul", lang])
    assert maps.figure2_map(seoul).notes[-2] == SHOWN[lang].format(p=NAMES["Seoul", lang])
    # without the boundaries the old-complexes chart draws only its four points, none in Busan
    monkeypatch.setattr(geo, "boundaries_available", lambda *a, **k: False)
    old = maps.old_complexes_map(_chapter(data, lang, "Busan"))
    assert old.notes[-1] == ABSENT[lang].format(p=NAMES["Busan", lang])
    tiles = maps.figure1_tiles(_chapter(data, lang, "Busan"))
    assert tiles.notes[-1] == SHOWN[lang].format(p=NAMES["Busan", lang])


def test_the_note_is_printed_under_the_figure(data):
    fig = maps.figure2_map(_chapter(data, "ko", "부산"))
    assert '<p class="rp-figure-note">강조한 부분: 부산에 관한 값(<code>highlight</code> 매개변수).</p>' in fig.html()
