// ccsim fit --intervals: a scenario from interval reports alone (offered,
// answered, abandoned, AHT and agents per interval), when no per-call data
// exist. Arrivals and the handle time come straight from the report; the
// patience is found by Erlang A inversion: the mean patience with which
// Erlang A, interval by interval (each interval's rate, AHT and agents),
// predicts as many abandons over the period as the report shows. That is
// an approximation (Erlang A assumes exponential handle times and patience
// and a steady state within each interval), and it is stated as one.
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "ccsim/erlang.h"
#include "ccsim/fit.h"
#include "fmt/format.h"
#include "sim/fit/fit_tables.h"
#include "sim/io/csv_reader.h"
#include "sim/io/text.h"
#include "sim/io/timestamp.h"

namespace ccsim {

namespace {

using io::kMsPerDay;

inline constexpr std::array<std::string_view, 9> kIntervalFields = {
    "date",     "time",      "start", "call_type", "offered",
    "answered", "abandoned", "aht_s", "agents"};

struct Cell {
  double offered = 0, answered = 0, abandoned = 0, handle_s = 0, agents = 0;
};

struct TypeReport {
  std::string name;
  std::map<int64_t, std::vector<double>> offered;  // by day and interval
  std::map<int64_t, std::vector<Cell>> cells;
};

// Erlang A's expected abandons in one interval with `offered` expected
// calls, mean handle time `aht`, `agents` and mean patience theta, linear
// between the whole numbers of agents around a fractional count.
double ExpectedAbandons(double offered, double aht, double agents,
                        double interval_s, double theta) {
  if (offered <= 0 || agents < 1) return 0;
  auto at = [&](int n) {
    ErlangInput in;
    in.arrival_rate_per_s = offered / interval_s;
    in.mean_handle_s = aht;
    in.agents = n;
    in.mean_patience_s = theta;
    absl::StatusOr<ErlangResult> r = ErlangQueue(in);
    return r.ok() ? r->abandon_rate : std::nan("");
  };
  const int lo = static_cast<int>(std::floor(agents));
  const double f = agents - lo;
  const double p = f > 1e-9 ? (1 - f) * at(lo) + f * at(lo + 1) : at(lo);
  return std::isfinite(p) ? p * offered : 0;
}

}  // namespace

absl::StatusOr<FitResult> FitIntervalReport(const FitOptions& o) {
  absl::StatusOr<std::unique_ptr<io::CsvReader>> opened =
      io::CsvReader::Open(o.intervals_path);
  if (!opened.ok()) return opened.status();
  io::CsvReader& csv = **opened;
  absl::StatusOr<io::TimeFormat> format = io::ParseTimeFormat(o.time_format);
  if (!format.ok()) return format.status();
  std::array<int, kIntervalFields.size()> col;
  col.fill(-1);
  for (const auto& [column, field] : o.map) {
    for (size_t f = 0; f < kIntervalFields.size(); ++f) {
      if (kIntervalFields[f] == field) col[f] = csv.Column(column);
    }
  }
  for (size_t f = 0; f < kIntervalFields.size(); ++f) {
    if (col[f] < 0) col[f] = csv.Column(kIntervalFields[f]);
  }
  enum {
    kDate,
    kTime,
    kStart,
    kType,
    kOffered,
    kAnswered,
    kAbandoned,
    kAht,
    kAgents
  };
  const bool dated = col[kDate] >= 0 && col[kTime] >= 0;
  if (!dated && col[kStart] < 0) {
    return csv.RowError(
        "expected columns 'date' and 'time', or 'start' (when each interval "
        "starts)");
  }
  for (int f : {kOffered, kAnswered, kAbandoned, kAht, kAgents}) {
    if (col[f] < 0) {
      return csv.RowError(
          fmt::format("expected a column '{}' (an interval report has offered, "
                      "answered, abandoned, aht_s and agents per interval)",
                      kIntervalFields[f]));
    }
  }
  const int64_t interval_ms = o.interval.ticks() / 1000;
  const int ipd = static_cast<int>(kMsPerDay / interval_ms);
  const double interval_s = o.interval.seconds();
  std::vector<TypeReport> types;
  std::unordered_map<std::string, int> type_ids;
  FitResult r;
  std::map<std::string, std::pair<int64_t, int64_t>> excluded;
  int64_t first_ms = 0, last_ms = 0;
  while (true) {
    absl::StatusOr<bool> more = csv.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++r.rows;
    std::optional<int64_t> ms;
    int time_col = col[kStart];
    if (dated) {
      ms = io::ParseTimestamp(
          fmt::format("{} {}", csv.field(col[kDate]), csv.field(col[kTime])),
          io::TimeFormat::kIso);
      time_col = col[kTime];
    } else {
      ms = io::ParseTimestamp(csv.field(col[kStart]), *format);
    }
    if (!ms.has_value() || *ms % interval_ms != 0) {
      return csv.Error(time_col,
                       fmt::format("expected the start of a {} interval "
                                   "(date YYYY-MM-DD and time HH:MM), got "
                                   "'{}'",
                                   FormatDuration(o.interval),
                                   io::Printable(csv.field(time_col))));
    }
    std::array<double, 5> v{};
    const int fields[] = {kOffered, kAnswered, kAbandoned, kAht, kAgents};
    for (int i = 0; i < 5; ++i) {
      const std::string text(csv.field(col[fields[i]]));
      char* end = nullptr;
      v[i] = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() ||
          !std::isfinite(v[i]) || v[i] < 0) {
        return csv.Error(col[fields[i]],
                         fmt::format("expected a number >= 0, got '{}'",
                                     io::Printable(text)));
      }
    }
    if (v[1] + v[2] > v[0] + 1e-9) {
      auto& e = excluded["answered and abandoned exceed offered"];
      if (e.first++ == 0) e.second = csv.row();
      continue;
    }
    ++r.used;
    std::string name =
        col[kType] >= 0 ? std::string(csv.field(col[kType])) : "calls";
    if (name.empty()) name = "calls";
    auto [it, added] =
        type_ids.try_emplace(name, static_cast<int>(types.size()));
    if (added)
      types.push_back(TypeReport{.name = name, .offered = {}, .cells = {}});
    TypeReport& t = types[static_cast<size_t>(it->second)];
    const int64_t day = *ms / kMsPerDay - (*ms % kMsPerDay < 0 ? 1 : 0);
    const size_t slot =
        static_cast<size_t>((*ms - day * kMsPerDay) / interval_ms);
    std::vector<double>& off = t.offered[day];
    std::vector<Cell>& cells = t.cells[day];
    if (off.empty()) {
      off.assign(static_cast<size_t>(ipd), 0.0);
      cells.resize(static_cast<size_t>(ipd));
    }
    off[slot] += v[0];
    Cell& c = cells[slot];
    c.offered += v[0];
    c.answered += v[1];
    c.abandoned += v[2];
    c.handle_s += v[3] * v[1];
    c.agents = v[4];
    if (r.used == 1 || *ms < first_ms) first_ms = *ms;
    if (r.used == 1 || *ms > last_ms) last_ms = *ms;
  }
  if (r.used == 0) {
    return absl::InvalidArgumentError(
        fmt::format("{}: no usable interval rows", o.intervals_path));
  }
  for (const auto& [reason, e] : excluded) {
    r.excluded.emplace_back(reason, e.first);
    r.excluded_first_row.push_back(e.second);
  }
  const int64_t first_day =
      first_ms / kMsPerDay - (first_ms % kMsPerDay < 0 ? 1 : 0);
  const int64_t last_day =
      last_ms / kMsPerDay - (last_ms % kMsPerDay < 0 ? 1 : 0);
  if (absl::Status span = fit::CheckSpan(o.intervals_path, "the report spans",
                                         first_day, last_day, ipd, o.interval);
      !span.ok()) {
    return span;
  }
  r.days = static_cast<int>(last_day - first_day + 1);
  r.first_date = fit::DateText(first_day);
  r.last_date = fit::DateText(last_day);

  std::set<std::string> used_names;
  std::vector<std::string> names;
  std::vector<const std::map<int64_t, std::vector<double>>*> offered;
  for (const TypeReport& t : types) {
    names.push_back(fit::Identifier(t.name, used_names));
    offered.push_back(&t.offered);
  }
  r.arrivals_csv =
      fit::ArrivalsCsv(offered, names, first_day, last_day, ipd, interval_ms);
  r.staffing_csv = "date,time,group,agents\n";
  std::string types_yaml, groups_yaml;
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeReport& t = types[i];
    FittedCallType f;
    f.name = names[i];
    f.data_name = t.name;
    double answered = 0, abandoned = 0, handle = 0;
    std::map<int64_t, double> daily;
    for (const auto& [day, cells] : t.cells) {
      for (const Cell& c : cells) {
        f.calls += c.offered;
        answered += c.answered;
        abandoned += c.abandoned;
        handle += c.handle_s;
        daily[day] += c.offered;
      }
    }
    f.fresh = f.calls;
    fit::DailyProfile(daily, f);
    const double aht = answered > 0 ? handle / answered : 0;
    if (!(aht > 0)) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: call type {} has no answered call with a handle time",
          o.intervals_path, t.name));
    }
    f.talk.fitted = true;
    f.talk.distribution = Distribution::Exponential(aht);
    f.talk.summary = fmt::format(
        "exponential (mean {:.4g} s, the report's "
        "AHT; only the mean is known)",
        aht);
    f.talk.n = static_cast<int>(answered);
    types_yaml += fmt::format(
        "  - name: {}\n    arrivals: {{table: {}}}\n    handle_time: {}\n",
        f.name, fit::YamlQuoted(o.table_prefix + "arrivals.csv"),
        f.talk.distribution.ToYaml());
    if (abandoned > 0) {
      // The mean patience that makes Erlang A's abandons match the
      // report's over the period (monotone in theta: bisection on log).
      // Erlang A is convex in the rate and the handle time: fed each
      // interval's own noisy count and AHT it would predict too many
      // abandons and the patience would come out too long (17% in a
      // test). So each interval gets the fitted rate (its day's calls
      // spread by the profile) and the period's AHT.
      const std::vector<std::vector<double>> profile =
          fit::IntradayProfiles(t.offered, ipd);
      auto expected = [&](double theta) {
        double sum = 0;
        for (const auto& [day, cells] : t.cells) {
          double total = 0;
          for (const Cell& c : cells) total += c.offered;
          const std::vector<double>& share = profile[fit::DayClass(day)];
          for (size_t k = 0; k < cells.size(); ++k) {
            sum += ExpectedAbandons(total * share[k], aht, cells[k].agents,
                                    interval_s, theta);
          }
        }
        return sum;
      };
      double lo = std::log(1.0), hi = std::log(1e6);
      for (int k = 0; k < 60; ++k) {
        const double mid = (lo + hi) / 2;
        if (expected(std::exp(mid)) > abandoned) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      const double theta = std::exp((lo + hi) / 2);
      f.patience.fitted = true;
      f.patience.distribution = Distribution::Exponential(theta);
      f.patience.summary = fmt::format(
          "exponential (mean {:.4g} s, by Erlang A inversion)", theta);
      f.patience.n = static_cast<int>(answered + abandoned);
      f.patience.events = static_cast<int>(abandoned);
      types_yaml +=
          fmt::format("    patience: {}\n", f.patience.distribution.ToYaml());
    }
    // One group per call type, staffed as the report says.
    FittedGroup g;
    g.name = fit::Identifier(f.name + "-agents", used_names);
    g.skills = {f.name};
    g.from_agent_log = false;
    double sum = 0;
    int n = 0;
    for (int64_t day = first_day; day <= last_day; ++day) {
      const auto it = t.cells.find(day);
      for (int slot = 0; slot < ipd; ++slot) {
        const double x = it == t.cells.end()
                             ? 0
                             : it->second[static_cast<size_t>(slot)].agents;
        if (x > 0) {
          sum += x;
          ++n;
        }
        r.staffing_csv +=
            fmt::format("{},{},{},{}\n", fit::DateText(day),
                        fit::SlotText(slot, interval_ms), g.name, x);
      }
    }
    g.mean_agents = n > 0 ? sum / n : 0;
    groups_yaml += fmt::format(
        "  - name: {}\n    skills: [{}]\n    staffing: {{table: {}}}\n", g.name,
        f.name, fit::YamlQuoted(o.table_prefix + "staffing.csv"));
    r.call_types.push_back(std::move(f));
    r.groups.push_back(std::move(g));
  }
  r.notes.push_back(
      "from interval reports alone: arrivals are the offered calls (repeats "
      "cannot be told apart), the handle time is exponential with the "
      "report's AHT (talk and wrap-up together; only the mean is known), and "
      "the patience is the exponential mean with which Erlang A, interval "
      "by interval, predicts the report's abandons: an approximation");
  r.notes.push_back(
      "each call type is answered by a group of its own, "
      "staffed with the report's agents");
  std::string name = o.name.empty() ? "fitted-intervals" : o.name;
  std::set<std::string> scenario_names;
  name = fit::Identifier(name, scenario_names);
  r.yaml = fmt::format(
      "# Fitted by ccsim fit from the interval report {} ({} of {} rows "
      "used).\n# Dates {} to {}.\nname: {}\nhorizon: {}d\ninterval: {}\n"
      "replications: 10\ncalendar: {{start_date: {}}}\n"
      "service_level: {{threshold: {}s}}\ncall_types:\n{}agents:\n{}",
      o.intervals_path, r.used, r.rows, r.first_date, r.last_date, name, r.days,
      FormatDuration(o.interval), r.first_date, o.threshold_s, types_yaml,
      groups_yaml);
  return r;
}

}  // namespace ccsim
