// Conversions between the ccsim library and Python for the _ccsim extension:
// errors as Python exceptions (ccsim.ScenarioError and the built-in ones),
// scenario arguments, metric selections, timestamps, and run results as
// plain dicts and column tables (a dict of equal-length lists, which
// pandas.DataFrame takes as it is). See docs/python.md.
#ifndef CCSIM_TOOLS_PYTHON_CONVERT_H_
#define CCSIM_TOOLS_PYTHON_CONVERT_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim::python {

namespace py = pybind11;

// Creates ccsim.ScenarioError (a ValueError with the attributes file, line,
// column and key_path) in `module`; call once, before any Raise().
void RegisterErrors(py::module_& module);

// Raises (throws py::error_already_set) the Python exception for `status`:
// ScenarioError when the message starts "FILE:LINE:COLUMN: " or when
// `scenario` is set (a scenario that did not load), FileNotFoundError for
// NotFound, FileExistsError for AlreadyExists, ValueError for other
// InvalidArgument errors, RuntimeError otherwise. The message is the
// CLI's. A scenario error without a line (e.g. a file that cannot be read)
// names `file` when its message starts with it. REQUIRES: !status.ok();
// the GIL held.
[[noreturn]] void Raise(const absl::Status& status, bool scenario = false,
                        const std::string& file = "");

// Where a scenario comes from, as the Python front resolves its argument:
// a file, or YAML text with the name its messages use ("(string)",
// "(dict)"; `extends:` paths are then relative to the working folder).
struct ScenarioSource {
  std::string path;
  std::string text;
  std::string name;
  bool from_text = false;
};
ScenarioSource ToSource(const py::tuple& spec);  // ("path", P) / ("text", T, N)

// Loads and checks the scenario; raises ScenarioError. Drops the GIL while
// it reads.
Scenario LoadScenario(const ScenarioSource& source);

// None (all) or a list of metric keys; raises ValueError naming a bad key.
MetricSet ToMetricSet(const py::object& metrics);

// A callback for the library (e.g. `on_progress`) that calls the Python
// `callback` with its arguments, with the GIL held, from any thread, one
// call at a time; an empty function when `callback` is None. An exception
// the callback raises is kept in `*error` (and the callback is not called
// again): RethrowIfSet() raises it once the library call has returned.
struct CallbackError {
  std::unique_ptr<py::error_already_set> error;
  void RethrowIfSet();
};
template <typename... Args>
std::function<void(Args...)> PythonCallback(
    const py::object& callback, std::shared_ptr<CallbackError> error) {
  if (callback.is_none()) return {};
  // A borrowed pointer: the caller's argument outlives the library call,
  // and the library copies the std::function without the GIL.
  struct State {
    PyObject* callback;
    std::shared_ptr<CallbackError> error;
    std::mutex mutex;
  };
  auto state = std::make_shared<State>();
  state->callback = callback.ptr();
  state->error = std::move(error);
  return [state](Args... args) {
    std::lock_guard<std::mutex> lock(state->mutex);
    py::gil_scoped_acquire gil;
    if (state->error->error != nullptr) return;
    try {
      py::handle(state->callback)(args...);
    } catch (py::error_already_set& e) {
      state->error->error =
          std::make_unique<py::error_already_set>(std::move(e));
    }
  };
}

// A datetime.datetime (naive, the scenario's calendar) of simulated time t.
py::object Timestamp(const Scenario& scenario, Time t);
// Seconds as a datetime.timedelta.
py::object Duration(Time t);
// A date as datetime.date.
py::object ToDate(const Date& date);

// A NaN-preserving float.
inline py::float_ Number(double x) { return py::float_(x); }

// {"mean": m, "ci95": h, "n": n}.
py::dict EstimateDict(const Estimate& e);

// A column of `n` values, value(i) for row i.
template <typename Value>
py::list MakeColumn(size_t n, const Value& value) {
  py::list column(n);
  for (size_t i = 0; i < n; ++i) column[i] = value(i);
  return column;
}

// The metrics of `scope` that `selected` holds, in Metric order (only the
// agent-time ones with `agent_time_only`).
std::vector<Metric> ScopeMetrics(const MetricSet& selected, Scope scope,
                                 bool agent_time_only = false);

// Adds to `table` a column per metric (the means) and one per half-width
// ("<metric>_ci95") for `n` rows, row(i) giving row i's estimates.
template <typename Row>
void AddEstimateColumns(py::dict& table, const std::vector<Metric>& metrics,
                        size_t n, const Row& row) {
  for (Metric m : metrics) {
    const int k = static_cast<int>(m);
    const std::string name(MetricName(m));
    table[py::str(name)] =
        MakeColumn(n, [&](size_t i) { return Number(row(i)[k].mean); });
    table[py::str(name + "_ci95")] =
        MakeColumn(n, [&](size_t i) { return Number(row(i)[k].ci95); });
  }
}

// The start (datetime) of every reported interval of `scenario`.
std::vector<py::object> IntervalStarts(const Scenario& scenario, size_t n);

// The run result as the dict ccsim.run() returns (see docs/python.md).
// `replications` may be empty (no per-replication tables); with
// `replication_intervals`, a table per replication and interval too.
py::dict RunResultDict(const RunResult& result, const Scenario& scenario,
                       const MetricSet& metrics,
                       std::span<const ReplicationResult> replications,
                       bool replication_intervals);

}  // namespace ccsim::python

#endif  // CCSIM_TOOLS_PYTHON_CONVERT_H_
