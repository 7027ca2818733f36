#!/usr/bin/env python3
"""CPU time spent inside chosen work functions, from an ftrace text trace.

usage: work-cpu.py TRACE PATTERN [EXCLUDE]
TRACE holds the sched_switch and workqueue_execute_start/_end events of a run. Each
CPU's time between two of its events goes to the task that ran there; it counts when
that task is a kworker inside a work function whose name matches the regular expression
PATTERN and not EXCLUDE. Time a kworker spends switched out in the middle of a work
item (preempted, or asleep on a mutex) does not count. Prints a JSON object: the
seconds counted, the work items counted, the seconds traced (first to last event).
"""
import json
import re
import sys

WRITTEN = re.compile(r"entries-in-buffer/entries-written: (\d+)/(\d+)")
EVENT = re.compile(r"^\s*.+?-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+): (.*)$")
NEXT_PID = re.compile(r"next_pid=(\d+)")


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    path, pattern = sys.argv[1], re.compile(sys.argv[2])
    exclude = re.compile(sys.argv[3]) if len(sys.argv) == 4 else None

    spent = 0.0
    items = 0
    first = last = None
    on_cpu = {}     # cpu -> (time of its last event, pid running after it)
    work_of = {}    # pid -> True while it runs a counted work function
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = EVENT.match(line)
            if not m:
                m = WRITTEN.search(line)
                if m and m.group(1) != m.group(2):
                    raise SystemExit(f"{path}: the trace buffer overflowed ({m.group(1)} "
                                     f"of {m.group(2)} events kept)")
                continue
            pid, cpu, t, name, rest = m.groups()
            t = float(t)
            first = t if first is None else first
            last = t
            if cpu in on_cpu:
                t0, running = on_cpu[cpu]
                if work_of.get(running):
                    spent += t - t0
            if name == "workqueue_execute_start":
                fn = rest.split("function ", 1)[1].split()[0].rstrip(",")
                counted = bool(pattern.search(fn)) and not (exclude and exclude.search(fn))
                work_of[pid] = counted
                items += counted
            elif name == "workqueue_execute_end":
                work_of.pop(pid, None)
            elif name == "sched_switch":
                pid = NEXT_PID.search(rest).group(1)
            on_cpu[cpu] = (t, pid)
    json.dump({"seconds": spent, "items": items,
               "traced_seconds": (last - first) if first is not None else 0.0},
              sys.stdout)
    print()


if __name__ == "__main__":
    main()
