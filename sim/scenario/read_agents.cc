// Reader of the `agents` entries of a scenario file: each agent group's
// name, skills (with priorities and delays), staffing (per interval, a
// constant or a dated table) or shifts, handle-time factors, fcr, break
// cap, AUX, adherence, cost and outbound follow-up calling. Invariants:
// groups are read after the call types (skills, handle-time factors and
// `outbound` refer to them by name, and an fcr below 1 needs the skills'
// return_delay); group names are unique; a group lists each skill once,
// and has no skill only when it is dedicated to outbound follow-ups.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {
namespace {

constexpr int64_t kMaxSkillPriority = 1'000;

const std::vector<std::string>& AgentGroupKeys() {
  static const auto* keys = new std::vector<std::string>{
      "name",    "skills",    "staffing", "shifts",    "handle_time_factor",
      "fcr",     "break_cap", "aux",      "adherence", "cost_per_hour",
      "outbound"};
  return *keys;
}

// Reads the agent groups into `s_` (whose call types are read already).
class AgentGroupReader {
 public:
  AgentGroupReader(Scenario& scenario,
                   const std::vector<std::string>& call_type_names)
      : s_(scenario), call_type_names_(call_type_names) {}

  absl::Status ReadAgentGroups(const YamlValue& v);

 private:
  absl::Status ReadAgentGroup(const YamlMap& m, AgentGroupSpec& spec);
  absl::StatusOr<std::vector<int>> ReadStaffing(const YamlValue& v) const;
  absl::StatusOr<std::vector<SkillSpec>> ReadSkills(const YamlValue& v) const;
  absl::StatusOr<std::vector<double>> ReadHandleTimeFactor(
      const YamlValue& v) const;

  Scenario& s_;
  const std::vector<std::string>& call_type_names_;
};

absl::Status AgentGroupReader::ReadAgentGroups(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("agent groups"));
  std::vector<std::string> seen_at;
  for (const YamlValue& entry : entries) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m, entry.AsMap(AgentGroupKeys(),
                               "an agent group map (name, skills, staffing)"));
    for (const char* key : {"name", "skills"}) {
      CCSIM_RETURN_IF_ERROR(m.Require(key).status());
    }
    CCSIM_RETURN_IF_ERROR(m.ExactlyOneOf({"staffing", "shifts"}).status());
    AgentGroupSpec spec;
    CCSIM_ASSIGN_OR_RETURN(YamlValue name, m.Require("name"));
    CCSIM_ASSIGN_OR_RETURN(spec.name, ReadIdentifier(name));
    CCSIM_RETURN_IF_ERROR(
        CheckUnique(name, spec.name, "agent group", s_.agent_groups, seen_at));
    CCSIM_RETURN_IF_ERROR(ReadAgentGroup(m, spec));
    s_.agent_groups.push_back(std::move(spec));
    seen_at.push_back(entry.path());
  }
  return absl::OkStatus();
}

absl::Status AgentGroupReader::ReadAgentGroup(const YamlMap& m,
                                              AgentGroupSpec& spec) {
  CCSIM_ASSIGN_OR_RETURN(YamlValue skills, m.Require("skills"));
  const std::optional<YamlValue> outbound = m.Find("outbound");
  if (outbound.has_value()) {
    CCSIM_ASSIGN_OR_RETURN(
        spec.outbound,
        ReadOutbound(*outbound, call_type_names_, s_.call_types));
  }
  // A group dedicated to outbound follow-ups has no skill.
  const bool dedicated =
      outbound.has_value() && skills.is_sequence() && skills.node().size() == 0;
  if (!dedicated) {
    CCSIM_ASSIGN_OR_RETURN(spec.skill_specs, ReadSkills(skills));
  }
  for (const SkillSpec& skill : spec.skill_specs) {
    spec.skills.push_back(skill.call_type);
  }
  if (std::optional<YamlValue> staffing = m.Find("staffing")) {
    std::optional<YamlValue> table;
    if (staffing->is_map()) {
      CCSIM_ASSIGN_OR_RETURN(
          YamlMap sm, staffing->AsMap({"constant", "table"},
                                      "{constant: N} or {table: FILE.csv}"));
      CCSIM_RETURN_IF_ERROR(sm.ExactlyOneOf({"constant", "table"}).status());
      table = sm.Find("table");
    }
    if (table.has_value()) {
      CCSIM_ASSIGN_OR_RETURN(
          spec.staffing_by_interval,
          scenario_internal::ReadDatedTable(
              *table, s_,
              {.value_column = "agents",
               .filter_column = "group",
               .filter_value = spec.name,
               .max_value = static_cast<double>(kMaxAgentsPerInterval)}));
      spec.staffing = scenario_internal::StaffingProfile(
          spec.staffing_by_interval, s_.intervals_per_day());
    } else {
      CCSIM_ASSIGN_OR_RETURN(spec.staffing, ReadStaffing(*staffing));
    }
  } else {
    CCSIM_ASSIGN_OR_RETURN(spec.shifts,
                           scenario_internal::ReadShifts(*m.Find("shifts")));
  }
  if (std::optional<YamlValue> f = m.Find("handle_time_factor")) {
    CCSIM_ASSIGN_OR_RETURN(spec.handle_factor, ReadHandleTimeFactor(*f));
  }
  if (std::optional<YamlValue> f = m.Find("fcr")) {
    CCSIM_ASSIGN_OR_RETURN(spec.fcr, ReadProbability(*f));
    if (*spec.fcr < 1) {
      // Unresolved callers call again after their type's return_delay.
      for (int t : spec.skills) {
        if (!s_.call_types[t].return_delay.has_value()) {
          return f->Error(fmt::format(
              "expected call type '{}' (a skill of this group) to have a "
              "return_delay, since an fcr below 1 makes unresolved callers "
              "call again; got fcr {} and no return_delay",
              s_.call_types[t].name, f->raw()));
        }
      }
    }
  }
  if (std::optional<YamlValue> b = m.Find("break_cap")) {
    CCSIM_ASSIGN_OR_RETURN(YamlMap cap,
                           b->AsMap({"agents", "share"},
                                    "a break cap map such as {agents: 3} or "
                                    "{share: 0.2}"));
    if (cap.empty()) {
      return b->Error(
          "expected at least one of the keys agents, share; got an empty map");
    }
    if (std::optional<YamlValue> a = cap.Find("agents")) {
      CCSIM_ASSIGN_OR_RETURN(int64_t n, a->Integer(0, kMaxAgentsPerInterval));
      spec.break_cap_agents = static_cast<int>(n);
    }
    if (std::optional<YamlValue> s = cap.Find("share")) {
      CCSIM_ASSIGN_OR_RETURN(double share, s->Number());
      if (!(share > 0 && share <= 1)) {
        return s->Error(
            fmt::format("expected a number in (0, 1], got {}", s->raw()));
      }
      spec.break_cap_share = share;
    }
  }
  if (std::optional<YamlValue> a = m.Find("aux")) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap aux, a->AsMap({"per_hour", "duration"},
                              "an AUX map such as {per_hour: 0.5, duration: "
                              "{exponential: {mean: 5m}}}"));
    for (const char* key : {"per_hour", "duration"}) {
      CCSIM_RETURN_IF_ERROR(aux.Require(key).status());
    }
    CCSIM_ASSIGN_OR_RETURN(spec.aux_per_hour,
                           aux.Find("per_hour")->NonNegativeNumber());
    CCSIM_ASSIGN_OR_RETURN(spec.aux_duration,
                           ReadDistribution(*aux.Find("duration")));
  }
  if (std::optional<YamlValue> c = m.Find("cost_per_hour")) {
    CCSIM_ASSIGN_OR_RETURN(spec.cost_per_hour, ReadPositiveNumber(*c));
  }
  if (std::optional<YamlValue> a = m.Find("adherence")) {
    if (spec.shifts.empty()) {
      return a->Error(
          "expected adherence only in a group with shifts (it delays log-ins "
          "after the shift start and brings log-outs forward), got it in a "
          "group with staffing");
    }
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap adherence,
        a->AsMap({"late_login", "early_logout"},
                 "an adherence map such as {late_login: {exponential: "
                 "{mean: 3m}}}"));
    if (std::optional<YamlValue> d = adherence.Find("late_login")) {
      CCSIM_ASSIGN_OR_RETURN(spec.late_login, ReadDistribution(*d));
    }
    if (std::optional<YamlValue> d = adherence.Find("early_logout")) {
      CCSIM_ASSIGN_OR_RETURN(spec.early_logout, ReadDistribution(*d));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SkillSpec>> AgentGroupReader::ReadSkills(
    const YamlValue& v) const {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("call type names"));
  std::vector<SkillSpec> skills;
  std::vector<std::string> listed_at;
  for (const YamlValue& e : entries) {
    SkillSpec skill;
    YamlValue name = e;
    if (e.is_map()) {
      CCSIM_ASSIGN_OR_RETURN(
          YamlMap m, e.AsMap({"skill", "priority", "after", "head_start"},
                             "a skill map such as {skill: general, priority: "
                             "2, after: 30s}"));
      CCSIM_ASSIGN_OR_RETURN(name, m.Require("skill"));
      if (std::optional<YamlValue> p = m.Find("priority")) {
        CCSIM_ASSIGN_OR_RETURN(int64_t priority,
                               p->Integer(1, kMaxSkillPriority));
        skill.priority = static_cast<int>(priority);
      }
      if (std::optional<YamlValue> a = m.Find("after")) {
        CCSIM_ASSIGN_OR_RETURN(skill.after, a->Duration());
      }
      if (std::optional<YamlValue> h = m.Find("head_start")) {
        CCSIM_ASSIGN_OR_RETURN(skill.head_start, h->Duration());
      }
    } else if (!e.is_scalar()) {
      return e.Expected(
          "a call type name or a skill map such as {skill: general, "
          "priority: 2}");
    }
    CCSIM_ASSIGN_OR_RETURN(std::string text, name.Text());
    int index = -1;
    for (size_t i = 0; i < call_type_names_.size(); ++i) {
      if (call_type_names_[i] == text) index = static_cast<int>(i);
    }
    if (index < 0) {
      return name.Error(fmt::format(
          "unknown call type '{}'; expected one of: {}{}", Printable(text),
          JoinNames(call_type_names_), DidYouMean(text, call_type_names_)));
    }
    for (size_t i = 0; i < skills.size(); ++i) {
      if (skills[i].call_type == index) {
        return name.Error(
            fmt::format("duplicate skill '{}' (already listed at {})",
                        Printable(text), listed_at[i]));
      }
    }
    skill.call_type = index;
    skills.push_back(skill);
    listed_at.push_back(e.path());
  }
  return skills;
}

absl::StatusOr<std::vector<double>> AgentGroupReader::ReadHandleTimeFactor(
    const YamlValue& v) const {
  const size_t n = s_.call_types.size();
  if (v.is_scalar()) {
    CCSIM_ASSIGN_OR_RETURN(double factor, ReadPositiveNumber(v));
    return std::vector<double>(n, factor);
  }
  if (!v.is_map()) {
    return v.Expected(
        "a number greater than 0, or a map of call type names to such "
        "numbers");
  }
  CCSIM_ASSIGN_OR_RETURN(YamlMap m, v.AsMap(call_type_names_));
  std::vector<double> factors(n, 1.0);
  for (const YamlMap::Entry& e : m.entries()) {
    const size_t t = static_cast<size_t>(
        std::find(call_type_names_.begin(), call_type_names_.end(), e.key) -
        call_type_names_.begin());
    CCSIM_ASSIGN_OR_RETURN(factors[t], ReadPositiveNumber(e.value));
  }
  return factors;
}

absl::StatusOr<std::vector<int>> AgentGroupReader::ReadStaffing(
    const YamlValue& v) const {
  const size_t n = static_cast<size_t>(s_.intervals_per_day());
  if (v.is_map()) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m,
        v.AsMap({"constant", "table"}, "{constant: N} or {table: FILE.csv}"));
    CCSIM_ASSIGN_OR_RETURN(YamlValue constant, m.Require("constant"));
    CCSIM_ASSIGN_OR_RETURN(int64_t agents,
                           constant.Integer(0, kMaxAgentsPerInterval));
    return std::vector<int>(n, static_cast<int>(agents));
  }
  if (!v.is_sequence()) {
    return v.Expected(
        fmt::format("{{constant: N}} or a sequence of {} whole numbers ({})", n,
                    OnePerInterval(s_)));
  }
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         IntervalSequence(v, s_, "whole numbers"));
  std::vector<int> out;
  out.reserve(n);
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(int64_t agents, e.Integer(0, kMaxAgentsPerInterval));
    out.push_back(static_cast<int>(agents));
  }
  return out;
}

}  // namespace

absl::Status ReadAgentGroups(const YamlValue& v, Scenario& s,
                             const std::vector<std::string>& call_type_names) {
  return AgentGroupReader(s, call_type_names).ReadAgentGroups(v);
}

}  // namespace ccsim::scenario_internal
