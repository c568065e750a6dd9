"""The paper's Figures 1 and 2 (maps), their tables, and two additions of the book.

Each function takes a :class:`~.params.Chapter` and returns a
:class:`~.display.Figure` (or :class:`~.display.Table`):

* :func:`figure1_map`, :func:`figure1_tiles`, :func:`figure1_table`: the strategic
  industries of the 16 units (1st Five-Year Plan for Balanced National
  Development, 2004-2008), as a map with callouts and as a tile grid;
* :func:`figure2_map`, :func:`figure2_table`: the leading industries of the 5+2
  economic regions, final list or September 2008 proposal (``version``);
* :func:`overlap_chart`, :func:`old_complexes_map`: additions, not in the paper;
* :func:`sources_table`: the sources behind the reconstructed data.

The figure data were reconstructed from press reports (the paper's figures are
images); medium-confidence items are drawn with a hollow marker. Maps refer to
the processed boundaries by URL (:mod:`.geo`), so the executed notebook never
embeds geometry, and every map carries the KOSTAT credit. Without the
boundaries, the map functions fall back to the tile grid and say so.

Modules: :mod:`.shared` (versions, colours, data, helpers), :mod:`.layout` (projection, callouts),
:mod:`.figure1`, :mod:`.figure2`, :mod:`.additions`, :mod:`.sources`.
"""

from .additions import old_complexes_map, overlap_chart, overlap_frame
from .figure1 import figure1_map, figure1_table, figure1_tiles
from .figure2 import figure2_map, figure2_table, figure2_tiles
from .layout import GAP, LEFT, LEFT_X, LINE, MAP1, MAP2, MAP3, NAME_LINE, RIGHT_X, Mercator, callouts
from .shared import (
    FIELDS,
    FIFTH,
    GROUP_COLORS,
    GROUPS,
    MARKER,
    REGION_COLORS,
    RESOURCES,
    VERSIONS,
    Note,
    _anchors,
    _ready,
    check_version,
    frame,
    leading,
    strategic,
)
from .sources import sources_table

__all__ = [
    "FIELDS",
    "FIFTH",
    "GAP",
    "GROUP_COLORS",
    "GROUPS",
    "LEFT",
    "LEFT_X",
    "LINE",
    "MAP1",
    "MAP2",
    "MAP3",
    "MARKER",
    "NAME_LINE",
    "REGION_COLORS",
    "RESOURCES",
    "RIGHT_X",
    "VERSIONS",
    "Mercator",
    "Note",
    "_anchors",
    "_ready",
    "callouts",
    "check_version",
    "figure1_map",
    "figure1_table",
    "figure1_tiles",
    "figure2_map",
    "figure2_table",
    "figure2_tiles",
    "frame",
    "leading",
    "old_complexes_map",
    "overlap_chart",
    "overlap_frame",
    "sources_table",
    "strategic",
]
