// Readers for the value types of the scenario format: names, references,
// probabilities, times of day, dates and distributions, and sequences of
// one entry per interval of the day.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/io/text.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {
namespace {

constexpr int64_t kMaxErlangStages = 1'000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The number spelt by exactly `n` digits at `text[at]`, or -1.
int Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!IsDigit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
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

}  // namespace

const std::vector<std::string>& WeekdayNames() {
  static const auto* names = new std::vector<std::string>{
      "monday", "tuesday",  "wednesday", "thursday",
      "friday", "saturday", "sunday"};
  return *names;
}

const std::vector<std::string>& MonthNames() {
  static const auto* names = new std::vector<std::string>{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  return *names;
}

absl::StatusOr<std::string> ReadIdentifier(const YamlValue& v) {
  const std::string name = v.raw();  // "" unless a scalar
  if (!v.is_scalar() || !io::IsName(name)) {
    return v.Error(fmt::format(
        "expected a non-empty name of letters (of any script), digits, '_' "
        "and '-', got {}",
        v.Describe()));
  }
  return name;
}

absl::StatusOr<int> ReadReference(const YamlValue& v,
                                  const std::vector<std::string>& names,
                                  std::string_view what) {
  if (!v.is_scalar()) {
    return v.Expected(fmt::format("the name of a {}", what));
  }
  const std::string name = v.raw();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  if (names.empty()) {
    return v.Error(fmt::format("unknown {} '{}'; none are defined", what,
                               Printable(name)));
  }
  return v.Error(fmt::format("unknown {} '{}'; expected one of: {}{}", what,
                             Printable(name), JoinNames(names),
                             DidYouMean(name, names)));
}

absl::StatusOr<std::vector<int>> ReadReferences(
    const YamlValue& v, const std::vector<std::string>& names,
    std::string_view what) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence(fmt::format("{} names", what)));
  std::vector<int> out;
  std::vector<std::string> listed_at;
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(int index, ReadReference(e, names, what));
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] == index) {
        return e.Error(fmt::format("duplicate {} '{}' (already listed at {})",
                                   what, Printable(names[index]),
                                   listed_at[i]));
      }
    }
    out.push_back(index);
    listed_at.push_back(e.path());
  }
  return out;
}

absl::StatusOr<double> ReadProbability(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(double p, v.Number());
  if (!(p >= 0 && p <= 1)) {
    return v.Error(
        fmt::format("expected a probability in [0, 1], got {}", v.raw()));
  }
  return p;
}

absl::StatusOr<double> ReadPositiveNumber(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(double x, v.Number());
  if (!(x > 0)) {
    return v.Error(
        fmt::format("expected a number greater than 0, got {}", v.raw()));
  }
  return x;
}

absl::StatusOr<Time> ReadPositiveDuration(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(Time t, v.Duration());
  if (t <= Time::Zero()) {
    return v.Error(
        fmt::format("expected a duration greater than 0, got {}", v.raw()));
  }
  return t;
}

std::optional<Time> ParseTimeOfDay(std::string_view text,
                                   bool allow_end_of_day) {
  // HH:MM or HH:MM:SS, two digits each.
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  const int h = Digits(text, 0, 2);
  const int m = Digits(text, 3, 2);
  const int s = text.size() == 8 ? Digits(text, 6, 2) : 0;
  if (text[2] != ':' || (text.size() == 8 && text[5] != ':')) {
    return std::nullopt;
  }
  if (h < 0 || m < 0 || s < 0 || m > 59 || s > 59) return std::nullopt;
  if (h == 24 && m == 0 && s == 0 && allow_end_of_day) return Time::Days(1);
  if (h > 23) return std::nullopt;
  return Time::Seconds(h * 3600.0 + m * 60.0 + s);
}

absl::StatusOr<Time> ReadTimeOfDay(const YamlValue& v, bool allow_end_of_day) {
  const std::string range =
      allow_end_of_day ? "00:00 to 24:00" : "00:00 to 23:59:59";
  if (v.is_scalar()) {
    if (std::optional<Time> t = ParseTimeOfDay(v.raw(), allow_end_of_day)) {
      return *t;
    }
  }
  return v.Expected(fmt::format(
      "a time of day HH:MM or HH:MM:SS ({}), e.g. \"08:30\"", range));
}

absl::StatusOr<Date> ReadDate(const YamlValue& v) {
  const std::string text = v.raw();
  const int y = Digits(text, 0, 4);
  const int m = Digits(text, 5, 2);
  const int d = Digits(text, 8, 2);
  if (!v.is_scalar() || text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      y < 0 || m < 0 || d < 0) {
    return v.Expected("a date YYYY-MM-DD, e.g. 2026-07-01");
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return v.Error(fmt::format(
        "expected a date that exists (YYYY-MM-DD, year from 0001), got {}",
        text));
  }
  return Date{.year = y, .month = m, .day = d};
}

std::optional<Date> ParseDate(std::string_view text) {
  const int y = Digits(text, 0, 4);
  const int m = Digits(text, 5, 2);
  const int d = Digits(text, 8, 2);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || y < 1 || m < 1 ||
      m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return std::nullopt;
  }
  return Date{.year = y, .month = m, .day = d};
}

absl::StatusOr<std::vector<double>> ReadWeights(const YamlValue& v, size_t n,
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

absl::StatusOr<Distribution> ReadDistribution(const YamlValue& v) {
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
                             ReadWeights(*w, values.size(), "one per value"));
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
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<double> weights,
        ReadWeights(*params.Find("weights"), edges.size() - 1,
                    "one per bin between consecutive edges"));
    d = Distribution::Histogram(std::move(edges), std::move(weights));
  }
  if (absl::Status valid = d.Validate(); !valid.ok()) {
    return params_value.Error(std::string(valid.message()));
  }
  return d;
}

std::string OnePerInterval(const Scenario& s) {
  return fmt::format("one per {} interval of the day",
                     FormatDuration(s.interval));
}
absl::StatusOr<std::vector<YamlValue>> IntervalSequence(const YamlValue& v,
                                                        const Scenario& s,
                                                        std::string_view what) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries, v.Sequence(what));
  const size_t n = static_cast<size_t>(s.intervals_per_day());
  if (entries.size() != n) {
    return v.Error(fmt::format("expected {} entries ({}), got {}", n,
                               OnePerInterval(s), entries.size()));
  }
  return entries;
}

}  // namespace ccsim::scenario_internal
