"""One Altair chart (at least) for each table, each making the table's point visible.

Each function takes a :class:`~.params.Chapter` and returns a
:class:`~.display.Figure`: a titled chart with units on the axes, tooltips,
the colour-blind-safe palette of :mod:`.style`, a text description for screen
readers and the data behind it. The province named by ``highlight`` is
emphasised wherever it appears.

One module per chapter's tables: :mod:`.timeline` (Chart 1.1), :mod:`.income` (Charts 2.1-2.2, Table 2),
:mod:`.ripp` (Charts 2.3, 2.4 and 3.1, Tables 3 and 4), :mod:`.budget` (Charts 4.1-4.2, Table 5 and the RSIP results).
"""

from .budget import budget, rsip_growth
from .income import income, income_ratio
from .ripp import investment_shares, ripp_first_stage, ripp_national_share
from .timeline import timeline, timeline_frame

__all__ = [
    "budget",
    "income",
    "income_ratio",
    "investment_shares",
    "ripp_first_stage",
    "ripp_national_share",
    "rsip_growth",
    "timeline",
    "timeline_frame",
]
