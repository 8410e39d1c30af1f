// Readers for the parts of a scenario file (private to the scenario loader).
//
// Each reader takes a YamlValue (see yaml_value.h), checks it completely and
// returns the value, or the first error as a one-line
//   FILE:LINE:COLUMN: KEY.PATH: what was expected, got what was found
// The loader (loader.cc) ties them together; the format is documented in
// docs/scenario-format.md.
#ifndef CCSIM_SIM_SCENARIO_READERS_H_
#define CCSIM_SIM_SCENARIO_READERS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/distribution.h"
#include "ccsim/scenario.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/scenario/yaml_value.h"

namespace ccsim::scenario_internal {

// Upper bounds that keep a typo from exhausting memory or time.
inline constexpr int64_t kMaxAgentsPerInterval = 1'000'000;
inline constexpr int kMaxIvrDepth = 20;
inline constexpr int kMaxIvrNodes = 10'000;

// "monday" ... "sunday" (index = weekday, 0 = Monday).
const std::vector<std::string>& WeekdayNames();
// "january" ... "december".
const std::vector<std::string>& MonthNames();

// ---------------------------------------------------------------------------
// Values (read_values.cc)

// A name used to refer to an entry: letters, digits, '_' and '-' only.
absl::StatusOr<std::string> ReadIdentifier(const YamlValue& v);
// The index in `names` of the name `v` spells; `what` names the kind of
// entry in the error ("unknown call type 'x'; expected one of: ...").
absl::StatusOr<int> ReadReference(const YamlValue& v,
                                  const std::vector<std::string>& names,
                                  std::string_view what);
// A non-empty sequence of distinct references.
absl::StatusOr<std::vector<int>> ReadReferences(
    const YamlValue& v, const std::vector<std::string>& names,
    std::string_view what);
// A number in [0, 1].
absl::StatusOr<double> ReadProbability(const YamlValue& v);
// A finite number > 0.
absl::StatusOr<double> ReadPositiveNumber(const YamlValue& v);
// A duration > 0.
absl::StatusOr<Time> ReadPositiveDuration(const YamlValue& v);
// A time of day "HH:MM" or "HH:MM:SS" from 00:00 to 23:59:59, and with
// `allow_end_of_day` also "24:00" (Time::Days(1)).
absl::StatusOr<Time> ReadTimeOfDay(const YamlValue& v, bool allow_end_of_day);
// As ReadTimeOfDay, from text; nullopt when it is not one.
std::optional<Time> ParseTimeOfDay(std::string_view text,
                                   bool allow_end_of_day);
// A civil date YYYY-MM-DD that exists.
absl::StatusOr<Date> ReadDate(const YamlValue& v);
// As ReadDate, from text; nullopt when it is not one.
std::optional<Date> ParseDate(std::string_view text);
// A distribution map such as {exponential: {mean: 180s}}.
absl::StatusOr<Distribution> ReadDistribution(const YamlValue& v);
// A sequence of exactly `n` numbers >= 0; `per` says what each one belongs
// to ("one per value").
absl::StatusOr<std::vector<double>> ReadWeights(const YamlValue& v, size_t n,
                                                std::string_view per);
// "one per 30m interval of the day", for the interval of `s`.
std::string OnePerInterval(const Scenario& s);
// The entries of a sequence that must have one entry per interval of the
// day of `s`.
absl::StatusOr<std::vector<YamlValue>> IntervalSequence(const YamlValue& v,
                                                        const Scenario& s,
                                                        std::string_view what);

// An error at `name` if an earlier entry of `entries` (each read from the
// entry at the same index of `paths`) has the same name.
template <class Spec>
absl::Status CheckUnique(const YamlValue& name, const std::string& value,
                         std::string_view what,
                         const std::vector<Spec>& entries,
                         const std::vector<std::string>& paths) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].name == value) {
      return name.Error(
          fmt::format("duplicate {} name '{}' (already used by {})", what,
                      value, paths[i]));
    }
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Calendar, day factors and shifts (read_schedule.cc)

absl::StatusOr<CalendarSpec> ReadCalendar(const YamlValue& v);
// The `weekday`, `day_of_month` and `month` keys of `arrivals`.
absl::StatusOr<std::array<double, 7>> ReadWeekdayFactors(const YamlValue& v);
absl::StatusOr<std::array<double, 31>> ReadDayOfMonthFactors(
    const YamlValue& v);
absl::StatusOr<std::array<double, 12>> ReadMonthFactors(const YamlValue& v);
// The `shifts` of an agent group.
absl::StatusOr<std::vector<ShiftSpec>> ReadShifts(const YamlValue& v);
// The `staffing_goal` section: one goal map or a sequence of them.
absl::StatusOr<std::vector<StaffingGoal>> ReadStaffingGoals(const YamlValue& v);

// ---------------------------------------------------------------------------
// Dated tables (read_table.cc)

// What a `{table: FILE.csv}` holds: a value per (date, time) row in column
// `value_column`; with a `filter_column` in the file, only the rows whose
// value there is `filter_value`.
struct DatedTableRequest {
  std::string_view value_column;   // "agents", "calls"
  std::string_view filter_column;  // "group", "call_type"
  std::string_view filter_value;   // the group's or call type's name
  double max_value;                // values must lie in [0, max_value]
};
// Reads the table that `file` (the value of `table:`) names (a relative
// path is taken from the folder of the file that says it) into one value
// per interval of simulated time, warm-up included (total_intervals()
// entries), for `s`'s interval, warm-up, horizon and calendar. Every date
// of the horizon needs a row; a time of a listed date without a row has
// value 0; a warm-up date without rows takes the value of the same time
// on calendar.start_date; rows of other dates are not used.
absl::StatusOr<std::vector<double>> ReadDatedTable(
    const YamlValue& file, const Scenario& s, const DatedTableRequest& request);
// A trace `{trace: FILE.csv}` for call type `call_type`: the arrival
// times (column `arrival`, timestamps as docs/call-logs.md writes them, or
// seconds since 1970) of the rows whose `call_type` column (if the file
// has one) names it, as simulated times in [0, warm-up + horizon),
// ascending, and with a `talk_s` column their talk times (empty cells:
// Time::Infinite()). Rows outside the simulated time are not used; a type
// without any row inside it is an error.
struct Trace {
  std::vector<Time> arrivals, talk;
};
absl::StatusOr<Trace> ReadTrace(const YamlValue& file, const Scenario& s,
                                std::string_view call_type);

// Makes a group that works shifts follow a staffing level of agents
// available for calls: drops its shifts, adherence, AUX and break cap (the
// caller sets staffing or staffing_by_interval).
void AsAvailableAgents(AgentGroupSpec& g);

// Per interval of the day, the most agents a dated staffing asks for
// (rounded up): the agents a group needs.
std::vector<int> StaffingProfile(const std::vector<double>& by_interval,
                                 int intervals_per_day);
// Per interval of the day, the mean of the values from `first_interval` on
// (the reported days).
std::vector<double> MeanProfile(const std::vector<double>& by_interval,
                                int intervals_per_day, int64_t first_interval);

// ---------------------------------------------------------------------------
// Incidents and the IVR (read_ivr.cc)

// `incidents`; `call_types` are the names of the call types. Start times
// are placed relative to the day the warm-up ends in.
absl::StatusOr<std::vector<IncidentSpec>> ReadIncidents(
    const YamlValue& v, const std::vector<std::string>& call_types, Time warmup,
    Time horizon);
// `ivr`; `incidents` are the names of the incidents.
// `s` gives the interval, warm-up, horizon and calendar (for hang-up
// shares that vary by interval or date).
absl::StatusOr<IvrSpec> ReadIvr(const YamlValue& v, const Scenario& s,
                                const std::vector<std::string>& call_types,
                                const std::vector<std::string>& incidents);

// ---------------------------------------------------------------------------
// Redial (read_redial.cc)

// The keys of `redial` (top level and per call type), each optional; a call
// type's own keys override the top-level ones key by key.
struct RedialPatch {
  std::optional<double> after_busy;
  std::optional<double> after_abandon;
  std::optional<double> after_ivr;
  std::optional<double> decay;
  std::optional<int> max_attempts;
  std::optional<Distribution> delay;

  void ApplyTo(RedialSpec& r) const {
    if (after_busy) r.after_busy = *after_busy;
    if (after_abandon) r.after_abandon = *after_abandon;
    if (after_ivr) r.after_ivr = *after_ivr;
    if (decay) r.decay = *decay;
    if (max_attempts) r.max_attempts = *max_attempts;
    if (delay) r.delay = *delay;
  }
};

absl::StatusOr<RedialPatch> ReadRedial(const YamlValue& v);

// ---------------------------------------------------------------------------
// Agent groups (read_agents.cc)

// `agents`: appends the groups to s.agent_groups; s's call types (named
// `call_type_names`) are read already.
absl::Status ReadAgentGroups(const YamlValue& v, Scenario& s,
                             const std::vector<std::string>& call_type_names);

// A call type's `callback` map (read_callback.cc).
absl::StatusOr<CallbackSpec> ReadCallback(const YamlValue& v);
// A call type's `follow_up` map and an agent group's `outbound` map
// (read_follow_up.cc). `outbound` names call types with follow-ups; that
// they have one is checked by the loader.
absl::StatusOr<FollowUpSpec> ReadFollowUp(const YamlValue& v);
absl::StatusOr<OutboundSpec> ReadOutbound(
    const YamlValue& v, const std::vector<std::string>& call_type_names,
    const std::vector<CallTypeSpec>& call_types);
// CheckRunnable's checks of follow-ups and outbound groups.
absl::Status CheckFollowUps(const Scenario& s);

// The size of the per-interval results of `s` (`bytes`, from
// EstimatedResultBytes) and how to make them smaller: CheckRunnable's
// refusal and ScenarioWarnings' warning say it (check.cc).
std::string ResultSizeRemedy(const Scenario& s, uint64_t bytes);

}  // namespace ccsim::scenario_internal

#endif  // CCSIM_SIM_SCENARIO_READERS_H_
