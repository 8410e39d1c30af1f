// Scenario files: YAML text -> ccsim::Scenario, with one-line errors that
// point at the offending key. The format is documented in
// docs/scenario-format.md; the checked YAML access is in yaml_value.h and
// the readers of the parts (values, calendar and shifts, incidents and the
// IVR, redial, agent groups) in readers.h. This file reads the top level
// and call types, and ties the parts together.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/io/text.h"
#include "sim/scenario/readers.h"
#include "sim/scenario/yaml_value.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {
namespace {

using scenario_internal::ErrorAt;
using scenario_internal::IntervalSequence;
using scenario_internal::OnePerInterval;
using scenario_internal::Printable;
using scenario_internal::ReadDistribution;
using scenario_internal::ReadIdentifier;
using scenario_internal::ReadProbability;
using scenario_internal::ReadRedial;
using scenario_internal::ReadReference;
using scenario_internal::RedialPatch;
using scenario_internal::YamlMap;
using scenario_internal::YamlValue;

// Upper bounds that keep a typo from exhausting memory or time.
// Reporting intervals in warm-up plus horizon: bounds memory and the size
// of per-interval output (100,000 is 5.7 years of 30-minute intervals).
constexpr int64_t kMaxIntervals = 100'000;
constexpr int64_t kMaxTrunkLines = 100'000'000;
constexpr double kMaxDailyCv = 10;

const std::vector<std::string>& TopLevelKeys() {
  static const auto* keys = new std::vector<std::string>{
      "name",       "description",  "horizon",  "warmup",
      "interval",   "replications", "seed",     "service_level",
      "call_types", "agents",       "calendar", "trunk_lines",
      "redial",     "incidents",    "ivr",      "staffing_goal"};
  return *keys;
}

const std::vector<std::string>& CallTypeKeys() {
  static const auto* keys = new std::vector<std::string>{
      "name",         "arrivals", "handle_time", "patience", "wrap_up",  "fcr",
      "return_delay", "transfer", "redial",      "callback", "follow_up"};
  return *keys;
}

// Reads one scenario; keeps the interval so that per-interval lists can be
// checked against it.
class ScenarioReader {
 public:
  explicit ScenarioReader(Scenario& scenario) : s_(scenario) {}

  absl::Status Read(const YamlValue& root);

 private:
  absl::Status ReadTiming(const YamlMap& top);
  absl::Status ReadServiceLevel(const YamlValue& v);
  absl::Status ReadCallTypes(const YamlValue& v);
  absl::Status ReadCallType(const YamlValue& entry, const YamlMap& m,
                            CallTypeSpec& spec);
  // Every call type that creates follow-up tasks has a group calling them.
  absl::Status CheckFollowUpsCalled() const;

  absl::Status ReadArrivals(const YamlValue& v, CallTypeSpec& spec) const;

  // A number >= 0, or a sequence of one such number per interval of the day.
  absl::StatusOr<std::vector<double>> PerIntervalNumbers(
      const YamlValue& v) const;

  Scenario& s_;
  std::vector<std::string> call_type_names_;
  std::vector<YamlValue> call_type_name_values_;  // the name node of each type
  std::vector<std::optional<YamlValue>> follow_up_at_;  // by call type
  // The top-level `redial`, if given, and where.
  RedialPatch redial_defaults_;
  std::optional<YamlValue> redial_at_;
};

absl::Status ScenarioReader::Read(const YamlValue& root) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap top,
      root.AsMap(TopLevelKeys(),
                 "a map of scenario keys (name, horizon, call_types, agents, "
                 "...)"));
  // Structure first: every required key is there.
  for (const char* key : {"name", "horizon", "call_types", "agents"}) {
    CCSIM_RETURN_IF_ERROR(top.Require(key).status());
  }

  CCSIM_ASSIGN_OR_RETURN(YamlValue name, top.Require("name"));
  CCSIM_ASSIGN_OR_RETURN(s_.name, name.Text());
  if (s_.name.empty()) {
    return name.Error("expected a non-empty name, got an empty string");
  }
  // The name goes into every output (JSON, HTML, sweep databases) and into
  // `validate --resolved`, whose YAML could not carry bytes that are not
  // UTF-8 (found by the scenario fuzz target).
  if (!io::IsUtf8(s_.name)) {
    return name.Error(
        fmt::format("expected text in UTF-8, got '{}'", Printable(s_.name)));
  }
  if (std::optional<YamlValue> d = top.Find("description")) {
    CCSIM_RETURN_IF_ERROR(d->Text().status());  // free text, not stored
  }

  CCSIM_RETURN_IF_ERROR(ReadTiming(top));

  if (std::optional<YamlValue> v = top.Find("replications")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, v->Integer(1, kMaxReplications));
    s_.replications = static_cast<int>(n);
  }
  if (std::optional<YamlValue> v = top.Find("seed")) {
    CCSIM_ASSIGN_OR_RETURN(s_.seed, v->Unsigned64());
  }
  if (std::optional<YamlValue> v = top.Find("service_level")) {
    CCSIM_RETURN_IF_ERROR(ReadServiceLevel(*v));
  }
  if (std::optional<YamlValue> v = top.Find("calendar")) {
    CCSIM_ASSIGN_OR_RETURN(s_.calendar, scenario_internal::ReadCalendar(*v));
  }
  if (std::optional<YamlValue> v = top.Find("trunk_lines")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, v->Integer(1, kMaxTrunkLines));
    s_.trunk_lines = static_cast<int>(n);
  }
  if (std::optional<YamlValue> v = top.Find("redial")) {
    CCSIM_ASSIGN_OR_RETURN(redial_defaults_, ReadRedial(*v));
    redial_at_ = *v;
  }

  CCSIM_ASSIGN_OR_RETURN(YamlValue call_types, top.Require("call_types"));
  CCSIM_RETURN_IF_ERROR(ReadCallTypes(call_types));
  CCSIM_ASSIGN_OR_RETURN(YamlValue agents, top.Require("agents"));
  CCSIM_RETURN_IF_ERROR(
      scenario_internal::ReadAgentGroups(agents, s_, call_type_names_));
  CCSIM_RETURN_IF_ERROR(CheckFollowUpsCalled());

  std::vector<std::string> incident_names;
  if (std::optional<YamlValue> v = top.Find("incidents")) {
    CCSIM_ASSIGN_OR_RETURN(
        s_.incidents, scenario_internal::ReadIncidents(*v, call_type_names_,
                                                       s_.warmup, s_.horizon));
    for (const IncidentSpec& i : s_.incidents) incident_names.push_back(i.name);
  }
  if (std::optional<YamlValue> v = top.Find("ivr")) {
    CCSIM_ASSIGN_OR_RETURN(
        s_.ivr,
        scenario_internal::ReadIvr(*v, s_, call_type_names_, incident_names));
  }

  if (std::optional<YamlValue> v = top.Find("staffing_goal")) {
    CCSIM_ASSIGN_OR_RETURN(s_.staffing_goals,
                           scenario_internal::ReadStaffingGoals(*v));
  }

  // What can only be judged on the whole: placed at the call type at
  // fault, or at the horizon.
  int call_type = -1;
  if (absl::Status st = CheckRunnable(s_, &call_type); !st.ok()) {
    const YamlValue at = call_type >= 0 ? call_type_name_values_[call_type]
                                        : *top.Find("horizon");
    return at.Error(MessageOf(st));
  }
  return absl::OkStatus();
}
absl::Status ScenarioReader::ReadTiming(const YamlMap& top) {
  if (std::optional<YamlValue> v = top.Find("interval")) {
    CCSIM_ASSIGN_OR_RETURN(Time interval, v->Duration());
    if (interval <= Time::Zero()) {
      return v->Error(
          fmt::format("expected a duration greater than 0, got {}", v->raw()));
    }
    if (interval < Time::Seconds(1)) {
      return v->Error(
          fmt::format("expected an interval of at least 1s, got {}", v->raw()));
    }
    if (Time::Days(1) % interval != Time::Zero()) {
      return v->Error(fmt::format(
          "expected an interval that divides 24h exactly (e.g. 15m, 30m, 1h), "
          "got {}",
          v->raw()));
    }
    s_.interval = interval;
  }
  auto whole_intervals = [&](const YamlValue& v, Time t) -> absl::Status {
    if (t % s_.interval != Time::Zero()) {
      return v.Error(
          fmt::format("expected a whole multiple of the interval ({}), got {}",
                      FormatDuration(s_.interval), v.raw()));
    }
    return absl::OkStatus();
  };
  if (std::optional<YamlValue> v = top.Find("warmup")) {
    CCSIM_ASSIGN_OR_RETURN(s_.warmup, v->Duration());
    CCSIM_RETURN_IF_ERROR(whole_intervals(*v, s_.warmup));
  }
  CCSIM_ASSIGN_OR_RETURN(YamlValue horizon, top.Require("horizon"));
  CCSIM_ASSIGN_OR_RETURN(s_.horizon, horizon.Duration());
  if (s_.horizon <= Time::Zero()) {
    return horizon.Error(fmt::format(
        "expected a duration greater than 0, got {}", horizon.raw()));
  }
  CCSIM_RETURN_IF_ERROR(whole_intervals(horizon, s_.horizon));
  if (s_.total_intervals() > kMaxIntervals) {
    return horizon.Error(fmt::format(
        "expected warmup + horizon to span at most {} intervals, got {} "
        "intervals of {}; use a longer interval or a shorter horizon",
        kMaxIntervals, s_.total_intervals(), FormatDuration(s_.interval)));
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::ReadServiceLevel(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"threshold", "short_abandon", "target", "second"}));
  if (std::optional<YamlValue> t = m.Find("threshold")) {
    CCSIM_ASSIGN_OR_RETURN(s_.service_level.threshold, t->Duration());
  }
  if (std::optional<YamlValue> t = m.Find("short_abandon")) {
    CCSIM_ASSIGN_OR_RETURN(s_.service_level.short_abandon, t->Duration());
  }
  auto read_target = [](const YamlValue& t) -> absl::StatusOr<double> {
    CCSIM_ASSIGN_OR_RETURN(double target, t.Number());
    if (!(target > 0 && target <= 1)) {
      return t.Error(
          fmt::format("expected a probability in (0, 1], got {}", t.raw()));
    }
    return target;
  };
  if (std::optional<YamlValue> t = m.Find("target")) {
    CCSIM_ASSIGN_OR_RETURN(s_.service_level.target, read_target(*t));
  }
  if (std::optional<YamlValue> second = m.Find("second")) {
    CCSIM_ASSIGN_OR_RETURN(YamlMap sm, second->AsMap({"threshold", "target"}));
    ServiceLevelSpec::Second spec;
    CCSIM_ASSIGN_OR_RETURN(YamlValue t, sm.Require("threshold"));
    CCSIM_ASSIGN_OR_RETURN(spec.threshold, t.Duration());
    if (spec.threshold <= s_.service_level.threshold) {
      return t.Error(fmt::format(
          "expected a second threshold above the first ({}), got {}",
          FormatDuration(s_.service_level.threshold), t.raw()));
    }
    if (std::optional<YamlValue> target = sm.Find("target")) {
      CCSIM_ASSIGN_OR_RETURN(spec.target, read_target(*target));
    }
    s_.service_level.second = spec;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<double>> ScenarioReader::PerIntervalNumbers(
    const YamlValue& v) const {
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (v.is_sequence()) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           IntervalSequence(v, s_, "numbers"));
    std::vector<double> out;
    out.reserve(n);
    for (const YamlValue& e : entries) {
      CCSIM_ASSIGN_OR_RETURN(double x, e.NonNegativeNumber());
      out.push_back(x);
    }
    return out;
  }
  if (!v.is_scalar()) {
    return v.Expected(fmt::format("a number or a sequence of {} numbers ({})",
                                  n, OnePerInterval(s_)));
  }
  CCSIM_ASSIGN_OR_RETURN(double x, v.NonNegativeNumber());
  return std::vector<double>(n, x);
}

absl::Status ScenarioReader::ReadCallTypes(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("call types"));
  std::vector<std::string> seen_at;  // path of each call type, by index
  // `transfer.to` may name a later call type: resolved once all are read.
  std::vector<std::optional<YamlValue>> transfer_to(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const YamlValue& entry = entries[i];
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m, entry.AsMap(CallTypeKeys(),
                               "a call type map (name, arrivals, handle_time, "
                               "patience)"));
    for (const char* key : {"name", "arrivals", "handle_time"}) {
      CCSIM_RETURN_IF_ERROR(m.Require(key).status());
    }
    CallTypeSpec spec;
    CCSIM_ASSIGN_OR_RETURN(YamlValue name, m.Require("name"));
    CCSIM_ASSIGN_OR_RETURN(spec.name, ReadIdentifier(name));
    CCSIM_RETURN_IF_ERROR(
        CheckUnique(name, spec.name, "call type", s_.call_types, seen_at));
    CCSIM_RETURN_IF_ERROR(ReadCallType(entry, m, spec));
    if (std::optional<YamlValue> t = m.Find("transfer")) {
      transfer_to[i] = *t->AsMap({"share", "to"})->Find("to");
    }
    s_.call_types.push_back(std::move(spec));
    seen_at.push_back(entry.path());
    call_type_names_.push_back(s_.call_types.back().name);
    call_type_name_values_.push_back(name);
    follow_up_at_.push_back(m.Find("follow_up"));
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!transfer_to[i].has_value()) continue;
    const YamlValue& to = *transfer_to[i];
    CCSIM_ASSIGN_OR_RETURN(int target,
                           ReadReference(to, call_type_names_, "call type"));
    if (target == static_cast<int>(i)) {
      return to.Error(
          fmt::format("expected a call type other than '{}' itself, got '{}'",
                      call_type_names_[i], to.raw()));
    }
    CallTypeSpec& spec = s_.call_types[i];
    spec.transfer_to = spec.transfer_share > 0 ? target : -1;
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::ReadCallType(const YamlValue& entry,
                                          const YamlMap& m,
                                          CallTypeSpec& spec) {
  CCSIM_ASSIGN_OR_RETURN(YamlValue arrivals, m.Require("arrivals"));
  CCSIM_RETURN_IF_ERROR(ReadArrivals(arrivals, spec));
  CCSIM_ASSIGN_OR_RETURN(YamlValue handle_time, m.Require("handle_time"));
  CCSIM_ASSIGN_OR_RETURN(spec.handle_time, ReadDistribution(handle_time));
  if (std::optional<YamlValue> p = m.Find("patience")) {
    CCSIM_ASSIGN_OR_RETURN(spec.patience, ReadDistribution(*p));
  }
  if (std::optional<YamlValue> w = m.Find("wrap_up")) {
    CCSIM_ASSIGN_OR_RETURN(spec.wrap_up, ReadDistribution(*w));
  }
  if (std::optional<YamlValue> f = m.Find("fcr")) {
    CCSIM_ASSIGN_OR_RETURN(spec.fcr, ReadProbability(*f));
  }
  if (std::optional<YamlValue> r = m.Find("return_delay")) {
    CCSIM_ASSIGN_OR_RETURN(spec.return_delay, ReadDistribution(*r));
  }
  if (spec.fcr < 1 && !spec.return_delay.has_value()) {
    return entry.Error(fmt::format(
        "missing required key 'return_delay' (the delay before unresolved "
        "callers call again; required because fcr is {})",
        m.Find("fcr")->raw()));
  }
  if (std::optional<YamlValue> t = m.Find("transfer")) {
    CCSIM_ASSIGN_OR_RETURN(YamlMap tm,
                           t->AsMap({"share", "to"},
                                    "a transfer map such as {share: 0.1, to: "
                                    "billing}"));
    for (const char* key : {"share", "to"}) {
      CCSIM_RETURN_IF_ERROR(tm.Require(key).status());
    }
    CCSIM_ASSIGN_OR_RETURN(spec.transfer_share,
                           ReadProbability(*tm.Find("share")));
    // `to` is resolved by the caller, once every call type is known.
  }
  if (std::optional<YamlValue> c = m.Find("callback")) {
    CCSIM_ASSIGN_OR_RETURN(spec.callback, ReadCallback(*c));
  }
  if (std::optional<YamlValue> f = m.Find("follow_up")) {
    CCSIM_ASSIGN_OR_RETURN(spec.follow_up, ReadFollowUp(*f));
  }
  RedialPatch own;
  std::optional<YamlValue> redial = m.Find("redial");
  if (redial.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(own, ReadRedial(*redial));
  }
  redial_defaults_.ApplyTo(spec.redial);
  own.ApplyTo(spec.redial);
  if (spec.redial.enabled() && !spec.redial.delay.has_value()) {
    const YamlValue& at = redial.has_value() ? *redial : *redial_at_;
    return at.Error(
        "missing required key 'delay' (the time before a caller redials; "
        "required when after_busy, after_abandon or after_ivr is greater "
        "than 0)");
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::ReadArrivals(const YamlValue& v,
                                          CallTypeSpec& spec) const {
  static const auto* kVolume = new std::vector<std::string>{
      "per_interval", "per_hour", "per_day", "table", "trace"};
  static const auto* kKeys = new std::vector<std::string>{
      "per_interval", "per_hour", "per_day",      "table", "trace",
      "intraday",     "weekday",  "day_of_month", "month", "daily_cv"};
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap(*kKeys, "an arrivals map such as {per_interval: 100}"));
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* entry, m.ExactlyOneOf(*kVolume));
  const YamlValue& value = entry->value;
  const std::optional<YamlValue> intraday = m.Find("intraday");
  if (intraday.has_value() && entry->key != "per_day") {
    return intraday->Error(fmt::format(
        "expected intraday only together with per_day (it spreads the daily "
        "volume over the intervals), got it with {}",
        entry->key));
  }
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (entry->key == "trace") {
    for (const char* key :
         {"intraday", "weekday", "day_of_month", "month", "daily_cv"}) {
      if (std::optional<YamlValue> f = m.Find(key)) {
        return f->Error(fmt::format(
            "expected no {} with a trace (its calls arrive at the traced "
            "times)",
            key));
      }
    }
    CCSIM_ASSIGN_OR_RETURN(scenario_internal::Trace trace,
                           scenario_internal::ReadTrace(value, s_, spec.name));
    spec.trace_arrivals = std::move(trace.arrivals);
    spec.trace_talk = std::move(trace.talk);
    // The mean day of the traced calls, for estimates.
    spec.rate_per_s.assign(n, 0.0);
    const double days = std::max(1.0, s_.horizon / Time::Days(1) * 1.0);
    for (Time t : spec.trace_arrivals) {
      if (t < s_.warmup) continue;
      spec.rate_per_s[static_cast<size_t>((t / s_.interval) % n)] +=
          1.0 / days / s_.interval.seconds();
    }
  } else if (entry->key == "table") {
    for (const char* key : {"weekday", "day_of_month", "month"}) {
      if (std::optional<YamlValue> f = m.Find(key)) {
        return f->Error(fmt::format(
            "expected no {} factors with a dated table (its calls are per "
            "date already); only daily_cv may go with it",
            key));
      }
    }
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<double> calls,
        scenario_internal::ReadDatedTable(value, s_,
                                          {.value_column = "calls",
                                           .filter_column = "call_type",
                                           .filter_value = spec.name,
                                           .max_value = 1e9}));
    const double seconds = s_.interval.seconds();
    spec.dated_rate_per_s.resize(calls.size());
    for (size_t k = 0; k < calls.size(); ++k) {
      spec.dated_rate_per_s[k] = calls[k] / seconds;
    }
    spec.rate_per_s = scenario_internal::MeanProfile(
        spec.dated_rate_per_s, s_.intervals_per_day(), s_.warmup_intervals());
  } else if (entry->key == "per_day") {
    CCSIM_ASSIGN_OR_RETURN(double per_day, value.NonNegativeNumber());
    if (intraday.has_value()) {
      CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                             IntervalSequence(*intraday, s_, "weights"));
      std::vector<double> weights;
      double sum = 0;
      for (const YamlValue& e : entries) {
        CCSIM_ASSIGN_OR_RETURN(double w, e.NonNegativeNumber());
        weights.push_back(w);
        sum += w;
      }
      if (!(sum > 0)) {
        return intraday->Error(
            "expected weights with a positive sum, got all 0");
      }
      spec.rate_per_s.resize(n);
      for (size_t i = 0; i < n; ++i) {
        spec.rate_per_s[i] = per_day * weights[i] / sum / s_.interval.seconds();
      }
    } else {
      spec.rate_per_s.assign(n, per_day / Time::Days(1).seconds());
    }
  } else {
    CCSIM_ASSIGN_OR_RETURN(spec.rate_per_s, PerIntervalNumbers(value));
    const double seconds = entry->key == "per_interval"
                               ? s_.interval.seconds()
                               : Time::Hours(1).seconds();
    for (double& r : spec.rate_per_s) r /= seconds;
  }
  if (std::optional<YamlValue> f = m.Find("weekday")) {
    CCSIM_ASSIGN_OR_RETURN(spec.weekday_factor,
                           scenario_internal::ReadWeekdayFactors(*f));
  }
  if (std::optional<YamlValue> f = m.Find("day_of_month")) {
    CCSIM_ASSIGN_OR_RETURN(spec.day_of_month_factor,
                           scenario_internal::ReadDayOfMonthFactors(*f));
  }
  if (std::optional<YamlValue> f = m.Find("month")) {
    CCSIM_ASSIGN_OR_RETURN(spec.month_factor,
                           scenario_internal::ReadMonthFactors(*f));
  }
  if (std::optional<YamlValue> cv = m.Find("daily_cv")) {
    CCSIM_ASSIGN_OR_RETURN(spec.daily_cv, cv->NonNegativeNumber());
    if (spec.daily_cv > kMaxDailyCv) {
      return cv->Error(fmt::format("expected a number of at most {}, got {}",
                                   kMaxDailyCv, cv->raw()));
    }
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::CheckFollowUpsCalled() const {
  for (size_t t = 0; t < s_.call_types.size(); ++t) {
    const std::optional<FollowUpSpec>& f = s_.call_types[t].follow_up;
    if (!f.has_value() || !(f->share > 0)) continue;
    const bool called = std::any_of(
        s_.agent_groups.begin(), s_.agent_groups.end(),
        [t](const AgentGroupSpec& g) {
          return g.outbound.has_value() &&
                 std::find(g.outbound->follow_ups.begin(),
                           g.outbound->follow_ups.end(),
                           static_cast<int>(t)) != g.outbound->follow_ups.end();
        });
    if (called) continue;
    return follow_up_at_[t]->Error(fmt::format(
        "call type '{}' creates follow-up tasks (share {}), but no agent "
        "group calls them: list it in an agent group's outbound follow_ups",
        s_.call_types[t].name, f->share));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Scenario> ScenarioDocument::ToScenario() const {
  Scenario scenario;
  scenario.source = filename();
  YamlValue root(*sources_, root_, "", root_.Mark());
  try {
    CCSIM_RETURN_IF_ERROR(ScenarioReader(scenario).Read(root));
  } catch (const YAML::Exception& e) {
    // Not expected (only checked accessors are used); kept one-line anyway.
    return ErrorAt(e.mark, "", fmt::format("YAML error: {}", e.msg));
  }
  return scenario;
}

absl::StatusOr<Scenario> ParseScenario(std::string_view yaml_text,
                                       std::string_view filename) {
  CCSIM_ASSIGN_OR_RETURN(ScenarioDocument document,
                         ScenarioDocument::Parse(yaml_text, filename));
  return document.ToScenario();
}

absl::StatusOr<Scenario> LoadScenarioFile(const std::string& path) {
  CCSIM_ASSIGN_OR_RETURN(ScenarioDocument document,
                         ScenarioDocument::Load(path));
  return document.ToScenario();
}

}  // namespace ccsim
