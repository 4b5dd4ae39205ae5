#!/usr/bin/env python3
"""Compare a datalint build with the hand-labelled calibration panel.

    python3 tests/calibration/check.py [BINARY] [DATA_DIR]

BINARY defaults to target/release/datalint, DATA_DIR to ../shared/data. Runs
`datalint check FILE --format json` (default options) on every file of the panel,
matches each finding to a panel entry (id + columns + title, numbers masked, entry
title as a prefix), and prints the signal rate of error and warning findings per file
and overall, the gate (worst severity), findings that are new (to be judged by hand)
and labelled findings that are gone. Exits 1 when a finding labelled `false` comes back.
Standard library only.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def mask(title):
    return re.sub(r"\d[\d,.]*", "#", title)


def matches(entry, finding):
    return (
        entry["id"] == finding["id"]
        and entry["columns"] == finding["columns"]
        and mask(finding["title"]).startswith(mask(entry["title"]))
    )


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/datalint")
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "../shared/data")
    panel = json.load(open(os.path.join(HERE, "panel.json")))
    total_sig = total_gate = 0
    false_back = []
    print(f"{'file':40} {'signal':>6} / {'err+warn':>8}  {'rate':>6}  gate   new gone")
    for name, entries in panel["files"].items():
        out = subprocess.run(
            [binary, "check", os.path.join(data, name), "--format", "json", "--no-progress"],
            capture_output=True, text=True,
        )
        report = json.loads(out.stdout)
        unused = list(entries)
        sig = gated = 0
        new = []
        for f in report["findings"]:
            hit = next((e for e in unused if matches(e, f)), None)
            if hit is None:
                new.append(f)
                continue
            unused.remove(hit)
            label = hit["label"]
            if label == "false":
                false_back.append((name, f))
            if f["severity"] in ("error", "warning"):
                gated += 1
                # A label is judged at the severity it was given; a finding whose
                # severity changed since is counted as signal only if it moved to
                # the severity the panel asked for.
                if f["severity"] == hit["severity"] and label == "signal":
                    sig += 1
                elif label == "wrong-severity" and f["severity"] == hit.get("should_be"):
                    sig += 1
        worst = next((s for s in ("error", "warning", "info") if any(f["severity"] == s for f in report["findings"])), "none")
        rate = f"{100 * sig / gated:.0f}%" if gated else "n/a"
        print(f"{name:40} {sig:>6} / {gated:>8}  {rate:>6}  {worst:6} {len(new):>3} {len(unused):>4}")
        for f in new:
            print(f"    new  [{f['severity']}] {f['id']} {f['columns']}: {f['title']}")
        for e in unused:
            print(f"    gone [{e['severity']}] {e['id']} {e['columns']} ({e['label']}): {e['title']}")
        total_sig += sig
        total_gate += gated
    rate = f"{100 * total_sig / total_gate:.0f}%" if total_gate else "n/a"
    print(f"{'overall':40} {total_sig:>6} / {total_gate:>8}  {rate:>6}")
    for name, f in false_back:
        print(f"FALSE FINDING CAME BACK: {name}: [{f['severity']}] {f['id']} {f['columns']}: {f['title']}")
    return 1 if false_back else 0


if __name__ == "__main__":
    sys.exit(main())
