"""Where the build's time goes, for `make bench`: the machine's CPU time over a build, and a few notebooks executed
as the build executes them (a kernel forked from a warm zygote, driven by papermill), timed whole and cell by cell.

A notebook's time less the sum of its cells' is what a kernel costs: its start (fork, IPython, the connection to
papermill) and its shutdown. ``python -m bookbuild.benchprofile NOTEBOOK...`` (paths under the edition's folder,
e.g. ``03-systematizing-phase.ipynb profiles/seoul.ipynb``) prints the timings as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def cpu_seconds() -> float | None:
    """CPU time the whole machine has spent busy since it started (user, nice, system, irq, softirq), from
    /proc/stat; the difference over a build is the build's CPU time on a quiet machine. None where there is none."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:8]
    except (OSError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields)
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def notebooks(names: list[str], lang: str = "en") -> dict:
    """Execute the named notebooks of an edition one after another, as a build worker does (the zygote warmed up by
    a first, untimed run); per notebook the seconds in all, in its cells, and its slowest cell."""
    import nbformat

    from regional_policy.loader import VALIDATED, digest
    from regional_policy.params import Parameters
    from regional_policy.paths import NOTEBOOKS

    from . import execute, kernels, svgserver

    os.environ[VALIDATED] = digest() or ""
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp, svgserver.running():
        todo = {t.target.relative_to(Path(tmp)).as_posix(): t for t in execute.tasks(Parameters(lang=lang), Path(tmp))}
        kernels.CURRENT["zygote"] = zygote = kernels.Zygote(NOTEBOOKS)
        try:
            first = todo[names[0]]  # the zygote imports its libraries before its first kernel: not a notebook's cost
            execute._execute_one(str(first.source), str(Path(tmp) / "warm.ipynb"), first.parameters, None)
            for name in names:
                task = todo[name]
                target = Path(tmp) / f"{len(out)}.ipynb"
                total = execute._execute_one(str(task.source), str(target), task.parameters, None)
                cells = [
                    (c.metadata.get("papermill", {}).get("duration") or 0.0, "".join(c.source).splitlines()[0])
                    for c in nbformat.read(target, as_version=4).cells
                    if c.cell_type == "code" and c.source
                ]
                slowest = max(cells)
                out[name] = {
                    "total_s": round(total, 3),
                    "cells_s": round(sum(d for d, _ in cells), 3),
                    "kernel_s": round(total - sum(d for d, _ in cells), 3),
                    "slowest_cell_s": round(slowest[0], 3),
                    "slowest_cell": slowest[1][:60],
                }
        finally:
            zygote.close()
            kernels.CURRENT["zygote"] = None
    return out


def profile_lines(p: dict, cpus: int) -> list[str]:
    """Where a cold build's time goes, in words and a table."""
    floor = (
        ""
        if p["cpu_s"] is None
        else f", {p['cpu_s']} s of CPU: no schedule on {cpus} CPUs ends before {round(p['cpu_s'] / cpus, 1)} s"
    )
    sites = ", ".join(f"{lang} {s} s" for lang, s in p["site_s"].items())
    lines = [
        f"Where a cold build's time goes: {p['wall_s']} s in all{floor}. {p['notebooks']} notebooks, {p.get('jobs', cpus + 1)} at a "
        f"time, took {p['notebook_s_sum']} s between them; then the two site compiles, side by side: {sites}. "
        "Three notebooks, timed alone (kernel = its start-up and shutdown):",
        "",
        "| notebook | in all | its cells | kernel | slowest cell |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, n in p["per_notebook"].items():
        lines.append(
            f"| {name} | {n['total_s']} s | {n['cells_s']} s | {n['kernel_s']} s | "
            f"`{n['slowest_cell']}` {n['slowest_cell_s']} s |"
        )
    return lines


def test_files(report: Path, top: int = 10) -> list[list]:
    """The test files that took longest, from pytest's JUnit XML report: [file, seconds (setup, call and teardown
    of its tests, so a shared build counts for the first test that asked for it), tests]."""
    import xml.etree.ElementTree as ET

    totals: dict[str, list] = {}
    for case in ET.parse(report).iter("testcase"):
        parts = case.get("classname", "").split(".")
        name = next((f"{part}.py" for part in parts if part.startswith("test_")), case.get("classname", "?"))
        entry = totals.setdefault(name, [name, 0.0, 0])
        entry[1] += float(case.get("time") or 0)
        entry[2] += 1
    return [[n, round(s, 1), k] for n, s, k in sorted(totals.values(), key=lambda e: -e[1])[:top]]


def test_lines(t: dict, cpus: int) -> list[str]:
    """Where ``make test``'s time goes, in words and a table."""
    floor = "" if t.get("cpu_s") is None else f", {t['cpu_s']} s of CPU (so no schedule on {cpus} CPUs ends before "
    floor += "" if t.get("cpu_s") is None else f"{round(t['cpu_s'] / cpus, 1)} s)"
    lines = [
        f"Where `make test`'s time goes: {t['make_test_s']} s in all{floor}; pytest on tests/ {t['pytest_tests_s']} s, "
        f"nbval {t['nbval_s']} s. The test files that took longest, on either worker:",
        "",
        "| test file | seconds | tests |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {name} | {seconds} s | {count} |" for name, seconds, count in t.get("by_file", [])]
    return lines


if __name__ == "__main__":
    print(json.dumps(notebooks(sys.argv[1:]), indent=1, ensure_ascii=False))
