// Reader of a call type's `callback` map (virtual hold; see CallbackSpec in
// ccsim/scenario.h and docs/scenario-format.md).
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {

absl::StatusOr<CallbackSpec> ReadCallback(const YamlValue& v) {
  static const auto* kKeys = new std::vector<std::string>{
      "offer_after", "offer_until",  "accept", "dial_time", "answer",
      "retry_delay", "max_attempts", "window", "when"};
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap(*kKeys,
                         "a callback map such as {offer_after: 2m, accept: "
                         "0.6, answer: 0.85}"));
  CallbackSpec c;
  CCSIM_ASSIGN_OR_RETURN(YamlValue offer_after, m.Require("offer_after"));
  CCSIM_ASSIGN_OR_RETURN(c.offer_after, offer_after.Duration());
  if (c.offer_after < Time::Zero()) {
    return offer_after.Error(fmt::format(
        "expected a predicted wait of 0 or more (a callback is offered when "
        "the predicted wait is longer), got {}",
        offer_after.raw()));
  }
  if (std::optional<YamlValue> x = m.Find("accept")) {
    CCSIM_ASSIGN_OR_RETURN(c.accept, ReadProbability(*x));
  }
  if (std::optional<YamlValue> x = m.Find("dial_time")) {
    CCSIM_ASSIGN_OR_RETURN(c.dial_time, ReadDistribution(*x));
  }
  if (std::optional<YamlValue> x = m.Find("answer")) {
    CCSIM_ASSIGN_OR_RETURN(c.answer, ReadProbability(*x));
  }
  if (std::optional<YamlValue> x = m.Find("retry_delay")) {
    CCSIM_ASSIGN_OR_RETURN(c.retry_delay, ReadPositiveDuration(*x));
  }
  if (std::optional<YamlValue> x = m.Find("max_attempts")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, x->Integer(1, kMaxCallbackAttempts));
    c.max_attempts = static_cast<int>(n);
  }
  std::optional<YamlValue> window = m.Find("window");
  if (window.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(c.window, ReadPositiveDuration(*window));
  }
  if (const double dial = c.dial_time.Mean(); c.window.seconds() < dial) {
    const YamlValue& at = window.has_value() ? *window : *m.Find("dial_time");
    return at.Error(fmt::format(
        "expected a window (the promised time to connect, {}) at least as "
        "long as the mean dialling time ({}): no callback could connect "
        "within it",
        FormatDuration(c.window), FormatDuration(Time::Seconds(dial))));
  }
  c.offer_until = c.window;
  const std::optional<YamlValue> until = m.Find("offer_until");
  if (until.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(c.offer_until, ReadPositiveDuration(*until));
  }
  if (c.offer_until <= c.offer_after) {
    // Offers are made for predicted waits in (offer_after, offer_until].
    const YamlValue& at = until.has_value() ? *until : offer_after;
    return at.Error(fmt::format(
        "expected offer_until ({}{}) longer than offer_after ({}): no "
        "callback would ever be offered",
        FormatDuration(c.offer_until),
        until.has_value() ? "" : ", the window by default",
        FormatDuration(c.offer_after)));
  }
  if (std::optional<YamlValue> x = m.Find("when")) {
    static constexpr char kExpected[] =
        "'at_turn' or {live_queue_below: N} (N >= 1)";
    if (x->is_scalar()) {
      if (x->raw() != "at_turn") return x->Expected(kExpected);
    } else {
      CCSIM_ASSIGN_OR_RETURN(YamlMap w,
                             x->AsMap({"live_queue_below"}, kExpected));
      CCSIM_ASSIGN_OR_RETURN(YamlValue n, w.Require("live_queue_below"));
      CCSIM_ASSIGN_OR_RETURN(int64_t below,
                             n.Integer(1, kMaxAgentsPerInterval));
      c.live_queue_below = static_cast<int>(below);
    }
  }
  return c;
}

}  // namespace ccsim::scenario_internal
