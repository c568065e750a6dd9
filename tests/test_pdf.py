"""`make pdf`: the whole book as one PDF, printed offline by Chromium, in the order of _toc.yml."""

from __future__ import annotations

import shutil
import subprocess

import pytest


@pytest.fixture(scope="module")
def book_pdf(site, browser, tmp_path_factory):
    from bookbuild import pdf

    snapshot = tmp_path_factory.mktemp("pdf-site") / "html"
    shutil.copytree(site, snapshot)
    return pdf.build(snapshot, tmp_path_factory.mktemp("pdf") / "book.pdf", browser=browser)


def test_the_pdf_has_every_page_in_order_with_bookmarks(book_pdf):
    from pypdf import PdfReader

    from bookbuild.pdf import toc_pages

    reader = PdfReader(book_pdf)
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert outline[0] == ("Contents", 0)
    assert len(outline) == len(toc_pages()) + 1
    starts = [page for _, page in outline]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert len(reader.pages) > 30
    contents = reader.pages[0].extract_text()
    for title, _ in outline[1:]:
        assert title.split(".")[-1].strip()[:20] in " ".join(contents.split()), title


def test_the_pdf_shows_the_tables_and_the_charts(book_pdf):
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(book_pdf).pages)
    for n in range(1, 6):
        assert f"Table {n}." in text, f"Table {n} is not in the PDF"
    assert "Chart 1.1." in text and "Chart 4.2." in text
    # Chart titles are drawn inside the SVG by Vega: they are in the PDF only if the charts were drawn.
    assert "Three administrations and the milestones the paper names" in text
    # the claims ledger, which the report page shows closed, is printed whole, without the summary that opens it
    assert "The claims ledger: every number of the paper's text and tables" in text
    assert "All 265 numbers of the ledger" not in text


def test_the_pdf_pages_render_to_images(book_pdf, artifacts):
    from PIL import Image

    assert shutil.which("pdftoppm"), "pdftoppm is missing: `make system` installs poppler-utils"

    out = artifacts / "pdf"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "12", str(book_pdf), str(out / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(out.glob("page-*.png"))
    assert len(pages) == 12
    for png in pages:
        with Image.open(png) as img:
            assert img.convert("L").getextrema()[0] < 100, f"{png.name} is blank"
