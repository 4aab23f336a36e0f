"""A process that imports what the notebooks import once, then forks a kernel per notebook.

Each notebook kernel used to spend about 1.8 s of CPU before its first analysis:
Python and ipykernel start-up, then spaCy, pandas and this package imported in its
import and load cells, seven times per article. ``python -m analysis run`` starts
this process once, while the article is analysed; it imports the modules of
:data:`PRELOADED` and then, asked for a kernel, forks: the child starts ipykernel
exactly as the ``python -m ipykernel_launcher`` command the kernel spec names would
(same arguments, working folder and environment, a session of its own), with those
modules already imported. The kernel's shell, its ``__main__`` and matplotlib's
inline backend are made after the fork, as in a fresh kernel.

Protocol: one JSON request per line on stdin, ``{"argv": [...], "cwd": ..., "env":
{...}}`` (``argv`` is what follows ``-m ipykernel_launcher``); the reply, one line on
the file descriptor given as the first argument, is the kernel's process id. ``ready``
is written once the imports are done. The process exits when stdin closes.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
import signal
import sys

# What every notebook imports (directly, or through load_article and the disk cache),
# and nothing that looks at its surroundings when imported: pandas chooses how wide
# a DataFrame's text form is by whether IPython runs as a kernel, which it does not
# here, so neither pandas nor the analysis modules that import it are in the list.
PRELOADED = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython.display",
    "numpy",
    "scipy.sparse",
    "spacy",
    "spacy.tokens",
    "spacy.lang.en",
    "analysis",
    "analysis.article",
    "analysis.disk_cache",
    "analysis.paths",
)


def main() -> None:
    """Import, say ready, then fork a kernel for each request until stdin closes."""
    reply = os.fdopen(int(sys.argv[1]), "w", buffering=1)
    # ipykernel reads its parent's pid from the environment when it is imported; the
    # kernels' parent is this process.
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    for name in PRELOADED:
        importlib.import_module(name)
    if "pandas" in sys.modules or "matplotlib" in sys.modules:
        raise SystemExit("kernel_zygote: pandas or matplotlib was imported; see PRELOADED")
    signal.signal(signal.SIGCHLD, _reap_children)
    # Ctrl-C in the terminal reaches the whole process group: the runner handles it, and
    # this process ends when the runner closes its stdin (or dies), without a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reply.write("ready\n")
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            reply.close()
            _become_kernel(request)
        reply.write(f"{pid}\n")


def _become_kernel(request: dict) -> None:
    """In the forked child: run ipykernel as its launcher command would, then exit."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a fresh interpreter
    os.setsid()  # as jupyter_client's start_new_session: the kernel leads its own group
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    sys.path[0] = os.getcwd()  # what ``python -m`` puts first on the path
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    status = 0
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _reap_children(*_) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


if __name__ == "__main__":
    main()
