"""How tables and charts appear: in the built book and in Jupyter.

A :class:`Figure` renders as a ``<figure>`` whose chart is drawn in the
browser by the Vega JavaScript shipped with the book (``_static``, see
:mod:`bookbuild.assets`), never from a CDN: the chart's spec, compiled to Vega
here, sits in a JSON ``<script>`` element that ``charts.js`` picks up. Ids come from the chart's
name, so outputs are byte-identical from run to run. Each figure carries a text
description and the data behind it, which a screen reader reaches. In
JupyterLab the Vega-Lite MIME type renders the same spec natively.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import socket
from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import labels, style

VEGALITE_MIME = f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json"


def _spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The chart's Vega-Lite spec (validated by Altair), or the spec itself: a figure converts its chart once, for
    Altair's schema validation costs more than drawing."""
    return chart if isinstance(chart, dict) else chart.to_dict()


def spec_json(spec: dict) -> str:
    """A spec as JSON, safe inside a ``<script>`` element."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/")


def convert(spec: dict) -> dict:
    """The Vega-Lite ``spec`` compiled to Vega by vl-convert, and drawn as SVG unless its data are loaded from a URL
    (the maps, which have no static version): ``{"vega": ..., "svg": ...}``."""
    import vl_convert as vlc

    vega = vlc.vegalite_to_vega(spec)
    return {"vega": vega, "svg": "" if '"url"' in json.dumps(spec) else vlc.vega_to_svg(vega)}


def compiled(chart: alt.TopLevelMixin | dict) -> tuple[dict, str]:
    """What a page shows of a chart: its Vega spec, which the shipped Vega runtime draws (the reader's browser
    compiles nothing, :mod:`bookbuild.assets`), and its static SVG for pages read without scripts and for print."""
    spec = _spec(chart)
    result = None
    if os.environ.get("RP_SVG_SERVER"):  # during a build: one warm vl-convert for every kernel (bookbuild.svgserver)
        with contextlib.suppress(OSError, RuntimeError):  # if not, converted here
            result = json.loads(_from_server(os.environ["RP_SVG_SERVER"], json.dumps(spec)))
    result = result or convert(spec)
    return result["vega"], _hidden(result["svg"]) if result["svg"] else ""


VEGA_ARIA = re.compile(r' (?:aria-label|aria-roledescription|role)="[^"]*"')


def _hidden(svg: str) -> str:
    """A static chart hidden from screen readers, as charts.js hides the drawn one: the figure's container names it.
    Vega's own labels go (English sentences such as "Title text '...'", whatever the chart's language)."""
    return VEGA_ARIA.sub("", svg).replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _from_server(path: str, text: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(120)
        s.connect(path)
        s.sendall(text.encode("utf-8"))
        s.shutdown(socket.SHUT_WR)
        reply = b"".join(iter(lambda: s.recv(65536), b""))
    status, _, body = reply.partition(b"\n")
    if status != b"ok":
        raise RuntimeError(body.decode("utf-8", "replace"))
    return body.decode("utf-8")


# Columns whose cells are identifiers, not words (label keys of their headers): source keys such as ``S15a`` and
# web addresses are shown as code, in either edition, and addresses as links.
KEY_COLUMNS = ("col_sources", "col_key", "profile_sources")
ADDRESS_COLUMNS = ("col_url",)


def _headers(keys: tuple[str, ...]) -> set[str]:
    return {labels.t(k, lang) for k in keys for lang in ("en", "ko")}


SOURCE_KEY = re.compile(r"[A-Z]{1,2}\d+[a-z]?")  # S15a, L1: the keys of sources.csv


def _keys_html(cell: object) -> str:
    """A cell of source keys as code; any other cell of a column so named (e.g. a resource's origin) as it is."""
    keys = [k.strip() for k in re.split(r"[;,]", str(cell)) if k.strip()]
    if not keys or not all(SOURCE_KEY.fullmatch(k) for k in keys):
        return str(cell)
    return ", ".join(f"<code>{k}</code>" for k in keys)


def _address_html(cell: object) -> str:
    url = html.escape(str(cell), quote=True)
    return f'<a class="reference external" href="{url}"><code>{url}</code></a>' if url else ""


def note_html(note: str, escape: bool = True) -> str:
    """A note under a figure or table as HTML: a name in backticks (a parameter, a file, an address) is code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(note) if escape else note)


def with_identifiers(styler):
    """The styler, with its source-key and address columns (if any) shown as code."""
    columns = list(styler.data.columns)
    keys = [c for c in columns if c in _headers(KEY_COLUMNS)]
    addresses = [c for c in columns if c in _headers(ADDRESS_COLUMNS)]
    if keys:
        styler = styler.format(_keys_html, subset=keys)
    if addresses:
        styler = styler.format(_address_html, subset=addresses)
    return styler


def data_table_html(frame: pd.DataFrame, table_id: str, caption: str) -> str:
    styler = (
        frame.style.hide(axis="index")
        .set_uuid(table_id)
        .format(precision=1, thousands=",", na_rep="")
        .set_caption(html.escape(caption))
    )
    return with_identifiers(styler).to_html()


@dataclass(repr=False)
class Figure:
    """A numbered chart with its caption, text description and data."""

    name: str
    number: str
    caption: str
    description: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    lang: str = "en"
    footer: str = ""
    # Optional, for figures that are not charts (e.g. the paper's maps): the caption prefix already in
    # ``lang`` (default: the label "chart"), and notes printed under the figure (credits, caveats).
    prefix: str | None = None
    notes: tuple[str, ...] = ()

    @classmethod
    def finished(
        cls,
        name: str,
        number: str,
        caption: str,
        description: str,
        chart: alt.TopLevelMixin,
        data: pd.DataFrame,
        lang: str,
        footer: str = "",
        *,
        wrap: int | None = None,
        prefix: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> Figure:
        """The figure of ``chart`` titled, described and styled as every chart of the book (:func:`.style.finish`)."""
        chart = style.finish(chart, caption, description, wrap=wrap)
        return cls(name, number, caption, description, chart, data, lang, footer, prefix=prefix, notes=notes)

    @property
    def label(self) -> str:
        return self.prefix if self.prefix is not None else labels.t("chart", self.lang)

    def html(self, spec: dict | None = None) -> str:
        """The figure as the book shows it (``spec``: the chart's, if already converted)."""
        vega, svg = compiled(spec or self.chart)
        view = f"{self.name}-view"
        desc = f"{self.name}-desc"
        notes = "".join(f'<p class="rp-figure-note">{note_html(n)}</p>\n' for n in self.notes)
        return (
            f'<figure class="rp-figure" id="{self.name}-figure">\n'
            f'<div class="rp-vega" id="{view}" role="img" aria-label="{html.escape(self.caption)}" '
            f'aria-describedby="{desc}"></div>\n'
            f'<script type="application/json" class="rp-vega-spec" data-target="{view}">'
            f"{spec_json(vega)}</script>\n"
            f'<noscript><div class="rp-static">{svg}</div></noscript>\n'
            f"<figcaption><strong>{self.label} {self.number}.</strong> "
            f"{html.escape(self.caption)}</figcaption>\n"
            f'<p class="rp-desc" id="{desc}">{html.escape(self.description)}</p>\n'
            f"{notes}"
            f'<details class="rp-data"><summary>{labels.t("data_behind_chart", self.lang)}</summary>\n'
            f"{data_table_html(self.data, self.name + '-data', f'{self.label} {self.number}: ' + labels.t('data_behind_chart', self.lang))}"
            "</details>\n"
            f"{self.footer}</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        spec = _spec(self.chart)
        return {
            "text/html": self.html(spec),
            VEGALITE_MIME: spec,
            "text/plain": "\n".join([f"{self.label} {self.number}. {self.caption}", self.description, *self.notes]),
        }


@dataclass(repr=False)
class Table:
    """A table laid out like the paper's, with its caption, unit, source and notes."""

    name: str
    styler: object
    notes: tuple[str, ...] = ()
    footer: str = ""

    def html(self) -> str:
        notes = "".join(f'<p class="rp-table-note">{note_html(n, escape=False)}</p>' for n in self.notes)
        caption = re.sub(r"\s*\(?<code>.*?</code>\)?", "", str(self.styler.caption or self.name))  # no file names
        label = html.escape(re.sub(r"<[^>]+>", " ", caption).split("  ")[0].strip(" —"), quote=True)
        return (
            f'<div class="rp-table" id="{self.name}-table" role="region" tabindex="0" aria-label="{label}">\n'
            f"{with_identifiers(self.styler).to_html()}\n{notes}{self.footer}</div>"
        )

    def __repr__(self) -> str:
        return f"{self.name}\n{self.styler.data.to_string()}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": repr(self)}


class Embed:
    """A chart without caption or description, as exercise solutions draw them (same offline drawing)."""

    def __init__(self, chart: alt.TopLevelMixin, name: str, description: str):
        self.chart, self.name, self.description = chart, name, description

    def __repr__(self) -> str:
        return f"chart {self.name}: {self.description}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        view, desc = f"{self.name}-view", f"{self.name}-desc"
        spec = _spec(self.chart)
        vega, svg = compiled(spec)
        text = (
            f'<figure class="rp-figure rp-figure-plain" id="{self.name}-figure">'
            f'<div class="rp-vega rp-vega-plain" id="{view}" role="img" aria-label="{html.escape(self.description)}" '
            f'aria-describedby="{desc}"></div>'
            f'<script type="application/json" class="rp-vega-spec" data-target="{view}">{spec_json(vega)}</script>'
            f'<noscript><div class="rp-static">{svg}</div></noscript>'
            f'<figcaption class="rp-desc" id="{desc}">{html.escape(self.description)}</figcaption></figure>'
        )
        return {"text/html": text, VEGALITE_MIME: spec, "text/plain": repr(self)}


EDITION = {"lang": "en"}  # set by params.start: the language of the chapter being run


def embed(chart: alt.TopLevelMixin, name: str, description: str | None = None) -> Embed:
    """Show ``chart`` in a notebook and in the book, drawn by the shipped Vega bundle.

    Without a description, one is made from the chart's mark and encoded fields, in the language of the
    chapter being run (:data:`EDITION`, set by :func:`.params.start`).
    """
    exercise = name.removesuffix("-chart")
    if EDITION["lang"] != "en" and f"sol:{exercise}:x" in labels.table():  # a solution's own chart: axes in the edition
        chart = chart.copy()
        for channel in ("x", "y"):
            enc = getattr(chart.encoding, channel, alt.Undefined)
            if enc is not alt.Undefined:
                enc.title = labels.t(f"sol:{exercise}:{channel}", EDITION["lang"])
    if description is None:
        spec = chart.to_dict()
        fields = [
            f"{ch}: {enc.get('field', enc.get('aggregate', ''))}"
            for ch, enc in spec.get("encoding", {}).items()
            if isinstance(enc, dict)
        ]
        mark = spec.get("mark", {})
        mark = mark.get("type") if isinstance(mark, dict) else mark
        lang = EDITION["lang"]
        description = labels.t("solution_chart_desc", lang).format(
            mark=labels.value("mark", mark, lang),
            fields="; ".join(fields),
            exercise=name.removeprefix("ex-").removesuffix("-chart").replace("-", "."),
        )
    return Embed(chart, name, description)
