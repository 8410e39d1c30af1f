// Reader of a `redial` map (top level and per call type): the shares of
// callers who call again after a busy signal, an abandon or an IVR
// hang-up, their decay, the attempts and the delay. Invariants: every key
// is optional and kept as given (RedialPatch), so that a call type's own
// keys override the top-level ones key by key; shares lie in [0, 1], the
// decay in (0, 1].
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {
namespace {

constexpr int64_t kMaxRedialAttempts = 1'000;

}  // namespace

absl::StatusOr<RedialPatch> ReadRedial(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"after_busy", "after_abandon", "after_ivr", "decay",
                          "max_attempts", "delay"},
                         "a redial map such as {after_abandon: 0.5, delay: "
                         "{exponential: {mean: 10m}}}"));
  RedialPatch p;
  if (std::optional<YamlValue> x = m.Find("after_busy")) {
    CCSIM_ASSIGN_OR_RETURN(p.after_busy, ReadProbability(*x));
  }
  if (std::optional<YamlValue> x = m.Find("after_abandon")) {
    CCSIM_ASSIGN_OR_RETURN(p.after_abandon, ReadProbability(*x));
  }
  if (std::optional<YamlValue> x = m.Find("after_ivr")) {
    CCSIM_ASSIGN_OR_RETURN(p.after_ivr, ReadProbability(*x));
  }
  if (std::optional<YamlValue> x = m.Find("decay")) {
    CCSIM_ASSIGN_OR_RETURN(double decay, x->Number());
    if (!(decay > 0 && decay <= 1)) {
      return x->Error(
          fmt::format("expected a number in (0, 1], got {}", x->raw()));
    }
    p.decay = decay;
  }
  if (std::optional<YamlValue> x = m.Find("max_attempts")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t n, x->Integer(1, kMaxRedialAttempts));
    p.max_attempts = static_cast<int>(n);
  }
  if (std::optional<YamlValue> x = m.Find("delay")) {
    CCSIM_ASSIGN_OR_RETURN(p.delay, ReadDistribution(*x));
  }
  return p;
}

}  // namespace ccsim::scenario_internal
