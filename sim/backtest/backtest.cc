// The back-test: the scenario moved to the export's dates and staffing,
// simulated, and compared interval by interval (include/ccsim/backtest.h).
#include "ccsim/backtest.h"

#include <algorithm>
#include <cmath>

#include "ccsim/run.h"
#include "fmt/format.h"
#include "sim/fit/agent_data.h"
#include "sim/fit/call_data.h"
#include "sim/scenario/readers.h"

namespace ccsim {

namespace {

using fit::kMsPerDay;

std::string DateText(int64_t day) {
  const Date d = Date::FromDaysSinceEpoch(day);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

bool Dated(const Scenario& s) {
  for (const CallTypeSpec& t : s.call_types) {
    if (!t.dated_rate_per_s.empty()) return true;
  }
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (!g.staffing_by_interval.empty()) return true;
  }
  return false;
}

// Per simulated interval (warm-up included), x[day][slot] / divisor, the
// warm-up days taking day 1's values.
std::vector<double> PerInterval(const std::map<int64_t, std::vector<double>>& x,
                                int64_t first_day, const Scenario& s,
                                double divisor) {
  const int ipd = s.intervals_per_day();
  const int64_t total = s.total_intervals();
  const int64_t warmup_days = s.warmup / Time::Days(1);
  std::vector<double> out(static_cast<size_t>(total), 0.0);
  for (int64_t k = 0; k < total; ++k) {
    int64_t day = k / ipd - warmup_days;
    if (day < 0) day = 0;
    const auto it = x.find(first_day + day);
    if (it != x.end()) {
      out[static_cast<size_t>(k)] =
          std::round(it->second[k % ipd] / divisor * 1000) / 1000;
    }
  }
  return out;
}

struct Band {
  double mean = std::nan(""), lo = std::nan(""), hi = std::nan("");
};

Band PredictionBand(const std::vector<double>& values, bool count) {
  double sum = 0;
  int n = 0;
  for (double v : values) {
    if (std::isfinite(v)) {
      sum += v;
      ++n;
    }
  }
  Band b;
  if (n == 0) return b;
  b.mean = sum / n;
  if (n < 2) return b;
  double ss = 0;
  for (double v : values) {
    if (std::isfinite(v)) ss += (v - b.mean) * (v - b.mean);
  }
  const double sd = std::sqrt(ss / (n - 1));
  const double half =
      StudentTQuantile(0.975, n - 1) * sd * std::sqrt(1 + 1.0 / n);
  b.lo = b.mean - half;
  b.hi = b.mean + half;
  if (count) b.lo = std::max(b.lo, 0.0);
  return b;
}

}  // namespace

absl::StatusOr<BacktestResult> Backtest(const Scenario& scenario,
                                        const BacktestOptions& o) {
  fit::ReadOptions ro;
  ro.map = o.map;
  absl::StatusOr<fit::TimeFormat> format = fit::ParseTimeFormat(o.time_format);
  if (!format.ok()) return format.status();
  ro.time_format = *format;
  ro.interval = scenario.interval;
  ro.threshold_s = scenario.service_level.threshold.seconds();
  ro.short_abandon_s = scenario.service_level.short_abandon.seconds();
  ro.max_samples = 2;  // only counts are needed
  ro.keep_trace = o.trace;
  absl::StatusOr<fit::CallData> data = fit::ReadCallData(o.calls_path, ro);
  if (!data.ok()) return data.status();
  const fit::CallData& d = *data;
  const int ipd = scenario.intervals_per_day();
  auto day_of = [](int64_t ms) {
    return ms / kMsPerDay - (ms < 0 && ms % kMsPerDay != 0 ? 1 : 0);
  };
  const int64_t first_day = day_of(d.first_arrival_ms);
  const int64_t last_day = day_of(d.last_arrival_ms);
  if (last_day - first_day + 1 > 3650) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: the calls span {} days ({} to {}); at most 3650 are back-tested",
        o.calls_path, last_day - first_day + 1, DateText(first_day),
        DateText(last_day)));
  }
  const int days = static_cast<int>(last_day - first_day + 1);

  BacktestResult r;
  r.scenario = scenario.name;
  r.calls_path = o.calls_path;
  r.agents_path = o.agents_path;
  r.first_date = DateText(first_day);
  r.last_date = DateText(last_day);
  r.days = days;
  r.intervals_per_day = ipd;
  r.interval = scenario.interval;

  // The scenario over the export's dates.
  Scenario v = scenario;
  const Date start = Date::FromDaysSinceEpoch(first_day);
  if (Dated(scenario)) {
    if (!(scenario.calendar.start_date == start) ||
        scenario.horizon != Time::Days(days)) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: the scenario's dated tables start on {:04}-{:02}-{:02} for "
          "{}, but the export covers {} to {} ({} days); fit the export, or "
          "give tables for its dates",
          scenario.source.empty() ? scenario.name : scenario.source,
          scenario.calendar.start_date.year, scenario.calendar.start_date.month,
          scenario.calendar.start_date.day, FormatDuration(scenario.horizon),
          r.first_date, r.last_date, days));
    }
  } else {
    v.calendar.start_date = start;
    v.horizon = Time::Days(days);
  }
  std::optional<fit::AgentData> agents;
  if (!o.agents_path.empty()) {
    absl::StatusOr<fit::AgentData> a =
        fit::ReadAgentData(o.agents_path, o.map, *format, scenario.interval);
    if (!a.ok()) return a.status();
    agents = *std::move(a);
    const double seconds = scenario.interval.seconds();
    for (AgentGroupSpec& g : v.agent_groups) {
      const auto it = std::find_if(
          agents->groups.begin(), agents->groups.end(),
          [&](const fit::AgentGroupData& x) { return x.name == g.name; });
      if (it == agents->groups.end()) {
        r.notes.push_back(fmt::format(
            "group {} is not in the agent log: its own staffing is used",
            g.name));
        continue;
      }
      // The agents available in each interval, as the log shows them:
      // breaks and AUX are already taken out.
      g.staffing_by_interval =
          PerInterval(it->available_s, first_day, v, seconds);
      g.staffing =
          scenario_internal::StaffingProfile(g.staffing_by_interval, ipd);
      scenario_internal::AsAvailableAgents(g);
    }
  }
  r.trace = o.trace;
  r.trace_talk = o.trace && o.trace_talk;
  if (o.trace) {
    // Simulated time 0 is the start of the first warm-up day.
    const int64_t day0_ms = (first_day - v.warmup / Time::Days(1)) * kMsPerDay;
    const Time end = v.warmup + v.horizon;
    for (const fit::TypeData& t : d.types) {
      auto spec =
          std::find_if(v.call_types.begin(), v.call_types.end(),
                       [&](const CallTypeSpec& c) { return c.name == t.name; });
      if (spec == v.call_types.end()) {
        if (!t.trace.empty()) {
          r.notes.push_back(fmt::format(
              "call type '{}' of the export is not in the scenario: its {} "
              "first calls are not replayed",
              t.name, t.trace.size()));
        }
        continue;
      }
      std::vector<std::pair<Time, Time>> rows;
      for (const auto& [ms, talk] : t.trace) {
        const Time at = Time::Ticks((ms - day0_ms) * 1000);
        if (at < Time::Zero() || at >= end) continue;
        rows.emplace_back(at, o.trace_talk && std::isfinite(talk)
                                  ? Time::Seconds(talk)
                                  : Time::Infinite());
      }
      std::stable_sort(
          rows.begin(), rows.end(),
          [](const auto& a, const auto& b) { return a.first < b.first; });
      spec->trace_arrivals.clear();
      spec->trace_talk.clear();
      spec->dated_rate_per_s.clear();
      for (const auto& [at, talk] : rows) {
        spec->trace_arrivals.push_back(at);
        if (o.trace_talk) spec->trace_talk.push_back(talk);
      }
      if (spec->trace_arrivals.empty()) {
        // No call of it in the export: none is replayed.
        spec->rate_per_s.assign(spec->rate_per_s.size(), 0.0);
      }
    }
    r.notes.push_back(
        "trace-driven: the first calls arrive at the export's own times" +
        std::string(o.trace_talk ? " and talk for the export's own talk "
                                   "times"
                                 : "") +
        "; the warm-up has no traced calls");
  }
  if (absl::Status st = CheckRunnable(v); !st.ok()) return st;

  RunOptions ro2;
  ro2.replications = o.replications;
  ro2.seed = o.seed;
  ro2.threads = o.threads;
  std::vector<ReplicationResult> reps;
  ro2.replications_out = &reps;
  absl::StatusOr<RunResult> run = RunScenario(v, ro2);
  if (!run.ok()) return run.status();
  r.replications = run->replications;
  r.seed = run->seed;
  if (r.replications < 2) {
    r.notes.push_back("one replication gives no prediction band");
  }

  // Observed per reported interval.
  const size_t n = static_cast<size_t>(days) * static_cast<size_t>(ipd);
  std::vector<fit::ObservedInterval> obs(n);
  for (const auto& [day, v2] : d.observed) {
    if (day < first_day || day > last_day) continue;
    for (int s = 0; s < ipd; ++s) {
      obs[static_cast<size_t>((day - first_day) * ipd + s)] = v2[s];
    }
  }
  std::vector<double> staffed(n, std::nan("")), busy(n, std::nan(""));
  if (agents.has_value()) {
    std::fill(staffed.begin(), staffed.end(), 0.0);
    std::fill(busy.begin(), busy.end(), 0.0);
    for (const fit::AgentGroupData& g : agents->groups) {
      for (const auto& [x, out] :
           // The simulated groups are staffed with the agents available
           // (breaks and AUX taken out), so occupancy is busy / available
           // on both sides.
           {std::pair{&g.available_s, &staffed}, std::pair{&g.busy_s, &busy}}) {
        for (const auto& [day, vals] : *x) {
          if (day < first_day || day > last_day) continue;
          for (int s = 0; s < ipd; ++s) {
            (*out)[static_cast<size_t>((day - first_day) * ipd + s)] += vals[s];
          }
        }
      }
    }
  }

  struct Spec {
    const char* name;
    Metric metric;
    bool count;
  };
  std::vector<Spec> specs = {{"offered", Metric::kOffered, true},
                             {"answered", Metric::kAnswered, true},
                             {"abandoned", Metric::kAbandoned, true},
                             {"service_level", Metric::kServiceLevel, false},
                             {"abandon_rate", Metric::kAbandonRate, false},
                             {"asa_s", Metric::kAsa, false}};
  if (agents.has_value()) {
    specs.push_back({"occupancy", Metric::kOccupancy, false});
  }
  auto observed = [&](const Spec& sp, const fit::ObservedInterval& x, double st,
                      double bu) {
    const double nan = std::nan("");
    switch (sp.metric) {
      case Metric::kOffered:
        return x.offered;
      case Metric::kAnswered:
        return x.answered;
      case Metric::kAbandoned:
        return x.abandoned;
      case Metric::kServiceLevel:
        return x.offered > 0 ? x.within / x.offered : nan;
      case Metric::kAbandonRate:
        return x.offered > 0 ? x.abandoned / x.offered : nan;
      case Metric::kAsa:
        return x.answered > 0 ? x.wait_answered_s / x.answered : nan;
      case Metric::kOccupancy:
        return st > 0 ? bu / st : nan;
      default:
        return nan;
    }
  };
  fit::ObservedInterval total_obs;
  double total_staffed = 0, total_busy = 0;
  for (size_t i = 0; i < n; ++i) {
    total_obs.offered += obs[i].offered;
    total_obs.answered += obs[i].answered;
    total_obs.abandoned += obs[i].abandoned;
    total_obs.within += obs[i].within;
    total_obs.wait_answered_s += obs[i].wait_answered_s;
    if (agents.has_value()) {
      total_staffed += staffed[i];
      total_busy += busy[i];
    }
  }
  for (const Spec& sp : specs) {
    BacktestMetric m;
    m.name = sp.name;
    m.is_count = sp.count;
    m.observed.resize(n);
    m.sim_mean.resize(n);
    m.band_lo.resize(n);
    m.band_hi.resize(n);
    double sum_err = 0, sum_abs = 0;
    int inside = 0;
    std::vector<double> values(reps.size());
    for (size_t i = 0; i < n; ++i) {
      for (size_t k = 0; k < reps.size(); ++k) {
        values[k] = i < reps[k].intervals.size()
                        ? reps[k].intervals[i][sp.metric]
                        : std::nan("");
      }
      const Band b = PredictionBand(values, sp.count);
      const double ob = observed(sp, obs[i], staffed[i], busy[i]);
      m.observed[i] = ob;
      m.sim_mean[i] = b.mean;
      m.band_lo[i] = b.lo;
      m.band_hi[i] = b.hi;
      const bool compared =
          std::isfinite(ob) && std::isfinite(b.mean) &&
          (sp.count ? ob > 0 || b.mean > 0 : obs[i].offered > 0);
      if (!compared) continue;
      ++m.intervals;
      sum_err += b.mean - ob;
      sum_abs += std::abs(b.mean - ob);
      if (std::isfinite(b.lo) && ob >= b.lo && ob <= b.hi) ++inside;
    }
    if (m.intervals > 0) {
      m.bias = sum_err / m.intervals;
      m.mae = sum_abs / m.intervals;
      m.coverage = static_cast<double>(inside) / m.intervals;
    }
    for (size_t k = 0; k < reps.size(); ++k)
      values[k] = reps[k].total[sp.metric];
    const Band t = PredictionBand(values, sp.count);
    m.sim_total = t.mean;
    m.band_total_lo = t.lo;
    m.band_total_hi = t.hi;
    m.observed_total = observed(sp, total_obs, total_staffed, total_busy);
    r.metrics.push_back(std::move(m));
  }
  if (d.used < d.rows) {
    r.notes.push_back(
        fmt::format("{} of {} export rows were left out as "
                    "contradictory (see ccsim fit)",
                    d.rows - d.used, d.rows));
  }
  return r;
}

}  // namespace ccsim
