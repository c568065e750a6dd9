"""The one number formatter of both editions, and the Korean particle helper."""

import pytest

from regional_policy import numbers as n


@pytest.mark.parametrize(
    "amount, unit, expected",
    [
        (1897.0, "billion", "1조 8,970억 원"),
        (702.3, "billion", "7,023억 원"),
        (386.6, "billion", "3,866억 원"),
        (275, "billion", "2,750억 원"),
        (25600, "100m", "2조 5,600억 원"),
        (2000, "100m", "2,000억 원"),
        (10000, "100m", "1조 원"),
        (24.4, "thousand", "2만 4,400원"),
        (482, "thousand", "48만 2천 원"),
        (3675.4, "thousand", "367만 5,400원"),
        (500, "thousand", "50만 원"),
        (0.05, "billion", "0.5억 원"),
    ],
)
def test_korean_amounts(amount, unit, expected):
    assert n.won(amount, unit, "ko") == expected


def test_english_amounts_keep_the_papers_units():
    assert n.won(1897.0, "billion", "en", 1) == "1,897.0 billion KRW"
    assert n.won(25600, "100m", "en") == "25,600 hundred million KRW"
    assert n.won(24.4, "thousand", "en") == "24.4 thousand KRW"


def test_plain_numbers_have_separators_and_no_spurious_decimals():
    assert n.plain(1897.00) == "1,897"
    assert n.plain(25600.0) == "25,600"
    assert n.plain(6.050) == "6.05"
    assert n.plain(-0.0) == "0"
    assert n.plain(1897, 1) == "1,897.0"


def test_years_never_have_separators():
    assert n.year(1970) == "1970"
    assert n.year(2007.0) == "2007"
    assert n.year_range(1998, 2003, "ko") == "1998~2003"
    assert n.year_range(1998, 2003, "en") == "1998-2003"
    assert n.year_range(2008, None, "ko") == "2008~"


def test_ledger_values_counting_years_have_no_separators(data):
    from regional_policy import claims

    ledger = claims.ledger(data)
    assert n.measured(1963.5, "year") == "1963.5" and n.measured(1970, "decade", 4) == "1970"
    assert n.measured(1896.8, "billion KRW") == "1,896.8"
    guro = ledger.set_index("id").loc["s4-guro-1964"]
    assert guro["interval"] == "1963.5 .. 1964.5"
    years = ledger[ledger["unit"].astype(str).str.split(" ").str[0].isin(n.YEAR_UNITS)]
    assert len(years) > 40 and not years["interval"].astype(str).str.contains(r"\d,\d").any()


def test_months_multiples_points():
    assert n.month("2003-04", "ko") == "2003년 4월"
    assert n.month("2003-12", "en") == "December 2003"
    assert n.month("2004", "ko") == "2004년"
    with pytest.raises(ValueError, match="2003-13"):
        n.month("2003-13", "ko")
    assert n.multiple(6.0512, "ko") == "6.05배"
    assert n.multiple(6.0512, "en") == "6.05×"
    assert n.points(0.2, "ko") == "0.2%p"
    assert n.points(0.2, "en") == "0.2 percentage points"


@pytest.mark.parametrize(
    "word, pair, expected",
    [
        ("단계", "을/를", "단계를"),
        ("용어집", "은/는", "용어집은"),
        ("산업", "이/가", "산업이"),
        ("지역", "과/와", "지역과"),
        ("서울", "으로/로", "서울로"),  # ㄹ takes 로
        ("부산", "으로/로", "부산으로"),
        ("IT", "은/는", "IT는"),  # 티
        ("R&D", "을/를", "R&D를"),  # 디
        ("KOSTAT", "이/가", "KOSTAT가"),  # 티
        ("URL", "으로/로", "URL로"),  # 엘
        ("HTML", "을/를", "HTML을"),
        ("2003", "은/는", "2003은"),  # 삼
        ("2002", "은/는", "2002는"),  # 이
        ("1", "으로/로", "1로"),  # 일
        ("2,560", "을/를", "2,560을"),  # 육십
        ("1000", "이/가", "1000이"),  # 천
        ("6.05", "과/와", "6.05와"),  # 오
        ("12%", "이/가", "12%가"),  # 퍼센트
        ("1조 8,970억 원", "이/가", "1조 8,970억 원이"),
        ("(2002)", "을/를", "(2002)를"),
    ],
)
def test_particles(word, pair, expected):
    assert n.particle(word, pair) == expected


def test_particle_markers_in_a_text():
    assert (
        n.particles("세 단계[을/를] 거쳐 용어집[은/는] IT[과/와] R&D[으로/로]") == "세 단계를 거쳐 용어집은 IT와 R&D로"
    )
    assert n.particles("{x}[이/가]".format(x="전략산업")) == "전략산업이"


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="unit='million'"):
        n.won(1, "million", "ko")
    with pytest.raises(ValueError, match="lang='fr'"):
        n.won(1, "billion", "fr")
    with pytest.raises(ValueError, match="after '—'"):
        n.particle("—", "을/를")


def test_days():
    assert n.month("2004-06-17", "ko") == "2004년 6월 17일"
    assert n.month("2004-06-17", "en") == "17 June 2004"
    with pytest.raises(ValueError, match="2004-06-32"):
        n.month("2004-06-32", "en")


def test_a_sum_of_printed_amounts_that_falls_on_a_whole_eok_has_no_decimal():
    # 0.1 + 0.2 style float error: 95.7 billion computed as a sum must still read 957억 원, not 957.0억 원
    assert n.won(95.69999999999999, "billion", "ko") == "957억 원"
    assert n.won(95.75, "billion", "ko") == "957.5억 원"
