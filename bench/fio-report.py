#!/usr/bin/env python3
"""Summarise fio JSON results of two peers and print their ratios.

usage: fio-report.py RESULTS_DIR
RESULTS_DIR holds <peer>-<job>-<round>.json files written by fio --output-format=json;
the rounds of a job are summed.
The first peer named in RESULTS_DIR/peers is the one measured, the second the reference.
"""
import json
import pathlib
import sys

JOBS = [("rand4k-qd32", "4k random read, QD32"),
        ("rand4k-qd1", "4k random read, QD1"),
        ("seq1m-qd8", "1 MiB sequential read, QD8")]


def load(paths):
    """One peer's job over its rounds: IOPS and MB/s over the time of all of
    them, mean completion latency weighted by each round's I/Os."""
    ios = nbytes = ms = lat = 0
    for path in paths:
        read = json.loads(path.read_text())["jobs"][0]["read"]
        ios += read["total_ios"]
        nbytes += read["io_bytes"]
        ms += read["runtime"]
        lat += read["clat_ns"]["mean"] * read["total_ios"]
    return {"iops": ios * 1000 / ms,
            "mbs": nbytes / 1e3 / ms,
            "lat_us": lat / ios / 1e3 if ios else 0}


def main():
    res = pathlib.Path(sys.argv[1])
    peers = (res / "peers").read_text().split()
    print(f"{'job':<28}" + "".join(f"{p:>30}" for p in peers) + f"{'ratio':>10}")
    for job, title in JOBS:
        cells, vals = [], []
        for p in peers:
            files = sorted(res.glob(f"{p}-{job}-*.json"))
            if not files:
                cells.append(f"{'not measured':>30}")
                vals.append(None)
                continue
            r = load(files)
            vals.append(r)
            cells.append(f"{r['iops']:>9.0f} IOPS {r['mbs']:>7.1f} MB/s {r['lat_us']:>6.0f} us")
        ratio = ""
        if len(vals) == 2 and all(vals):
            key = "mbs" if job.startswith("seq") else "iops"
            ratio = f"{vals[0][key] / vals[1][key]:>9.2f}x"
        print(f"{title:<28}" + "".join(cells) + f"{ratio:>10}")


if __name__ == "__main__":
    main()
