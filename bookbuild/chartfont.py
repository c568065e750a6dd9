"""The font the static charts are measured with, required before any notebook executes.

vl-convert lays out a chart's text with the first family of :data:`regional_policy.style.FONT` that the machine
has, so a static SVG (its width, where each label sits) depends on that font's metrics: the same notebook run on
a machine without it gives other bytes. The book therefore names one font first, NanumGothic (Debian's
``fonts-nanum``, SIL Open Font License 1.1, which ``make system`` installs), and the build refuses to execute a
notebook on a machine that lacks it, before anything is written, rather than mix outputs measured with two fonts.
"""

from __future__ import annotations

import shutil
import subprocess

from regional_policy.style import FONT

FAMILY = "NanumGothic"
PACKAGE = "fonts-nanum"
STYLES = ("Regular", "Bold")  # chart text, and titles and axis titles


def installed_styles() -> set[str]:
    """The styles of :data:`FAMILY` that fontconfig finds (the directories vl-convert reads its fonts from)."""
    if not shutil.which("fc-list"):
        return set()
    listed = subprocess.run(
        ["fc-list", f":family={FAMILY}", "style"], capture_output=True, text=True, check=False
    ).stdout
    return {s.strip() for line in listed.splitlines() for s in line.split(":", 1)[-1].split("=", 1)[-1].split(",")}


def missing() -> str:
    """Why no notebook may execute on this machine ("" when the chart font is installed in both styles)."""
    assert FONT.split(",")[0].strip() == FAMILY, "regional_policy.style.FONT must name the chart font first"
    absent = [s for s in STYLES if s not in installed_styles()]
    if not absent:
        return ""
    return (
        f"the static charts are measured with the font {FAMILY} ({', '.join(absent)} not found by fontconfig's "
        f"fc-list), so a notebook executed without it would give other bytes than the book's. Install Debian's "
        f"{PACKAGE} and fontconfig (`sudo apt-get install {PACKAGE} fontconfig`, or `make system` as root), "
        "then build again."
    )
