#!/usr/bin/env python3
"""Summarises a Spark event log by job description: where a Sparsify job spends its time.

Usage:
    deploy/bench/eventlog_summary.py EVENT_LOG_FILE

Sparsify's jobs name each Spark job after their step ("load", "sampled embed pass 12",
"sampled k-means", ...). This script groups the jobs of an uncompressed event log by that
description and folds the eigensolver passes after the first into one line per pipeline. Per
group it prints jobs, wall time, tasks, executor run and CPU time, JVM GC time and shuffle bytes
written. Executor run time above the wall time means several cores were busy.

Write an event log with, for example:
    JAVA_TOOL_OPTIONS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:/tmp/evlog \
        -Dspark.eventLog.compress=false" deploy/sparsify-local spectral ...
"""
import collections
import json
import re
import sys


def summarise(path):
    jobs = {}
    stage_metrics = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as log:
        for number, line in enumerate(log, 1):
            try:
                event = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: not a JSON event ({error}); is the log compressed?")
            kind = event.get("Event")
            if kind == "SparkListenerJobStart":
                description = event.get("Properties", {}).get("spark.job.description", "(no description)")
                jobs[event["Job ID"]] = {"start": event["Submission Time"], "end": None,
                                         "description": description, "stages": event["Stage IDs"]}
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in jobs:
                jobs[event["Job ID"]]["end"] = event["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                stage = stage_metrics[event["Stage ID"]]
                stage["tasks"] += 1
                stage["run_ms"] += metrics.get("Executor Run Time", 0)
                stage["cpu_ms"] += metrics.get("Executor CPU Time", 0) / 1e6
                stage["gc_ms"] += metrics.get("JVM GC Time", 0)
                stage["shuffle_bytes"] += metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
    if not jobs:
        sys.exit(f"{path}: no job events found; pass the events file of one application")

    groups = collections.OrderedDict()
    for _, job in sorted(jobs.items()):
        match = re.fullmatch(r"(.*) embed pass (\d+)", job["description"])
        key = job["description"]
        if match and int(match.group(2)) > 1:
            key = match.group(1) + " embed passes 2 and later"
        group = groups.setdefault(key, collections.Counter())
        group["jobs"] += 1
        if job["end"] is not None:
            group["wall_ms"] += job["end"] - job["start"]
        for stage_id in job["stages"]:
            group.update(stage_metrics.get(stage_id, {}))

    header = f"{'step':45s} {'jobs':>5s} {'wall s':>8s} {'tasks':>6s} {'run s':>8s} {'cpu s':>8s} {'gc s':>6s} {'shuffle MB':>11s}"
    print(header)
    for key, group in groups.items():
        print(f"{key[:45]:45s} {group['jobs']:5d} {group['wall_ms'] / 1000:8.1f} {group['tasks']:6d} "
              f"{group['run_ms'] / 1000:8.1f} {group['cpu_ms'] / 1000:8.1f} {group['gc_ms'] / 1000:6.1f} "
              f"{group['shuffle_bytes'] / 1e6:11.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        summarise(sys.argv[1])
    except OSError as error:
        sys.exit(f"cannot read the event log: {error}")
