"""What a notebook's record of its reads turns into: dependencies of the project, never of this machine."""

from __future__ import annotations

from bookbuild import deps
from regional_policy.paths import ROOT


def test_machine_state_is_never_a_dependency():
    record = {
        "reads": {"resources": ["table5-budget-2010-2011"], "bytes": [], "ledger": ["t5-total-2011"]},
        "modules": [str(ROOT / "regional_policy" / "numbers.py")],
        "opened": [
            str(ROOT / ".venv" / "lib" / "python3.11" / "site-packages" / "pkg-1.0.dist-info" / "entry_points.txt"),
            str(ROOT / ".cache" / "geo" / "submunicipalities-topo-simple.json"),
            str(ROOT / ".cache" / "ledger" / "memo.pkl"),
            str(ROOT / "_build" / ".validated"),
            str(ROOT / "_static" / "geo" / "stamp.json"),
            str(ROOT / "_static" / "vendor" / "vega-bundle.js"),
            str(ROOT / "data" / "boundaries.json"),
            str(ROOT / "data" / "table5-budget-2010-2011.csv"),
            "/usr/lib/python3/dist-packages/elsewhere.py",
        ],
    }
    assert deps.keys(record) == [
        "file:data/boundaries.json",
        "file:regional_policy/numbers.py",
        "ledger:t5-total-2011",
        "table:table5-budget-2010-2011",
    ]
