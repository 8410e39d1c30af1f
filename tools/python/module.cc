// The _ccsim extension module: run, validate and compare (this file), and
// sweep, staff and fit (module_tools.cc), called by the pure-Python front
// ccsim/__init__.py, which documents the public API (docs/python.md).
// Simulations run with the GIL released.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/run.h"
#include "tools/python/convert.h"
#include "tools/python/module_tools.h"

namespace ccsim::python {
namespace {

// Checks a scenario; returns its warnings (ScenarioWarnings).
std::vector<std::string> Validate(const py::tuple& spec) {
  const Scenario scenario = LoadScenario(ToSource(spec));
  return ScenarioWarnings(scenario);
}

py::dict Run(const py::tuple& spec, std::optional<int> replications,
             std::optional<uint64_t> seed, int threads,
             const py::object& metrics, bool per_replication,
             bool replication_intervals, const py::object& progress) {
  const Scenario scenario = LoadScenario(ToSource(spec));
  const MetricSet selected = ToMetricSet(metrics);
  RunOptions options;
  options.replications = replications;
  options.seed = seed;
  options.threads = threads;
  const int reps = replications.value_or(scenario.replications);
  std::vector<ReplicationResult> kept;
  if (per_replication || replication_intervals) {
    if (absl::Status st = CheckKeptReplications(
            scenario, static_cast<uint64_t>(std::max(reps, 0)),
            "per_replication");
        !st.ok()) {
      Raise(st);
    }
    options.replications_out = &kept;
  }
  auto error = std::make_shared<CallbackError>();
  options.on_progress = PythonCallback<int, int>(progress, error);
  absl::StatusOr<RunResult> result;
  {
    py::gil_scoped_release release;
    result = RunScenario(scenario, options);
  }
  error->RethrowIfSet();
  if (!result.ok()) Raise(result.status());
  py::dict out =
      RunResultDict(*result, scenario, selected, kept, replication_intervals);
  out["warnings"] = py::cast(ScenarioWarnings(scenario));
  return out;
}

// {"base": {...}, "variant": {...}, "difference": {...}, "significant": b}
// as table columns, for rows of PairedEstimate given by paired(i).
template <typename Paired>
void AddPairedColumns(py::dict& table, size_t n, const Paired& paired) {
  auto add = [&](const char* name, auto value) {
    table[name] = MakeColumn(n, [&](size_t i) { return value(paired(i)); });
  };
  add("base_mean", [](const PairedEstimate& p) { return Number(p.base.mean); });
  add("base_ci95", [](const PairedEstimate& p) { return Number(p.base.ci95); });
  add("variant_mean",
      [](const PairedEstimate& p) { return Number(p.variant.mean); });
  add("variant_ci95",
      [](const PairedEstimate& p) { return Number(p.variant.ci95); });
  add("difference_mean",
      [](const PairedEstimate& p) { return Number(p.difference.mean); });
  add("difference_ci95",
      [](const PairedEstimate& p) { return Number(p.difference.ci95); });
  add("significant",
      [](const PairedEstimate& p) { return py::bool_(p.significant); });
}

py::dict Compare(const std::vector<py::tuple>& specs,
                 const std::vector<std::string>& labels,
                 const std::vector<std::string>& fallback_labels,
                 std::optional<int> replications, std::optional<uint64_t> seed,
                 int threads, const py::object& metrics,
                 const py::object& progress) {
  std::vector<Scenario> scenarios;
  for (const py::tuple& spec : specs) {
    scenarios.push_back(LoadScenario(ToSource(spec)));
  }
  const MetricSet selected = ToMetricSet(metrics);
  CompareOptions options;
  options.replications = replications;
  options.seed = seed;
  options.threads = threads;
  options.labels = labels;
  // Scenario names label the results, unless two are the same.
  for (size_t i = 0; i < scenarios.size() && labels.empty(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (scenarios[i].name == scenarios[j].name) {
        options.labels = fallback_labels;
      }
    }
  }
  auto error = std::make_shared<CallbackError>();
  options.on_progress = PythonCallback<int, int>(progress, error);
  absl::StatusOr<Comparison> c;
  {
    py::gil_scoped_release release;
    c = CompareScenarios(scenarios[0], std::span(scenarios).subspan(1),
                         options);
  }
  error->RethrowIfSet();
  if (!c.ok()) Raise(c.status());

  py::dict out;
  out["base"] = c->base_label;
  out["seed"] = c->seed;
  out["replications"] = c->replications;
  py::list variant_labels;
  for (const VariantComparison& v : c->variants) variant_labels.append(v.label);
  out["variants"] = variant_labels;

  // Totals: a row per variant and metric.
  const std::vector<Metric> total_metrics =
      ScopeMetrics(selected, Scope::kTotal);
  struct Row {
    const VariantComparison* variant;
    const PairedEstimate* value;
    std::string key;  // metric or call-flow step
    int interval = -1;
  };
  auto table = [&](const std::vector<Row>& rows, const char* key_name) {
    py::dict t;
    t["variant"] = MakeColumn(
        rows.size(), [&](size_t i) { return py::str(rows[i].variant->label); });
    t[key_name] =
        MakeColumn(rows.size(), [&](size_t i) { return py::str(rows[i].key); });
    AddPairedColumns(t, rows.size(), [&](size_t i) -> const PairedEstimate& {
      return *rows[i].value;
    });
    return t;
  };
  std::vector<Row> totals, flow, intervals;
  for (const VariantComparison& v : c->variants) {
    for (Metric m : total_metrics) {
      totals.push_back(
          {&v, &v.total[static_cast<int>(m)], std::string(MetricName(m))});
    }
    for (const CallFlowComparison& step : v.call_flow) {
      flow.push_back({&v, &step.value, step.step});
    }
  }
  out["totals"] = table(totals, "metric");
  out["call_flow"] = table(flow, "step");

  // Intervals: a row per variant, interval and metric.
  const Scenario& base = scenarios[0];
  const std::vector<py::object> starts =
      IntervalStarts(base, c->base.intervals.size());
  const std::vector<Metric> interval_metrics =
      ScopeMetrics(selected, Scope::kInterval);
  for (const VariantComparison& v : c->variants) {
    for (size_t i = 0; i < v.intervals.size(); ++i) {
      for (Metric m : interval_metrics) {
        intervals.push_back({&v, &v.intervals[i].metrics[static_cast<int>(m)],
                             std::string(MetricName(m)), static_cast<int>(i)});
      }
    }
  }
  py::dict interval_table = table(intervals, "metric");
  interval_table["start"] = MakeColumn(intervals.size(), [&](size_t i) {
    return starts[static_cast<size_t>(intervals[i].interval)];
  });
  interval_table["day"] = MakeColumn(intervals.size(), [&](size_t i) {
    return py::int_(c->base.intervals[intervals[i].interval].day);
  });
  out["intervals"] = interval_table;

  py::dict pairing;
  pairing["variant"] = variant_labels;
  auto count = [&](auto field) {
    return MakeColumn(c->variants.size(), [&](size_t i) {
      return py::int_(c->variants[i].*field);
    });
  };
  pairing["shared_call_types"] = count(&VariantComparison::shared_call_types);
  pairing["base_call_types"] = count(&VariantComparison::base_call_types);
  pairing["variant_call_types"] = count(&VariantComparison::variant_call_types);
  out["pairing"] = pairing;

  // Each scenario's own results, by label.
  py::dict results;
  results[py::str(c->base_label)] =
      RunResultDict(c->base, scenarios[0], selected, {}, false);
  for (size_t k = 0; k < c->variant_results.size(); ++k) {
    results[py::str(c->variants[k].label)] = RunResultDict(
        c->variant_results[k], scenarios[k + 1], selected, {}, false);
  }
  out["results"] = results;
  out["events"] = c->events;
  out["calls"] = c->calls;
  return out;
}

}  // namespace
}  // namespace ccsim::python

PYBIND11_MODULE(_ccsim, m) {
  namespace py = pybind11;
  using namespace ccsim::python;
  m.doc() = "ccsim's C++ core; use the ccsim package (docs/python.md).";
  m.attr("__version__") = CCSIM_VERSION;
  RegisterErrors(m);
  m.def("validate", &Validate, py::arg("spec"));
  m.def("run", &Run, py::arg("spec"), py::arg("replications"), py::arg("seed"),
        py::arg("threads"), py::arg("metrics"), py::arg("per_replication"),
        py::arg("replication_intervals"), py::arg("progress"));
  m.def("compare", &Compare, py::arg("specs"), py::arg("labels"),
        py::arg("fallback_labels"), py::arg("replications"), py::arg("seed"),
        py::arg("threads"), py::arg("metrics"), py::arg("progress"));
  DefineTools(m);
}
