#!/usr/bin/env python3
"""Reads the runs of bench/scaling.sh and projects the wall time on K gridder machines.

usage: scaling_model.py OUT_DIR MS K1 K2 ...   (env BANDWIDTH_MBS, PARTITION_MBS)

Measured (one grid consumer, so every task's seconds are solo seconds):
  per run: wall (client: tar, upload, job, download), each stage's serial time, each task's
  seconds, transfer seconds and bytes.
Model for K machines and K partitions (Amdahl, transfers at BANDWIDTH_MBS per machine):
  T(K) = client + partition + clean + restore                      (serial, as measured)
       + sum over grid stages of [ compute(K) + transfer(K) + gather(K) ]
  compute(K)  = a + b * visibilities/K + c * planes(K)   (least squares over all measured grid tasks;
                planes(K) = P/K + S for w partitions, P for time: the w-planes a part reaches, when
                the slabs are balanced; the per-run lines print the measured balance)
  transfer(K) = (sub-MS bytes / K, first stage only: later cycles use the cache) / bandwidth
              + partial image bytes / bandwidth
  gather(K)   = o + g * K    (controller time of a stage beyond its longest task, fitted over K)
"""
import json
import os
import re
import sys

import numpy as np


def wall_of(time_file):
    text = open(time_file).read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    s = 0.0
    for part in m.group(1).split(":"):
        s = s * 60 + float(part)
    return s


def load(path):
    with open(path) as f:
        return json.load(f)


def fit_compute(rows):
    """compute = a + b * visibilities + c * planes, least squares with a, b, c >= 0 (the best of the
    term subsets whose fit has no negative coefficient)."""
    x = np.array([[1.0, r[0], r[1]] for r in rows])
    y = np.array([r[2] for r in rows])
    best, best_err = (0.0, 0.0, 0.0), float("inf")
    for subset in ([0, 1, 2], [1, 2], [0, 1], [0, 2], [1], [2], [0]):
        coef, *_ = np.linalg.lstsq(x[:, subset], y, rcond=None)
        if (coef < 0).any():
            continue
        err = float(np.sum((x[:, subset] @ coef - y) ** 2))
        if err < best_err - 1e-12:
            full = [0.0, 0.0, 0.0]
            for i, v in zip(subset, coef):
                full[i] = float(v)
            best, best_err = tuple(full), err
    return best


def rate(mb, seconds):
    return f"{mb:.0f} MB in {seconds:.2f} s = {mb / seconds:.0f} MB/s" if seconds > 0 else f"{mb:.0f} MB"


def print_hops(log, pfacts, image_tasks, restores):
    """Each hop of the data path in MB/s: the client's lines (PipelineRun), then the tasks' facts
    (a download is timed from open to close, so it includes the extraction that reads it)."""
    text = open(log).read() if os.path.exists(log) else ""
    m = re.search(r"tar \+ upload (\d+) MB in ([\d.]+) s", text)
    hops = []
    if m:
        hops.append(("client tar + upload", rate(float(m.group(1)), float(m.group(2)))))
    hops.append(("partitioner download + extract", rate(pfacts.get("bytesIn", 0) / 1e6, pfacts.get("downloadSeconds", 0))))
    hops.append(("split (write sub-MSs, ship overlapped)", f"{pfacts.get('splitSeconds', 0):.2f} s"))
    hops.append(("sub-MS tar + upload (overlaps the split)",
                 rate(pfacts.get("bytesOut", 0) / 1e6, pfacts.get("uploadSeconds", 0))))
    down = sum(t["facts"].get("downloadSeconds", 0) for t in image_tasks)
    down_mb = sum(t["facts"].get("bytesIn", 0) for t in image_tasks) / 1e6
    hops.append(("gridders download + extract (sum)", rate(down_mb, down)))
    up = sum(t["facts"].get("uploadSeconds", 0) for t in image_tasks)
    up_mb = sum(t["facts"].get("bytesOut", 0) for t in image_tasks) / 1e6
    hops.append(("gridders partial-image upload (sum)", rate(up_mb, up)))
    for st in restores:
        for t in st["tasks"]:
            f = t["facts"]
            hops.append(("restore download", rate(f.get("bytesIn", 0) / 1e6, f.get("downloadSeconds", 0))))
            hops.append(("restore upload of the FITS", rate(f.get("bytesOut", 0) / 1e6, f.get("uploadSeconds", 0))))
    m = re.search(r"downloaded the results \((\d+) MB in ([\d.]+) s", text)
    if m:
        hops.append(("client download of the results", rate(float(m.group(1)), float(m.group(2)))))
    for name, value in hops:
        print(f"  hop {name:42s} {value}")


def main():
    out, ms = sys.argv[1], sys.argv[2]
    ks = [int(k) for k in sys.argv[3:]]
    bandwidth = float(os.environ.get("BANDWIDTH_MBS", "1000")) * 1e6
    partition_rate = os.environ.get("PARTITION_MBS")
    ms_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ms) for f in fs)

    ref = load(f"{out}/inprocess-summary.json")
    ref_wall = wall_of(f"{out}/inprocess.time")
    ref_image = ref["stageSeconds"].get("image", 0.0)
    print(f"MS {ms}: {ms_bytes / 1e6:.0f} MB, {ref.get('visibilitiesUsed', 0)} visibilities used")
    print(f"in process: wall {ref_wall:.1f} s, PSF + dirty (image stage) {ref_image:.1f} s, "
          f"stages {json.dumps({k: round(v, 2) for k, v in ref['stageSeconds'].items()})}")
    print()

    rows = []          # grid tasks for the fit: (visibilities, planes, compute seconds)
    overheads = []     # (K, controller seconds of a grid stage beyond its longest task)
    runs = {}
    for k in ks:
        s = load(f"{out}/k{k}-summary.json")
        wall = wall_of(f"{out}/k{k}.time")
        job_wall = s["totals"]["wallSeconds"]
        stages = s["stages"]
        part = next(st for st in stages if st["stage"] == "partition")
        pfacts = part["tasks"][0]["facts"]
        part_planes = pfacts.get("partWPlanes") or [pfacts.get("wPlanes", 0)] * k
        planes = pfacts.get("wPlanes", 0)
        grid_stages = [st for st in stages if st["stage"] in ("weights", "image", "residual")]
        by_stage = {}
        bytes_moved = 0
        for st in stages:
            tasks = st["tasks"]
            secs = [t["seconds"] for t in tasks]
            by_stage.setdefault(st["stage"], []).append(st)
            for t in tasks:
                f = t["facts"]
                bytes_moved += f.get("bytesIn", 0) + f.get("bytesOut", 0)
            if st in grid_stages and st["wallSeconds"] is not None and secs:
                overheads.append((k, max(0.0, st["wallSeconds"] - sum(secs))))
        image_tasks = [t for st in by_stage.get("image", []) for t in st["tasks"]]
        for t in image_tasks:
            f = t["facts"]
            compute = t["seconds"] - f.get("downloadSeconds", 0) - f.get("uploadSeconds", 0)
            rows.append((f.get("visibilitiesUsed", 0), part_planes[t["part"]], compute))
        runs[k] = dict(wall=wall, job_wall=job_wall, stages=by_stage, partition=part["tasks"][0],
                       planes=planes, part_planes=part_planes, bytes=bytes_moved, image_tasks=image_tasks)

        grid_sum = sum(t["seconds"] for t in image_tasks)
        print(f"K = {k}: wall {wall:.1f} s ({wall / ref_wall:.2f} x in process), job {job_wall:.1f} s, "
              f"client (tar, upload, download, follow) {wall - job_wall:.1f} s")
        pt = part["tasks"][0]
        print(f"  partition {pt['seconds']:.1f} s = {ms_bytes / 1e6 / pt['seconds']:.1f} MB/s of MS "
              f"(download {pt['facts'].get('downloadSeconds', 0):.1f} s, upload {pt['facts'].get('uploadSeconds', 0):.1f} s, "
              f"{pt['facts'].get('bytesOut', 0) / 1e6:.0f} MB out); by {pfacts.get('by')}, "
              f"w-planes {planes}, per part {part_planes}, gridding share {pfacts.get('griddingShare', 1):.2f}")
        print_hops(f"{out}/k{k}.log", pt["facts"], image_tasks, by_stage.get("restore", []))
        for name in ("weights", "image", "clean", "residual", "restore"):
            for st in by_stage.get(name, []):
                secs = [t["seconds"] for t in st["tasks"]]
                tx = sum(t["facts"].get("downloadSeconds", 0) + t["facts"].get("uploadSeconds", 0) for t in st["tasks"])
                mb = sum(t["facts"].get("bytesIn", 0) + t["facts"].get("bytesOut", 0) for t in st["tasks"]) / 1e6
                wall_s = st["wallSeconds"] or 0
                print(f"  {name:8s} cycle {st['cycle']}: stage {wall_s:.2f} s, tasks {' '.join(f'{x:.2f}' for x in secs)} s "
                      f"(sum {sum(secs):.2f}, transfers {tx:.2f} s, {mb:.1f} MB), controller {max(0, wall_s - sum(secs)):.2f} s")
        secs = [t["seconds"] for t in image_tasks]
        k1 = runs[min(ks)]["image_tasks"]
        k1_sum = sum(t["seconds"] for t in k1)
        print(f"  sum of IMAGE (PSF + dirty) task seconds {grid_sum:.1f} s = {grid_sum / ref_image:.2f} x in-process PSF + dirty"
              f" ({grid_sum / k1_sum:.2f} x the K = {min(ks)} run's); longest / mean task {max(secs) / (grid_sum / len(secs)):.2f};"
              f" planes transformed {sum(part_planes)} = {sum(part_planes) / planes:.2f} x the stack;"
              f" bytes moved by all tasks {bytes_moved / 1e6:.0f} MB")
        print()

    a, b, c = fit_compute(rows)
    kmax = max(ks)
    last = runs[kmax]
    planes = last["planes"]
    by = last["partition"]["facts"].get("by")
    support = max(0.0, (sum(last["part_planes"]) - planes) / kmax) if by in ("w", "channel,w") else None
    if len(overheads) >= 2 and len({k for k, _ in overheads}) >= 2:
        g, o = np.polyfit([k for k, _ in overheads], [v for _, v in overheads], 1)
    else:
        g, o = 0.0, float(np.mean([v for _, v in overheads])) if overheads else 0.0
    one = runs[min(ks)]
    client = one["wall"] - one["job_wall"]
    partition = last["partition"]["seconds"]
    if partition_rate:
        partition = ms_bytes / (float(partition_rate) * 1e6)
    serial = client + partition
    for name in ("clean", "restore"):
        serial += sum(t["seconds"] for st in last["stages"].get(name, []) for t in st["tasks"])
    n_grid = sum(len(last["stages"].get(name, [])) for name in ("image", "residual"))
    visibilities = sum(r[0] for r in rows) / len(ks)  # each run grids all of them once
    image_bytes = np.mean([t["facts"].get("bytesOut", 0) for t in last["image_tasks"]]) / 2
    sub_ms = ms_bytes

    def projected(k):
        reach = planes / k + support if support is not None else planes
        compute = a + b * visibilities / k + c * min(planes, reach)
        first = compute + (sub_ms / k) / bandwidth + 2 * image_bytes / bandwidth + o + g * k
        later = compute + image_bytes / bandwidth + o + g * k
        return serial + first + (n_grid - 1) * later

    print(f"fit over {len(rows)} IMAGE tasks: compute = {a:.2f} s + {b * 1e6:.3f} s per M visibilities "
          f"+ {c:.3f} s per w-plane; w-planes {planes}, support ~{support if support is not None else 'n/a'}")
    print(f"controller per grid stage = {o:.2f} s + {g:.3f} s x K; serial: client {client:.1f} s, partition "
          f"{partition:.1f} s{' (at PARTITION_MBS)' if partition_rate else ' (measured)'}, clean + restore "
          f"{serial - client - partition:.1f} s; {n_grid} grid stages; bandwidth {bandwidth / 1e6:.0f} MB/s")
    print(f"{'machines':>8} {'wall s':>9} {'speed-up':>9} {'TB/h':>8}")
    for k in (1, 2, 4, 8, 16, 32, 64, 76, 128, 256):
        t = projected(k)
        print(f"{k:8d} {t:9.1f} {ref_wall / t:9.2f} {ms_bytes / t * 3600 / 1e12:8.3f}")
    t76 = projected(76)
    print(f"ingest-to-image at K = 76: {ms_bytes / t76 * 3600 / 1e12:.3f} TB/h for one job at a time "
          f"(HTClean: 1.5 TB/h on 76 GPUs); serial part {serial:.1f} s of {t76:.1f} s")


if __name__ == "__main__":
    main()
