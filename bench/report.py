"""The benchmark's printed output: machine line, results table, goals, scaling curve."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

import hugo_site

EDIT_BUDGET_S = 0.100
NO_CHANGE_SHARE = 0.05


def machine(hugo_binary: Path | None) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = subprocess.run([sys.executable, "-m", "briefgen", "--version"], capture_output=True,
                             text=True).stdout.strip() or "briefgen (not importable)"
    hugo = hugo_site.hugo_version(hugo_binary) if hugo_binary else "hugo not used"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {version}, "
            f"{hugo}; load average before the run {load}\n"
            "times: median wall seconds (time.perf_counter around the subprocess); peak MB: the larger of "
            "wait4's ru_maxrss and the peak PSS summed over the build's process tree (sampled every 20 ms), "
            "max over runs; pages: .html/.xml files "
            "written by the run / in the output; CPU s: median user+system seconds (Hugo uses every core, "
            "so its CPU s exceeds its wall s)")


def load_note() -> str:
    """Other work on the machine slows both sides, Hugo's threads most: say how busy it was."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"load average after the run: {load} (on {os.cpu_count()} CPUs)\n"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _pages(result: Any) -> str:
    if result is None or result.failed or not result.written:
        return "–"
    written = sorted(result.written)[len(result.written) // 2]
    return f"{written:,} / {result.pages:,}"


def _mb(result: Any) -> str:
    return "–" if result is None or result.peak_mb is None else f"{result.peak_mb:.0f}"


def table(n: int, results: Mapping[str, Mapping[str, Any]], scenarios: Sequence[str]) -> str:
    b, h = results.get("briefgen", {}), results.get("hugo", {})
    lines = [f"\n### {n:,} articles\n",
             "| scenario | briefgen s | Hugo s | ratio | briefgen pages | Hugo pages | briefgen peak MB "
             "| Hugo peak MB | briefgen CPU s | Hugo CPU s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in scenarios:
        br, hr = b.get(name), h.get(name)
        bs = br.seconds if br else None
        hs = hr.seconds if hr else None
        ratio = f"{bs / hs:.2f}" if bs is not None and hs else "–"
        note = f" ({br.failed})" if br is not None and br.failed else ""
        lines.append(f"| {name}{note} | {_s(bs)} | {_s(hs)} | {ratio} | {_pages(br)} | {_pages(hr)} | "
                     f"{_mb(br)} | {_mb(hr)} | {_s(br.cpu_seconds if br else None)} | "
                     f"{_s(hr.cpu_seconds if hr else None)} |")
    return "\n".join(lines) + "\n"


def goals(n: int, results: Mapping[str, Mapping[str, Any]]) -> str:
    b, h = results.get("briefgen", {}), results.get("hugo", {})

    def sec(side: Mapping[str, Any], name: str) -> float | None:
        r = side.get(name)
        return r.seconds if r is not None else None

    def peak(side: Mapping[str, Any], name: str) -> float | None:
        r = side.get(name)
        return r.peak_mb if r is not None else None

    cold_b, cold_h = sec(b, "cold"), sec(h, "cold")
    rows = []

    def check(goal: str, value: float | None, limit: float | None, shown: str) -> None:
        if value is None or limit is None:
            rows.append(f"- {goal}: not measured")
        else:
            rows.append(f"- {goal}: {shown} → {'met' if value <= limit else 'NOT met'}")

    ratio = cold_b / cold_h if cold_b is not None and cold_h else None
    check("cold build ratio < 1.0 (aim 0.5)", ratio, 1.0, f"{ratio:.2f}" if ratio is not None else "")
    nc = sec(b, "no change")
    check(f"no-change build ≤ {NO_CHANGE_SHARE}× Hugo's cold", nc,
          cold_h * NO_CHANGE_SHARE if cold_h else None,
          f"{_s(nc)} s vs {_s(cold_h * NO_CHANGE_SHARE if cold_h else None)} s")
    edit = sec(b, "body edit")
    check(f"one-article edit ≤ {EDIT_BUDGET_S * 1000:.0f} ms", edit, EDIT_BUDGET_S,
          f"{edit * 1000:.0f} ms" if edit is not None else "")
    tb, th = sec(b, "template edit"), sec(h, "template edit")
    check("template edit ≤ Hugo's", tb, th, f"{_s(tb)} s vs {_s(th)} s")
    pb, ph = peak(b, "cold"), peak(h, "cold")
    check(f"peak memory ≤ Hugo's (goal at 10,000; this is {n:,})", pb, ph,
          f"{pb:.0f} MB vs {ph:.0f} MB" if pb is not None and ph is not None else "")
    if cold_b is not None:
        rows.append(f"- cold cost per article: briefgen {cold_b / n * 1000:.2f} ms"
                    + (f", Hugo {cold_h / n * 1000:.2f} ms" if cold_h else ""))
    return "Goals:\n" + "\n".join(rows) + "\n"


def scaling(per_n: Mapping[int, Mapping[str, Mapping[str, Any]]]) -> str:
    lines = ["### Scaling (cold build, ms per article; flat is the goal)\n",
             "| articles | briefgen s | briefgen ms/article | Hugo s | Hugo ms/article |",
             "|---:|---:|---:|---:|---:|"]
    for n, results in sorted(per_n.items()):
        cells = []
        for side in ("briefgen", "hugo"):
            r = results.get(side, {}).get("cold")
            s = r.seconds if r is not None else None
            cells += [_s(s), "–" if s is None else f"{s / n * 1000:.2f}"]
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
