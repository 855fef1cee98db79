"""Re-measure the quality gates and pin their figures in tests/baselines/quality.json.

    python bench/pin_quality.py [--gate NAME ...] [--accept-lower NAME ...] [--jobs N] [--dry-run]

Each gate (``bench/quality.py``'s GATES: html_body, text_body, entities) is measured
on ../shared/data and written with its corpus digest, document count and date.
The script never lowers a floor: when any gated figure of a gate is worse than the
pinned one, it keeps that gate's pinned entry as it is (figures, digest and date),
prints a refusal and exits with status 1.  ``--accept-lower NAME`` pins that
gate's worse figures anyway, with a warning.  A digest is only ever written
together with the figures measured on that corpus, so a changed corpus whose
figures are worse stays failing in tests/test_quality_gates.py until accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import BASELINES, DATA, GATES, REFRESH, TOLERANCE, load_baselines  # noqa: E402


def _entry(gate_name: str, digest: str, measured, today: str) -> dict:
    gate = GATES[gate_name]
    return {"description": gate.description, "better": gate.better,
            "metrics": {k: round(v, 6) for k, v in measured.metrics.items()},
            "info": {k: round(v, 6) if isinstance(v, float) else v for k, v in measured.info.items()},
            "documents": measured.documents, "digest": digest, "date": today}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gate", action="append", choices=sorted(GATES),
                        help="re-measure only this gate (repeatable; default: all)")
    parser.add_argument("--accept-lower", action="append", default=[], choices=sorted(GATES),
                        metavar="GATE", help="pin this gate's new figures even where they are worse")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--dry-run", action="store_true", help="measure and report, write nothing")
    parser.add_argument("--baselines", type=Path, default=BASELINES, help=f"default {BASELINES.name} in tests/baselines")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}: the gates need the shared/ folder beside the repository", file=sys.stderr)
        return 2

    pinned = load_baselines(args.baselines)
    gates = dict(pinned.get("gates", {}))
    today = date.today().isoformat()
    refused = changed = False
    for stale in sorted(set(gates) - set(GATES)) if not args.gate else ():
        print(f"{stale}: no such gate any more, dropped")
        del gates[stale]
        changed = True
    for name in args.gate or list(GATES):
        gate = GATES[name]
        digest = gate.digest()
        measured = gate.measure(args.jobs)
        new = _entry(name, digest, measured, today)
        old = gates.get(name)
        figures = ", ".join(f"{k} {v:.4f}" for k, v in measured.metrics.items())
        if old is None:
            print(f"{name}: new pin {figures} ({measured.documents} documents, {digest[:19]}…)")
            gates[name], changed = new, True
            continue
        corpus = "same corpus" if old.get("digest") == digest else "CORPUS CHANGED"
        worse = {m: (old["metrics"][m], new["metrics"][m]) for m in gate.better
                 if m in old.get("metrics", {}) and gate.worse_by(m, old["metrics"][m], new["metrics"][m]) > 0}
        if {**old, "date": today} == new:
            print(f"{name}: unchanged ({figures}, {corpus}); pinned {old['date']}")
            continue
        if worse and name not in args.accept_lower:
            refused = True
            lines = ", ".join(f"{m} {a:.4f} → {b:.4f}" for m, (a, b) in worse.items())
            print(f"{name}: REFUSED, not lowering the floor ({lines}; {corpus}); the pinned entry of "
                  f"{old['date']} stays. Fix the regression, or if the loss is intended: "
                  f"{REFRESH} --accept-lower {name}")
            continue
        if worse:
            lines = ", ".join(f"{m} {a:.4f} → {b:.4f}" for m, (a, b) in worse.items())
            print(f"{name}: WARNING: lowering the pinned figures as asked (--accept-lower): {lines} ({corpus})")
        else:
            before = ", ".join(f"{m} {old['metrics'].get(m, float('nan')):.4f} → {v:.4f}"
                               for m, v in new["metrics"].items())
            print(f"{name}: re-pinned {before} ({corpus})")
        gates[name], changed = new, True

    if changed and not args.dry_run:
        out = {"about": ("Quality gates of tests/test_quality_gates.py: figures measured by bench/quality.py "
                         f"on ../shared/data, refreshed with `{REFRESH}` (never lowered without "
                         "--accept-lower). A gate fails when a figure is more than `tolerance` worse, or "
                         "when its corpus digest differs."),
               "tolerance": TOLERANCE,
               "gates": {k: gates[k] for k in sorted(gates)}}
        args.baselines.parent.mkdir(parents=True, exist_ok=True)
        args.baselines.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.baselines}")
    elif changed:
        print("dry run: nothing written")
    return 1 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
