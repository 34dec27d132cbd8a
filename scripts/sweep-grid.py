#!/usr/bin/env python3
"""The tables of a sweep (python3 standard library only), used by scripts/sweep.sh.

  sweep-grid.py expand OUT SEEDS KEY=V1,V2...   write OUT/points.tsv: one row per grid point and
                                                seed (run folder, swept values, seed)
  sweep-grid.py combine OUT                     write OUT/sweep.csv from every finished run's
                                                rounds.csv, swept values and seed leading
"""
import csv
import io
import itertools
import os
import re
import sys


def split_values(text):
    """Splits V1,V2,... at the commas that are not inside JSON brackets, braces or strings."""
    values, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(text):
        if quoted:
            quoted = c != '"' or text[i - 1] == "\\"
        elif c == '"':
            quoted = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "," and depth == 0:
            values.append(text[start:i])
            start = i + 1
    values.append(text[start:])
    return values


def fail(message):
    sys.exit(f"sweep: {message}")


def parse_axis(arg):
    key, sep, values = arg.partition("=")
    if not sep or not key or not values:
        fail(f'"{arg}": expected KEY=VALUE[,VALUE...]')
    if key == "seed":
        fail("seed cannot be swept as a key: use --seeds N")
    values = split_values(values)
    for v in values:
        if v == "" or "\t" in v or "\n" in v:
            fail(f"{key}: empty value or one with a tab or newline in {arg!r}")
    if len(set(values)) != len(values):
        fail(f"{key}: a value is repeated in {arg!r}")
    return key, values


def folder_part(key, value):
    """KEY=VALUE for a folder name: JSON brackets and quotes dropped, other symbols made -."""
    value = re.sub(r'[^A-Za-z0-9.+-]', "-", re.sub(r'[][{}" ]', "", value))
    return f"{key}={value}"


def write_atomically(path, text):
    temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.partial")
    with open(temporary, "w", newline="") as f:
        f.write(text)
    os.replace(temporary, path)


def expand(out, seeds, axes):
    keys, value_lists = [], []
    for arg in axes:
        key, values = parse_axis(arg)
        if key in keys:
            fail(f"{key} is given twice")
        keys.append(key)
        value_lists.append(values)
    lines = ["\t".join(["run"] + keys + ["seed"])]
    folders = set()
    for point in itertools.product(*value_lists):
        for seed in range(1, seeds + 1):
            folder = "_".join([folder_part(k, v) for k, v in zip(keys, point)] + [f"seed={seed}"])
            if folder in folders:
                fail(f"two points would share the folder {folder}: make the values differ in "
                     "letters or digits")
            folders.add(folder)
            lines.append("\t".join([folder, *point, str(seed)]))
    text = "\n".join(lines) + "\n"
    path = os.path.join(out, "points.tsv")
    # A rerun must be the same sweep: its joblog and run folders are numbered by these points.
    if os.path.exists(path):
        with open(path) as f:
            if f.read() != text:
                fail(f"{out} holds another sweep (its points.tsv differs): choose another --out")
        return
    write_atomically(path, text)


def read_points(out):
    with open(os.path.join(out, "points.tsv"), newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def combine(out):
    header, points = read_points(out)
    leading = header[1:]  # swept keys, then seed
    rows, columns = [], None
    for point in points:
        run = os.path.join(out, "runs", point[0])
        if not os.path.exists(os.path.join(run, "summary.json")):
            continue  # not finished: its rounds.csv may be stale
        with open(os.path.join(run, "rounds.csv"), newline="") as f:
            reader = csv.reader(f)
            run_columns = next(reader)
            if columns is None:
                columns = run_columns
            elif run_columns != columns:
                fail(f"{run}/rounds.csv has other columns than the runs before it")
            rows.extend(point[1:] + row for row in reader)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(leading + (columns or []))
    writer.writerows(rows)
    write_atomically(os.path.join(out, "sweep.csv"), text.getvalue())


def main(argv):
    if len(argv) >= 4 and argv[1] == "expand" and argv[3].isdigit() and int(argv[3]) >= 1:
        expand(argv[2], int(argv[3]), argv[4:])
    elif len(argv) == 3 and argv[1] == "combine":
        combine(argv[2])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv)
