"""Shared fixtures of the ccsim Python tests (run by CTest as Python.Pytest,
with PYTHONPATH at the built package and CCSIM_BINARY the ccsim program)."""
import math
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
ERLANG_A = SCENARIOS / "erlang-a.yaml"


def small_centre(**changes):
    """A one-queue centre of two simulated days: fast to run."""
    scenario = {
        "name": "small",
        "horizon": "2d",
        "warmup": "2h",
        "interval": "1h",
        "replications": 3,
        "seed": 5,
        "calendar": {"start_date": "2026-03-02"},
        "call_types": [{
            "name": "general",
            "arrivals": {"per_hour": 40},
            "handle_time": {"exponential": {"mean": "180s"}},
            "patience": {"exponential": {"mean": "300s"}},
        }],
        "agents": [{
            "name": "team",
            "skills": ["general"],
            "staffing": {"constant": 3},
        }],
    }
    scenario.update(changes)
    return scenario


def assert_columns(table):
    """A table as pandas.DataFrame takes it: a dict of equal-length lists."""
    assert isinstance(table, dict) and table
    lengths = {name: len(values) for name, values in table.items()}
    assert all(isinstance(v, list) for v in table.values()), lengths
    assert len(set(lengths.values())) == 1, lengths
    return next(iter(lengths.values()))


@pytest.fixture
def ccsim_binary():
    path = os.environ.get("CCSIM_BINARY")
    if not path:
        pytest.skip("CCSIM_BINARY is not set (CTest sets it)")
    return path


def same(a, b):
    """Equal, NaN equal to NaN (undefined values), at any depth."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b
