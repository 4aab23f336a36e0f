"""Notebook kernels started ahead of their notebooks, for the runner (:mod:`analysis.runner`).

papermill starts a kernel when it is handed a notebook, and a kernel takes about a
second to start. The runner starts one per worker while it is still analysing the
article (one core parses, the other was idle), then hands it to papermill, which runs
the notebook in it as in a kernel of its own: the kernel is started the way nbclient
starts one (same kernel, arguments, working folder and in-memory history), and is
stopped, at once, when its notebook is done.

A kernel is driven from one thread: the one that starts it also runs its notebook and
stops it (each thread has its own asyncio loop, which the kernel's sockets belong to).
"""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

# nbclient adds this argument when it starts a kernel itself: no history file on disk.
HISTORY_IN_MEMORY = "--HistoryManager.hist_file=:memory:"


class _Manager(AsyncKernelManager):
    """A kernel manager that remembers the clients it gave out, to close them when done.

    nbclient leaves a kernel it was handed running, with its client connected; the
    runner stops both.
    """

    def client(self, **kwargs):
        client = super().client(**kwargs)
        self.given_clients.append(client)
        return client

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.given_clients: list = []


class Kernel:
    """A started kernel, waiting for a notebook.

    Args:
        name: The kernel spec's name.
        arguments: Extra command-line arguments of the kernel.
        cwd: Its working folder.
    """

    def __init__(self, name: str, arguments: list[str], cwd: str) -> None:
        self.manager = _Manager(kernel_name=name)
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
