"""The outputs of nine real articles equal the committed golden files (tests/golden.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests import golden


@pytest.mark.parametrize("name", list(golden.ARTICLES))
def test_outputs_equal_golden_files(name):
    found = golden.check(name)
    assert not found, "\n".join(found[:40]) + "\nIf the change is meant: make golden, and say why."


def test_comparison_is_at_the_written_precision():
    table = "term,count,score\nputin,8,0.123457\n"
    # One unit in the sixth significant digit: a value on a rounding boundary.
    assert golden.differences(table, "term,count,score\nputin,8,0.123456\n", "t.csv") == []
    assert golden.differences(table, "term,count,score\nputin,8,0.123459\n", "t.csv")
    assert golden.differences(table, "term,count,score\nputin,9,0.123457\n", "t.csv")
    assert golden.differences(table, "term,count,score\nkim,8,0.123457\n", "t.csv")
    assert golden.differences('{"a": [1, 1041200.0]}', '{"a": [1, 1041210.0]}', "r.json") == []
    assert golden.differences('{"a": [1, 1041200.0]}', '{"a": [1, 1041230.0]}', "r.json")
    assert golden.differences('{"a": [1, 2.5]}', '{"a": [1, 2.6]}', "r.json")
    assert golden.differences('{"a": true}', '{"a": 1}', "r.json")
    assert golden.differences('{"a": 1}', '{"a": 1, "b": 2}', "r.json")


def test_tables_are_written_at_six_significant_digits():
    table = pd.DataFrame({"term": ["a"], "n": [3], "score": [0.5294117647058824],
                          "mixed": [1041201.844414697], "small": [0.0005711022272986865]})
    table["mixed"] = table["mixed"].astype(object)
    expected = "term,n,score,mixed,small\na,3,0.529412,1041200.0,0.000571102\n"
    assert golden.table_csv(table) == expected
    assert golden.round_json({"x": [0.1 + 0.2, 2, "s", None]}) == {"x": [0.3, 2, "s", None]}
