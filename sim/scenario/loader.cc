// Scenario files: YAML text -> ccsim::Scenario, with one-line errors that
// point at the offending key. The format is documented in
// docs/scenario-format.md; the checked YAML access is in yaml_value.h.
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
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/yaml_value.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {
namespace {

using scenario_internal::DidYouMean;
using scenario_internal::ErrorAt;
using scenario_internal::JoinNames;
using scenario_internal::YamlMap;
using scenario_internal::YamlValue;

// Upper bounds that keep a typo from exhausting memory or time.
constexpr int64_t kMaxReplications = 100'000;
constexpr int64_t kMaxAgentsPerInterval = 1'000'000;
constexpr int64_t kMaxErlangStages = 1'000;
// Reporting intervals in warm-up plus horizon: bounds memory and the size
// of per-interval output (100,000 is 5.7 years of 30-minute intervals).
constexpr int64_t kMaxIntervals = 100'000;

const std::vector<std::string>& TopLevelKeys() {
  static const auto* keys = new std::vector<std::string>{
      "name",         "description", "horizon",       "warmup",     "interval",
      "replications", "seed",        "service_level", "call_types", "agents"};
  return *keys;
}

// One distribution kind of the format: its key, its parameter keys (all
// required except those in `optional`) and an example for type errors.
struct DistributionFormat {
  std::string kind;
  std::vector<std::string> params;
  std::vector<std::string> optional;
  std::string example;
};

const std::vector<DistributionFormat>& DistributionFormats() {
  static const auto* formats = new std::vector<DistributionFormat>{
      {"exponential", {"mean"}, {}, "{mean: 180s}"},
      {"deterministic", {"value"}, {}, "{value: 180s}"},
      {"uniform", {"min", "max"}, {}, "{min: 60s, max: 300s}"},
      {"lognormal", {"mean", "sd"}, {}, "{mean: 180s, sd: 120s}"},
      {"gamma", {"mean", "sd"}, {}, "{mean: 180s, sd: 120s}"},
      {"weibull", {"shape", "mean"}, {}, "{shape: 1.5, mean: 180s}"},
      {"erlang", {"k", "mean"}, {}, "{k: 3, mean: 180s}"},
      {"empirical",
       {"values", "weights"},
       {"weights"},
       "{values: [60s, 180s], weights: [3, 1]}"},
      {"histogram",
       {"edges", "weights"},
       {},
       "{edges: [0s, 60s, 300s], weights: [3, 1]}"},
  };
  return *formats;
}

std::vector<std::string> DistributionKinds() {
  std::vector<std::string> kinds;
  for (const DistributionFormat& f : DistributionFormats()) {
    kinds.push_back(f.kind);
  }
  return kinds;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
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
  absl::Status ReadAgentGroups(const YamlValue& v);

  absl::StatusOr<std::vector<double>> ReadArrivals(const YamlValue& v) const;
  absl::StatusOr<std::vector<int>> ReadStaffing(const YamlValue& v) const;
  absl::StatusOr<Distribution> ReadDistribution(const YamlValue& v) const;
  absl::StatusOr<std::vector<int>> ReadSkills(const YamlValue& v) const;

  // A number >= 0, or a sequence of one such number per interval of the day.
  absl::StatusOr<std::vector<double>> PerIntervalNumbers(
      const YamlValue& v) const;
  // The entries of a sequence that must have one entry per interval.
  absl::StatusOr<std::vector<YamlValue>> IntervalSequence(
      const YamlValue& v, std::string_view what) const;
  // "one per 30m interval of the day".
  std::string OnePerInterval() const;

  Scenario& s_;
  std::vector<YamlValue> call_type_names_;  // the name node of each type
};

// A name used to refer to a call type or agent group: letters, digits, '_'
// and '-' only, so that it can be written anywhere unquoted.
absl::StatusOr<std::string> ReadIdentifier(const YamlValue& v) {
  const std::string name = v.raw();  // "" unless a scalar
  bool ok = v.is_scalar() && !name.empty();
  for (char c : name) ok = ok && IsNameChar(c);
  if (!ok) {
    return v.Error(fmt::format(
        "expected a non-empty name of letters, digits, '_' and '-', got {}",
        v.Describe()));
  }
  return name;
}

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

  CCSIM_ASSIGN_OR_RETURN(YamlValue call_types, top.Require("call_types"));
  CCSIM_RETURN_IF_ERROR(ReadCallTypes(call_types));
  CCSIM_ASSIGN_OR_RETURN(YamlValue agents, top.Require("agents"));
  CCSIM_RETURN_IF_ERROR(ReadAgentGroups(agents));

  // What can only be judged on the whole: placed at the call type at
  // fault, or at the horizon.
  int call_type = -1;
  if (absl::Status st = CheckRunnable(s_, &call_type); !st.ok()) {
    const YamlValue at =
        call_type >= 0 ? call_type_names_[call_type] : *top.Find("horizon");
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
  CCSIM_ASSIGN_OR_RETURN(YamlMap m,
                         v.AsMap({"threshold", "short_abandon", "target"}));
  if (std::optional<YamlValue> t = m.Find("threshold")) {
    CCSIM_ASSIGN_OR_RETURN(s_.service_level.threshold, t->Duration());
  }
  if (std::optional<YamlValue> t = m.Find("short_abandon")) {
    CCSIM_ASSIGN_OR_RETURN(s_.service_level.short_abandon, t->Duration());
  }
  if (std::optional<YamlValue> t = m.Find("target")) {
    CCSIM_ASSIGN_OR_RETURN(double target, t->Number());
    if (!(target > 0 && target <= 1)) {
      return t->Error(
          fmt::format("expected a probability in (0, 1], got {}", t->raw()));
    }
    s_.service_level.target = target;
  }
  return absl::OkStatus();
}

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

absl::Status ScenarioReader::ReadCallTypes(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("call types"));
  std::vector<std::string> seen_at;  // path of each call type, by index
  for (const YamlValue& entry : entries) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m, entry.AsMap({"name", "arrivals", "handle_time", "patience"},
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
    CCSIM_ASSIGN_OR_RETURN(YamlValue arrivals, m.Require("arrivals"));
    CCSIM_ASSIGN_OR_RETURN(spec.rate_per_s, ReadArrivals(arrivals));
    CCSIM_ASSIGN_OR_RETURN(YamlValue handle_time, m.Require("handle_time"));
    CCSIM_ASSIGN_OR_RETURN(spec.handle_time, ReadDistribution(handle_time));
    if (std::optional<YamlValue> p = m.Find("patience")) {
      CCSIM_ASSIGN_OR_RETURN(spec.patience, ReadDistribution(*p));
    }
    s_.call_types.push_back(std::move(spec));
    seen_at.push_back(entry.path());
    call_type_names_.push_back(name);
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::ReadAgentGroups(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("agent groups"));
  std::vector<std::string> seen_at;
  for (const YamlValue& entry : entries) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m, entry.AsMap({"name", "skills", "staffing"},
                               "an agent group map (name, skills, staffing)"));
    for (const char* key : {"name", "skills", "staffing"}) {
      CCSIM_RETURN_IF_ERROR(m.Require(key).status());
    }
    AgentGroupSpec spec;
    CCSIM_ASSIGN_OR_RETURN(YamlValue name, m.Require("name"));
    CCSIM_ASSIGN_OR_RETURN(spec.name, ReadIdentifier(name));
    CCSIM_RETURN_IF_ERROR(
        CheckUnique(name, spec.name, "agent group", s_.agent_groups, seen_at));
    CCSIM_ASSIGN_OR_RETURN(YamlValue skills, m.Require("skills"));
    CCSIM_ASSIGN_OR_RETURN(spec.skills, ReadSkills(skills));
    CCSIM_ASSIGN_OR_RETURN(YamlValue staffing, m.Require("staffing"));
    CCSIM_ASSIGN_OR_RETURN(spec.staffing, ReadStaffing(staffing));
    s_.agent_groups.push_back(std::move(spec));
    seen_at.push_back(entry.path());
  }
  return absl::OkStatus();
}

std::string ScenarioReader::OnePerInterval() const {
  return fmt::format("one per {} interval of the day",
                     FormatDuration(s_.interval));
}

absl::StatusOr<std::vector<YamlValue>> ScenarioReader::IntervalSequence(
    const YamlValue& v, std::string_view what) const {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries, v.Sequence(what));
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (entries.size() != n) {
    return v.Error(fmt::format("expected {} entries ({}), got {}", n,
                               OnePerInterval(), entries.size()));
  }
  return entries;
}

absl::StatusOr<std::vector<double>> ScenarioReader::PerIntervalNumbers(
    const YamlValue& v) const {
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (v.is_sequence()) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           IntervalSequence(v, "numbers"));
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
                                  n, OnePerInterval()));
  }
  CCSIM_ASSIGN_OR_RETURN(double x, v.NonNegativeNumber());
  return std::vector<double>(n, x);
}

absl::StatusOr<std::vector<double>> ScenarioReader::ReadArrivals(
    const YamlValue& v) const {
  static const auto* kKeys =
      new std::vector<std::string>{"per_interval", "per_hour", "per_day"};
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap(*kKeys, "an arrivals map such as {per_interval: 100}"));
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* entry, m.ExactlyOne(*kKeys));
  const YamlValue& value = entry->value;
  std::vector<double> rates;
  if (entry->key == "per_day") {
    CCSIM_ASSIGN_OR_RETURN(double per_day, value.NonNegativeNumber());
    rates.assign(static_cast<size_t>(s_.intervals_per_day()),
                 per_day / Time::Days(1).seconds());
    return rates;
  }
  CCSIM_ASSIGN_OR_RETURN(rates, PerIntervalNumbers(value));
  const double seconds = entry->key == "per_interval"
                             ? s_.interval.seconds()
                             : Time::Hours(1).seconds();
  for (double& r : rates) r /= seconds;
  return rates;
}

absl::StatusOr<std::vector<int>> ScenarioReader::ReadStaffing(
    const YamlValue& v) const {
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (v.is_map()) {
    CCSIM_ASSIGN_OR_RETURN(YamlMap m, v.AsMap({"constant"}));
    CCSIM_ASSIGN_OR_RETURN(YamlValue constant, m.Require("constant"));
    CCSIM_ASSIGN_OR_RETURN(int64_t agents,
                           constant.Integer(0, kMaxAgentsPerInterval));
    return std::vector<int>(n, static_cast<int>(agents));
  }
  if (!v.is_sequence()) {
    return v.Expected(
        fmt::format("{{constant: N}} or a sequence of {} whole numbers ({})", n,
                    OnePerInterval()));
  }
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         IntervalSequence(v, "whole numbers"));
  std::vector<int> out;
  out.reserve(n);
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(int64_t agents, e.Integer(0, kMaxAgentsPerInterval));
    out.push_back(static_cast<int>(agents));
  }
  return out;
}

absl::StatusOr<std::vector<int>> ScenarioReader::ReadSkills(
    const YamlValue& v) const {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("call type names"));
  std::vector<std::string> known;
  for (const CallTypeSpec& c : s_.call_types) known.push_back(c.name);
  std::vector<int> skills;
  std::vector<std::string> listed_at;
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(std::string name, e.Text());
    int index = -1;
    for (size_t i = 0; i < known.size(); ++i) {
      if (known[i] == name) index = static_cast<int>(i);
    }
    if (index < 0) {
      return e.Error(
          fmt::format("unknown call type '{}'; expected one of: {}{}", name,
                      JoinNames(known), DidYouMean(name, known)));
    }
    for (size_t i = 0; i < skills.size(); ++i) {
      if (skills[i] == index) {
        return e.Error(fmt::format(
            "duplicate skill '{}' (already listed at {})", name, listed_at[i]));
      }
    }
    skills.push_back(index);
    listed_at.push_back(e.path());
  }
  return skills;
}

// Reads a sequence of durations, in seconds.
absl::StatusOr<std::vector<double>> Seconds(
    const std::vector<YamlValue>& entries) {
  std::vector<double> out;
  out.reserve(entries.size());
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(Time t, e.Duration());
    out.push_back(t.seconds());
  }
  return out;
}

// Reads a sequence of weights (numbers >= 0) that must have `n` entries;
// `per` says what each one belongs to ("one per value").
absl::StatusOr<std::vector<double>> Weights(const YamlValue& v, size_t n,
                                            std::string_view per) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries, v.Sequence("numbers"));
  if (entries.size() != n) {
    return v.Error(fmt::format("expected {} entries ({}), got {}", n, per,
                               entries.size()));
  }
  std::vector<double> out;
  out.reserve(n);
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(double w, e.NonNegativeNumber());
    out.push_back(w);
  }
  return out;
}

absl::StatusOr<Distribution> ScenarioReader::ReadDistribution(
    const YamlValue& v) const {
  static const auto* kKinds = new std::vector<std::string>(DistributionKinds());
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap(*kKinds,
              "a distribution map such as {exponential: {mean: 180s}}"));
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* entry, m.ExactlyOne(*kKinds));
  const DistributionFormat* format = nullptr;
  for (const DistributionFormat& f : DistributionFormats()) {
    if (f.kind == entry->key) format = &f;
  }
  const YamlValue& params_value = entry->value;
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap params,
      params_value.AsMap(format->params,
                         fmt::format("a map of {} parameters such as {}",
                                     format->kind, format->example)));
  for (const std::string& key : format->params) {
    const bool optional =
        std::find(format->optional.begin(), format->optional.end(), key) !=
        format->optional.end();
    if (!optional) CCSIM_RETURN_IF_ERROR(params.Require(key).status());
  }
  // Every parameter below is present unless listed as optional.
  auto duration = [&](const char* key) -> absl::StatusOr<double> {
    CCSIM_ASSIGN_OR_RETURN(Time t, params.Find(key)->Duration());
    return t.seconds();
  };

  Distribution d;
  const std::string& kind = format->kind;
  if (kind == "exponential") {
    CCSIM_ASSIGN_OR_RETURN(double mean, duration("mean"));
    d = Distribution::Exponential(mean);
  } else if (kind == "deterministic") {
    CCSIM_ASSIGN_OR_RETURN(double value, duration("value"));
    d = Distribution::Deterministic(value);
  } else if (kind == "uniform") {
    CCSIM_ASSIGN_OR_RETURN(double min, duration("min"));
    CCSIM_ASSIGN_OR_RETURN(double max, duration("max"));
    d = Distribution::Uniform(min, max);
  } else if (kind == "lognormal" || kind == "gamma") {
    CCSIM_ASSIGN_OR_RETURN(double mean, duration("mean"));
    CCSIM_ASSIGN_OR_RETURN(double sd, duration("sd"));
    d = kind == "gamma" ? Distribution::Gamma(mean, sd)
                        : Distribution::Lognormal(mean, sd);
  } else if (kind == "weibull") {
    const YamlValue shape_value = *params.Find("shape");
    CCSIM_ASSIGN_OR_RETURN(double shape, shape_value.Number());
    if (shape <= 0) {
      return shape_value.Error(fmt::format(
          "expected a number greater than 0, got {}", shape_value.raw()));
    }
    CCSIM_ASSIGN_OR_RETURN(double mean, duration("mean"));
    d = Distribution::Weibull(shape, mean);
  } else if (kind == "erlang") {
    CCSIM_ASSIGN_OR_RETURN(int64_t k,
                           params.Find("k")->Integer(1, kMaxErlangStages));
    CCSIM_ASSIGN_OR_RETURN(double mean, duration("mean"));
    d = Distribution::Erlang(static_cast<int>(k), mean);
  } else if (kind == "empirical") {
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<YamlValue> value_entries,
        params.Find("values")->NonEmptySequence("durations"));
    CCSIM_ASSIGN_OR_RETURN(std::vector<double> values, Seconds(value_entries));
    std::vector<double> weights;
    if (std::optional<YamlValue> w = params.Find("weights")) {
      CCSIM_ASSIGN_OR_RETURN(weights,
                             Weights(*w, values.size(), "one per value"));
    }
    d = Distribution::Empirical(std::move(values), std::move(weights));
  } else if (kind == "histogram") {
    const YamlValue edges_value = *params.Find("edges");
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> edge_entries,
                           edges_value.Sequence("durations"));
    if (edge_entries.size() < 2) {
      return edges_value.Error(fmt::format(
          "expected at least 2 entries (the edges of at least one bin), got {}",
          edge_entries.size()));
    }
    CCSIM_ASSIGN_OR_RETURN(std::vector<double> edges, Seconds(edge_entries));
    CCSIM_ASSIGN_OR_RETURN(std::vector<double> weights,
                           Weights(*params.Find("weights"), edges.size() - 1,
                                   "one per bin between consecutive edges"));
    d = Distribution::Histogram(std::move(edges), std::move(weights));
  }
  if (absl::Status valid = d.Validate(); !valid.ok()) {
    return params_value.Error(std::string(valid.message()));
  }
  return d;
}

}  // namespace

absl::StatusOr<Scenario> ParseScenario(std::string_view yaml_text,
                                       std::string_view filename) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return ErrorAt(filename, e.mark, "",
                   fmt::format("YAML syntax error: {}", e.msg));
  }
  if (documents.empty() || documents[0].IsNull()) {
    return ErrorAt(filename, YAML::Mark::null_mark(), "",
                   "the file is empty; expected a scenario map with at least "
                   "name, horizon, call_types and agents");
  }
  if (documents.size() > 1) {
    return ErrorAt(filename, documents[1].Mark(), "",
                   fmt::format("expected a single YAML document, got {} "
                               "(separated by '---')",
                               documents.size()));
  }
  Scenario scenario;
  scenario.source = std::string(filename);
  YamlValue root(filename, documents[0], "", documents[0].Mark());
  try {
    CCSIM_RETURN_IF_ERROR(ScenarioReader(scenario).Read(root));
  } catch (const YAML::Exception& e) {
    // Not expected (only checked accessors are used); kept one-line anyway.
    return ErrorAt(filename, e.mark, "", fmt::format("YAML error: {}", e.msg));
  }
  return scenario;
}

absl::StatusOr<Scenario> LoadScenarioFile(const std::string& path) {
  auto cannot_read = [&](int error) {
    return absl::NotFoundError(
        fmt::format("{}: cannot read file: {}", path,
                    std::error_code(error, std::generic_category()).message()));
  };
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) return cannot_read(errno);
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) return cannot_read(errno);
  return ParseScenario(text, path);
}

}  // namespace ccsim
