#!/usr/bin/env python3
"""Summarise bench/datapath's fio results and print the ratios between the peers.

usage: fio-report.py RESULTS_DIR
RESULTS_DIR holds, per peer, job and round, <peer>-<job>-<round>.json (fio
--output-format=json) and <peer>-<job>-<round>.stat (/proc/uptime and the "cpu" line
of /proc/stat just before the round's first I/O and after its last); the rounds of a job are summed.
The first peer named in RESULTS_DIR/peers is the one measured, the others references.
For the measured peer, qla2xxx-traced-<job>-1.{json,stat,emu} describe a traced round:
the .emu file (bench/work-cpu.py) gives the CPU time the emulated card's work took, and
its share of the guest's busy CPU in that round is taken off the untraced rounds' CPU
per I/O to give the host's CPU per I/O without the emulated firmware.
"""
import json
import os
import pathlib
import sys

JOBS = [("rand4k-qd32", "4k random read, QD32"),
        ("rand4k-qd1", "4k random read, QD1"),
        ("seq1m-qd8", "1 MiB sequential read, QD8")]
HZ = os.sysconf("SC_CLK_TCK")
UNIT = {"iops": "IOPS", "mbs": "MB/s"}


def busy_seconds(stat_path, cpus):
    """Busy CPU seconds of all CPUs between the two readings of a round (each
    /proc/uptime, then the "cpu" line of /proc/stat): wall time times CPUs, less
    idle and iowait. Not the user and system ticks: a vCPU the host holds off
    misses ticks, so under load they undercount; idle time is kept in ns."""
    lines = stat_path.read_text().splitlines()
    wall = float(lines[2].split()[0]) - float(lines[0].split()[0])
    before, after = (list(map(int, line.split()[1:])) for line in (lines[1], lines[3]))
    idle = (after[3] + after[4] - before[3] - before[4]) / HZ
    return wall * cpus - idle


def fio_read(path):
    text = path.read_text()
    return json.loads(text[text.index("{"):])["jobs"][0]["read"]


def load(paths, cpus):
    """One peer's job over its rounds: IOPS and MB/s over the time of all of
    them, mean completion latency weighted by each round's I/Os, busy CPU
    microseconds of the whole guest per I/O."""
    ios = nbytes = ms = lat = cpu = 0
    for path in paths:
        read = fio_read(path)
        ios += read["total_ios"]
        nbytes += read["io_bytes"]
        ms += read["runtime"]
        lat += read["clat_ns"]["mean"] * read["total_ios"]
        cpu += busy_seconds(path.with_suffix(".stat"), cpus)
    return {"iops": ios * 1000 / ms,
            "mbs": nbytes / 1e3 / ms,
            "lat_us": lat / ios / 1e3 if ios else 0,
            "cpu_us": cpu * 1e6 / ios if ios else 0}


def emu_share(res, peer, job, cpus):
    """The emulated card's share of the guest's busy CPU in the traced round,
    and its CPU microseconds per I/O there; None when not traced."""
    base = res / f"{peer}-traced-{job}-1"
    if not base.with_suffix(".emu").exists():
        return None
    emu = json.loads(base.with_suffix(".emu").read_text())
    busy = busy_seconds(base.with_suffix(".stat"), cpus)
    ios = fio_read(base.with_suffix(".json"))["total_ios"]
    return {"share": emu["seconds"] / busy if busy else 0.0,
            "us_per_io": emu["seconds"] * 1e6 / ios if ios else 0.0,
            "items_per_io": emu["items"] / ios if ios else 0.0}


def main():
    res = pathlib.Path(sys.argv[1])
    peers = (res / "peers").read_text().split()
    me = peers[0]
    cpus = int((res / "cpus").read_text())
    nofw = f"{me}, no firmware"
    print("CPU us/IO: busy CPU time of the whole guest (both vCPUs) per completed I/O.")
    print(f"'{nofw}': the same without the emulated card's work (its share of the")
    print("guest's busy CPU, from one traced round), what a card takes off the host.")
    print()
    head = f"{'job':<28}{'peer':<22}{'IOPS':>9}{'MB/s':>9}{'lat us':>9}{'CPU us/IO':>11}"
    print(head)
    for job, title in JOBS:
        vals = {}
        for p in peers:
            files = sorted(res.glob(f"{p}-{job}-*.json"))
            if files:
                vals[p] = load(files, cpus)
        share = emu_share(res, me, job, cpus)
        for i, p in enumerate(peers):
            label = title if i == 0 else ""
            if p not in vals:
                print(f"{label:<28}{p:<22}{'not measured':>38}")
                continue
            r = vals[p]
            print(f"{label:<28}{p:<22}{r['iops']:>9.0f}{r['mbs']:>9.1f}"
                  f"{r['lat_us']:>9.0f}{r['cpu_us']:>11.1f}")
            if p == me and share:
                r["nofw_us"] = r["cpu_us"] * (1 - share["share"])
                print(f"{'':<28}{nofw:<22}{'':>27}{r['nofw_us']:>11.1f}"
                      f"   (firmware {share['share'] * 100:.0f}% of the CPU, "
                      f"{share['us_per_io']:.1f} us/IO traced, "
                      f"{share['items_per_io']:.1f} work items/IO)")
        if me not in vals:
            continue
        key = "mbs" if job.startswith("seq") else "iops"
        for p in peers[1:]:
            if p not in vals:
                continue
            m, r = vals[me], vals[p]
            line = (f"{'':<28}{me + ' / ' + p:<22}{UNIT[key]:>9}"
                    f" {m[key] / r[key]:.2f}x   CPU per I/O {m['cpu_us'] / r['cpu_us']:.2f}x")
            if "nofw_us" in m:
                line += f", without firmware {m['nofw_us'] / r['cpu_us']:.2f}x"
            print(line)


if __name__ == "__main__":
    main()
