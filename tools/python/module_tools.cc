// The _ccsim functions over ccsim's tools: a sweep into its SQLite
// database (returned as CSV text for the front to read), a staffing search
// and a fit of call exports, each as plain dicts and column tables.
#include "tools/python/module_tools.h"

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ccsim/fit.h"
#include "ccsim/staffing.h"
#include "ccsim/sweep.h"
#include "tools/python/convert.h"

namespace ccsim::python {
namespace {

template <typename T>
T Check(absl::StatusOr<T> value) {
  if (!value.ok()) Raise(value.status());
  return *std::move(value);
}

// Runs the sweep file's points that `database` does not hold yet and
// exports the database as CSV (`wide` or tidy).
py::dict Sweep(const std::string& path, const std::string& database,
               bool resume, int threads, const std::string& shard, bool wide,
               const py::object& progress) {
  SweepRunOptions options;
  options.database = database;
  options.resume = resume;
  options.threads = threads;
  if (!shard.empty()) options.shard = Check(ParseShard(shard));
  absl::StatusOr<ccsim::Sweep> sweep;
  {
    py::gil_scoped_release release;
    sweep = ccsim::Sweep::Load(path, options.shard);
  }
  const ccsim::Sweep loaded = Check(std::move(sweep));
  auto error = std::make_shared<CallbackError>();
  options.on_progress = PythonCallback<int64_t, int64_t>(progress, error);
  absl::StatusOr<SweepRunResult> run;
  absl::StatusOr<std::string> csv;
  absl::StatusOr<Scenario> first;
  {
    py::gil_scoped_release release;
    run = RunSweep(loaded, options);
    if (run.ok()) {
      csv = ExportSweepCsv(
          database, wide ? SweepCsvLayout::kWide : SweepCsvLayout::kTidy);
      first = loaded.PointScenario(0);
    }
  }
  error->RethrowIfSet();
  const SweepRunResult r = Check(std::move(run));
  py::dict out;
  out["database"] = database;
  out["scenario"] = loaded.scenario_name();
  out["points"] = loaded.num_points();
  out["shard_points"] = r.shard_points;
  out["already_done"] = r.already_done;
  out["finished"] = r.finished;
  out["complete"] = r.complete();
  out["replications"] = loaded.replications();
  out["seed"] = loaded.seed();
  py::list parameters;
  for (const SweepParameter& p : loaded.parameters()) parameters.append(p.name);
  out["parameters"] = parameters;
  out["csv"] = Check(std::move(csv));
  const Scenario scenario = Check(std::move(first));
  out["start_date"] = ToDate(scenario.calendar.start_date);
  out["calls"] = r.calls;
  out["events"] = r.events;
  return out;
}

std::vector<StaffingGoal> ToGoals(const std::vector<std::string>& goals) {
  std::vector<StaffingGoal> out;
  for (const std::string& g : goals) {
    absl::StatusOr<StaffingGoal> goal = ParseStaffingGoal(g);
    if (!goal.ok()) {
      Raise(absl::InvalidArgumentError(
          "goal '" + g + "': " + std::string(goal.status().message())));
    }
    out.push_back(*goal);
  }
  return out;
}

py::object ScheduleDict(const ShiftSchedule& s) {
  py::dict out;
  out["today_cost"] = s.today_cost;
  out["cover_cost"] = s.cover_cost;
  out["lp_bound"] = s.lp_bound;
  out["cost"] = s.cost;
  out["gap"] = s.gap;
  out["iterations"] = s.iterations;
  out["all_met"] = s.all_met;
  out["unmet"] = py::cast(s.unmet);
  std::vector<std::pair<const GroupSchedule*, const ShiftRowPlan*>> rows;
  for (const GroupSchedule& g : s.groups) {
    for (const ShiftRowPlan& row : g.rows) rows.push_back({&g, &row});
  }
  py::dict t;
  const size_t n = rows.size();
  t["agent_group"] =
      MakeColumn(n, [&](size_t i) { return py::str(rows[i].first->name); });
  auto row_column = [&](const char* name, auto value) {
    t[name] = MakeColumn(n, [&](size_t i) { return value(*rows[i].second); });
  };
  row_column("shift", [](const ShiftRowPlan& r) { return py::str(r.label); });
  row_column("start", [](const ShiftRowPlan& r) { return py::str(r.start); });
  row_column("end", [](const ShiftRowPlan& r) { return py::str(r.end); });
  row_column("offset_min",
             [](const ShiftRowPlan& r) { return py::int_(r.offset_min); });
  row_column("today", [](const ShiftRowPlan& r) { return py::int_(r.today); });
  row_column("cover", [](const ShiftRowPlan& r) { return py::int_(r.cover); });
  row_column("plan", [](const ShiftRowPlan& r) { return py::int_(r.plan); });
  row_column("paid_hours_per_week",
             [](const ShiftRowPlan& r) { return Number(r.paid_hours); });
  out["shifts"] = t;
  return out;
}

py::dict Staff(const py::tuple& spec, const std::vector<std::string>& goals,
               std::optional<int> replications, std::optional<uint64_t> seed,
               int threads, bool confidence, std::optional<int> first_day,
               std::optional<int> last_day, bool dated,
               const std::vector<double>& cost, bool keep_shifts, bool schedule,
               int max_evaluations, const py::object& metrics,
               const py::object& progress) {
  const Scenario scenario = LoadScenario(ToSource(spec));
  const MetricSet selected = ToMetricSet(metrics);
  StaffingOptions options;
  options.goals = ToGoals(goals);
  options.replications = replications;
  options.seed = seed;
  options.threads = threads;
  options.confidence = confidence;
  if (first_day) options.days.first = *first_day;
  if (last_day) options.days.last = *last_day;
  options.dated = dated;
  options.cost_per_hour = cost;
  options.keep_shift_groups = keep_shifts;
  options.schedule = schedule;
  options.max_evaluations = max_evaluations;
  auto error = std::make_shared<CallbackError>();
  options.on_progress = PythonCallback<int, std::string_view>(progress, error);
  absl::StatusOr<StaffingPlan> found;
  {
    py::gil_scoped_release release;
    found = FindStaffing(scenario, options);
  }
  error->RethrowIfSet();
  const StaffingPlan plan = Check(std::move(found));

  py::dict out;
  out["all_met"] = plan.all_met;
  out["cost"] = plan.cost;
  out["evaluations"] = plan.evaluations;
  out["dated"] = plan.dated;
  py::list goal_texts;
  for (const StaffingGoal& g : plan.goals) goal_texts.append(DescribeGoal(g));
  out["goals"] = goal_texts;
  out["unmet"] = py::cast(plan.unmet);

  // The plan: a row per searched group and slot.
  std::vector<std::pair<const GroupPlan*, size_t>> slots;
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    for (size_t k = 0; k < g.agents.size(); ++k) slots.push_back({&g, k});
  }
  py::dict t;
  const size_t n = slots.size();
  t["agent_group"] =
      MakeColumn(n, [&](size_t i) { return py::str(slots[i].first->name); });
  t["slot"] = MakeColumn(n, [&](size_t i) {
    return py::str(slots[i].second < plan.slot_labels.size()
                       ? plan.slot_labels[slots[i].second]
                       : std::string());
  });
  auto at = [&](const std::vector<int>& v, size_t k) -> py::object {
    return k < v.size() ? py::object(py::int_(v[k])) : py::object(py::none());
  };
  t["agents"] = MakeColumn(
      n, [&](size_t i) { return at(slots[i].first->agents, slots[i].second); });
  t["erlang"] = MakeColumn(
      n, [&](size_t i) { return at(slots[i].first->erlang, slots[i].second); });
  t["current"] = MakeColumn(n, [&](size_t i) {
    return at(slots[i].first->current, slots[i].second);
  });
  out["plan"] = t;

  py::dict groups;
  const size_t ng = plan.groups.size();
  const auto& gs = plan.groups;
  groups["agent_group"] =
      MakeColumn(ng, [&](size_t i) { return py::str(gs[i].name); });
  groups["searched"] =
      MakeColumn(ng, [&](size_t i) { return py::bool_(gs[i].searched); });
  groups["from_shifts"] =
      MakeColumn(ng, [&](size_t i) { return py::bool_(gs[i].from_shifts); });
  groups["agent_hours_per_day"] =
      MakeColumn(ng, [&](size_t i) { return Number(gs[i].agent_hours); });
  groups["current_hours_per_day"] =
      MakeColumn(ng, [&](size_t i) { return Number(gs[i].current_hours); });
  groups["cost_per_hour"] =
      MakeColumn(ng, [&](size_t i) { return Number(gs[i].cost_per_hour); });
  out["groups"] = groups;

  // Every goal judged: a row per goal and interval, day or horizon.
  const std::vector<py::object> starts =
      IntervalStarts(scenario, plan.result.intervals.size());
  const auto& cs = plan.checks;
  py::dict checks;
  checks["goal"] = MakeColumn(
      cs.size(), [&](size_t i) { return py::str(goal_texts[cs[i].goal]); });
  checks["day"] =
      MakeColumn(cs.size(), [&](size_t i) { return py::int_(cs[i].day); });
  checks["start"] = MakeColumn(cs.size(), [&](size_t i) -> py::object {
    const int k = cs[i].interval;
    return k >= 0 && static_cast<size_t>(k) < starts.size() ? starts[k]
                                                            : py::none();
  });
  checks["mean"] =
      MakeColumn(cs.size(), [&](size_t i) { return Number(cs[i].value.mean); });
  checks["ci95"] =
      MakeColumn(cs.size(), [&](size_t i) { return Number(cs[i].value.ci95); });
  checks["met"] =
      MakeColumn(cs.size(), [&](size_t i) { return py::bool_(cs[i].met); });
  out["checks"] = checks;

  out["schedule"] = plan.schedule.has_value() ? ScheduleDict(*plan.schedule)
                                              : py::object(py::none());
  out["result"] = RunResultDict(plan.result, scenario, selected, {}, false);
  out["text"] = FormatStaffingPlan(plan, scenario, OutputFormat::kTable);
  return out;
}

py::object Summary(const FittedDuration& d) {
  return d.fitted ? py::object(py::str(d.summary)) : py::object(py::none());
}

py::dict Fit(const std::string& calls, const std::string& agents,
             const std::string& intervals,
             const std::vector<std::pair<std::string, std::string>>& map,
             const std::string& time_format, const std::string& interval,
             const std::string& table_prefix, const std::string& name,
             double threshold_s) {
  FitOptions o;
  o.calls_path = calls;
  o.agents_path = agents;
  o.intervals_path = intervals;
  o.map = map;
  o.time_format = time_format;
  absl::StatusOr<Time> length = ParseDuration(interval);
  if (!length.ok() || *length < Time::Seconds(1) ||
      Time::Days(1) % *length != Time::Zero()) {
    Raise(absl::InvalidArgumentError(
        "interval '" + interval +
        "': expected a duration of at least 1s that divides 24h, e.g. 30m"));
  }
  o.interval = *length;
  o.table_prefix = table_prefix;
  o.name = name;
  o.threshold_s = threshold_s;
  absl::StatusOr<FitResult> fitted;
  {
    py::gil_scoped_release release;
    fitted = FitCallLog(o);
  }
  const FitResult r = Check(std::move(fitted));

  py::dict out;
  out["yaml"] = r.yaml;
  out["arrivals_csv"] = r.arrivals_csv;
  out["staffing_csv"] = r.staffing_csv;
  out["notes"] = py::cast(r.notes);
  out["rows"] = r.rows;
  out["used"] = r.used;
  out["first_date"] = r.first_date;
  out["last_date"] = r.last_date;
  out["days"] = r.days;

  const auto& ts = r.call_types;
  py::dict types;
  auto type_column = [&](const char* key, auto value) {
    types[key] = MakeColumn(ts.size(), [&](size_t i) { return value(ts[i]); });
  };
  using T = FittedCallType;
  type_column("call_type", [](const T& t) { return py::str(t.name); });
  type_column("data_name", [](const T& t) { return py::str(t.data_name); });
  type_column("calls", [](const T& t) { return Number(t.calls); });
  type_column("fresh", [](const T& t) { return Number(t.fresh); });
  type_column("daily_cv", [](const T& t) { return Number(t.daily_cv); });
  type_column("talk", [](const T& t) { return Summary(t.talk); });
  type_column("wrap", [](const T& t) { return Summary(t.wrap); });
  type_column("patience", [](const T& t) { return Summary(t.patience); });
  type_column("redial_delay",
              [](const T& t) { return Summary(t.redial_delay); });
  type_column("return_delay",
              [](const T& t) { return Summary(t.return_delay); });
  type_column("wrap_share", [](const T& t) { return Number(t.wrap_share); });
  type_column("short_abandons",
              [](const T& t) { return Number(t.short_abandons); });
  type_column("redial_after_abandon",
              [](const T& t) { return Number(t.redial_after_abandon); });
  type_column("redial_after_busy",
              [](const T& t) { return Number(t.redial_after_busy); });
  type_column("redial_after_ivr",
              [](const T& t) { return Number(t.redial_after_ivr); });
  type_column("fcr", [](const T& t) { return Number(t.fcr); });
  out["call_types"] = types;

  const auto& gs = r.groups;
  py::dict groups;
  auto group_column = [&](const char* key, auto value) {
    groups[key] = MakeColumn(gs.size(), [&](size_t i) { return value(gs[i]); });
  };
  using G = FittedGroup;
  group_column("agent_group", [](const G& g) { return py::str(g.name); });
  group_column("skills", [](const G& g) { return py::cast(g.skills); });
  group_column("mean_agents", [](const G& g) { return Number(g.mean_agents); });
  group_column("from_agent_log",
               [](const G& g) { return py::bool_(g.from_agent_log); });
  group_column("break_share", [](const G& g) { return Number(g.break_share); });
  group_column("aux_share", [](const G& g) { return Number(g.aux_share); });
  group_column("unlabelled_share",
               [](const G& g) { return Number(g.unlabelled_share); });
  out["agent_groups"] = groups;

  py::dict excluded;
  const auto& ex = r.excluded;
  excluded["reason"] =
      MakeColumn(ex.size(), [&](size_t i) { return py::str(ex[i].first); });
  excluded["rows"] =
      MakeColumn(ex.size(), [&](size_t i) { return py::int_(ex[i].second); });
  excluded["first_row"] = MakeColumn(ex.size(), [&](size_t i) -> py::object {
    return i < r.excluded_first_row.size()
               ? py::object(py::int_(r.excluded_first_row[i]))
               : py::object(py::none());
  });
  out["excluded"] = excluded;
  return out;
}

}  // namespace

void DefineTools(py::module_& m) {
  m.def("sweep", &Sweep, py::arg("path"), py::arg("database"),
        py::arg("resume"), py::arg("threads"), py::arg("shard"),
        py::arg("wide"), py::arg("progress"));
  m.def("staff", &Staff, py::arg("spec"), py::arg("goals"),
        py::arg("replications"), py::arg("seed"), py::arg("threads"),
        py::arg("confidence"), py::arg("first_day"), py::arg("last_day"),
        py::arg("dated"), py::arg("cost"), py::arg("keep_shifts"),
        py::arg("schedule"), py::arg("max_evaluations"), py::arg("metrics"),
        py::arg("progress"));
  m.def("fit", &Fit, py::arg("calls"), py::arg("agents"), py::arg("intervals"),
        py::arg("map"), py::arg("time_format"), py::arg("interval"),
        py::arg("table_prefix"), py::arg("name"), py::arg("threshold_s"));
}

}  // namespace ccsim::python
