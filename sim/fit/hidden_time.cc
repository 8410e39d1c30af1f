#include "sim/fit/hidden_time.h"

#include <algorithm>

namespace ccsim::fit {

WhileWaiting IdleWhileCallersWaited(
    const CallData& calls, const AgentData& agents, int agent_group,
    const std::vector<std::pair<int, int64_t>>& skills) {
  // When some caller the group serves was waiting: the union of the waits
  // in its queues, each from the group's overflow delay on.
  std::vector<std::pair<int64_t, int64_t>> waiting;
  for (const CallData::Wait& w : calls.waits) {
    for (const auto& [queue, after] : skills) {
      if (w.queue != queue) continue;
      if (w.from + after < w.to) waiting.emplace_back(w.from + after, w.to);
    }
  }
  std::sort(waiting.begin(), waiting.end());
  std::vector<std::pair<int64_t, int64_t>> merged;
  for (const auto& span : waiting) {
    if (!merged.empty() && span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  std::vector<AgentData::Span> spans;
  for (const AgentData::Span& s : agents.spans) {
    if (s.group == agent_group) spans.push_back(s);
  }
  std::sort(spans.begin(), spans.end(),
            [](const AgentData::Span& a, const AgentData::Span& b) {
              return a.from < b.from;
            });
  // Overlaps of the (overlapping) agent spans with the merged waits.
  WhileWaiting out;
  size_t first = 0;
  for (const AgentData::Span& s : spans) {
    while (first < merged.size() && merged[first].second <= s.from) ++first;
    for (size_t i = first; i < merged.size() && merged[i].first < s.to; ++i) {
      const int64_t a = std::max(s.from, merged[i].first);
      const int64_t b = std::min(s.to, merged[i].second);
      if (a >= b) continue;
      const double d = static_cast<double>(b - a) / 1000;
      out.logged_in_s += d;
      if (s.idle) out.idle_s += d;
    }
  }
  return out;
}

}  // namespace ccsim::fit
