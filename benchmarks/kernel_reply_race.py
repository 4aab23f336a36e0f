"""Does the kernel leave a shell request unread when it arrives during a reply? (Not CI.)

The Run All stalls of the browser test come down to one kernel-level race: ipykernel
7.0-7.3 sends shell replies with a raw ``send_multipart`` on the ROUTER socket that a
``ZMQStream`` reads requests from; the send consumes the socket's edge-triggered
wake-up, so a request that lands in that instant is not read until some later message
arrives (ipython/ipykernel#1554, fixed by #1529 in 7.4.0). JupyterLab sends every cell
of a Run All at once and nothing after the last, so the last request waits forever.

This script reproduces it without a browser: it starts the kernel of the Python it runs
under and sends ``--bursts`` bursts of ``--burst`` one-line cells (0-``--max-gap-ms``
apart, as Run All sends them), then waits ``--timeout`` seconds for every reply. When
some are missing it sends a ``kernel_info_request``: if the missing replies then
arrive, the requests were sitting unread (stalled); if not, the shell is wedged and the
kernel is restarted. Compare Pythons with different ipykernels under the same load:

    .venv/bin/python -m benchmarks.kernel_reply_race --bursts 60
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from queue import Empty


def _collect_replies(client, msg_ids: list[str], timeout: float) -> set[str]:
    """The ids among ``msg_ids`` whose shell reply arrives within ``timeout`` seconds."""
    answered: set[str] = set()
    deadline = time.monotonic() + timeout
    while len(answered) < len(msg_ids) and (left := deadline - time.monotonic()) > 0:
        try:
            reply = client.get_shell_msg(timeout=left)
        except Empty:
            break
        if reply["parent_header"].get("msg_id") in msg_ids:
            answered.add(reply["parent_header"]["msg_id"])
    return answered


def _iopub_trace(client, msg_ids: list[str]) -> dict[int, str]:
    """What IOPub said about each cell of the burst, e.g. ``{1: "busy>execute_input>idle"}``."""
    index = {msg_id: i for i, msg_id in enumerate(msg_ids, start=1)}
    trace: dict[int, list[str]] = {i: [] for i in index.values()}
    while True:
        try:
            message = client.get_iopub_msg(timeout=0.2)
        except Empty:
            break
        cell = index.get(message["parent_header"].get("msg_id"))
        if cell:
            content = message["content"]
            trace[cell].append(content.get("execution_state") or message["msg_type"])
    return {cell: ">".join(events) or "nothing" for cell, events in trace.items()}


def _burst(client, rng: random.Random, burst: int, max_gap_ms: float) -> list[str]:
    """Send ``burst`` quick cells in one go, as Run All does."""
    msg_ids = []
    for cell in range(burst):
        if cell:
            time.sleep(rng.uniform(0, max_gap_ms) / 1000)
        msg_ids.append(client.execute(f"x = {cell}"))
    return msg_ids


def race(bursts: int, burst: int, max_gap_ms: float, timeout: float, seed: int) -> dict:
    """Send ``bursts`` bursts of requests; count those left unanswered."""
    import ipykernel
    from jupyter_client.manager import start_new_kernel

    rng = random.Random(seed)
    start = {"kernel_name": "python3", "extra_arguments": ["--IPKernelApp.log_level=ERROR"]}
    manager, client = start_new_kernel(**start)
    outcomes = {"ok": 0, "stalled, woken by the next message": 0, "wedged, kernel restarted": 0}
    stalls = []
    try:
        for number in range(bursts):
            msg_ids = _burst(client, rng, burst, max_gap_ms)
            answered = _collect_replies(client, msg_ids, timeout)
            if len(answered) == len(msg_ids):
                outcomes["ok"] += 1
                _iopub_trace(client, msg_ids)  # read IOPub so the next trace starts clean
                continue
            missing = [i for i, m in enumerate(msg_ids, start=1) if m not in answered]
            iopub = _iopub_trace(client, msg_ids)
            # Any later message should wake the shell stream: the stuck requests then run.
            client.kernel_info()
            answered |= _collect_replies(client, msg_ids, 10)
            woken = len(answered) == len(msg_ids)
            stalls.append(
                {"burst": number, "unanswered_cells": missing, "iopub": iopub, "woken": woken}
            )
            if woken:
                outcomes["stalled, woken by the next message"] += 1
            else:
                outcomes["wedged, kernel restarted"] += 1
                client.stop_channels()
                manager.shutdown_kernel(now=True)
                manager, client = start_new_kernel(**start)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return {
        "python": sys.executable,
        "ipykernel": ipykernel.__version__,
        "bursts": bursts,
        "cells_per_burst": burst,
        "outcomes": outcomes,
        "stalls": stalls[:20],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bursts", type=int, default=100)
    parser.add_argument("--burst", type=int, default=12, help="requests sent in one go")
    parser.add_argument("--max-gap-ms", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to call it stuck")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    result = race(args.bursts, args.burst, args.max_gap_ms, args.timeout, args.seed)
    print(json.dumps(result))
    return 0 if result["outcomes"]["ok"] == args.bursts else 1


if __name__ == "__main__":
    raise SystemExit(main())
