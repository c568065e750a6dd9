"""The sources behind the reconstructed figure data."""

from __future__ import annotations

from .. import labels, numbers
from ..display import Table
from ..params import Chapter
from .shared import _styled, frame


def sources_table(ch: Chapter) -> Table:
    """Every source key used by the figure data, with publisher, date, what it was cited for and address."""
    lang = ch.lang
    src = frame(ch, "sources")
    used = set()
    for name in ("figure1-strategic-industries", "figure2-leading-industries"):
        for keys in frame(ch, name)["source"]:
            used.update(keys.split(";"))
    src = src[src["key"].isin(used)].fillna("")
    if lang == "ko":
        for col in ("publisher", "title"):
            missing = src[(src[col] != "") & (src[col + "_ko"] == "")]
            if not missing.empty:
                row = missing.iloc[0]
                raise ValueError(f"sources.csv, key {row['key']!r} part {row['part']}: {col} has no {col}_ko")
            src[col] = src[col + "_ko"]
    src["date"] = [numbers.month(d, lang) if d else "" for d in src["date"]]
    out = (
        src[["key", "publisher", "date", "title", "url"]]
        .rename(
            columns={
                "key": labels.t("col_key", lang),
                "publisher": labels.t("col_publisher", lang),
                "date": labels.t("col_date", lang),
                "title": labels.t("col_title", lang),
                "url": labels.t("col_url", lang),
            }
        )
        .reset_index(drop=True)
    )
    return Table("figure-sources", _styled(out, labels.t("sources_table_title", lang), "figure-sources"))
