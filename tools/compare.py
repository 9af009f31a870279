#!/usr/bin/env python3
"""Joins JSON result lines of dezero-java's Bench and of shared/bench/peers.py into one table.

    python3 tools/compare.py ours.jsonl peers1.jsonl [peers2.jsonl ...]

Each row is one (workload, dtype, metric, N) with every impl's value and the ratio
dezero-java / impl (for GFLOP/s, impl / dezero-java, so that < 1 always means dezero-java is better).
"""
import json
import sys

HIGHER_IS_BETTER = {"gflops"}
SKIP = {"grad_w", "loss_step1", "loss_step20", "final_avg_loss", "loss_segment1"}


def main(paths):
    rows = {}
    impls = []
    for p in paths:
        with open(p) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                r = json.loads(line)
                key = (r["workload"], r["dtype"], r["metric"], r["params"].get("N"))
                impl = r["impl"]
                if impl not in impls:
                    impls.append(impl)
                rows.setdefault(key, {})[impl] = r["value"]
    others = [i for i in impls if i != "dezero-java"]
    head = ["workload", "dtype", "metric", "dezero-java"] + others + ["ratio vs " + o for o in others]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for key in sorted(rows, key=lambda k: (k[0], k[2], k[1], k[3] or 0)):
        vals = rows[key]
        wl, dt, metric, n = key
        name = wl + ("" if n is None else " N=%d" % n)
        cells = [name, dt, metric, fmt(vals.get("dezero-java"))]
        cells += [fmt(vals.get(o)) for o in others]
        for o in others:
            a, b = vals.get("dezero-java"), vals.get(o)
            if a is None or b is None or metric in SKIP or a == 0 or b == 0:
                cells.append("")
            elif metric in HIGHER_IS_BETTER:
                cells.append("%.2f" % (b / a))
            else:
                cells.append("%.2f" % (a / b))
        print("| " + " | ".join(cells) + " |")


def fmt(v):
    if v is None:
        return "–"
    return "%.4g" % v if abs(v) < 1e4 else "%.0f" % v


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
