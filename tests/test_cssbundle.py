"""One stylesheet per page (bookbuild.cssbundle): imports in place, urls that still reach their files, one @charset,
and pages that link the bundle instead of the files, also after an incremental build."""

from __future__ import annotations

from types import SimpleNamespace

from bookbuild import cssbundle

FILES = {
    "styles/theme.css": '@import "../basic.css";\n',
    "basic.css": "div.a { background: url(file.png); }\n",
    "styles/pydata.css": '@charset "UTF-8";\n.b { content: "\\f0eb"; src: url("../vendor/fa.woff2?v=1") }\n'
    ".c { background: url(\"data:image/svg+xml;charset=utf-8,%3Csvg stroke='rgba(0, 0, 0, 0.5)'%3E\") }\n"
    "/*# sourceMappingURL=pydata.css.map */\n",
    "book.css": ".d { background: url(img/x.png) } .e { background: url(https://example.org/y.png) }\n",
}
NAMES = ["styles/theme.css", "styles/pydata.css", "book.css"]


def test_a_bundle_inlines_imports_and_points_every_url_from_its_folder():
    css = cssbundle.bundle(NAMES, FILES.__getitem__)
    assert css.startswith('@charset "UTF-8";\n/* bundle of: styles/theme.css styles/pydata.css book.css */\n')
    assert css.count("@charset") == 1 and "@import" not in css and "sourceMappingURL" not in css
    assert "div.a { background: url(../file.png); }" in css  # basic.css, imported by styles/theme.css
    assert 'url("../vendor/fa.woff2?v=1")' in css  # from styles/: unchanged
    assert "url(../img/x.png)" in css and "url(https://example.org/y.png)" in css
    assert "%3Csvg stroke='rgba(0, 0, 0, 0.5)'%3E\")" in css  # a data: url untouched
    assert css.index("div.a") < css.index(".b {") < css.index(".d {")  # the pages' order


def _head(links: str) -> str:
    return f"<html><head>\n{links}<style>x</style>\n</head><body><p>text</p></body></html>\n"


def test_pages_link_one_bundle_and_keep_it_through_an_incremental_build(tmp_path):
    static = tmp_path / "_static"
    for name, text in FILES.items():
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text(text, encoding="utf-8")
    links = "".join(f'  <link rel="stylesheet" type="text/css" href="../_static/{n}?v=1" />\n' for n in NAMES)
    printed = '<link rel="stylesheet" media="print" href="../_static/print.css" />\n'
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "a.html"
    page.write_text(_head(links + printed), encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))
    cssbundle._write(app, None)
    key = cssbundle.key(NAMES)
    bundle = static / "styles" / f"bundle-{key}.css"
    first = page.read_text(encoding="utf-8")
    assert bundle.read_text(encoding="utf-8") == cssbundle.bundle(NAMES, FILES.__getitem__)
    assert first.count('rel="stylesheet"') == 2 and printed in first  # the bundle, and the print sheet as it was
    assert f'<link rel="stylesheet" href="../_static/styles/bundle-{key}.css?v=' in first
    # an incremental build: the page is not written again, one of the files changed
    (static / "book.css").write_text(".d { color: red }\n", encoding="utf-8")
    cssbundle._write(app, None)
    second = page.read_text(encoding="utf-8")
    assert ".d { color: red }" in bundle.read_text(encoding="utf-8")
    assert second != first and second.count('rel="stylesheet"') == 2  # a new digest in the same one link
