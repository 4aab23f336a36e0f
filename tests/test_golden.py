"""The outputs of nine real articles equal the committed golden files (tests/golden.py)."""

from __future__ import annotations

import pytest

from tests import golden


@pytest.mark.parametrize("name", list(golden.ARTICLES))
def test_outputs_equal_golden_files(name):
    found = golden.check(name)
    assert not found, "\n".join(found[:40]) + "\nIf the change is meant: make golden, and say why."


def test_comparison_tolerates_float_noise_but_not_changes():
    table = "term,count,score\nputin,8,0.123456789012\n"
    assert golden.differences(table, "term,count,score\nputin,8,0.1234567890121\n", "t.csv") == []
    assert golden.differences(table, "term,count,score\nputin,8,0.1234568\n", "t.csv")
    assert golden.differences(table, "term,count,score\nputin,9,0.123456789012\n", "t.csv")
    assert golden.differences(table, "term,count,score\nkim,8,0.123456789012\n", "t.csv")
    assert golden.differences('{"a": [1, 2.5]}', '{"a": [1, 2.5000000000001]}', "r.json") == []
    assert golden.differences('{"a": [1, 2.5]}', '{"a": [1, 2.6]}', "r.json")
    assert golden.differences('{"a": 1}', '{"a": 1, "b": 2}', "r.json")
