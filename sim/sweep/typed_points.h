// Building a sweep point's scenario by editing typed scenarios, without
// YAML (private to sim/sweep). Reading a point through YAML trees costs
// about 2 ms; a sweep of small points spends more time there than
// simulating. Instead, each parameter's key paths name the parts of the
// scenario it can change (a call type, an agent group, the trunk lines,
// the service level, the IVR with the incidents, the staffing goals), and
// a point is the scenario of point 0 with those parts of every parameter
// taken from a donor: the scenario, read once through YAML, of the first
// point with the parameter's value.
//
// Invariants: typed building is used only when no two parameters name the
// same part, every key path names a part (a key such as `interval`,
// `horizon` or a name changes the whole scenario: those sweeps are read
// through YAML), and the typed scenario equals the YAML one on every
// verified point (compared field by field); otherwise Prepare() says no
// and the sweep goes on reading points through YAML.
#ifndef CCSIM_SIM_SWEEP_TYPED_POINTS_H_
#define CCSIM_SIM_SWEEP_TYPED_POINTS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/scenario.h"

namespace ccsim::sweep_internal {

// A part of a scenario that a parameter replaces whole.
struct ScenarioPart {
  enum Kind {
    kCallType,
    kAgentGroup,
    kTrunkLines,
    kServiceLevel,
    kIvr,
    kGoals
  };
  Kind kind = kCallType;
  int index = 0;  // of the call type or agent group
  friend bool operator==(const ScenarioPart&, const ScenarioPart&) = default;
};

// The part a key path ("agents[0].staffing.constant") changes, or nullopt
// when it may change more than one (or cannot be told).
std::optional<ScenarioPart> PartOfKey(const std::string& key);

class TypedPoints {
 public:
  // The scenario of a point read through YAML.
  using ReadPoint = std::function<absl::StatusOr<Scenario>(int64_t point)>;

  // `keys[p]`: parameter p's key paths; `donors[p][v]`: the first point
  // with value v of parameter p; `value_indices(point)`: each parameter's
  // value index at a point; `verify`: points whose typed scenario must
  // equal the YAML one. Nullopt when typed building does not apply (see
  // the header comment); an error when reading a point fails.
  static absl::StatusOr<std::optional<TypedPoints>> Prepare(
      const std::vector<std::vector<std::string>>& keys,
      const std::vector<std::vector<int64_t>>& donors,
      const std::function<std::vector<int>(int64_t)>& value_indices,
      const std::vector<int64_t>& verify, const ReadPoint& read);

  // The scenario with value values[p] of every parameter p.
  Scenario Build(const std::vector<int>& values) const;

 private:
  // One part's content as a donor has it.
  struct PartValue {
    ScenarioPart part;
    std::optional<CallTypeSpec> call_type;
    std::optional<AgentGroupSpec> agent_group;
    int trunk_lines = 0;
    ServiceLevelSpec service_level;
    IvrSpec ivr;
    std::vector<IncidentSpec> incidents;
    std::vector<StaffingGoal> goals;
  };
  static PartValue Take(const Scenario& s, const ScenarioPart& part);
  static void Put(const PartValue& v, Scenario& s);

  Scenario frame_;  // point 0
  // parts_[p][v]: parameter p's parts at its value v.
  std::vector<std::vector<std::vector<PartValue>>> parts_;
};

}  // namespace ccsim::sweep_internal

#endif  // CCSIM_SIM_SWEEP_TYPED_POINTS_H_
