#include "ccsim/time.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace ccsim {

absl::StatusOr<Time> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(fmt::format(
        "expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, "
        "1.5h, 2d; got '{}'",
        text));
  };
  size_t split = text.size();
  while (split > 0 && std::isalpha(static_cast<unsigned char>(text[split - 1])))
    --split;
  std::string_view number = text.substr(0, split);
  std::string_view unit = text.substr(split);
  if (number.empty() || unit.empty()) return bad();
  double scale;
  if (unit == "ms") {
    scale = 0.001;
  } else if (unit == "s") {
    scale = 1;
  } else if (unit == "m" || unit == "min") {
    scale = 60;
  } else if (unit == "h") {
    scale = 3600;
  } else if (unit == "d") {
    scale = 86400;
  } else {
    return bad();
  }
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
        "expected a duration that is not negative; got '{}'", text));
  }
  double seconds = v * scale;
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
                                    {60LL * Time::kTicksPerSecond, "m"},
                                    {Time::kTicksPerSecond, "s"}};
  if (t.ticks() == 0) return "0s";
  for (const Unit& u : kUnits) {
    if (t.ticks() % u.ticks == 0) {
      return fmt::format("{}{}", t.ticks() / u.ticks, u.name);
    }
  }
  return fmt::format("{}s", t.seconds());
}

std::string FormatClock(Time t) {
  Time in_day = t % Time::Days(1);
  int64_t minutes = in_day.ticks() / (60LL * Time::kTicksPerSecond);
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

}  // namespace ccsim
