"""The interface of an edition in its own language: Sphinx message catalogues from ``locale/``.

``locale/<lang>/LC_MESSAGES/<domain>.po`` holds the book's translations of the strings that Sphinx, the
themes (pydata-sphinx-theme uses the ``sphinx`` domain, sphinx-book-theme ``booktheme``) and the extensions
(``exercise``, ``togglebutton``) show. At build time (:func:`install`, on ``config-inited``) each ``.po`` file
is compiled with Babel into the build folder and put in front of the catalogue the package ships, which stays
as the fallback for what the book does not translate. The ``sphinx`` domain also gets its JavaScript catalogue
(``sphinx.js``: the search page's messages), Sphinx's own with the book's entries laid over it.

Nothing is rewritten in the HTML: the templates and the extensions ask gettext, and gettext answers from here.
A ``.po`` file with an empty or fuzzy translation is an error that names the file and the message.
"""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path

from regional_policy.paths import ROOT

LOCALE = ROOT / "locale"
# theme components whose text the theme wrote as plain English: the same markup, the text passed to gettext
TEMPLATES = Path(__file__).resolve().parent / "templates"
JS_CATALOGUE = re.compile(r"Documentation\.addTranslations\((.*)\);\s*$", re.S)


class CatalogueError(ValueError):
    """A .po file the build cannot use; the message names the file and the entry."""


def read(po: Path):
    """The catalogue of one .po file, checked: every message translated, none fuzzy."""
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalogue = read_po(fh, abort_invalid=True)
    for message in catalogue:
        if not message.id:
            continue
        where = f"{po.relative_to(ROOT) if po.is_relative_to(ROOT) else po}, line {message.lineno}"
        if message.fuzzy:
            raise CatalogueError(f"{where}: msgid {message.id!r} is marked fuzzy")
        if not message.string:
            raise CatalogueError(f"{where}: msgid {message.id!r} has no translation")
    return catalogue


def compile_all(lang: str, out: Path, source: Path = LOCALE) -> dict[str, Path]:
    """Compile every ``source/<lang>/LC_MESSAGES/*.po`` into ``out/<lang>/LC_MESSAGES/*.mo``; domain -> .mo.

    The .mo files depend only on the .po files (Babel writes the messages sorted, with no date)."""
    from babel.messages.mofile import write_mo

    folder = source / lang / "LC_MESSAGES"
    target = out / lang / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    compiled = {}
    for po in sorted(folder.glob("*.po")):
        buf = io.BytesIO()
        write_mo(buf, read(po), use_fuzzy=False)
        mo = target / f"{po.stem}.mo"
        mo.write_bytes(buf.getvalue())
        compiled[po.stem] = mo
    return compiled


def write_js(lang: str, out: Path, source: Path = LOCALE) -> Path | None:
    """``out/<lang>/LC_MESSAGES/sphinx.js``: Sphinx's JavaScript catalogue for ``lang`` with the book's
    ``sphinx.po`` entries laid over the messages it has."""
    import sphinx

    po = source / lang / "LC_MESSAGES" / "sphinx.po"
    shipped = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.js"
    if not po.exists() or not shipped.exists():
        return None
    match = JS_CATALOGUE.search(shipped.read_text(encoding="utf-8"))
    if not match:
        raise CatalogueError(f"{shipped}: not a Sphinx JavaScript catalogue")
    data = json.loads(match.group(1))
    ours = {m.id: m.string for m in read(po) if m.id and isinstance(m.id, str)}
    for key in data["messages"]:
        if key in ours:
            data["messages"][key] = ours[key]
    js = out / lang / "LC_MESSAGES" / "sphinx.js"
    js.parent.mkdir(parents=True, exist_ok=True)
    js.write_text(
        "Documentation.addTranslations(" + json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True) + ");\n",
        encoding="utf-8",
    )
    return js


def install(app, config) -> None:
    """``config-inited``: put the book's catalogues for ``config.language`` in front of the shipped ones."""
    from sphinx import locale

    lang = config.language
    if not lang or not (LOCALE / lang / "LC_MESSAGES").is_dir():
        return
    out = Path(app.outdir).parent / "locale"
    for domain, mo in compile_all(lang, out).items():
        with open(mo, "rb") as fh:
            ours = gettext.GNUTranslations(fh)
        shipped = locale.translators.get(("general", domain))
        if shipped is not None and shipped.__class__ is not gettext.NullTranslations:
            ours.add_fallback(shipped)
        locale.translators["general", domain] = ours
        if domain == "sphinx":
            app.translator = ours  # what the HTML templates' _() use
    if write_js(lang, out):
        config.locale_dirs = [str(out)] + [str(d) for d in config.locale_dirs]
    # defaults that extensions translated when they were set up, before these catalogues were in place
    toggle = locale.get_translation("togglebutton")
    for name, message in (("togglebutton_hint", "Click to show"), ("togglebutton_hint_hide", "Click to hide")):
        if name not in config._raw_config:
            config[name] = str(toggle(message))


def interface(app, config) -> None:
    """``config-inited``: the edition's catalogues, and the texts that are configuration rather than messages
    (the author, the footer, the search field's placeholder), from the label table in the edition's language."""
    from regional_policy import labels

    install(app, config)
    config.templates_path = [str(TEMPLATES)] + [p for p in config.templates_path if p != str(TEMPLATES)]
    lang = getattr(config, "rp_lang", "en")
    config.author = labels.t("book_author", lang)
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = labels.t("site_footer", lang)
    options["search_bar_text"] = labels.t("search_placeholder", lang)
    config.html_theme_options = options
