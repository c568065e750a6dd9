"""Lighter pages: scripts only where they are needed, never blocking the first paint; the few icons used.

Part of the Sphinx extension (:mod:`.sphinx_ext` calls :func:`setup`):

- ``charts.js`` is loaded only by pages that have a chart (``rp-vega``), deferred; it fetches the Vega bundle, which
  its ``data-vega`` names, when it draws the first chart; ``ledger.js`` is deferred too (both wait for the document
  anyway); every script sits at the end of the body (``templates/layout.html``);
- the theme's Font Awesome (``_static/scripts/fontawesome.js``, 1.5 MB: every icon of the set, loaded by the theme's
  template) is overwritten when the build finishes by a script with only the icons the built pages use (Font
  Awesome Free, CC BY 4.0), drawn the same way (an inline SVG inside the ``<i class="fa-...">`` element); the web font
  that the stylesheets use for the admonitions' icons keeps only those glyphs (:mod:`.unusedcss`);
- every page has a meta description (its title and the book's description, in the edition's language).
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from pathlib import Path

FONTAWESOME = "scripts/fontawesome.js"
VEGA = "vendor/vega-bundle.js"  # fetched by charts.js, which the page loads
DEFERRED = ("charts.js", "ledger.js")
# The theme's stylesheet would also draw each icon from the Font Awesome web font (a ::before glyph, 156 KB of font):
# the icon script draws them, so the glyph is switched off before the first paint and the font is never fetched.
NO_ICON_FONT = ".fa-solid::before,.fa-regular::before,.fa-brands::before{content:none!important}"
_ICON = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+",("(?:[^"\\]|\\.)*")\]')
_USED = re.compile(r'class="[^"]*\bfa-(?:solid|regular|brands)\b[^"]*"')


def _js(original, **attributes):
    """A copy of a Sphinx script entry with other attributes."""
    from sphinx.builders.html._assets import _JavaScript

    return _JavaScript(original.filename, priority=original.priority, **{**original.attributes, **attributes})


def _page_assets(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts is None:
        return
    charts = "rp-vega" in (context.get("body") or "")
    kept = []
    for script in scripts:
        name = (getattr(script, "filename", None) or "").split("?")[0]  # None: an inline script
        if name.endswith(VEGA):
            continue  # Jupyter Book lists every script of _static; charts.js fetches this one when it draws
        elif name.endswith("charts.js"):
            if charts:
                kept.append(_js(script, defer="defer", **{"data-vega": _vega_url(context)}))
        elif name.endswith(DEFERRED):
            kept.append(_js(script, defer="defer"))
        else:
            kept.append(script)
    context["script_files"] = kept
    from regional_policy import labels

    title = re.sub(r"<[^>]+>", "", context.get("title") or "")
    text = html.unescape(title).strip() + " - " + labels.t("meta_description", app.config.rp_lang)
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<meta name="description" content="{html.escape(text)}" />'
        + f"\n<style>{NO_ICON_FONT}</style>"
    )


def _vega_url(context) -> str:
    """The Vega bundle's address from this page, with a digest of its bytes (a new bundle is never read from cache)."""
    return context["pathto"]("_static/" + VEGA, 1) + "?v=" + _vega_digest()


@functools.cache
def _vega_digest() -> str:
    from . import assets

    return hashlib.sha256(assets.BUNDLE.read_bytes()).hexdigest()[:8]


def theme_static() -> Path:
    """The installed pydata-sphinx-theme's static folder: its files as the theme ships them."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def icons_script(names: set[str]) -> str:
    """The icon script for the given icon names, from the theme's Font Awesome (the solid style when there are two)."""
    found: dict[str, tuple[int, int, str]] = {}
    for m in _ICON.finditer((theme_static() / FONTAWESOME).read_text(encoding="utf-8")):
        name = m.group(1) or m.group(2)
        if name in names:
            found[name] = (int(m.group(3)), int(m.group(4)), json.loads(m.group(5)))  # the last: solid
    table = json.dumps(dict(sorted(found.items())), separators=(",", ":"))
    return (
        "// The Font Awesome Free icons these pages use (CC BY 4.0, https://fontawesome.com/license/free),\n"
        '// drawn as inline SVG in their <i class="fa-..."> elements; written by bookbuild.pageassets.\n'
        "(function () {\n"
        f"  var I = {table};\n"
        "  var css = document.createElement('style');\n"
        "  css.textContent = '.svg-inline--fa{display:inline-block;height:1em;overflow:visible;"
        "vertical-align:-.125em}';\n"
        "  document.head.appendChild(css);\n"
        "  function draw() {\n"
        "    document.querySelectorAll('[class*=\"fa-\"]').forEach(function (el) {\n"
        "      if (el.dataset.rpIcon || el.tagName === 'svg') return;\n"
        "      for (var i = 0; i < el.classList.length; i++) {\n"
        "        var d = I[el.classList[i].replace(/^fa-/, '')];\n"
        "        if (!d || el.classList[i].indexOf('fa-') !== 0) continue;\n"
        "        el.dataset.rpIcon = '1';\n"
        "        el.insertAdjacentHTML('afterbegin', '<svg class=\"svg-inline--fa\" aria-hidden=\"true\" '\n"
        '          + \'focusable="false" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \'\n'
        "          + d[0] + ' ' + d[1] + '\"><path fill=\"currentColor\" d=\"' + d[2] + '\"></path></svg>');\n"
        "        return;\n"
        "      }\n"
        "    });\n"
        "  }\n"
        "  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);\n"
        "  else draw();\n"
        "})();\n"
    )


def _write_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    names: set[str] = set()
    for page in out.rglob("*.html"):
        for attr in _USED.findall(page.read_text(encoding="utf-8")):
            names.update(c[3:] for c in attr[7:-1].split() if c.startswith("fa-"))
    (out / "_static" / FONTAWESOME).write_text(icons_script(names), encoding="utf-8")
    (out / "_static" / (FONTAWESOME + ".map")).unlink(missing_ok=True)


def setup(app):
    app.connect("html-page-context", _page_assets, priority=950)
    app.connect("build-finished", _write_icons)
