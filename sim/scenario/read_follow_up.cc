// Readers of a call type's `follow_up` map and an agent group's `outbound`
// map (outbound follow-up calls; see FollowUpSpec and OutboundSpec in
// ccsim/scenario.h and docs/scenario-format.md#follow-up), and the checks
// of both in a typed scenario (CheckRunnable's part for follow-ups).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {

absl::StatusOr<FollowUpSpec> ReadFollowUp(const YamlValue& v) {
  static const auto* kKeys = new std::vector<std::string>{
      "share", "of",        "delay",   "window",      "dial_time",
      "reach", "talk_time", "wrap_up", "retry_delay", "max_attempts"};
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap(*kKeys,
              "a follow-up map such as {share: 0.3, window: 24h, talk_time: "
              "{exponential: {mean: 2m}}}"));
  FollowUpSpec f;
  CCSIM_ASSIGN_OR_RETURN(YamlValue share, m.Require("share"));
  CCSIM_ASSIGN_OR_RETURN(f.share, ReadProbability(share));
  if (std::optional<YamlValue> x = m.Find("of")) {
    static constexpr char kExpected[] = "answered, resolved or unresolved";
    if (!x->is_scalar()) return x->Expected(kExpected);
    if (x->raw() == "answered") {
      f.of = FollowUpSpec::Of::kAnswered;
    } else if (x->raw() == "resolved") {
      f.of = FollowUpSpec::Of::kResolved;
    } else if (x->raw() == "unresolved") {
      f.of = FollowUpSpec::Of::kUnresolved;
    } else {
      return x->Expected(kExpected);
    }
  }
  std::optional<YamlValue> delay = m.Find("delay");
  if (delay.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(f.delay, delay->Duration());  // not negative
  }
  if (std::optional<YamlValue> x = m.Find("dial_time")) {
    CCSIM_ASSIGN_OR_RETURN(f.dial_time, ReadDistribution(*x));
  }
  if (std::optional<YamlValue> x = m.Find("reach")) {
    CCSIM_ASSIGN_OR_RETURN(f.reach, ReadProbability(*x));
  }
  CCSIM_ASSIGN_OR_RETURN(YamlValue talk, m.Require("talk_time"));
  CCSIM_ASSIGN_OR_RETURN(f.talk_time, ReadDistribution(talk));
  if (std::optional<YamlValue> x = m.Find("wrap_up")) {
    CCSIM_ASSIGN_OR_RETURN(f.wrap_up, ReadDistribution(*x));
  }
  if (std::optional<YamlValue> x = m.Find("retry_delay")) {
    CCSIM_ASSIGN_OR_RETURN(f.retry_delay, ReadPositiveDuration(*x));
  }
  if (std::optional<YamlValue> x = m.Find("max_attempts")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, x->Integer(1, kMaxFollowUpAttempts));
    f.max_attempts = static_cast<int>(n);
  }
  std::optional<YamlValue> window = m.Find("window");
  if (window.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(f.window, ReadPositiveDuration(*window));
  }
  const double earliest = f.delay.seconds() + f.dial_time.Mean();
  if (!(f.window.seconds() > earliest)) {
    const YamlValue& at =
        window.has_value()
            ? *window
            : (delay.has_value() ? *delay : *m.Find("dial_time"));
    return at.Error(fmt::format(
        "expected a window (the time from the call's end by which the "
        "follow-up is due, {}{}) longer than the delay plus the mean "
        "dialling time ({}): no follow-up could be done within it",
        FormatDuration(f.window), window.has_value() ? "" : " by default",
        FormatDuration(Time::Seconds(earliest))));
  }
  return f;
}

absl::StatusOr<OutboundSpec> ReadOutbound(
    const YamlValue& v, const std::vector<std::string>& call_type_names,
    const std::vector<CallTypeSpec>& call_types) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"follow_ups", "keep_idle"},
                         "an outbound map such as {follow_ups: [fault], "
                         "keep_idle: 2}"));
  OutboundSpec o;
  CCSIM_ASSIGN_OR_RETURN(YamlValue types, m.Require("follow_ups"));
  CCSIM_ASSIGN_OR_RETURN(o.follow_ups,
                         ReadReferences(types, call_type_names, "call type"));
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> listed,
                         types.NonEmptySequence("call type names"));
  for (size_t i = 0; i < o.follow_ups.size(); ++i) {
    const CallTypeSpec& t = call_types[static_cast<size_t>(o.follow_ups[i])];
    if (!t.follow_up.has_value()) {
      return listed[i].Error(fmt::format(
          "expected a call type with a follow_up map (its calls create the "
          "tasks this group calls), got '{}', which has none",
          t.name));
    }
  }
  if (std::optional<YamlValue> x = m.Find("keep_idle")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, x->Integer(0, kMaxAgentsPerInterval));
    o.keep_idle = static_cast<int>(n);
  }
  return o;
}

absl::Status CheckFollowUps(const Scenario& s) {
  const size_t n = s.call_types.size();
  std::vector<bool> called(n, false);
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (!g.outbound.has_value()) {
      if (g.skills.empty()) {
        return absl::InvalidArgumentError(fmt::format(
            "agent group '{}' has no skill and no outbound work", g.name));
      }
      continue;
    }
    const OutboundSpec& o = *g.outbound;
    if (o.follow_ups.empty() || o.keep_idle < 0) {
      return absl::InvalidArgumentError(fmt::format(
          "agent group '{}' needs outbound follow_ups (at least one call "
          "type) and keep_idle >= 0",
          g.name));
    }
    for (int t : o.follow_ups) {
      if (t < 0 || static_cast<size_t>(t) >= n ||
          !s.call_types[static_cast<size_t>(t)].follow_up.has_value()) {
        return absl::InvalidArgumentError(fmt::format(
            "agent group '{}' calls the follow-ups of a call type that has "
            "none",
            g.name));
      }
      called[static_cast<size_t>(t)] = true;
    }
  }
  for (size_t t = 0; t < n; ++t) {
    const CallTypeSpec& ct = s.call_types[t];
    if (!ct.follow_up.has_value()) continue;
    const FollowUpSpec& f = *ct.follow_up;
    const auto probability = [](double p) { return p >= 0 && p <= 1; };
    if (!probability(f.share) || !probability(f.reach) ||
        !(f.delay >= Time::Zero()) || !(f.retry_delay > Time::Zero()) ||
        f.max_attempts < 1 || f.max_attempts > kMaxFollowUpAttempts ||
        !(f.window.seconds() > f.delay.seconds() + f.dial_time.Mean())) {
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' needs a follow_up with share and reach in [0, 1], "
          "a delay >= 0, a retry_delay > 0, max_attempts from 1 to {} and a "
          "window longer than the delay plus the mean dial_time",
          ct.name, kMaxFollowUpAttempts));
    }
    if (f.share > 0 && !called[t]) {
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' creates follow-up tasks, but no agent group calls "
          "them",
          ct.name));
    }
  }
  return absl::OkStatus();
}

}  // namespace ccsim::scenario_internal
