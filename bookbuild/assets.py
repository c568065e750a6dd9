"""Static assets of the built site: the Vega JavaScript, bundled offline.

The bundle (Vega, Vega-Lite and Vega-Embed) comes from the pinned
vl-convert-python package, so building and reading the site need no network
and no CDN. It is written to ``_static/vendor/`` and not committed.
"""

from __future__ import annotations

import vl_convert as vlc

from regional_policy.paths import STATIC

BUNDLE = STATIC / "vendor" / "vega-bundle.js"


def write_bundle() -> bool:
    """Write the bundle if it is missing or stale; return True when it was written."""
    # Wrapped in a function so that its top-level names (e.g. `_`) do not clash with
    # the theme's globals; the bundle exports vegaEmbed, vega and vegaLite on window.
    text = "(function () {\n" + vlc.javascript_bundle() + "\n})();\n"
    if BUNDLE.exists() and BUNDLE.read_text(encoding="utf-8") == text:
        return False
    BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    tmp = BUNDLE.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(BUNDLE)
    return True
