#include "sim/fit/agent_data.h"

#include <algorithm>
#include <unordered_map>

#include "fmt/format.h"
#include "sim/io/csv_reader.h"
#include "sim/io/text.h"

namespace ccsim::fit {

namespace {

enum State { kIdle, kTalk, kWrap, kBreak, kAux, kOut };

std::optional<State> StateOf(std::string text, bool* login) {
  for (char& c : text) c = static_cast<char>(std::tolower(c));
  *login = false;
  if (text == "login") {
    *login = true;
    return kIdle;
  }
  if (text == "idle" || text == "ready" || text == "available") return kIdle;
  if (text == "talk" || text == "busy") return kTalk;
  if (text == "wrap" || text == "acw") return kWrap;
  if (text == "break") return kBreak;
  if (text == "aux" || text == "not_ready") return kAux;
  if (text == "logout" || text == "logoff") return kOut;
  return std::nullopt;
}

struct AgentState {
  int group;
  State state = kOut;
  int64_t since = 0;
};

}  // namespace

absl::StatusOr<AgentData> ReadAgentData(
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& map,
    TimeFormat format, Time interval, bool keep_spans) {
  absl::StatusOr<std::unique_ptr<io::CsvReader>> opened =
      io::CsvReader::Open(path);
  if (!opened.ok()) return opened.status();
  io::CsvReader& csv = **opened;
  std::array<int, kAgentFields.size()> col;
  col.fill(-1);
  for (const auto& [column, field] : map) {
    const auto it = std::find(kAgentFields.begin(), kAgentFields.end(), field);
    if (it == kAgentFields.end()) continue;  // a call field
    col[it - kAgentFields.begin()] = csv.Column(column);
  }
  for (size_t f = 0; f < kAgentFields.size(); ++f) {
    if (col[f] < 0) col[f] = csv.Column(kAgentFields[f]);
    if (col[f] < 0) {
      return csv.RowError(fmt::format(
          "expected a column '{}' (an agent log has time, group, agent and "
          "state; name other columns with --map COLUMN=FIELD)",
          kAgentFields[f]));
    }
  }
  const int64_t interval_ms = interval.ticks() / 1000;
  const int ipd = static_cast<int>(kMsPerDay / interval_ms);
  AgentData out;
  out.path = path;
  std::unordered_map<std::string, int> group_ids;
  std::unordered_map<std::string, AgentState> agents;

  // Adds the agent's time in `state` over [from, to) to its group.
  auto add = [&](int group, State state, int64_t from, int64_t to) {
    if (state == kOut || to <= from) return;
    AgentGroupData& g = out.groups[static_cast<size_t>(group)];
    const double s = static_cast<double>(to - from) / 1000;
    g.staffed_s += s;
    if (state == kBreak) g.break_s += s;
    if (state == kAux) g.aux_s += s;
    if (state == kTalk) g.talk_s += s;
    for (int64_t t = from; t < to;) {
      const int64_t k =
          t >= 0 ? t / interval_ms : (t - interval_ms + 1) / interval_ms;
      const int64_t next = std::min(to, (k + 1) * interval_ms);
      const int64_t day = k >= 0 ? k / ipd : (k - ipd + 1) / ipd;
      const size_t slot = static_cast<size_t>(k - day * ipd);
      const double part = static_cast<double>(next - t) / 1000;
      for (auto* m : {&g.logged_in_s, &g.available_s, &g.busy_s}) {
        if (m == &g.available_s && (state == kBreak || state == kAux)) continue;
        if (m == &g.busy_s && state != kTalk && state != kWrap) continue;
        std::vector<double>& v = (*m)[day];
        if (v.empty()) v.assign(static_cast<size_t>(ipd), 0.0);
        v[slot] += part;
      }
      t = next;
    }
  };

  while (true) {
    absl::StatusOr<bool> more = csv.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++out.rows;
    const std::string_view time_text = csv.field(col[0]);
    const std::optional<int64_t> t = ParseTimestamp(time_text, format);
    if (!t.has_value()) {
      return csv.Error(col[0],
                       fmt::format("expected a timestamp such as 2026-03-02 "
                                   "08:15:30.250, got '{}'",
                                   io::Printable(time_text)));
    }
    bool login = false;
    const std::optional<State> state =
        StateOf(std::string(csv.field(col[3])), &login);
    if (!state.has_value()) {
      return csv.Error(col[3],
                       fmt::format("expected a state: login, idle, talk, wrap, "
                                   "break, aux or logout, got '{}'",
                                   io::Printable(csv.field(col[3]))));
    }
    const std::string group(csv.field(col[1]));
    auto [gi, new_group] =
        group_ids.try_emplace(group, static_cast<int>(group_ids.size()));
    if (new_group) {
      out.groups.emplace_back();
      out.groups.back().name = group;
    }
    const std::string key = group + '\x1f' + std::string(csv.field(col[2]));
    auto [ai, new_agent] = agents.try_emplace(key, AgentState{gi->second});
    AgentState& a = ai->second;
    if (!new_agent && *t < a.since) {
      return csv.Error(col[0],
                       fmt::format("times go backwards for agent '{}' ({} "
                                   "after a later row)",
                                   io::Printable(csv.field(col[2])),
                                   io::Printable(time_text)));
    }
    if (!new_agent && a.state != kOut && *t - a.since > 7 * kMsPerDay) {
      return csv.Error(col[0],
                       fmt::format("agent '{}' stays in one state for more "
                                   "than 7 days until '{}' (a placeholder "
                                   "time?)",
                                   io::Printable(csv.field(col[2])),
                                   io::Printable(time_text)));
    }
    if (!new_agent) add(a.group, a.state, a.since, *t);
    if (keep_spans && !new_agent && a.state != kOut && *t > a.since) {
      out.spans.push_back({a.group, a.since, *t, a.state == kIdle});
    }
    a.state = *state;
    a.since = *t;
    if (out.rows == 1 || *t < out.first_ms) out.first_ms = *t;
    if (out.rows == 1 || *t > out.last_ms) out.last_ms = *t;
  }
  if (out.rows == 0) {
    return absl::InvalidArgumentError(
        fmt::format("{}: no agent rows after the header", path));
  }
  // Agents still logged in at the end of the log are counted up to it.
  for (auto& [key, a] : agents) add(a.group, a.state, a.since, out.last_ms);
  return out;
}

}  // namespace ccsim::fit
