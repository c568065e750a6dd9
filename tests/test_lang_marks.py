"""The Korean edition marks its deliberate English (glossary headwords and English names) as lang="en"."""

from __future__ import annotations

from bookbuild.lang_marks import mark_english

GLOSSARY = (
    '<dt id="term-Block-grant">Block grant<a class="headerlink" href="#term-Block-grant">¶</a></dt>'
    "<dd><p>포괄보조금(Block grant). 중앙정부가 (표 1) 용도를 정하지 않고 준다.</p></dd>"
    '<dt id="term-RIA">RIA<a class="headerlink" href="#term-RIA">¶</a></dt>'
    "<dd><p>전략산업기획단(Regional Innovation Agency. 논문에는 영문만 있다).</p></dd>"
)


def test_glossary_headwords_and_english_names_are_marked():
    out = mark_english(GLOSSARY, "ko/glossary")
    assert '<dt id="term-Block-grant" lang="en">Block grant<a' in out
    assert '<dt id="term-RIA" lang="en">RIA<a' in out
    assert '포괄보조금(<span lang="en">Block grant</span>).' in out
    assert '전략산업기획단(<span lang="en">Regional Innovation Agency</span>. 논문에는' in out
    assert "(표 1)" in out  # Korean in brackets is left alone


def test_index_entries_of_english_terms_are_marked_and_other_pages_untouched():
    entry = '<li><a href="glossary.html#term-BT"><strong>BT</strong></a></li>'
    assert (
        mark_english(entry, "genindex") == '<li><a href="glossary.html#term-BT" lang="en"><strong>BT</strong></a></li>'
    )
    assert mark_english(GLOSSARY, "01-introduction") == GLOSSARY


def test_references_mark_quoted_citations_and_english_titles_but_not_acronyms_or_entities():
    entry = (
        "<p>[Kim05]</p><p>산업자원부. 2007. 논문에 (Ministry of Commerce, Industry &amp; Energy, 2007)로 인용되어 "
        "있다. (MOCIE, 2004)</p>"
    )
    out = mark_english(entry, "ko/references")
    assert '<p>[<span lang="en">Kim05</span>]</p>' in out
    assert '(<span lang="en">Ministry of Commerce, Industry &amp; Energy, 2007</span>)로' in out
    assert "(MOCIE, 2004)" in out  # an acronym, allowed in Korean text
    assert "&amp;" in out and "&<span" not in out


def test_index_letters_are_marked():
    bar = '<a href="#C"><strong>C</strong></a> | <h2 id="C">C</h2>'
    assert mark_english(bar, "genindex") == (
        '<a href="#C" lang="en"><strong>C</strong></a> | <h2 id="C" lang="en">C</h2>'
    )


def test_scripts_styles_and_code_are_left_alone():
    body = '<p>Kim et al</p><script>var s = "<b>Hello World</b>";</script><code>Some code</code>'
    assert mark_english(body, "ko/references") == (
        '<p><span lang="en">Kim et al</span></p><script>var s = "<b>Hello World</b>";</script><code>Some code</code>'
    )
