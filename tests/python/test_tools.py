"""ccsim.compare, sweep, staff and fit: results as plain dicts and columns."""
import datetime
import math

import ccsim
import pytest

from conftest import ERLANG_A, assert_columns, small_centre


def test_compare_pairs_a_variant_with_the_base():
    more = small_centre(name="more agents")
    more["agents"][0]["staffing"] = {"constant": 4}
    c = ccsim.compare(small_centre(), more, replications=4, threads=2)
    assert c["base"] == "small" and c["variants"] == ["more agents"]
    totals = c["totals"]
    assert_columns(totals)
    row = totals["metric"].index("service_level")
    assert totals["variant"][row] == "more agents"
    assert totals["difference_mean"][row] > 0
    assert totals["significant"][row] is True
    assert totals["difference_mean"][row] == pytest.approx(
        totals["variant_mean"][row] - totals["base_mean"][row])
    assert assert_columns(c["call_flow"]) == 11
    intervals = c["intervals"]
    n_metrics = len(set(intervals["metric"]))
    assert assert_columns(intervals) == 48 * n_metrics
    assert isinstance(intervals["start"][0], datetime.datetime)
    assert set(c["results"]) == {"small", "more agents"}
    assert c["results"]["small"]["totals"]["service_level"]["mean"] == \
        pytest.approx(totals["base_mean"][row])
    assert c["pairing"]["shared_call_types"] == [1]


def test_compare_labels_scenarios_of_the_same_name_by_path(tmp_path):
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: %s\nagents:\n  - name: team\n"
                       "    skills: [general]\n    staffing: {constant: 15}\n"
                       % ERLANG_A)
    c = ccsim.compare(ERLANG_A, [variant], replications=2,
                      metrics=["service_level"])
    assert c["base"] == str(ERLANG_A)
    assert c["variants"] == [str(variant)]
    assert set(c["totals"]["metric"]) == {"service_level"}
    c = ccsim.compare(ERLANG_A, variant, replications=2, labels=["a", "b"],
                      metrics="service_level")
    assert (c["base"], c["variants"]) == ("a", ["b"])


SWEEP = """
scenario: base.yaml
replications: 2
seed: 3
parameters:
  - name: agents
    key: agents[0].staffing.constant
    values: [3, 4]
metrics: [service_level, answer_rate]
scopes: [total, interval]
"""


def write_sweep(folder):
    import json
    (folder / "base.yaml").write_text(json.dumps(small_centre()))
    path = folder / "sweep.yaml"
    path.write_text(SWEEP)
    return path


def test_sweep_reads_its_results_back(tmp_path):
    path = write_sweep(tmp_path)
    s = ccsim.sweep(path, threads=2)
    assert (s["points"], s["finished"], s["complete"]) == (2, 2, True)
    assert s["parameters"] == ["agents"] and s["database"] is None
    results = s["results"]
    n = assert_columns(results)
    assert n == 2 * 2 * (1 + 48)  # points x metrics x (total + intervals)
    assert set(results["agents"]) == {3, 4}
    total = [i for i in range(n) if results["scope"][i] == "total"
             and results["metric"][i] == "service_level"]
    assert len(total) == 2
    low, high = (results["mean"][i] for i in total)
    assert high > low
    assert results["start"][total[0]] is None
    interval = results["scope"].index("interval")
    assert results["start"][interval] == datetime.datetime(2026, 3, 2, 2, 0)


def test_sweep_into_a_database_resumes(tmp_path):
    path = write_sweep(tmp_path)
    database = tmp_path / "results.sqlite"
    first = ccsim.sweep(path, database=database, wide=True)
    assert database.exists() and first["finished"] == 2
    assert "service_level_ci95" in first["results"]
    with pytest.raises(FileExistsError):
        ccsim.sweep(path, database=database)
    again = ccsim.sweep(path, database=database, resume=True)
    assert (again["already_done"], again["finished"]) == (2, 0)


def test_staff_finds_a_plan():
    heard = []
    plan = ccsim.staff(small_centre(), goals="service_level>=0.7@day",
                       replications=2, threads=2,
                       progress=lambda n, phase: heard.append(phase))
    assert plan["all_met"] is True and plan["unmet"] == []
    assert plan["goals"] == ["service_level >= 0.7 per day"] or plan["goals"]
    assert assert_columns(plan["plan"]) == 24  # one day of one-hour slots
    assert set(plan["plan"]["agent_group"]) == {"team"}
    assert all(a >= 1 for a in plan["plan"]["agents"])
    assert_columns(plan["checks"])
    assert all(plan["checks"]["met"])
    assert plan["schedule"] is None
    assert plan["result"]["totals"]["service_level"]["mean"] >= 0.7
    assert "team" in plan["text"] and heard and plan["evaluations"] >= 1


def test_fit_learns_from_an_interval_report(tmp_path):
    # A report written from a simulation's own intervals, through
    # datetimes, is fitted back to a scenario that runs.
    truth = small_centre(replications=1)
    r = ccsim.run(truth, replication_intervals=True,
                  metrics=["offered", "answered", "abandoned", "aht_s",
                           "staffed_hours"])
    rows = r["per_replication_intervals"]
    lines = ["date,time,offered,answered,abandoned,aht_s,agents"]
    for i, start in enumerate(rows["start"]):
        aht = rows["aht_s"][i]
        lines.append("%s,%s,%d,%d,%d,%s,%g" % (
            start.date().isoformat(), start.strftime("%H:%M"),
            rows["offered"][i], rows["answered"][i], rows["abandoned"][i],
            "" if math.isnan(aht) else repr(aht), rows["staffed_hours"][i]))
    report = tmp_path / "report.csv"
    report.write_text("\n".join(lines) + "\n")
    out = tmp_path / "fitted.yaml"
    f = ccsim.fit(intervals=report, interval="1h", output=out)
    assert f["call_types"]["call_type"] and assert_columns(f["call_types"])
    assert f["call_types"]["calls"][0] == pytest.approx(
        sum(rows["offered"]))
    assert_columns(f["agent_groups"])
    assert (tmp_path / "fitted.arrivals.csv").exists()
    assert (tmp_path / "fitted.staffing.csv").exists()
    again = ccsim.run(out, replications=2)
    assert again["totals"]["offered"]["mean"] > 0
    with pytest.raises(ValueError):
        ccsim.fit()
