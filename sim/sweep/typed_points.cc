#include "sim/sweep/typed_points.h"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <utility>

#include "ccsim/status_macros.h"

namespace ccsim::sweep_internal {

namespace {

// "agents[12]" at the start of `key` followed by "." or the end: 12.
std::optional<int> EntryOf(std::string_view key, std::string_view list,
                           std::string_view* rest) {
  if (key.substr(0, list.size()) != list) return std::nullopt;
  key.remove_prefix(list.size());
  if (key.empty() || key.front() != '[') return std::nullopt;
  const size_t close = key.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  int index = 0;
  const char* begin = key.data() + 1;
  const char* end = key.data() + close;
  auto [ptr, ec] = std::from_chars(begin, end, index);
  if (ec != std::errc() || ptr != end || index < 0) return std::nullopt;
  key.remove_prefix(close + 1);
  if (!key.empty() && key.front() != '.') return std::nullopt;
  *rest = key;
  return index;
}

}  // namespace

std::optional<ScenarioPart> PartOfKey(const std::string& key) {
  std::string_view rest;
  for (auto [list, kind] :
       {std::pair{std::string_view("call_types"), ScenarioPart::kCallType},
        std::pair{std::string_view("agents"), ScenarioPart::kAgentGroup}}) {
    if (std::optional<int> i = EntryOf(key, list, &rest)) {
      // A new name may change what refers to it.
      if (rest == ".name" || rest.empty()) return std::nullopt;
      return ScenarioPart{.kind = kind, .index = *i};
    }
  }
  auto top = [&](std::string_view name) {
    return key == name ||
           (key.size() > name.size() &&
            key.compare(0, name.size(), name) == 0 &&
            (key[name.size()] == '.' || key[name.size()] == '['));
  };
  if (top("trunk_lines"))
    return ScenarioPart{.kind = ScenarioPart::kTrunkLines};
  if (top("service_level")) {
    return ScenarioPart{.kind = ScenarioPart::kServiceLevel};
  }
  // Announcements refer to incidents: one part.
  if (top("ivr") || top("incidents")) {
    return ScenarioPart{.kind = ScenarioPart::kIvr};
  }
  if (top("staffing_goal")) return ScenarioPart{.kind = ScenarioPart::kGoals};
  return std::nullopt;
}

TypedPoints::PartValue TypedPoints::Take(const Scenario& s,
                                         const ScenarioPart& part) {
  PartValue v;
  v.part = part;
  switch (part.kind) {
    case ScenarioPart::kCallType:
      v.call_type = s.call_types[part.index];
      break;
    case ScenarioPart::kAgentGroup:
      v.agent_group = s.agent_groups[part.index];
      break;
    case ScenarioPart::kTrunkLines:
      v.trunk_lines = s.trunk_lines;
      break;
    case ScenarioPart::kServiceLevel:
      v.service_level = s.service_level;
      break;
    case ScenarioPart::kIvr:
      v.ivr = s.ivr;
      v.incidents = s.incidents;
      break;
    case ScenarioPart::kGoals:
      v.goals = s.staffing_goals;
      break;
  }
  return v;
}

void TypedPoints::Put(const PartValue& v, Scenario& s) {
  switch (v.part.kind) {
    case ScenarioPart::kCallType:
      s.call_types[v.part.index] = *v.call_type;
      break;
    case ScenarioPart::kAgentGroup:
      s.agent_groups[v.part.index] = *v.agent_group;
      break;
    case ScenarioPart::kTrunkLines:
      s.trunk_lines = v.trunk_lines;
      break;
    case ScenarioPart::kServiceLevel:
      s.service_level = v.service_level;
      break;
    case ScenarioPart::kIvr:
      s.ivr = v.ivr;
      s.incidents = v.incidents;
      break;
    case ScenarioPart::kGoals:
      s.staffing_goals = v.goals;
      break;
  }
}

absl::StatusOr<std::optional<TypedPoints>> TypedPoints::Prepare(
    const std::vector<std::vector<std::string>>& keys,
    const std::vector<std::vector<int64_t>>& donors,
    const std::function<std::vector<int>(int64_t)>& value_indices,
    const std::vector<int64_t>& verify, const ReadPoint& read) {
  // Each parameter's parts, none shared with another parameter.
  std::vector<std::vector<ScenarioPart>> parts(keys.size());
  std::vector<ScenarioPart> all;
  for (size_t p = 0; p < keys.size(); ++p) {
    for (const std::string& key : keys[p]) {
      const std::optional<ScenarioPart> part = PartOfKey(key);
      if (!part) return std::nullopt;
      if (std::find(parts[p].begin(), parts[p].end(), *part) ==
          parts[p].end()) {
        if (std::find(all.begin(), all.end(), *part) != all.end()) {
          return std::nullopt;
        }
        parts[p].push_back(*part);
      }
    }
    all.insert(all.end(), parts[p].begin(), parts[p].end());
  }
  TypedPoints typed;
  CCSIM_ASSIGN_OR_RETURN(typed.frame_, read(0));
  auto in_range = [](const Scenario& s, const ScenarioPart& part) {
    if (part.kind == ScenarioPart::kCallType) {
      return part.index < static_cast<int>(s.call_types.size());
    }
    if (part.kind == ScenarioPart::kAgentGroup) {
      return part.index < static_cast<int>(s.agent_groups.size());
    }
    return true;
  };
  typed.parts_.resize(keys.size());
  for (size_t p = 0; p < keys.size(); ++p) {
    for (int64_t point : donors[p]) {
      CCSIM_ASSIGN_OR_RETURN(Scenario donor, read(point));
      std::vector<PartValue> values;
      for (const ScenarioPart& part : parts[p]) {
        if (!in_range(donor, part) || !in_range(typed.frame_, part)) {
          return std::nullopt;  // the value changes the lists' lengths
        }
        values.push_back(Take(donor, part));
      }
      typed.parts_[p].push_back(std::move(values));
    }
  }
  for (int64_t point : verify) {
    CCSIM_ASSIGN_OR_RETURN(Scenario expected, read(point));
    if (!(typed.Build(value_indices(point)) == expected)) return std::nullopt;
  }
  return typed;
}

Scenario TypedPoints::Build(const std::vector<int>& values) const {
  Scenario s = frame_;
  for (size_t p = 0; p < parts_.size(); ++p) {
    for (const PartValue& v : parts_[p][static_cast<size_t>(values[p])]) {
      Put(v, s);
    }
  }
  return s;
}

}  // namespace ccsim::sweep_internal
