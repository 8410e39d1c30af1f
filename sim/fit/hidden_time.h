// Agent time the logs do not label: an agent the state log shows idle
// while a caller it could have answered was waiting was in fact not
// available (a missing AUX code, a long personal pause, a phone left
// logged in). `ccsim fit` takes that time out of the staffing.
#ifndef CCSIM_SIM_FIT_HIDDEN_TIME_H_
#define CCSIM_SIM_FIT_HIDDEN_TIME_H_

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/fit/agent_data.h"
#include "sim/fit/call_data.h"

namespace ccsim::fit {

// While some caller the group could serve was waiting (in one of
// `skills`: queue, and the overflow delay before the group takes its
// calls, past that delay), how many agent-seconds agent-log group
// `agent_group` was logged in, and of them idle. An agent idle then was in
// fact unavailable; the idle share of that time estimates the group's
// unlabelled unavailability (assumed not to depend on whether callers
// wait). Requires calls.waits and agents.spans (ReadOptions::keep_waits,
// ReadAgentData's keep_spans).
struct WhileWaiting {
  double logged_in_s = 0;
  double idle_s = 0;
  double share() const { return logged_in_s > 0 ? idle_s / logged_in_s : 0; }
};
WhileWaiting IdleWhileCallersWaited(
    const CallData& calls, const AgentData& agents, int agent_group,
    const std::vector<std::pair<int, int64_t>>& skills);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_HIDDEN_TIME_H_
