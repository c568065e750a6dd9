"""The Vega runtime the site ships (bookbuild.assets): the version the charts are compiled for, and nothing more."""

from __future__ import annotations

import hashlib
import json
import re

import vl_convert as vlc

from bookbuild import assets
from regional_policy import charts, display
from regional_policy.params import Chapter, Parameters


def test_the_shipped_vega_is_the_version_vl_convert_compiles_for():
    """A vl-convert upgrade that moves to another Vega must bring the matching runtime into bookbuild/vendor."""
    shipped = re.search(r'\.version="(\d+\.\d+\.\d+)"', assets.VEGA.read_text(encoding="utf-8")).group(1)
    assert shipped == vlc.get_vega_version() == assets.VEGA.name.removeprefix("vega-").removesuffix(".min.js")


def test_the_vendored_files_are_those_of_npm():
    """The SHA-256 of the files in the npm tarballs (vega 6.2.0, vega-tooltip 1.1.0), as bookbuild/vendor/README.md
    records them: the vendored copies are not edited."""
    readme = (assets.VENDOR / "README.md").read_text(encoding="utf-8")
    for path in (assets.VEGA, assets.TOOLTIP):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in readme, path.name


def test_the_bundle_has_vega_and_the_tooltips_but_no_vega_lite():
    text = assets.bundle_text()
    assert "(function (define, module, exports) {" in text  # Vega's UMD build cannot register with an AMD loader
    assert "window.vegaTooltip = { Handler: Handler, version: version };" in text
    assert "import {" not in text and "\nexport {" not in text  # the tooltip module became a classic script
    assert "vega-lite" not in text.lower() and "vegaEmbed" not in text
    assert 500_000 < len(text.encode("utf-8")) < 560_000  # was 0.90 MB with Vega-Lite and Vega-Embed


def test_a_page_carries_the_chart_compiled_to_vega(data):
    figure = charts.income(Chapter(Parameters(lang="en"), data, data))
    page = figure.html()
    spec = json.loads(re.search(r'class="rp-vega-spec"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert spec["$schema"] == "https://vega.github.io/schema/vega/v6.json"
    assert {"marks", "scales", "axes"} <= set(spec)  # Vega, not Vega-Lite ("mark", "encoding")
    vega, svg = display.compiled(figure.chart)
    assert vega == spec and svg.startswith('<svg aria-hidden="true" focusable="false" ') and svg in page
