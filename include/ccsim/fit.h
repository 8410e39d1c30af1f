// `ccsim fit`: a scenario learned from a centre's own call export (and
// agent state export), with how good each fit is. See docs/calibration.md.
//
//   ccsim::FitOptions o;
//   o.calls_path = "calls.csv";
//   o.agents_path = "agents.csv";           // optional
//   absl::StatusOr<ccsim::FitResult> r = ccsim::FitCallLog(o);
//   // r->yaml is a scenario that names two tables, r->arrivals_csv and
//   // r->staffing_csv, to be written beside it as o.table_prefix + ...
#ifndef CCSIM_FIT_H_
#define CCSIM_FIT_H_

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/distribution.h"
#include "ccsim/time.h"

namespace ccsim {

struct FitOptions {
  std::string calls_path;
  std::string agents_path;  // "": staffing from the agents seen in calls
  // Interval reports instead of per-call data (calls_path empty): date,
  // time (or start), [call_type], offered, answered, abandoned, aht_s and
  // agents per interval.
  std::string intervals_path;
  // File column -> field, for exports with other column names (fields:
  // docs/call-logs.md and docs/calibration.md).
  std::vector<std::pair<std::string, std::string>> map;
  std::string time_format = "auto";
  Time interval = Time::Minutes(30);
  // The fitted tables' file names are table_prefix + "arrivals.csv" and
  // table_prefix + "staffing.csv" (relative to the scenario file).
  std::string table_prefix = "fitted.";
  std::string name;  // the scenario's name; "" from the calls file
  double threshold_s = 20;
};

// One fitted duration, as the report shows it.
struct FittedDuration {
  bool fitted = false;
  std::string summary;  // "lognormal (mean 181 s, sd 90.4 s)"
  Distribution distribution;
  int n = 0, events = 0;
  double mean_observed = 0;  // mean of the uncensored values
  struct Candidate {
    std::string family;
    std::vector<std::pair<std::string, double>> params;
    std::vector<double> half_widths;  // 95%
    double aic = 0, distance = 0;
    bool fits = false, chosen = false;
  };
  std::vector<Candidate> candidates;
  // The data: sorted observed values (a sample), or for censored data the
  // Kaplan-Meier curve (t, survival).
  std::vector<double> observed;
  std::vector<std::pair<double, double>> kaplan_meier;
};

struct FittedCallType {
  std::string name;       // as written in the scenario
  std::string data_name;  // as in the export
  double calls = 0;       // attempts in the export
  double fresh = 0;       // of them first calls (not repeats)
  double daily_cv = 0;    // day-to-day over-dispersion of fresh calls
  std::array<double, 7> weekday_factor = {1, 1, 1, 1, 1, 1, 1};
  FittedDuration talk, wrap, patience, redial_delay, return_delay;
  double wrap_share = 0;      // answered calls with after-call work
  double short_abandons = 0;  // share of abandons within 5 s
  double redial_after_abandon = 0, redial_after_busy = 0, redial_after_ivr = 0;
  double fcr = 1;
  // The IVR, as shares of the calls let in (not closed or blocked): to a
  // queue, hung up, resolved in self service, informed by an
  // announcement, sent elsewhere; and the time to a queue beyond the
  // greeting.
  double ivr_to_queue = 0, ivr_hang_up = 0, ivr_contained = 0, ivr_informed = 0,
         ivr_transferred_out = 0;
  FittedDuration ivr_time;
};

struct FittedGroup {
  std::string name;
  std::vector<std::string> skills;
  double mean_agents = 0;  // over the intervals with agents
  bool from_agent_log = false;
  // Share of the logged-in time the agents sat idle while callers they
  // serve waited (taken out of the staffing as unavailable).
  double unlabelled_share = 0;
  // From the agent log: shares of the logged-in time on breaks and in AUX
  // (taken out of the staffing).
  double break_share = 0, aux_share = 0;
  // Call types this group talks measurably longer or shorter on than the
  // others (handle_time_factor).
  std::vector<std::pair<std::string, double>> handle_factors;
};

struct FitResult {
  std::string yaml;  // the scenario
  std::string arrivals_csv, staffing_csv;
  std::vector<FittedCallType> call_types;
  std::vector<FittedGroup> groups;
  std::vector<std::pair<std::string, int64_t>> excluded;  // reason, rows
  std::vector<int64_t> excluded_first_row;
  std::vector<std::string> notes;  // assumptions and caveats
  int64_t rows = 0, used = 0;
  std::string first_date, last_date;
  int days = 0;
};

// From options.calls_path; or, when it is empty, from interval reports
// (options.intervals_path) by FitIntervalReport.
absl::StatusOr<FitResult> FitCallLog(const FitOptions& options);
absl::StatusOr<FitResult> FitIntervalReport(const FitOptions& options);

// The fit report: a self-contained HTML page with, per fitted quantity,
// the data against each family (CDF, or Kaplan-Meier survival when
// censored), the parameters with 95% intervals, and the assumptions.
std::string FormatFitHtml(const FitResult& result, const FitOptions& options);

}  // namespace ccsim

#endif  // CCSIM_FIT_H_
