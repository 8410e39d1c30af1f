// Pieces every fitted scenario is made of, whatever the data came from
// (call exports or interval reports): names, dates, the intraday profiles
// and the dated arrivals table.
#ifndef CCSIM_SIM_FIT_FIT_TABLES_H_
#define CCSIM_SIM_FIT_FIT_TABLES_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/fit.h"
#include "ccsim/time.h"

namespace ccsim::fit {

// "YYYY-MM-DD" of a day since 1970-01-01.
std::string DateText(int64_t day);
// The span a fit takes: at most 3650 days, and at most the 100,000
// intervals a scenario holds (the loader's limit on warm-up + horizon,
// kMaxIntervals in sim/scenario/loader.cc), else an InvalidArgumentError
// "PATH: SPANS N days (FIRST to LAST)..." with the remedy. `spans` is
// "the calls span" or "the report spans".
absl::Status CheckSpan(const std::string& path, std::string_view spans,
                       int64_t first_day, int64_t last_day, int per_day,
                       Time interval);
// `text` as a double-quoted YAML string (a file name may hold '#', ',' or
// ':').
std::string YamlQuoted(const std::string& text);
// "HH:MM" of the start of interval `slot` of the day.
std::string SlotText(int slot, int64_t interval_ms);
// A scenario name: letters, digits, '_' and '-' only, unique in `used`.
std::string Identifier(const std::string& raw, std::set<std::string>& used);
// Day-to-day over-dispersion of daily counts N_d with expected E_d (the
// mean of the same weekday, or of all days with fewer than two weeks):
// Var N_d = E_d + cv^2 E_d^2 (a gamma-mixed Poisson), by moments; and the
// weekday factors.
void DailyProfile(const std::map<int64_t, double>& daily, FittedCallType& t);
// Intraday profiles are kept for three classes of days: Monday to Friday
// (0), Saturday (1), Sunday (2).
int DayClass(int64_t day);
// Per day class, the share of a day's calls in each interval: the class's
// calls per interval over all its days, or all days' when the class has
// fewer than two days with calls (a profile from one day would replay that
// day's Poisson noise as if it were the rate).
std::vector<std::vector<double>> IntradayProfiles(
    const std::map<int64_t, std::vector<double>>& by_day, int ipd);
// The dated arrivals table (date,time,call_type,calls) from calls per day
// and interval of each type: every date from first_day to last_day, each
// date's calls spread by its class's profile.
std::string ArrivalsCsv(
    const std::vector<const std::map<int64_t, std::vector<double>>*>& by_type,
    const std::vector<std::string>& names, int64_t first_day, int64_t last_day,
    int ipd, int64_t interval_ms);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_FIT_TABLES_H_
