#include "ccsim/time.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace ccsim {

namespace {

// The seconds in one unit of a duration, or 0 for an unknown unit.
double UnitSeconds(std::string_view unit) {
  if (unit == "ms") return 0.001;
  if (unit == "s") return 1;
  if (unit == "m" || unit == "min") return 60;
  if (unit == "h") return 3600;
  if (unit == "d") return 86400;
  return 0;
}

// One part of a duration, a number and its unit ("18h"), in seconds; the
// messages quote `whole`, the duration the part is of. Sets `*scale` to the
// unit's seconds.
absl::StatusOr<double> ParsePart(std::string_view part, std::string_view whole,
                                 double* scale) {
  auto bad = [&] {
    return absl::InvalidArgumentError(fmt::format(
        "expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, "
        "1.5h, 2d; got '{}'",
        whole));
  };
  size_t split = part.size();
  while (split > 0 && std::isalpha(static_cast<unsigned char>(part[split - 1])))
    --split;
  std::string_view number = part.substr(0, split);
  *scale = UnitSeconds(part.substr(split));
  if (number.empty() || *scale == 0) return bad();
  std::string num(number);
  for (char c : num) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
          c == '+' || c == 'e' || c == 'E'))
      return bad();
  }
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(num.c_str(), &end);
  if (end != num.c_str() + num.size() || errno != 0) return bad();
  if (!std::isfinite(v)) return bad();
  if (v < 0) {
    return absl::InvalidArgumentError(fmt::format(
        "expected a duration that is not negative; got '{}'", whole));
  }
  return v * *scale;
}

}  // namespace

absl::StatusOr<Time> ParseDuration(std::string_view text) {
  double seconds = 0;
  double last_scale = 0;
  size_t from = 0;
  do {
    // A part ends after a unit that more text follows ("1d18h" is "1d",
    // "18h"); an exponent's 'e' is not a unit, so "1e3s" is one part.
    size_t end = text.size();
    for (size_t i = from; i < text.size();) {
      if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      size_t run = i;
      while (run < text.size() &&
             std::isalpha(static_cast<unsigned char>(text[run])))
        ++run;
      if (run < text.size() && UnitSeconds(text.substr(i, run - i)) != 0) {
        end = run;
        break;
      }
      i = run;
    }
    double scale = 0;
    absl::StatusOr<double> part =
        ParsePart(text.substr(from, end - from), text, &scale);
    if (!part.ok()) return part.status();
    if (last_scale != 0 && scale >= last_scale) {
      return absl::InvalidArgumentError(fmt::format(
          "expected the parts of a duration from the largest unit down, "
          "e.g. 1d18h or 22h30m; got '{}'",
          text));
    }
    last_scale = scale;
    seconds += *part;
    from = end;
  } while (from < text.size());
  if (seconds > 1e12) {
    return absl::InvalidArgumentError(
        fmt::format("duration '{}' is too long (at most 1e12 s)", text));
  }
  return Time::Seconds(seconds);
}

std::string FormatDuration(Time t) {
  struct Unit {
    int64_t ticks;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86400LL * Time::kTicksPerSecond, "d"},
                                    {3600LL * Time::kTicksPerSecond, "h"},
                                    {60LL * Time::kTicksPerSecond, "m"}};
  if (t.ticks() == 0) return "0s";
  std::string out;
  int64_t left = t.ticks();
  if (left < 0) {
    out = "-";
    left = -left;
  }
  for (const Unit& u : kUnits) {
    if (left >= u.ticks) {
      out += fmt::format("{}{}", left / u.ticks, u.name);
      left %= u.ticks;
    }
  }
  if (left > 0) {
    out +=
        fmt::format("{}s", static_cast<double>(left) / Time::kTicksPerSecond);
  }
  return out;
}

std::string FormatClock(Time t) {
  Time in_day = t % Time::Days(1);
  int64_t minutes = in_day.ticks() / (60LL * Time::kTicksPerSecond);
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

}  // namespace ccsim
