#include "sim/fit/fit_tables.h"

#include <cctype>
#include <cmath>

#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "sim/io/text.h"

namespace ccsim::fit {

std::string DateText(int64_t day) {
  const Date d = Date::FromDaysSinceEpoch(day);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

absl::Status CheckSpan(const std::string& path, std::string_view spans,
                       int64_t first_day, int64_t last_day, int per_day,
                       Time interval) {
  const int64_t days = last_day - first_day + 1;
  if (days > 3650) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {} {} days ({} to {}); at most 3650 are fitted", path,
                    spans, days, DateText(first_day), DateText(last_day)));
  }
  constexpr int64_t kMaxScenarioIntervals = 100'000;
  if (days * per_day > kMaxScenarioIntervals) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: {} {} days ({} to {}), {} intervals of {}; a scenario holds at "
        "most {} intervals: fit with a longer --interval or a shorter export",
        path, spans, days, DateText(first_day), DateText(last_day),
        days * per_day, FormatDuration(interval), kMaxScenarioIntervals));
  }
  return absl::OkStatus();
}

std::string YamlQuoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string SlotText(int slot, int64_t interval_ms) {
  const int64_t m = slot * interval_ms / 60000;
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

// A scenario name: letters, digits, '_' and '-' only, unique.
std::string Identifier(const std::string& raw, std::set<std::string>& used) {
  std::string s = io::AsName(raw);
  if (s.empty()) s = "unnamed";
  std::string out = s;
  for (int i = 2; !used.insert(out).second; ++i)
    out = fmt::format("{}_{}", s, i);
  return out;
}

// Day-to-day over-dispersion of daily counts N_d with expected E_d (the
// mean of the same weekday, or of all days with fewer than two weeks):
// Var N_d = E_d + cv^2 E_d^2 (a gamma-mixed Poisson), by moments.
void DailyProfile(const std::map<int64_t, double>& daily, FittedCallType& t) {
  std::array<double, 7> sum{}, count{};
  double total = 0;
  for (const auto& [day, n] : daily) {
    const int wd = Date::FromDaysSinceEpoch(day).weekday();
    sum[wd] += n;
    ++count[wd];
    total += n;
  }
  const double mean = total / static_cast<double>(daily.size());
  const bool by_weekday = daily.size() >= 14;
  double num = 0, den = 0;
  for (const auto& [day, n] : daily) {
    const int wd = Date::FromDaysSinceEpoch(day).weekday();
    const double e = by_weekday && count[wd] > 0 ? sum[wd] / count[wd] : mean;
    num += (n - e) * (n - e) - e;
    den += e * e;
  }
  t.daily_cv = den > 0 && num > 0 ? std::sqrt(num / den) : 0;
  for (int wd = 0; wd < 7; ++wd) {
    t.weekday_factor[wd] =
        count[wd] > 0 && mean > 0 ? sum[wd] / count[wd] / mean : 1;
  }
}

// Intraday profiles are kept for three classes of days: Monday to Friday,
// Saturday, Sunday.
int DayClass(int64_t day) {
  const int wd = Date::FromDaysSinceEpoch(day).weekday();
  return wd < 5 ? 0 : wd - 4;
}

// Per day class, the share of a day's calls in each interval: the class's
// calls per interval over all its days, or all days' when the class has
// fewer than two days with calls (a profile from one day would replay that
// day's Poisson noise as if it were the rate).
std::vector<std::vector<double>> IntradayProfiles(
    const std::map<int64_t, std::vector<double>>& by_day, int ipd) {
  std::vector<std::vector<double>> sums(4, std::vector<double>(ipd, 0.0));
  std::vector<int> days(4, 0);
  for (const auto& [day, v] : by_day) {
    const int c = DayClass(day);
    ++days[c];
    ++days[3];
    for (int i = 0; i < ipd; ++i) {
      sums[c][i] += v[i];
      sums[3][i] += v[i];
    }
  }
  std::vector<std::vector<double>> out(3);
  for (int c = 0; c < 3; ++c) {
    const std::vector<double>& s = days[c] >= 2 ? sums[c] : sums[3];
    double total = 0;
    for (double x : s) total += x;
    out[c].assign(ipd, total > 0 ? 0.0 : 1.0 / ipd);
    for (int i = 0; i < ipd && total > 0; ++i) out[c][i] = s[i] / total;
  }
  return out;
}

std::string ArrivalsCsv(
    const std::vector<const std::map<int64_t, std::vector<double>>*>& by_type,
    const std::vector<std::string>& names, int64_t first_day, int64_t last_day,
    int ipd, int64_t interval_ms) {
  std::vector<std::vector<std::vector<double>>> profiles;
  for (const auto* m : by_type) profiles.push_back(IntradayProfiles(*m, ipd));
  std::string out = "date,time,call_type,calls\n";
  for (int64_t day = first_day; day <= last_day; ++day) {
    const int day_class = DayClass(day);
    for (int slot = 0; slot < ipd; ++slot) {
      for (size_t t = 0; t < by_type.size(); ++t) {
        const auto it = by_type[t]->find(day);
        double total = 0;
        if (it != by_type[t]->end()) {
          for (double x : it->second) total += x;
        }
        const double n = total * profiles[t][day_class][slot];
        out += fmt::format("{},{},{},{:.4f}\n", DateText(day),
                           SlotText(slot, interval_ms), names[t], n);
      }
    }
  }
  return out;
}

}  // namespace ccsim::fit
