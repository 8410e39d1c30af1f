// `ccsim backtest`: how well a scenario reproduces a centre's own history.
//
// The scenario is simulated over the dates the call export covers (its
// calendar moved there), with the agents the agent export shows available
// in each interval when one is given, and each metric is compared per
// interval and in total with what the export shows: bias, mean absolute
// error, and the share of intervals whose observed value lies inside the
// simulation's 95% prediction band for one day's outcome,
//   mean +- t(0.975, R - 1) * sd * sqrt(1 + 1/R)
// over the R replications' values of that interval. With an agent export
// the simulated groups are staffed with the agents it shows available
// (logged in, not on a break or in AUX), so occupancy is compared as busy
// time over that available time. See docs/calibration.md.
#ifndef CCSIM_BACKTEST_H_
#define CCSIM_BACKTEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"

namespace ccsim {

struct BacktestOptions {
  std::string calls_path;
  std::string agents_path;  // "": the scenario's own staffing
  std::vector<std::pair<std::string, std::string>> map;
  std::string time_format = "auto";
  std::optional<int> replications;  // default: the scenario's
  std::optional<uint64_t> seed;
  int threads = 0;
  // Trace-driven: the first calls arrive at the export's own times (the
  // scenario's redials and returns add the repeats), and with trace_talk
  // talk for the export's own talk time when one agent answered, so that
  // forecast error and model error can be told apart.
  bool trace = false;
  bool trace_talk = false;
};

struct BacktestMetric {
  std::string name;  // a metric key: offered, service_level, ...
  bool is_count = false;
  // Over the whole period: observed, and the simulation's mean and 95%
  // prediction band.
  double observed_total = 0;
  double sim_total = 0, band_total_lo = 0, band_total_hi = 0;
  // Over the compared intervals (for counts those with calls in the
  // export or the simulation; for rates those with offered calls in both).
  int intervals = 0;
  double bias = 0;      // mean of simulated - observed
  double mae = 0;       // mean of |simulated - observed|
  double coverage = 0;  // share of observed values inside the band
  // Per reported interval (NaN where undefined).
  std::vector<double> observed, sim_mean, band_lo, band_hi;
};

struct BacktestResult {
  std::string scenario;
  std::string calls_path, agents_path;
  std::string first_date, last_date;
  int days = 0;
  int intervals_per_day = 48;
  Time interval;
  int replications = 0;
  uint64_t seed = 0;
  bool trace = false, trace_talk = false;
  std::vector<BacktestMetric> metrics;
  std::vector<std::string> notes;
};

absl::StatusOr<BacktestResult> Backtest(const Scenario& scenario,
                                        const BacktestOptions& options);

std::string FormatBacktest(const BacktestResult& r, OutputFormat format);
// A self-contained HTML page: the totals table and, per metric, observed
// against the simulation's band per interval.
std::string FormatBacktestHtml(const BacktestResult& r);

}  // namespace ccsim

#endif  // CCSIM_BACKTEST_H_
