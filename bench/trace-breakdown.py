#!/usr/bin/env python3
"""Cut an ftrace text trace of a QD1 fio run into CPU time per I/O by what ran.

usage: trace-breakdown.py NAME=TRACE [NAME=TRACE ...]
Each TRACE holds the block_rq_issue, sched_switch and workqueue_execute_start/_end
events of one peer's run (bench/qd1-breakdown-guest.sh). Between the first and the last
block_rq_issue, every CPU's time goes to the work function its kworker was running, or
else to the task that ran (fio, ksoftirqd, idle, ...), and is divided by the number of
reads issued. The first peer is the one measured, the last the reference: the summary
says how long a cycle the 0.9x IOPS goal allows the first, and how far it is.
"""
import collections
import re
import sys

# what a work function or a task does on this path, in the order printed
WHAT = [
    ("fio", "fio: user space, io_submit, io_getevents"),
    ("blk_mq_run_work_fn", "kblockd: dispatch, queuecommand"),
    ("qla_emu_req_work", "emulated ISP firmware, both ports and switch"),
    ("qla_emu_irq_work", "interrupt: qla2xxx ISR, SCSI and block completion"),
    ("qla_tgt_work", "target engine work: LIO submission, free"),
    ("target_queued_submit_work", "LIO submission work"),
    ("target_complete_ok_work", "LIO completion work: queue_data_in"),
    ("ksoftirqd", "block softirq (ksoftirqd)"),
    ("kworker", "kworkers between work items, wakeups"),
    ("other", "anything else"),
    ("swapper", "idle"),
]

WRITTEN = re.compile(r"entries-in-buffer/entries-written: (\d+)/(\d+)")
EVENT = re.compile(r"^\s*(.+?)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+): (.*)$")


def task_kind(pid, comm):
    if pid == "0":
        return "swapper"
    for kind in ("fio", "ksoftirqd", "kworker", "swapper"):
        if comm.startswith(kind):
            return kind
    return "other"


def breakdown(path):
    """CPU microseconds per read by kind, the cycle (wall microseconds per read),
    the number of reads, and work items and context switches per read."""
    events = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = EVENT.match(line)
            if m:
                events.append(m.groups())
                continue
            m = WRITTEN.search(line)
            if m and m.group(1) != m.group(2):
                raise SystemExit(f"{path}: the trace buffer overflowed ({m.group(1)} of "
                                 f"{m.group(2)} events kept): trace a shorter run")
    issues = [i for i, e in enumerate(events) if e[4] == "block_rq_issue"]
    if len(issues) < 2:
        raise SystemExit(f"{path}: fewer than two block_rq_issue events")
    first, last = issues[0], issues[-1]
    reads = len(issues) - 1
    start = float(events[first][3])
    wall = float(events[last][3]) - start
    count = collections.Counter(e[4] for e in events[first:last + 1])

    spent = collections.Counter()
    state = {}      # cpu -> (time, pid, comm) of its last event, after it
    work_of = {}    # pid -> work function it runs
    for comm, pid, cpu, t, name, rest in events[:last + 1]:
        t = float(t)
        if cpu in state:
            t0, rpid, rcomm = state[cpu]
            if t0 >= start:
                kind = work_of.get(rpid) or task_kind(rpid, rcomm)
                spent[kind if kind in dict(WHAT) else "kworker"] += t - t0
        if name == "workqueue_execute_start":
            work_of[pid] = rest.split("function ")[1].split()[0]
        elif name == "workqueue_execute_end":
            work_of.pop(pid, None)
        elif name == "sched_switch":
            m = re.search(r"next_comm=(.*) next_pid=(\d+)", rest)
            comm, pid = m.group(1), m.group(2)
        state[cpu] = (t, pid, comm)
    per_read = {k: v * 1e6 / reads for k, v in spent.items()}
    hops = (count["workqueue_execute_start"] / reads, count["sched_switch"] / reads)
    return per_read, wall * 1e6 / reads, reads, hops


def main():
    peers = []
    for arg in sys.argv[1:]:
        name, _, path = arg.partition("=")
        if not path:
            raise SystemExit(__doc__)
        peers.append((name, *breakdown(path)))
    if not peers:
        raise SystemExit(__doc__)

    print("CPU time per 4k QD1 read, in microseconds (both vCPUs, traced)")
    print(f"{'':<52}" + "".join(f"{p[0]:>12}" for p in peers))
    busy = [0.0] * len(peers)
    for kind, title in WHAT:
        vals = [p[1].get(kind, 0.0) for p in peers]
        if kind != "swapper":
            busy = [b + v for b, v in zip(busy, vals)]
        if max(vals) >= 0.5:
            print(f"{title:<52}" + "".join(f"{v:>12.1f}" for v in vals))
    print(f"{'busy (all but idle)':<52}" + "".join(f"{b:>12.1f}" for b in busy))
    print(f"{'cycle: wall time per read':<52}" + "".join(f"{p[2]:>12.1f}" for p in peers))
    print(f"{'reads traced':<52}" + "".join(f"{p[3]:>12}" for p in peers))
    print(f"{'work items run per read':<52}" + "".join(f"{p[4][0]:>12.1f}" for p in peers))
    print(f"{'context switches per read':<52}" + "".join(f"{p[4][1]:>12.1f}" for p in peers))

    if len(peers) >= 2:
        me, ref = peers[0], peers[-1]
        allowed = ref[2] / 0.9
        print()
        print(f"{me[0]} at 0.9x {ref[0]}'s IOPS needs a cycle of at most {allowed:.1f} us: "
              f"{allowed - ref[2]:.1f} us more than {ref[0]}'s; "
              f"it takes {me[2] - ref[2]:.1f} us more ({me[2] / ref[2]:.2f}x the cycle, "
              f"{ref[2] / me[2]:.2f}x the IOPS).")
        fw = me[1].get("qla_emu_req_work", 0.0)
        if fw:
            print(f"The emulated ISP firmware alone, the work a card does on its own "
                  f"processor, takes {fw:.1f} us of it.")


if __name__ == "__main__":
    main()
