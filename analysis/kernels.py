"""Notebook kernels started ahead of their notebooks, for the runner (:mod:`analysis.runner`).

papermill starts a kernel when it is handed a notebook, and a kernel takes about a
second to start. The runner starts one per worker while it is still analysing the
article (one core parses, the other was idle), then hands it to papermill, which runs
the notebook in it as in a kernel of its own: the kernel is started the way nbclient
starts one (same kernel, arguments, working folder and in-memory history), and is
stopped, at once, when its notebook is done.

With a :class:`Zygote`, the kernel process is forked from one that has already imported
what the notebooks import (:mod:`analysis.kernel_zygote`) instead of starting Python
afresh; without one, or when the kernel spec's command is not this interpreter running
``ipykernel_launcher``, jupyter_client launches it as usual.

A kernel is driven from one thread: the one that starts it also runs its notebook and
stops it (each thread has its own asyncio loop, which the kernel's sockets belong to).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

# nbclient adds this argument when it starts a kernel itself: no history file on disk.
HISTORY_IN_MEMORY = "--HistoryManager.hist_file=:memory:"
LAUNCHER = ["-m", "ipykernel_launcher"]
# Seconds to wait for the zygote's imports before launching kernels the usual way.
ZYGOTE_READY_TIMEOUT = 60


class Zygote:
    """The process that forks pre-imported kernels (:mod:`analysis.kernel_zygote`).

    Started at once; its imports run while the caller does other work. Use as a
    context manager, or call :meth:`close`.

    Args:
        flags: Interpreter options the kernel spec runs Python with (``-X...``), so
            the forked kernels run with the same.
    """

    def __init__(self, flags: list[str]) -> None:
        self.flags = flags
        self._lock = threading.Lock()
        read_end, write_end = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, *flags, "-m", "analysis.kernel_zygote", str(write_end)],
            stdin=subprocess.PIPE,
            pass_fds=(write_end,),
            text=True,
        )
        os.close(write_end)
        self._replies = os.fdopen(read_end, "r")
        self._ready: bool | None = None

    def fork(self, argv: list[str], cwd: str, env: dict) -> int | None:
        """Fork a kernel running ``ipykernel_launcher argv``; its pid, or ``None`` if unable."""
        request = {"argv": argv, "cwd": cwd, "env": env}
        with self._lock:
            try:
                if not self._wait_ready():
                    return None
                self._process.stdin.write(json.dumps(request) + "\n")
                self._process.stdin.flush()
                return int(self._replies.readline())
            except (OSError, ValueError):  # the zygote is gone, or was closed
                self._ready = False
                return None

    def _wait_ready(self) -> bool:
        if self._ready is None:
            timer = threading.Timer(ZYGOTE_READY_TIMEOUT, self._process.kill)
            timer.start()
            self._ready = self._replies.readline().strip() == "ready"
            timer.cancel()
        return self._ready

    def close(self) -> None:
        """Let the zygote exit (the kernels it forked are stopped by their owners)."""
        with contextlib.suppress(OSError):
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._replies.close()

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *_) -> None:
        self.close()


class ForkedProcess:
    """What jupyter_client's local provisioner needs of a ``Popen``, for a forked kernel.

    The kernel is the zygote's child, not this process's: the zygote reaps it, and
    this object only signals it and watches for it to be gone.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and not _alive(self.pid):
            self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting for its parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


class _Manager(AsyncKernelManager):
    """A kernel manager that forks its kernel from a zygote when it can, and remembers
    the clients it gave out, to close them when done.

    nbclient leaves a kernel it was handed running, with its client connected; the
    runner stops both.
    """

    def __init__(self, zygote: Zygote | None = None, **kwargs):
        super().__init__(**kwargs)
        self.zygote = zygote
        self.given_clients: list = []

    def client(self, **kwargs):
        client = super().client(**kwargs)
        self.given_clients.append(client)
        return client

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        pid = self._fork(kernel_cmd, kw) if self.zygote is not None else None
        if pid is None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        provisioner = self.provisioner
        # What LocalProvisioner.launch_kernel records of the process it starts.
        provisioner.process, provisioner.pid, provisioner.pgid = ForkedProcess(pid), pid, pid
        self._reconcile_connection_info(provisioner.connection_info)

    _launch_kernel = _async_launch_kernel

    def _fork(self, kernel_cmd: list[str], kw: dict) -> int | None:
        prefix = [sys.executable, *self.zygote.flags, *LAUNCHER]
        if kernel_cmd[: len(prefix)] != prefix:
            return None  # another interpreter or kernel: launch it as usual
        env = dict(kw.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())
        return self.zygote.fork(kernel_cmd[len(prefix) :], kw.get("cwd") or os.getcwd(), env)


class Kernel:
    """A started kernel, waiting for a notebook.

    Args:
        name: The kernel spec's name.
        arguments: Extra command-line arguments of the kernel.
        cwd: Its working folder.
        zygote: Fork the kernel from it (default: launch it as jupyter_client does).
    """

    def __init__(self, name: str, arguments: list[str], cwd: str, zygote=None) -> None:
        self.manager = _Manager(kernel_name=name, zygote=zygote)
        run_sync(self.manager.start_kernel)(
            extra_arguments=[*arguments, HISTORY_IN_MEMORY], cwd=cwd
        )

    def stop(self) -> None:
        """Kill the kernel and close its clients' channels; calling it again does nothing."""
        manager = self.manager
        if manager is None:
            return
        self.manager = None
        try:
            if run_sync(manager.is_alive)():
                run_sync(manager.shutdown_kernel)(now=True)
        finally:
            run_sync(manager.cleanup_resources)()
            for client in manager.given_clients:
                client.stop_channels()


def interpreter_flags(kernel_name: str) -> list[str] | None:
    """The ``-X`` options the kernel spec starts this interpreter with.

    ``None`` when the spec runs another interpreter, or not ``-m ipykernel_launcher``.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    if not argv or argv[0] != sys.executable or LAUNCHER[0] not in argv:
        return None
    return [a for a in argv[1 : argv.index(LAUNCHER[0])] if a.startswith("-X")]
