"""ccsim.run: scenario arguments, result shape, timestamps, determinism,
per-replication values, progress and the GIL."""
import datetime
import math
import threading
import time

import ccsim
import pytest

from conftest import ERLANG_A, assert_columns, same, small_centre


def test_run_a_bundled_file():
    r = ccsim.run(str(ERLANG_A), replications=4, seed=7, threads=2)
    assert r["scenario"] == "erlang-a-demo"
    assert (r["replications"], r["seed"]) == (4, 7)
    sl = r["totals"]["service_level"]
    assert set(sl) == {"mean", "ci95", "n"}
    assert 0.3 < sl["mean"] < 1 and sl["ci95"] > 0 and sl["n"] == 4
    assert r["interval"] == datetime.timedelta(minutes=30)
    assert r["service_level"] == {"threshold_s": 20.0, "short_abandon_s": 5.0,
                                  "target": 0.8}
    # 100 calls a half hour; the call flow adds up to 100 per 100 calls.
    assert r["totals"]["offered"]["mean"] == pytest.approx(144000, rel=0.01)
    flow = r["call_flow"]
    assert flow["offered"]["mean"] == pytest.approx(100)
    assert (flow["abandoned"]["mean"] + flow["answered_within"]["mean"] +
            flow["answered_after"]["mean"]) == pytest.approx(100)


def test_intervals_carry_real_timestamps():
    r = ccsim.run(str(ERLANG_A), replications=2)
    intervals = r["intervals"]
    assert assert_columns(intervals) == 30 * 48
    start = intervals["start"]
    # Day 1 is the calendar's start date (2024-01-01 by default).
    assert start[0] == datetime.datetime(2024, 1, 1, 0, 0)
    assert start[47] == datetime.datetime(2024, 1, 1, 23, 30)
    assert start[-1] == datetime.datetime(2024, 1, 30, 23, 30)
    assert all(b - a == datetime.timedelta(minutes=30)
               for a, b in zip(start, start[1:]))
    assert intervals["day"][0] == 1 and intervals["day"][-1] == 30
    assert {"service_level", "service_level_ci95", "occupancy"} <= set(
        intervals)
    assert r["start_date"] == datetime.date(2024, 1, 1)


def test_every_table_is_columns():
    r = ccsim.run(small_centre(), per_replication=True,
                  replication_intervals=True)
    for key in ("intervals", "call_types", "agent_groups", "per_replication",
                "per_replication_intervals"):
        assert_columns(r[key])
    assert r["call_types"]["call_type"] == ["general"]
    assert r["agent_groups"]["agent_group"] == ["team"]
    assert r["per_replication"]["replication"] == [1, 2, 3]
    # 48 one-hour intervals, starting at 02:00 after the warm-up... of the
    # calendar's start date, the day the warm-up ends in.
    assert len(r["intervals"]["start"]) == 48
    assert r["intervals"]["start"][0] == datetime.datetime(2026, 3, 2, 2, 0)
    assert assert_columns(r["per_replication_intervals"]) == 3 * 48
    groups = r["agent_group_intervals"]
    assert isinstance(groups, dict)
    if groups["agent_group"]:
        assert assert_columns(groups) == 48


def test_per_replication_values_summarise_to_the_totals():
    r = ccsim.run(small_centre(replications=5))
    values = r["per_replication"]["service_level"]
    assert len(values) == 5
    assert sum(values) / 5 == pytest.approx(
        r["totals"]["service_level"]["mean"], rel=1e-12)
    assert "per_replication" not in ccsim.run(small_centre(),
                                              per_replication=False)


def test_results_do_not_depend_on_threads():
    one = ccsim.run(small_centre(), threads=1)
    two = ccsim.run(small_centre(), threads=2)
    for key in ("totals", "call_flow", "intervals", "agent_groups",
                "per_replication"):
        assert same(one[key], two[key]), key


def test_path_yaml_text_and_dict_agree():
    text = ERLANG_A.read_text()
    by_path = ccsim.run(ERLANG_A, replications=2)  # a pathlib.Path
    by_text = ccsim.run(text, replications=2)
    assert same(by_text["totals"], by_path["totals"])
    assert by_text["source"] == "(string)"
    as_dict = {
        "name": "erlang-a-demo", "horizon": "30d",
        "warmup": datetime.timedelta(days=1), "interval": "30m", "seed": 1,
        "call_types": [{"name": "general", "arrivals": {"per_interval": 100},
                        "handle_time": {"exponential": {"mean": "180s"}},
                        "patience": {"exponential": {"mean": "300s"}}}],
        "agents": [{"name": "team", "skills": ["general"],
                    "staffing": {"constant": 14}}],
    }
    by_dict = ccsim.run(as_dict, replications=2)
    assert same(by_dict["totals"], by_path["totals"])


def test_metrics_select_columns():
    r = ccsim.run(small_centre(), metrics=["offered", "service_level"])
    assert set(r["totals"]) == {"offered", "service_level"}
    assert set(r["intervals"]) == {"start", "day", "offered", "offered_ci95",
                                   "service_level", "service_level_ci95"}
    assert set(r["per_replication"]) == {"replication", "offered",
                                         "service_level"}
    assert set(ccsim.run(small_centre(), metrics="occupancy")["totals"]) == {
        "occupancy"}


def test_undefined_values_are_nan():
    # Nobody calls in the first hour: its answer rate is undefined.
    centre = small_centre()
    centre["call_types"][0]["arrivals"] = {"per_interval": [0] + [40] * 23}
    r = ccsim.run(centre, metrics=["answer_rate"])
    assert math.isnan(r["intervals"]["answer_rate"][22])  # 00:00 on day 1
    assert not math.isnan(r["intervals"]["answer_rate"][0])


def test_progress_hears_every_replication():
    heard = []
    ccsim.run(small_centre(replications=4), threads=2,
              progress=lambda done, total: heard.append((done, total)))
    assert sorted(heard) == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_progress_errors_propagate():
    def fail(done, total):
        raise KeyError("stop")
    with pytest.raises(KeyError):
        ccsim.run(small_centre(), progress=fail)


def test_the_gil_is_released_while_simulating():
    # This thread keeps running Python while another simulates: the
    # longest pause between two of its steps stays far below the length of
    # the simulation (which, holding the GIL, would be one long pause).
    done = threading.Event()
    times = {}

    def simulate():
        times["start"] = time.perf_counter()
        ccsim.run(str(ERLANG_A), replications=8, threads=1,
                  per_replication=False)
        times["end"] = time.perf_counter()
        done.set()

    worker = threading.Thread(target=simulate)
    longest, last = 0.0, time.perf_counter()
    worker.start()
    while True:  # (a pause before the first step counts too)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        if done.is_set():
            break
    worker.join()
    simulated = times["end"] - times["start"]
    assert simulated > 0.1
    assert longest < 0.5 * simulated, (longest, simulated)


def test_validate_returns_warnings():
    assert ccsim.validate(ERLANG_A) == []
    assert isinstance(ccsim.validate(small_centre()), list)


def test_version():
    assert ccsim.__version__.count(".") == 2
