"""Static assets of the built site: the Vega runtime that draws the charts, bundled offline.

The charts are compiled from Vega-Lite to Vega when the notebooks run (:func:`regional_policy.display.compiled`,
by the pinned vl-convert), so a reader's browser needs Vega alone, not the Vega-Lite compiler and Vega-Embed that a
bundle of vl-convert carries (0.37 MB more on every page with a chart). The bundle is written from the files of
``bookbuild/vendor`` (copied from npm, with their licences; see its README): Vega's own minified build, of the
version vl-convert compiles for (tests/test_assets.py checks the two agree), and vega-tooltip, the tooltips that
Vega-Embed would add. It is written to ``_static/vendor/`` and not committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from regional_policy.paths import STATIC

BUNDLE = STATIC / "vendor" / "vega-bundle.js"
VENDOR = Path(__file__).parent / "vendor"
VEGA = VENDOR / "vega-6.2.0.min.js"
TOOLTIP = VENDOR / "vega-tooltip-1.1.0.js"


def _tooltip_script() -> str:
    """vega-tooltip, an ES module, as a classic script: its one import (three helpers of vega-util, which Vega
    exports too) read from ``window.vega``; its exports reduced to ``window.vegaTooltip.Handler``."""
    text = TOOLTIP.read_text(encoding="utf-8")
    imports = re.compile(r"^import \{ ([\w, ]+) \} from 'vega-util';\n", re.M)
    names = imports.search(text)
    if names is None or "export {" not in text:
        raise RuntimeError(f"{TOOLTIP}: not the module layout this wrapper expects (one import, one export list)")
    body = imports.sub("", text)
    body = re.sub(r"^export \{[^}]*\};\n", "", body, flags=re.M)
    body = re.sub(r"^//# sourceMappingURL=.*\n?", "", body, flags=re.M)
    return (
        f"(function (vegaUtil) {{\nconst {{ {names.group(1)} }} = vegaUtil;\n{body}"
        "window.vegaTooltip = { Handler: Handler, version: version };\n})(window.vega);\n"
    )


def bundle_text() -> str:
    # Vega's UMD build sets window.vega; `define`, `module` and `exports` are hidden so that a page's AMD loader
    # (if one is ever added) cannot take it instead.
    vega = VEGA.read_text(encoding="utf-8")
    return "(function (define, module, exports) {\n" + vega + "\n})();\n" + _tooltip_script()


def write_bundle() -> bool:
    """Write the bundle if it is missing or stale; return True when it was written."""
    text = bundle_text()
    if BUNDLE.exists() and BUNDLE.read_text(encoding="utf-8") == text:
        return False
    BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    tmp = BUNDLE.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(BUNDLE)
    return True
