#!/usr/bin/python3
"""Plots test accuracy against rounds, simulated time and bytes sent, from dlsim runs or a sweep.

  scripts/plot.py INPUT... [--by KEY[,KEY...]] [--out PREFIX] [--title TEXT]

An INPUT is a run folder (its rounds.csv: one line per run), or a sweep folder or its sweep.csv
(one line per combination of the swept values, its mean over the seeds with a band from the lowest
to the highest seed). --by keeps only these swept keys apart and pools the runs over the others.
Writes PREFIX.png and PREFIX.pdf (default: accuracy). Uses Debian's python3-matplotlib.
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

AXES = [("round", "round", 1), ("sim_time_s", "simulated time (s)", 1), ("bytes_total", None, None)]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def evaluated(rows):
    return [r for r in rows if r["test_accuracy"] != ""]


def load(inputs, by):
    """Returns [(label, [runs])], each run a list of its evaluated rounds.csv rows."""
    groups = {}
    for path in inputs:
        if os.path.isdir(path) and os.path.exists(os.path.join(path, "sweep.csv")):
            path = os.path.join(path, "sweep.csv")
        if os.path.isdir(path):
            rows = read_csv(os.path.join(path, "rounds.csv"))
            groups.setdefault(os.path.basename(os.path.normpath(path)), []).append(evaluated(rows))
            continue
        rows = read_csv(path)
        if not rows:
            sys.exit(f"plot: {path} has no rows")
        columns = list(rows[0])
        if columns[0] == "round":  # a run's rounds.csv
            groups.setdefault(path, []).append(evaluated(rows))
            continue
        # A sweep: the columns before "round" are the swept keys, then the seed.
        leading = columns[: columns.index("round")]
        keys = [k for k in leading if k != "seed"]
        if by:
            unknown = [k for k in by if k not in keys]
            if unknown:
                sys.exit(f"plot: --by {','.join(unknown)}: not swept in {path} ({', '.join(keys)})")
            keys = by
        # Keys with a single value in the whole sweep say nothing in a legend.
        shown = [k for k in keys if len({r[k] for r in rows}) > 1] or keys
        runs = {}
        for r in rows:
            runs.setdefault(tuple(r[k] for k in leading), []).append(r)
        for run, run_rows in runs.items():
            values = dict(zip(leading, run))
            label = ", ".join(f"{k}={values[k]}" for k in shown) or os.path.basename(path)
            groups.setdefault(label, []).append(evaluated(run_rows))
    return list(groups.items())


def bytes_unit(groups):
    largest = max(float(r["bytes_total"]) for _, runs in groups for run in runs for r in run)
    for unit, scale in [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)]:
        if largest >= scale:
            return unit, scale
    return "B", 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="run folders, sweep folders or sweep.csv files")
    parser.add_argument("--by", default="", help="swept keys to draw apart (default: all)")
    parser.add_argument("--out", default="accuracy", help="output prefix (.png and .pdf)")
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    groups = load(args.inputs, [k for k in args.by.split(",") if k])
    if not any(run for _, runs in groups for run in runs):
        sys.exit("plot: no evaluated round in the inputs (eval.every)")
    unit, scale = bytes_unit(groups)
    axes_spec = AXES[:2] + [("bytes_total", f"bytes sent, all nodes ({unit})", scale)]

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharey=True)
    for label, runs in groups:
        # Runs of a group are evaluated at the same rounds; keep the rounds all of them reached.
        rounds = sorted(set.intersection(*({r["round"] for r in run} for run in runs)), key=int)
        at = [{r["round"]: r for r in run} for run in runs]
        accuracy = [[float(a[k]["test_accuracy"]) for a in at] for k in rounds]
        mean = [sum(v) / len(v) for v in accuracy]
        color = None
        for ax, (column, _, divisor) in zip(axes, axes_spec):
            x = [sum(float(a[k][column]) for a in at) / len(at) / divisor for k in rounds]
            (line,) = ax.plot(x, mean, marker=".", label=label, color=color)
            color = line.get_color()
            if len(runs) > 1:
                ax.fill_between(x, [min(v) for v in accuracy], [max(v) for v in accuracy],
                                color=color, alpha=0.2, linewidth=0)
    for ax, (_, xlabel, _) in zip(axes, axes_spec):
        ax.set_xlabel(xlabel)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("test accuracy (mean of nodes)")
    axes[-1].legend(fontsize="small")
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout()
    for ext in ("png", "pdf"):
        fig.savefig(f"{args.out}.{ext}", dpi=120)
    print(f"plot: {args.out}.png, {args.out}.pdf", file=sys.stderr)


if __name__ == "__main__":
    main()
