// Simulated time for ccsim.
//
// `ccsim::Time` is a strong type over a signed 64-bit count of microsecond
// ticks. It is used both for instants (time since the start of a
// replication, which begins at 00:00 of day 0) and for durations. Build values
// with the named factories, never from raw integers:
//
//   ccsim::Time t = ccsim::Time::Minutes(30) + ccsim::Time::Seconds(20);
//   double s = t.seconds();                       // 1820.0
//   absl::StatusOr<ccsim::Time> d = ccsim::ParseDuration("1.5h");
//
// A microsecond tick represents ±292,000 years exactly, far more than any
// horizon, and keeps event order exact (no floating-point ties).
#ifndef CCSIM_TIME_H_
#define CCSIM_TIME_H_

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ccsim {

class Time {
 public:
  static constexpr int64_t kTicksPerSecond = 1'000'000;

  constexpr Time() = default;

  static constexpr Time Ticks(int64_t ticks) { return Time(ticks); }
  static constexpr Time Micros(int64_t us) { return Time(us); }
  // Rounds to the nearest tick.
  static Time Seconds(double s) {
    return Time(static_cast<int64_t>(std::llround(s * kTicksPerSecond)));
  }
  static Time Minutes(double m) { return Seconds(m * 60.0); }
  static Time Hours(double h) { return Seconds(h * 3600.0); }
  static Time Days(double d) { return Seconds(d * 86400.0); }
  static constexpr Time Zero() { return Time(0); }
  // Later than any event; used for "never" (e.g. infinite patience).
  static constexpr Time Infinite() {
    return Time(std::numeric_limits<int64_t>::max());
  }

  constexpr int64_t ticks() const { return ticks_; }
  constexpr double seconds() const {
    return static_cast<double>(ticks_) / kTicksPerSecond;
  }
  constexpr bool is_infinite() const { return *this == Infinite(); }

  constexpr Time operator+(Time o) const { return Time(ticks_ + o.ticks_); }
  constexpr Time operator-(Time o) const { return Time(ticks_ - o.ticks_); }
  constexpr Time& operator+=(Time o) {
    ticks_ += o.ticks_;
    return *this;
  }
  constexpr Time& operator-=(Time o) {
    ticks_ -= o.ticks_;
    return *this;
  }
  constexpr Time operator*(int64_t k) const { return Time(ticks_ * k); }
  // How many whole `unit`s fit in this duration (floor division).
  constexpr int64_t operator/(Time unit) const {
    int64_t q = ticks_ / unit.ticks_;
    return (ticks_ % unit.ticks_ != 0 && (ticks_ < 0) != (unit.ticks_ < 0))
               ? q - 1
               : q;
  }
  constexpr Time operator%(Time unit) const {
    return Time(ticks_ - (*this / unit) * unit.ticks_);
  }

  constexpr auto operator<=>(const Time&) const = default;

 private:
  constexpr explicit Time(int64_t ticks) : ticks_(ticks) {}
  int64_t ticks_ = 0;
};

// Parses a duration written with a unit: "20s", "5m", "1.5h", "2d", "250ms".
// Units: ms, s, m (minutes), h, d. The number may have a fraction; it must be
// finite and not negative. Several parts, each with its unit and each unit
// smaller than the one before, add up ("1d18h", "22h30m", "1m30.5s"), as
// FormatDuration writes them. Errors describe what was expected.
absl::StatusOr<Time> ParseDuration(std::string_view text);

// Formats a duration exactly, in parts from days down to seconds with the
// parts that are zero left out ("30m", "1d", "1d18h", "22h30m", "1m30s",
// "1.5s"): the one style of durations in messages, reports and written
// scenarios (ParseDuration reads it back).
std::string FormatDuration(Time t);

// "HH:MM" clock time of an instant within its day ("09:30").
std::string FormatClock(Time t);

}  // namespace ccsim

#endif  // CCSIM_TIME_H_
