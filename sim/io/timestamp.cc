#include "sim/io/timestamp.h"

#include <charconv>
#include <cmath>

#include "ccsim/scenario.h"
#include "fmt/format.h"

namespace ccsim::io {

namespace {

// Reads `n` digits at `*at` (advancing it); -1 when they are not digits.
int Digits(std::string_view s, size_t* at, size_t n) {
  if (*at + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[*at + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  *at += n;
  return v;
}

bool Take(std::string_view s, size_t* at, char c) {
  if (*at < s.size() && s[*at] == c) {
    ++*at;
    return true;
  }
  return false;
}

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// HH:MM[:SS[.fff]] from `at` to the end (an optional trailing 'Z').
std::optional<int64_t> TimeOfDayMs(std::string_view s, size_t at) {
  const int h = Digits(s, &at, 2);
  if (h < 0 || !Take(s, &at, ':')) return std::nullopt;
  const int m = Digits(s, &at, 2);
  int sec = 0, ms = 0;
  if (Take(s, &at, ':')) {
    sec = Digits(s, &at, 2);
    if (Take(s, &at, '.') || Take(s, &at, ',')) {
      // Up to millisecond precision; further digits are dropped.
      int digits = 0;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
        if (digits < 3) ms = ms * 10 + (s[at] - '0');
        ++digits;
        ++at;
      }
      if (digits == 0) return std::nullopt;
      for (int d = digits; d < 3; ++d) ms *= 10;
    }
  }
  Take(s, &at, 'Z');
  if (at != s.size() || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
    return std::nullopt;
  }
  return ((h * 60 + m) * 60 + sec) * int64_t{1000} + ms;
}

std::optional<int64_t> Civil(int y, int mo, int d, std::string_view s,
                             size_t at) {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DaysIn(y, mo)) {
    return std::nullopt;
  }
  if (!Take(s, &at, ' ') && !Take(s, &at, 'T')) return std::nullopt;
  while (Take(s, &at, ' ')) {
  }
  const std::optional<int64_t> tod = TimeOfDayMs(s, at);
  if (!tod.has_value()) return std::nullopt;
  return Date{.year = y, .month = mo, .day = d}.days_since_epoch() * kMsPerDay +
         *tod;
}

std::optional<int64_t> Iso(std::string_view s) {
  size_t at = 0;
  const int y = Digits(s, &at, 4);
  if (y < 0 || !Take(s, &at, '-')) return std::nullopt;
  const int mo = Digits(s, &at, 2);
  if (mo < 0 || !Take(s, &at, '-')) return std::nullopt;
  const int d = Digits(s, &at, 2);
  if (d < 0) return std::nullopt;
  return Civil(y, mo, d, s, at);
}

std::optional<int64_t> DayMonth(std::string_view s, bool day_first) {
  size_t at = 0;
  const int a = Digits(s, &at, 2);
  if (a < 0 || at >= s.size()) return std::nullopt;
  const char sep = s[at];
  if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
  ++at;
  const int b = Digits(s, &at, 2);
  if (b < 0 || !Take(s, &at, sep)) return std::nullopt;
  const int y = Digits(s, &at, 4);
  if (y < 0) return std::nullopt;
  return day_first ? Civil(y, b, a, s, at) : Civil(y, a, b, s, at);
}

std::optional<int64_t> Epoch(std::string_view s, double unit_ms) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) ||
      std::abs(v * unit_ms) > 4e15) {  // about year 128,000: no overflow in
                                       // microseconds
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(v * unit_ms));
}

}  // namespace

absl::StatusOr<TimeFormat> ParseTimeFormat(std::string_view name) {
  if (name == "auto") return TimeFormat::kAuto;
  if (name == "iso") return TimeFormat::kIso;
  if (name == "dmy") return TimeFormat::kDmy;
  if (name == "mdy") return TimeFormat::kMdy;
  if (name == "epoch") return TimeFormat::kEpoch;
  if (name == "epoch_ms") return TimeFormat::kEpochMs;
  return absl::InvalidArgumentError(fmt::format(
      "unknown time format '{}'; expected one of: auto, iso, dmy, mdy, "
      "epoch, epoch_ms",
      name));
}

std::optional<int64_t> ParseTimestamp(std::string_view text,
                                      TimeFormat format) {
  switch (format) {
    case TimeFormat::kAuto:
      if (text.find('-') != std::string_view::npos) return Iso(text);
      return Epoch(text, 1000);
    case TimeFormat::kIso:
      return Iso(text);
    case TimeFormat::kDmy:
      return DayMonth(text, true);
    case TimeFormat::kMdy:
      return DayMonth(text, false);
    case TimeFormat::kEpoch:
      return Epoch(text, 1000);
    case TimeFormat::kEpochMs:
      return Epoch(text, 1);
  }
  return std::nullopt;
}

}  // namespace ccsim::io
