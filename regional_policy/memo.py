"""The claims ledger computed once per content, not once per notebook: a memo on disk (``.cache/ledger/``).

Most chapters show ledger rows (badges, the numbers box); computing the ledger evaluates every claim twice (as
printed and with errata), most of a second per kernel. It is a pure function of the tables, the descriptor and
the package's code, so its result is kept under a hash of exactly those (:func:`key`) and read back as long as
none of them changed. A missing, unreadable or foreign cache file only means computing it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pandas as pd

from . import reads
from .datapackage import Data
from .paths import ROOT

CACHE = ROOT / ".cache" / "ledger"


def key(data: Data) -> str:
    """A hash of what the ledger is computed from: every table's values, the descriptor, the package code loaded,
    the pinned requirements."""
    h = hashlib.sha256(json.dumps(data.descriptor, sort_keys=True).encode())
    h.update(pd.__version__.encode())
    requirements = ROOT / "requirements.txt"  # the libraries the claims are computed with
    h.update(requirements.read_bytes() if requirements.exists() else b"")
    with reads.quietly():
        for name in sorted(data):
            frame = data[name]
            h.update(json.dumps([name, list(map(str, frame.columns)), [str(t) for t in frame.dtypes]]).encode())
            h.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    code = sorted(
        Path(m.__file__)
        for n, m in list(sys.modules.items())
        if n.startswith("regional_policy") and getattr(m, "__file__", None)
    )
    for path in code:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    # the package's data (labels, the rules of the Korean arithmetic): read here on a hit as on a miss, so that a
    # notebook records the same files whether the ledger came from the memo or was computed
    for path in sorted(Path(__file__).resolve().parent.rglob("*.csv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def ledger(data: Data) -> pd.DataFrame:
    """``claims.ledger(data)``, from the memo when the same content was computed before."""
    from . import claims

    path = CACHE / f"{key(data)}.pkl"
    try:
        return pd.read_pickle(path)
    except Exception:  # missing or unreadable: compute it
        pass
    frame = claims.ledger(data)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        frame.to_pickle(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
    return frame
