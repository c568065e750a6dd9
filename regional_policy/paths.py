"""Where things are, relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DATAPACKAGE = DATA / "datapackage.json"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"  # generated: the executed notebooks and copies of pages/
PAGES = ROOT / "pages"  # hand-written pages, both editions
BUILD = ROOT / "_build"
STATIC = ROOT / "_static"
