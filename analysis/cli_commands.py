"""Subcommands that run notebooks and corpora; registered into the parser by ``__main__``."""

from __future__ import annotations

# Each entry takes the argparse sub-parsers object and adds one command to it.
REGISTERS: list = []
