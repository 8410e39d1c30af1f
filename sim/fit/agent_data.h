// Staffing as an agent state export shows it: per agent group and
// interval, the agents logged in and the agents available for calls
// (logged in, not on a break or in AUX), as time-weighted averages, read
// in one streaming pass. Rows follow docs/call-logs.md (time, group,
// agent, state) or a --map; each agent's rows must be in time order.
#ifndef CCSIM_SIM_FIT_AGENT_DATA_H_
#define CCSIM_SIM_FIT_AGENT_DATA_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/time.h"
#include "sim/io/timestamp.h"

namespace ccsim::fit {

using io::kMsPerDay;
using io::ParseTimeFormat;
using io::ParseTimestamp;
using io::TimeFormat;

inline constexpr std::array<std::string_view, 4> kAgentFields = {
    "time", "group", "agent", "state"};

struct AgentGroupData {
  std::string name;
  // Agent-seconds by day since the epoch and interval of the day.
  // available: not on a break or AUX; busy: talking or in after-call work.
  std::map<int64_t, std::vector<double>> logged_in_s, available_s, busy_s;
  double staffed_s = 0, break_s = 0, aux_s = 0, talk_s = 0;
};

struct AgentData {
  std::string path;
  std::vector<AgentGroupData> groups;
  // With keep_spans: every span an agent was logged in (group index, from,
  // to, ms since the epoch; and whether it was idle).
  struct Span {
    int group;
    int64_t from, to;
    bool idle;
  };
  std::vector<Span> spans;
  int64_t rows = 0;
  int64_t first_ms = 0, last_ms = 0;
};

absl::StatusOr<AgentData> ReadAgentData(
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& map,
    TimeFormat format, Time interval, bool keep_spans = false);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_AGENT_DATA_H_
