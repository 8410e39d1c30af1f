// Errors, scenario arguments, metric selections, timestamps and run results
// between the ccsim library and Python (see convert.h).
#include "tools/python/convert.h"

#include <cmath>
#include <regex>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"

namespace ccsim::python {
namespace {

// ccsim.ScenarioError; a reference kept for the life of the process.
PyObject* g_scenario_error = nullptr;

// The datetime module, imported once and kept.
py::handle DatetimeModule() {
  static py::handle module = py::module_::import("datetime").release();
  return module;
}

// "FILE:LINE:COLUMN: [KEY.PATH: ]message", as the library writes errors.
struct Location {
  bool found = false;
  std::string file, key_path, message;
  int line = 0, column = 0;
};

Location ParseLocation(const std::string& text) {
  static const std::regex kPrefix(R"(^(.+?):(\d+):(\d+): )");
  static const std::regex kKeyPath(R"(^([^\s:]+): )");
  Location loc;
  std::smatch m;
  const std::string first_line = text.substr(0, text.find('\n'));
  if (!std::regex_search(first_line, m, kPrefix)) return loc;
  loc.found = true;
  loc.file = m[1].str();
  loc.line = std::stoi(m[2].str());
  loc.column = std::stoi(m[3].str());
  loc.message = text.substr(static_cast<size_t>(m.length(0)));
  std::smatch k;
  const std::string rest = loc.message.substr(0, loc.message.find('\n'));
  if (std::regex_search(rest, k, kKeyPath)) loc.key_path = k[1].str();
  return loc;
}

// A dict's YAML text is the front's own rendering: its lines and columns
// would point nowhere the user can see.
constexpr std::string_view kDictName = "(dict)";

}  // namespace

void RegisterErrors(py::module_& module) {
  py::dict attributes;
  for (const char* name : {"file", "line", "column", "key_path"}) {
    attributes[name] = py::none();
  }
  g_scenario_error = PyErr_NewExceptionWithDoc(
      "ccsim.ScenarioError",
      "A scenario (or sweep) file that does not load: str() is the message "
      "ccsim's command line prints; file, line, column (1-based) and "
      "key_path say where, or are None when unknown.",
      PyExc_ValueError, attributes.ptr());
  if (g_scenario_error == nullptr) throw py::error_already_set();
  Py_INCREF(g_scenario_error);
  module.add_object("ScenarioError", py::handle(g_scenario_error));
}

[[noreturn]] void Raise(const absl::Status& status, bool scenario,
                        const std::string& file_name) {
  std::string message(MessageOf(status));
  const Location loc = ParseLocation(message);
  if (loc.found || scenario) {
    py::object error;
    py::object line = py::none(), column = py::none();
    py::object file = py::none(), key_path = py::none();
    if (loc.found && loc.file == kDictName) {
      message = std::string(kDictName) + ": " + loc.message;
      file = py::str(loc.file);
    } else if (loc.found) {
      file = py::str(loc.file);
      line = py::int_(loc.line);
      column = py::int_(loc.column);
    } else if (!file_name.empty() && message.starts_with(file_name + ": ")) {
      file = py::str(file_name);
    }
    if (loc.found && !loc.key_path.empty()) key_path = py::str(loc.key_path);
    error = py::handle(g_scenario_error)(message);
    error.attr("file") = file;
    error.attr("line") = line;
    error.attr("column") = column;
    error.attr("key_path") = key_path;
    PyErr_SetObject(g_scenario_error, error.ptr());
    throw py::error_already_set();
  }
  PyObject* type = PyExc_RuntimeError;
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      type = PyExc_FileNotFoundError;
      break;
    case absl::StatusCode::kAlreadyExists:
      type = PyExc_FileExistsError;
      break;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
      type = PyExc_ValueError;
      break;
    default:
      break;
  }
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

ScenarioSource ToSource(const py::tuple& spec) {
  ScenarioSource s;
  const std::string kind = spec[0].cast<std::string>();
  if (kind == "path") {
    s.path = spec[1].cast<std::string>();
  } else {
    s.from_text = true;
    s.text = spec[1].cast<std::string>();
    s.name = spec[2].cast<std::string>();
  }
  return s;
}

Scenario LoadScenario(const ScenarioSource& source) {
  absl::StatusOr<Scenario> s;
  {
    py::gil_scoped_release release;
    if (!source.from_text) {
      s = LoadScenarioFile(source.path);
    } else {
      absl::StatusOr<ScenarioDocument> doc =
          ScenarioDocument::Parse(source.text, source.name);
      s = doc.ok() ? doc->ToScenario() : doc.status();
    }
  }
  if (!s.ok()) {
    Raise(s.status(), /*scenario=*/true,
          source.from_text ? source.name : source.path);
  }
  return *std::move(s);
}

MetricSet ToMetricSet(const py::object& metrics) {
  if (metrics.is_none()) return AllMetrics();
  std::string list;
  if (py::isinstance<py::str>(metrics)) {
    list = metrics.cast<std::string>();
  } else {
    for (const py::handle key : metrics) {
      if (!list.empty()) list += ",";
      list += py::str(key).cast<std::string>();
    }
  }
  absl::StatusOr<MetricSet> set = ParseMetricList(list);
  if (!set.ok()) {
    Raise(absl::InvalidArgumentError(std::string("metrics: ") +
                                     std::string(MessageOf(set.status()))));
  }
  return *set;
}

void CallbackError::RethrowIfSet() {
  if (error != nullptr) {
    std::unique_ptr<py::error_already_set> e = std::move(error);
    throw py::error_already_set(std::move(*e));
  }
}

py::object Timestamp(const Scenario& scenario, Time t) {
  const Time day = Time::Days(1);
  const Date date =
      scenario.calendar.start_date.plus_days(t / day - scenario.warmup / day);
  const int64_t us = (t % day).ticks();  // ticks are microseconds
  const int64_t s = us / 1'000'000;
  return DatetimeModule().attr("datetime")(date.year, date.month, date.day,
                                           s / 3600, s / 60 % 60, s % 60,
                                           us % 1'000'000);
}

py::object Duration(Time t) {
  return DatetimeModule().attr("timedelta")(py::arg("microseconds") =
                                                t.ticks());
}

py::object ToDate(const Date& date) {
  return DatetimeModule().attr("date")(date.year, date.month, date.day);
}

py::dict EstimateDict(const Estimate& e) {
  py::dict d;
  d["mean"] = Number(e.mean);
  d["ci95"] = Number(e.ci95);
  d["n"] = e.n;
  return d;
}

std::vector<Metric> ScopeMetrics(const MetricSet& selected, Scope scope,
                                 bool agent_time_only) {
  std::vector<Metric> out;
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric m = static_cast<Metric>(i);
    if (!selected.test(i) || !MetricApplies(scope, m)) continue;
    if (agent_time_only && !IsAgentTimeMetric(m)) continue;
    out.push_back(m);
  }
  return out;
}

std::vector<py::object> IntervalStarts(const Scenario& scenario, size_t n) {
  std::vector<py::object> starts;
  starts.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    starts.push_back(Timestamp(
        scenario,
        scenario.warmup + scenario.interval * static_cast<int64_t>(i)));
  }
  return starts;
}

py::dict RunResultDict(const RunResult& result, const Scenario& scenario,
                       const MetricSet& metrics,
                       std::span<const ReplicationResult> replications,
                       bool replication_intervals) {
  py::dict out;
  out["scenario"] = result.scenario;
  out["source"] = scenario.source;
  out["seed"] = result.seed;
  out["replications"] = result.replications;
  out["start_date"] = ToDate(scenario.calendar.start_date);
  out["warmup"] = Duration(scenario.warmup);
  out["horizon"] = Duration(scenario.horizon);
  out["interval"] = Duration(scenario.interval);
  py::dict sl;
  sl["threshold_s"] = scenario.service_level.threshold.seconds();
  sl["short_abandon_s"] = scenario.service_level.short_abandon.seconds();
  sl["target"] = scenario.service_level.target;
  if (const auto& second = scenario.service_level.second; second.has_value()) {
    py::dict s2;
    s2["threshold_s"] = second->threshold.seconds();
    s2["target"] = second->target;
    sl["second"] = s2;
  }
  out["service_level"] = sl;

  py::dict totals;
  for (Metric m : ScopeMetrics(metrics, Scope::kTotal)) {
    totals[py::str(std::string(MetricName(m)))] =
        EstimateDict(result.total[static_cast<int>(m)]);
  }
  out["totals"] = totals;
  py::dict flow;
  const auto steps = CallFlowSteps(result.call_flow);
  for (int i = 0; i < kNumCallFlowSteps; ++i) {
    flow[py::str(std::string(kCallFlowStepNames[i]))] = EstimateDict(*steps[i]);
  }
  out["call_flow"] = flow;

  // The start of every reported interval, shared by the tables.
  const size_t n_intervals = result.intervals.size();
  const std::vector<py::object> starts = IntervalStarts(scenario, n_intervals);
  const std::vector<Metric> interval_metrics =
      ScopeMetrics(metrics, Scope::kInterval);
  py::dict intervals;
  intervals["start"] =
      MakeColumn(n_intervals, [&](size_t i) { return starts[i]; });
  intervals["day"] = MakeColumn(
      n_intervals, [&](size_t i) { return py::int_(result.intervals[i].day); });
  AddEstimateColumns(intervals, interval_metrics, n_intervals,
                     [&](size_t i) -> const MetricEstimates& {
                       return result.intervals[i].metrics;
                     });
  out["intervals"] = intervals;

  // Call types and agent groups: a row each.
  auto named = [&](const std::vector<NamedEstimates>& rows, const char* key,
                   Scope scope) {
    py::dict table;
    table[key] = MakeColumn(rows.size(),
                            [&](size_t i) { return py::str(rows[i].name); });
    AddEstimateColumns(
        table, ScopeMetrics(metrics, scope), rows.size(),
        [&](size_t i) -> const MetricEstimates& { return rows[i].metrics; });
    return table;
  };
  out["call_types"] = named(result.call_types, "call_type", Scope::kCallType);
  out["agent_groups"] =
      named(result.agent_groups, "agent_group", Scope::kAgentGroup);

  // Agent groups per interval: group-major rows.
  const size_t n_groups = result.agent_group_intervals.size();
  const size_t n_group_rows = n_groups * n_intervals;
  auto group_row = [&](size_t i) -> const IntervalEstimates& {
    return result.agent_group_intervals[i / n_intervals][i % n_intervals];
  };
  py::dict group_intervals;
  group_intervals["agent_group"] = MakeColumn(n_group_rows, [&](size_t i) {
    return py::str(result.agent_groups[i / n_intervals].name);
  });
  group_intervals["start"] = MakeColumn(
      n_group_rows, [&](size_t i) { return starts[i % n_intervals]; });
  group_intervals["day"] = MakeColumn(
      n_group_rows, [&](size_t i) { return py::int_(group_row(i).day); });
  AddEstimateColumns(
      group_intervals,
      ScopeMetrics(metrics, Scope::kAgentGroup, /*agent_time_only=*/true),
      n_group_rows,
      [&](size_t i) -> const MetricEstimates& { return group_row(i).metrics; });
  out["agent_group_intervals"] = group_intervals;

  if (!replications.empty()) {
    // Replication values: one row per replication (and interval).
    const size_t n_reps = replications.size();
    py::dict reps;
    reps["replication"] =
        MakeColumn(n_reps, [](size_t r) { return py::int_(r + 1); });
    for (Metric m : ScopeMetrics(metrics, Scope::kTotal)) {
      reps[py::str(std::string(MetricName(m)))] = MakeColumn(
          n_reps, [&](size_t r) { return Number(replications[r].total[m]); });
    }
    out["per_replication"] = reps;
    if (replication_intervals) {
      const size_t n_rows = n_reps * n_intervals;
      py::dict rows;
      rows["replication"] = MakeColumn(
          n_rows, [&](size_t i) { return py::int_(i / n_intervals + 1); });
      rows["start"] =
          MakeColumn(n_rows, [&](size_t i) { return starts[i % n_intervals]; });
      rows["day"] = MakeColumn(n_rows, [&](size_t i) {
        return py::int_(result.intervals[i % n_intervals].day);
      });
      for (Metric m : interval_metrics) {
        rows[py::str(std::string(MetricName(m)))] =
            MakeColumn(n_rows, [&](size_t i) {
              const std::vector<MetricValues>& v =
                  replications[i / n_intervals].intervals;
              const size_t k = i % n_intervals;
              return Number(k < v.size() ? v[k][m] : NAN);
            });
      }
      out["per_replication_intervals"] = rows;
    }
  }
  out["events"] = result.events;
  out["calls"] = result.calls;
  return out;
}

}  // namespace ccsim::python
