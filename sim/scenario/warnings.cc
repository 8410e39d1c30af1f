// ScenarioWarnings: advice on a runnable scenario whose results may mislead
// (per-interval results above kWarnResultBytes; repeat calls whose mean
// delay is longer than the warm-up). Invariants: a warning never refuses a
// scenario (CheckRunnable does that) and never changes a run; each is one
// sentence, and repeat-call delays give one warning per kind however many
// call types it concerns.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim {

using scenario_internal::ResultSizeRemedy;

std::vector<std::string> ScenarioWarnings(const Scenario& s) {
  std::vector<std::string> warnings;
  if (const uint64_t bytes = EstimatedResultBytes(s);
      bytes > kWarnResultBytes) {
    warnings.push_back(ResultSizeRemedy(s, bytes) +
                       " (each further thread adds a replication's share)");
  }
  // Delays of repeat calls longer than the warm-up, by kind: one warning per
  // kind however many call types it concerns (naming the first few).
  struct Late {
    std::string_view what;
    std::vector<std::string> types;  // "'name' (mean)"
  };
  Late late[] = {{"return delay", {}}, {"redial delay", {}}};
  auto check = [&](const CallTypeSpec& t, const Distribution& delay,
                   Late& into) {
    const Time mean = Time::Seconds(delay.Mean());
    if (mean > s.warmup) {
      into.types.push_back(
          fmt::format("'{}' ({})", t.name, FormatDuration(mean)));
    }
  };
  for (const CallTypeSpec& t : s.call_types) {
    bool returns = t.fcr < 1;
    for (const AgentGroupSpec& g : s.agent_groups) {
      returns = returns || (g.fcr.has_value() && *g.fcr < 1);
    }
    if (returns && t.return_delay.has_value()) {
      check(t, *t.return_delay, late[0]);
    }
    if (t.redial.enabled() && t.redial.delay.has_value()) {
      check(t, *t.redial.delay, late[1]);
    }
  }
  constexpr size_t kNamed = 3;  // call types named in a grouped warning
  for (const Late& l : late) {
    if (l.types.empty()) continue;
    std::string who;
    if (l.types.size() == 1) {
      who = "call type " + l.types[0];
    } else {
      who = "call types ";
      for (size_t i = 0; i < std::min(kNamed, l.types.size()); ++i) {
        if (i > 0) who += ", ";
        who += l.types[i];
      }
      if (l.types.size() > kNamed) {
        who += fmt::format(" and {} more", l.types.size() - kNamed);
      }
    }
    warnings.push_back(fmt::format(
        "{}: the mean {} is longer than the warm-up ({}), so repeat calls "
        "are still building up when the results start; a warm-up of a few "
        "times the mean delay removes the bias",
        who, l.what, FormatDuration(s.warmup)));
  }
  return warnings;
}

}  // namespace ccsim
