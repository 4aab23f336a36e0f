"""Drive JupyterLab in headless Chromium and record the kernel's channel traffic.

Shared by the browser test (``tests/test_browser.py``) and the Run All stress check
(``benchmarks/stress_run_all.py``). Every WebSocket frame between the page and the
kernel is decoded (JupyterLab's ``v1.kernel.websocket.jupyter.org`` binary format, or
plain JSON) into one small record, so a run's progress and its failures are judged
from the kernel's own messages: ``execute_request`` sent, ``execute_reply`` received,
``status`` busy/idle on IOPub.

Debian's ``chromium`` is driven through ``executable_path``; no browser is downloaded.

Why in the package: the test and the benchmark both drive the browser, and ``tests/``
and ``benchmarks/`` never import each other, so the driver lives in the one place both
import. Nothing in the package imports it, and Playwright (a development dependency) is
only used through the objects its callers pass in.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from reaching for the internet (and let it run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# User settings for the driven JupyterLab: start the notebook's kernel without asking,
# and never fetch news.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
# A run counts as stalled when the kernel has said it is idle, requests are still
# unanswered, and nothing has arrived for this long (a busy kernel is never stalled).
STALL_SECONDS = 30


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server: its process, address, token and log file."""

    process: subprocess.Popen
    base: str
    token: str
    log_path: Path

    def notebook_url(self, name: str, workspace: str) -> str:
        """URL opening ``notebooks/<name>`` alone in a fresh, reset workspace."""
        return (
            f"{self.base}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset&token={self.token}"
        )

    def shut_down_kernels(self) -> None:
        """Shut down every session's kernel, as closing and shutting a notebook does."""
        with urllib.request.urlopen(f"{self.base}/api/sessions?token={self.token}") as response:
            sessions = json.load(response)
        for session in sessions:
            request = urllib.request.Request(
                f"{self.base}/api/sessions/{session['id']}?token={self.token}", method="DELETE"
            )
            urllib.request.urlopen(request, timeout=60).close()

    def stop(self) -> None:
        """Terminate the server (and so its kernels)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_lab(root: Path, home: Path, env: dict[str, str], log_path: Path) -> Lab:
    """Start JupyterLab on ``root`` (which holds ``notebooks/``) on a free loopback port.

    ``home`` receives a private config, runtime and settings folder; the server log
    (INFO level: connections, buffering and replays of kernel messages) goes to
    ``log_path``.
    """
    port, token = free_port(), secrets.token_hex(16)
    _write_lab_settings(home / "settings")
    env = {
        **os.environ,
        **env,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - owned by the process
    process = subprocess.Popen(
        [
            # -m jupyterlab, not -m jupyter lab: the latter runs the jupyter-lab script
            # found on disk, whose #! may name another Python than this one.
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--allow-root",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    lab = Lab(process, f"http://127.0.0.1:{port}", token, log_path)
    try:
        _wait_for_server(f"{lab.base}/api/status?token={token}", process)
    except BaseException:
        lab.stop()
        raise
    return lab


def _write_lab_settings(folder: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def _wait_for_server(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer at {url} within {timeout} s")


def launch_browser(playwright):
    """Debian's Chromium, headless; launch() gives it a fresh temporary profile."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# -- kernel traffic ------------------------------------------------------------------


def decode_frame(payload: bytes | str) -> dict:
    """The channel and message fields of one kernel WebSocket frame.

    JupyterLab 4 speaks ``v1.kernel.websocket.jupyter.org``: a count of offsets, the
    offsets (little-endian uint64), then the channel name and the message parts
    (header, parent header, metadata, content, buffers). Older clients send JSON.
    """
    if isinstance(payload, str):
        message = json.loads(payload)
        channel = message.get("channel", "")
        header, parent, content = (
            message.get(k) or {} for k in ("header", "parent_header", "content")
        )
    else:
        n_offsets = int.from_bytes(payload[:8], "little")
        offsets = [
            int.from_bytes(payload[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n_offsets)
        ]
        parts = [payload[offsets[i] : offsets[i + 1]] for i in range(n_offsets - 1)]
        channel = parts[0].decode("utf-8")
        header, parent, _, content = (json.loads(p or b"{}") for p in parts[1:5])
    return {
        "channel": channel,
        "msg_type": header.get("msg_type"),
        "msg_id": header.get("msg_id"),
        "parent_id": parent.get("msg_id"),
        "parent_type": parent.get("msg_type"),
        "state": content.get("execution_state"),
        "status": content.get("status"),
        "execution_count": content.get("execution_count"),
        "code": (content.get("code") or "")[:80] or None,
    }


@dataclass
class KernelTraffic:
    """Every kernel WebSocket frame a page sends or receives, decoded, with timestamps."""

    frames: list[dict] = field(default_factory=list)
    t0: float = field(default_factory=time.monotonic)
    n_sockets: int = 0

    def attach(self, page) -> None:
        """Record the kernel channels of ``page`` from now on."""
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket) -> None:
        if "/api/kernels/" not in websocket.url:
            return
        self.n_sockets += 1
        socket_no = self.n_sockets
        self._event(socket_no, "open", url=re.sub(r"token=\w+", "token=…", websocket.url))
        websocket.on("framesent", lambda payload: self._frame(socket_no, "sent", payload))
        websocket.on("framereceived", lambda payload: self._frame(socket_no, "received", payload))
        websocket.on("close", lambda _ws: self._event(socket_no, "close"))
        websocket.on("socketerror", lambda error: self._event(socket_no, "error", error=str(error)))

    def _event(self, socket_no: int, event: str, **extra) -> None:
        self.frames.append(
            {
                "t": round(time.monotonic() - self.t0, 3),
                "socket": socket_no,
                "event": event,
                **extra,
            }
        )

    def _frame(self, socket_no: int, direction: str, payload) -> None:
        try:
            decoded = decode_frame(payload)
        except (ValueError, IndexError, UnicodeDecodeError) as error:
            decoded = {"undecodable": str(error), "size": len(payload)}
        self._event(socket_no, direction, **decoded)

    def received(self, msg_type: str) -> list[dict]:
        """Frames received with this message type, in order."""
        return [
            f for f in self.frames if f["event"] == "received" and f.get("msg_type") == msg_type
        ]

    def sent(self, msg_type: str) -> list[dict]:
        """Frames sent with this message type, in order."""
        return [f for f in self.frames if f["event"] == "sent" and f.get("msg_type") == msg_type]

    def last_received_t(self) -> float:
        """Seconds since recording began of the last frame received (0 if none)."""
        times = [f["t"] for f in self.frames if f["event"] == "received"]
        return times[-1] if times else 0.0

    def now(self) -> float:
        """Seconds since recording began."""
        return time.monotonic() - self.t0

    def dump(self, path: Path) -> Path:
        """Write the frames as JSON lines (one frame a line)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(f) + "\n" for f in self.frames), encoding="utf-8")
        return path


def kernel_ready(traffic: KernelTraffic) -> bool:
    """The kernel answered the page's ``kernel_info_request`` and then reported idle."""
    infos = traffic.received("kernel_info_reply")
    if not infos:
        return False
    statuses = [f for f in traffic.received("status") if f["t"] >= infos[0]["t"]]
    return any(f["state"] == "idle" for f in statuses)


@dataclass
class RunState:
    """Progress of a Run All, judged from the kernel's messages alone."""

    n_requests: int
    n_replies: int
    unanswered: list[dict]
    kernel_idle: bool
    replies: list[dict]

    def describe(self) -> str:
        """One line: requests, replies, what is unanswered, the kernel's last state."""
        pending = ", ".join(f"#{i}" for i in (f["index"] for f in self.unanswered)) or "none"
        return (
            f"{self.n_requests} execute_request sent, {self.n_replies} execute_reply received, "
            f"unanswered requests: {pending}; kernel last said "
            f"{'idle' if self.kernel_idle else 'busy'}"
        )


def run_state(traffic: KernelTraffic) -> RunState:
    """Match execute requests with replies and read the kernel's last reported state."""
    requests = traffic.sent("execute_request")
    replies = traffic.received("execute_reply")
    answered = {f["parent_id"] for f in replies}
    unanswered = [
        {**f, "index": i} for i, f in enumerate(requests, start=1) if f["msg_id"] not in answered
    ]
    statuses = traffic.received("status")
    kernel_idle = bool(statuses) and statuses[-1]["state"] == "idle"
    return RunState(len(requests), len(replies), unanswered, kernel_idle, replies)


class RunAllFailed(AssertionError):
    """Run All did not finish: the kernel stalled, or a time limit passed."""


def accept_kernel_dialog(page) -> None:
    """Accept JupyterLab's "Select Kernel" dialog if it is showing; it blocks every click."""
    dialog = page.locator(".jp-Dialog:has-text('Select Kernel')")
    if dialog.count():
        dialog.locator("button:has-text('Select')").click()
        dialog.wait_for(state="detached", timeout=10_000)


def open_notebook(page, lab: Lab, notebook: str, traffic: KernelTraffic, timeout: float) -> None:
    """Open a notebook and wait until its kernel says it is ready (no fixed waits)."""
    page.goto(lab.notebook_url(notebook, workspace=Path(notebook).stem))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while not kernel_ready(traffic):
        accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise RunAllFailed(
                f"{notebook}: the kernel did not answer kernel_info and report idle within "
                f"{timeout:.0f} s ({len(traffic.frames)} frames recorded)"
            )
        page.wait_for_timeout(200)  # lets Playwright deliver the WebSocket events


def run_all(page, notebook: str, n_code: int, traffic: KernelTraffic, timeout: float) -> RunState:
    """Click Run All Cells and wait until the kernel has answered every cell.

    Raises:
        RunAllFailed: The kernel went idle with requests unanswered and stayed silent
            for :data:`STALL_SECONDS` (a stall), or ``timeout`` passed.
    """
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")
    deadline = time.monotonic() + timeout
    while True:
        page.wait_for_timeout(250)  # lets Playwright deliver the WebSocket events
        state = run_state(traffic)
        if state.n_requests >= n_code and not state.unanswered and state.kernel_idle:
            return state
        silent = traffic.now() - traffic.last_received_t()
        waiting = state.unanswered or state.n_requests < n_code
        if waiting and state.kernel_idle and silent > STALL_SECONDS:
            raise RunAllFailed(
                f"{notebook}: Run All stalled ({n_code} code cells): {state.describe()}"
            )
        if time.monotonic() > deadline:
            raise RunAllFailed(f"{notebook}: not done within {timeout:.0f} s: {state.describe()}")


def wait_for_prompts(page, n_code: int, timeout: float) -> list[str]:
    """Wait until the page shows an execution count in every code cell's prompt."""
    deadline = time.monotonic() + timeout
    while True:
        prompts = [
            p.strip() for p in page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
        ]
        if sum(bool(re.fullmatch(r"\[\d+\]:", p)) for p in prompts) >= n_code:
            return prompts
        if time.monotonic() > deadline:
            return prompts
        page.wait_for_timeout(250)


def code_cell_count(notebook: Path) -> int:
    """Number of code cells in a notebook file."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(c["cell_type"] == "code" for c in cells)


def chart_count(notebook: Path) -> int:
    """Number of ``save_figure(`` calls: each draws one chart the page must show."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        "".join(c["source"]).count("save_figure(") for c in cells if c["cell_type"] == "code"
    )
