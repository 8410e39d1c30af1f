"""ccsim: a discrete-event simulator of inbound contact centres, from Python.

    import ccsim
    r = ccsim.run("scenarios/erlang-a.yaml", replications=20, threads=2)
    r["totals"]["service_level"]        # {"mean": ..., "ci95": ..., "n": 20}
    import pandas as pd                 # optional: not needed by ccsim
    df = pd.DataFrame(r["intervals"])   # one row per interval, "start" a datetime

A scenario is a path (str or os.PathLike), YAML text (a str with a newline
or starting with "{"), or a dict with the scenario file's keys. Tables are
dicts of equal-length lists (columns); undefined values are float("nan").
A scenario that does not load raises ScenarioError (a ValueError) with the
message ccsim's command line prints and its file, line, column and key
path. Simulations run with the GIL released, on `threads` threads (0: one
per core); results do not depend on the thread count. See docs/python.md.
"""

import csv as _csv
import datetime as _datetime
import io as _io
import json as _json
import math as _math
import os as _os
import tempfile as _tempfile

from . import _ccsim
from ._ccsim import ScenarioError

__version__ = _ccsim.__version__
__all__ = ["ScenarioError", "run", "compare", "sweep", "staff", "fit",
           "validate", "__version__"]


def _json_value(value):
    """Values of a scenario dict that JSON does not know."""
    if isinstance(value, _datetime.timedelta):
        return "%rs" % value.total_seconds()
    if isinstance(value, (_datetime.date, _datetime.time)):
        return value.isoformat()
    if isinstance(value, _os.PathLike):
        return _os.fspath(value)
    raise TypeError("a scenario dict holds %s, which has no YAML form: "
                    "use str, int, float, bool, None, list or dict (durations "
                    "as '180s' or datetime.timedelta)" % type(value).__name__)


def _spec(scenario):
    """The scenario argument as the extension takes it."""
    if isinstance(scenario, dict):
        # JSON is YAML: the scenario reader sees the same keys and values.
        text = _json.dumps(scenario, indent=1, ensure_ascii=False,
                           allow_nan=False, default=_json_value)
        return ("text", text, "(dict)")
    if isinstance(scenario, _os.PathLike):
        return ("path", _os.fspath(scenario))
    if isinstance(scenario, str):
        if "\n" in scenario or scenario.lstrip().startswith("{"):
            return ("text", scenario, "(string)")
        return ("path", scenario)
    raise TypeError("expected a scenario as a path, YAML text or a dict, got %s"
                    % type(scenario).__name__)


def _metrics(metrics):
    if metrics is None or isinstance(metrics, str):
        return metrics
    return list(metrics)


def validate(scenario):
    """Loads and checks a scenario as `ccsim validate` does.

    Returns the list of warnings (results that may mislead, e.g. a warm-up
    shorter than the repeat calls' delay); raises ScenarioError when the
    scenario does not load.
    """
    return _ccsim.validate(_spec(scenario))


def run(scenario, replications=None, seed=None, threads=0, metrics=None,
        per_replication=True, replication_intervals=False, progress=None):
    """Simulates a scenario's replications, as `ccsim run` does.

    replications, seed: override the scenario's. threads: 0 = one per core.
    metrics: metric keys (a list or "a,b,c") to report; default all.
    per_replication: add the table "per_replication" (each replication's
    totals); replication_intervals: add "per_replication_intervals" (each
    replication's value in each interval). progress: called as
    progress(done, total) after each replication.

    Returns a dict: "totals" and "call_flow" ({key: {"mean", "ci95", "n"}}),
    and the tables "intervals" (with "start", a datetime, and "day"),
    "call_types", "agent_groups", "agent_group_intervals", "per_replication";
    besides scenario, seed, replications, start_date, warmup, horizon,
    interval, service_level, warnings, events and calls.
    """
    return _ccsim.run(_spec(scenario), replications, seed, threads,
                      _metrics(metrics), per_replication,
                      replication_intervals, progress)


def _label(scenario, fallback):
    if isinstance(scenario, (str, _os.PathLike)) and \
            _spec(scenario)[0] == "path":
        return _os.fspath(scenario)
    return fallback


def compare(base, variants, replications=None, seed=None, threads=0,
            labels=None, metrics=None, progress=None):
    """Runs a base scenario and variants with common random numbers, as
    `ccsim compare` does, and pairs their replications.

    variants: one scenario or a list. labels: one per scenario, base first
    (default: the scenarios' names, or their paths when two names agree).
    Returns a dict with the tables "totals" and "intervals" (a row per
    variant and metric: base_mean, base_ci95, variant_mean, variant_ci95,
    difference_mean, difference_ci95, significant), "call_flow" (per step),
    "pairing" (call types shared), and "results": each scenario's own
    result by label, as run() gives it.
    """
    if isinstance(variants, (str, dict, _os.PathLike)):
        variants = [variants]
    scenarios = [base] + list(variants)
    # Labels when the caller gives none: the scenarios' names, unless two
    # agree; then their paths (or "base", "variant N").
    fallback = [_label(s, "base" if i == 0 else "variant %d" % i)
                for i, s in enumerate(scenarios)]
    return _ccsim.compare([_spec(s) for s in scenarios], list(labels or []),
                          fallback, replications, seed, threads,
                          _metrics(metrics), progress)


def _number(text):
    if text == "":
        return float("nan")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _read_sweep_csv(text, start_date):
    """The exported CSV as columns, numbers as numbers, "start" a datetime."""
    rows = list(_csv.reader(_io.StringIO(text)))
    header, rows = rows[0], rows[1:]
    columns = {name: [row[k] for row in rows] for k, name in enumerate(header)}
    text_columns = {"scope", "name", "start"}
    for name, values in columns.items():
        if name not in text_columns:
            columns[name] = [_number(v) for v in values]
    if "start" in columns and "day" in columns:
        starts = []
        for day, clock in zip(columns["day"], columns["start"]):
            if clock == "" or not isinstance(day, int):
                starts.append(None)
                continue
            parts = [int(p) for p in clock.split(":")]
            starts.append(_datetime.datetime.combine(
                start_date + _datetime.timedelta(days=day - 1),
                _datetime.time(*parts)))
        columns["start"] = starts
    return columns


def sweep(sweep_file, database=None, resume=False, threads=0, shard=None,
          wide=False, progress=None):
    """Runs a sweep file's points into an SQLite database, as `ccsim sweep`
    does, and reads the results back, as `ccsim export` does.

    database: the SQLite file (default: a temporary one, removed after
    reading). resume: continue an existing database. shard: "K/N".
    wide: one row per point and scope with a column per metric instead of
    one row per point, scope and metric. progress(done, total) hears each
    committed point. Returns a dict with "results" (the table: point, the
    parameters, scope, name, day, start (a datetime, or None for totals),
    metric, mean, ci95, n), "parameters", "points", "finished",
    "complete" and more.
    """
    temporary = None
    if database is None:
        temporary = _tempfile.mkdtemp(prefix="ccsim-sweep-")
        database = _os.path.join(temporary, "results.sqlite")
    try:
        out = _ccsim.sweep(_os.fspath(sweep_file), _os.fspath(database),
                           resume, threads, shard or "", wide, progress)
    finally:
        if temporary is not None:
            for name in _os.listdir(temporary):
                _os.remove(_os.path.join(temporary, name))
            _os.rmdir(temporary)
    out["results"] = _read_sweep_csv(out.pop("csv"), out["start_date"])
    if temporary is not None:
        out["database"] = None
    return out


def staff(scenario, goals=None, replications=None, seed=None, threads=0,
          confidence=False, days=None, dated=False, cost=None,
          keep_shifts=False, schedule=False, max_evaluations=5000,
          metrics=None, progress=None):
    """Finds the fewest agents per interval that meet the goals, as
    `ccsim staff` does.

    goals: e.g. ["service_level>=0.8", "abandon_rate<=0.05@day"] (default:
    the scenario's). days: (first, last) reported days to judge, or
    "16-31". cost: cost per agent hour of each group. schedule: also choose
    the shift counts (CBC). progress(evaluations, phase) hears each
    simulation. Returns a dict with the tables "plan" (a row per searched
    group and slot: agents, erlang, current), "groups", "checks" (every goal
    judged), "schedule" (None, or its "shifts" table and costs), "result"
    (the plan's simulation, as run() gives it), "text" (the CLI's table)
    and all_met, unmet, cost, evaluations.
    """
    first_day = last_day = None
    if isinstance(days, str):
        first, _, last = days.partition("-")
        first_day, last_day = int(first), int(last or first)
    elif days is not None:
        first_day, last_day = days
    if isinstance(goals, str):
        goals = [goals]
    return _ccsim.staff(_spec(scenario), list(goals or []), replications, seed,
                        threads, confidence, first_day, last_day, dated,
                        list(cost or []), keep_shifts, schedule,
                        max_evaluations, _metrics(metrics), progress)


def fit(calls=None, agents=None, intervals=None, map=None, time_format="auto",
        interval="30m", name="", threshold_s=20, output=None):
    """Learns a scenario from a call export (and agent export), or from
    interval reports, as `ccsim fit` does.

    map: {file column: field} for exports with other column names.
    output: also write the scenario there (e.g. "fitted.yaml") with its
    tables beside it (fitted.arrivals.csv, fitted.staffing.csv), so that
    run(output) takes it. Returns a dict: "yaml", "arrivals_csv",
    "staffing_csv", the tables "call_types", "agent_groups", "excluded",
    and notes, rows, used, first_date, last_date, days.
    """
    if (calls is None) == (intervals is None):
        raise ValueError("expected calls=CALLS.csv or intervals=REPORT.csv")
    prefix = "fitted."
    if output is not None:
        stem = _os.path.splitext(_os.path.basename(_os.fspath(output)))[0]
        prefix = stem + "."
    pairs = list((map or {}).items())
    out = _ccsim.fit(_os.fspath(calls) if calls is not None else "",
                     _os.fspath(agents) if agents is not None else "",
                     _os.fspath(intervals) if intervals is not None else "",
                     pairs, time_format, interval, prefix, name,
                     float(threshold_s))
    if output is not None:
        folder = _os.path.dirname(_os.fspath(output))
        for path, text in ((_os.path.join(folder, prefix + "arrivals.csv"),
                            out["arrivals_csv"]),
                           (_os.path.join(folder, prefix + "staffing.csv"),
                            out["staffing_csv"]),
                           (_os.fspath(output), out["yaml"])):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return out
