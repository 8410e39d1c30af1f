// Readers for incidents and the IVR (greeting, announcements, menu tree).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {
namespace {

// An error at `name` if an earlier entry (of `names`, read at `paths`) has
// the same name.
absl::Status CheckUniqueName(const YamlValue& name, const std::string& value,
                             std::string_view what,
                             const std::vector<std::string>& names,
                             const std::vector<std::string>& paths) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == value) {
      return name.Error(
          fmt::format("duplicate {} name '{}' (already used by {})", what,
                      value, paths[i]));
    }
  }
  return absl::OkStatus();
}

// Reads the menu tree into IvrSpec::nodes, depth first (a menu's index is
// taken before its options are read, so the top menu is node 0).
class MenuReader {
 public:
  MenuReader(const Scenario& s, const std::vector<std::string>& call_types,
             IvrSpec& ivr, std::vector<double> hang_up_by_depth,
             double zero_out, double misroute)
      : s_(s),
        call_types_(call_types),
        ivr_(ivr),
        hang_up_by_depth_(std::move(hang_up_by_depth)),
        zero_out_(zero_out),
        misroute_(misroute) {}

  // Reads the menu `v` at `depth` named `name`; returns its node index.
  absl::StatusOr<int> ReadMenu(const YamlValue& v, const std::string& name,
                               int depth);

 private:
  // Takes the index of a new node, or errs at `v` when there are too many.
  absl::StatusOr<int> NewNode(const YamlValue& v);
  // `names` and `paths`: the options of the same menu before this one.
  absl::StatusOr<IvrOption> ReadOption(const YamlValue& v,
                                       const std::string& menu_name, int depth,
                                       const std::vector<std::string>& names,
                                       const std::vector<std::string>& paths);
  absl::StatusOr<int> ReadSelfService(const YamlValue& v,
                                      const std::string& name, int depth);

  // A menu's `hang_up`: a probability, a per-interval list of them, or a
  // dated table (into node.hang_up_by_interval).
  absl::Status ReadHangUp(const YamlValue& v, IvrNode& node) const;

  const Scenario& s_;
  const std::vector<std::string>& call_types_;
  IvrSpec& ivr_;
  std::vector<double> hang_up_by_depth_;
  double zero_out_;
  double misroute_;
};

absl::Status MenuReader::ReadHangUp(const YamlValue& v, IvrNode& node) const {
  if (v.is_scalar()) {
    CCSIM_ASSIGN_OR_RETURN(node.hang_up, ReadProbability(v));
    return absl::OkStatus();
  }
  const size_t ipd = static_cast<size_t>(s_.intervals_per_day());
  const size_t total = static_cast<size_t>(s_.total_intervals());
  if (v.is_sequence()) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           v.Sequence("probabilities"));
    if (entries.size() != ipd) {
      return v.Error(fmt::format(
          "expected one hang-up share per {} interval of the day ({}), got {}",
          FormatDuration(s_.interval), ipd, entries.size()));
    }
    std::vector<double> day;
    for (const YamlValue& e : entries) {
      CCSIM_ASSIGN_OR_RETURN(double p, ReadProbability(e));
      day.push_back(p);
    }
    node.hang_up_by_interval.resize(total);
    for (size_t k = 0; k < total; ++k)
      node.hang_up_by_interval[k] = day[k % ipd];
  } else {
    CCSIM_ASSIGN_OR_RETURN(YamlMap m,
                           v.AsMap({"table"},
                                   "a probability, a list of one per "
                                   "interval of the day, or {table: "
                                   "FILE.csv}"));
    CCSIM_ASSIGN_OR_RETURN(YamlValue file, m.Require("table"));
    CCSIM_ASSIGN_OR_RETURN(node.hang_up_by_interval,
                           ReadDatedTable(file, s_,
                                          {.value_column = "hang_up",
                                           .filter_column = "menu",
                                           .filter_value = node.name,
                                           .max_value = 1}));
  }
  node.hang_up = *std::max_element(node.hang_up_by_interval.begin(),
                                   node.hang_up_by_interval.end());
  return absl::OkStatus();
}

absl::StatusOr<int> MenuReader::NewNode(const YamlValue& v) {
  if (ivr_.nodes.size() >= static_cast<size_t>(kMaxIvrNodes)) {
    return v.Error(fmt::format(
        "expected at most {} IVR nodes (menus and self-service steps) in all, "
        "got more",
        kMaxIvrNodes));
  }
  ivr_.nodes.emplace_back();
  return static_cast<int>(ivr_.nodes.size() - 1);
}

absl::StatusOr<int> MenuReader::ReadMenu(const YamlValue& v,
                                         const std::string& name, int depth) {
  if (depth > kMaxIvrDepth) {
    return v.Error(fmt::format(
        "expected IVR menus nested at most {} deep, got a menu at depth {}",
        kMaxIvrDepth, depth));
  }
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap({"prompt", "hang_up", "zero_out", "misroute", "options"},
              "a menu map such as {prompt: 20s, options: [...]}"));
  for (const char* key : {"prompt", "options"}) {
    CCSIM_RETURN_IF_ERROR(m.Require(key).status());
  }
  CCSIM_ASSIGN_OR_RETURN(const int index, NewNode(v));
  IvrNode node;
  node.name = name;
  node.kind = IvrNode::kMenu;
  node.depth = depth;
  CCSIM_ASSIGN_OR_RETURN(node.prompt, m.Find("prompt")->Duration());
  if (!hang_up_by_depth_.empty()) {
    node.hang_up = hang_up_by_depth_[std::min<size_t>(
        static_cast<size_t>(depth - 1), hang_up_by_depth_.size() - 1)];
  }
  node.zero_out = zero_out_;
  node.misroute = misroute_;
  if (std::optional<YamlValue> p = m.Find("hang_up")) {
    CCSIM_RETURN_IF_ERROR(ReadHangUp(*p, node));
  }
  if (std::optional<YamlValue> p = m.Find("zero_out")) {
    CCSIM_ASSIGN_OR_RETURN(node.zero_out, ReadProbability(*p));
  }
  if (std::optional<YamlValue> p = m.Find("misroute")) {
    CCSIM_ASSIGN_OR_RETURN(node.misroute, ReadProbability(*p));
  }
  if (node.hang_up + node.zero_out > 1) {
    return v.Error(fmt::format(
        "expected hang_up + zero_out of at most 1 (they are exclusive "
        "outcomes of the menu), got {} + {}",
        node.hang_up, node.zero_out));
  }
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> options,
                         m.Find("options")->NonEmptySequence("options"));
  std::vector<std::string> names, seen_at;
  for (const YamlValue& o : options) {
    CCSIM_ASSIGN_OR_RETURN(IvrOption option,
                           ReadOption(o, name, depth, names, seen_at));
    names.push_back(option.name);
    seen_at.push_back(o.path());
    node.options.push_back(std::move(option));
  }
  ivr_.nodes[index] = std::move(node);
  return index;
}

absl::StatusOr<IvrOption> MenuReader::ReadOption(
    const YamlValue& v, const std::string& menu_name, int depth,
    const std::vector<std::string>& names,
    const std::vector<std::string>& paths) {
  static const auto* kTargets = new std::vector<std::string>{
      "queue", "menu", "self_service", "transfer_out"};
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap({"name", "choose", "for", "queue", "menu", "self_service",
               "transfer_out"},
              "an option map such as {name: billing, for: [billing], queue: "
              "billing}"));
  CCSIM_RETURN_IF_ERROR(m.Require("name").status());
  IvrOption option;
  const YamlValue name = *m.Find("name");
  CCSIM_ASSIGN_OR_RETURN(option.name, ReadIdentifier(name));
  CCSIM_RETURN_IF_ERROR(
      CheckUniqueName(name, option.name, "option", names, paths));
  option.weight.assign(call_types_.size(), 0.0);
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* weights,
                         m.AtMostOneOf({"choose", "for"}));
  if (weights != nullptr && weights->key == "choose") {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap choose,
        weights->value.AsMap(call_types_,
                             "a map of call type names to weights such as "
                             "{billing: 0.9, payment: 0.3}"));
    for (const YamlMap::Entry& e : choose.entries()) {
      const size_t t = static_cast<size_t>(
          std::find(call_types_.begin(), call_types_.end(), e.key) -
          call_types_.begin());
      CCSIM_ASSIGN_OR_RETURN(option.weight[t], e.value.NonNegativeNumber());
    }
  } else if (weights != nullptr) {
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<int> types,
        ReadReferences(weights->value, call_types_, "call type"));
    for (int t : types) option.weight[t] = 1.0;
  }
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* target,
                         m.ExactlyOneOf(*kTargets));
  const std::string path = fmt::format("{}/{}", menu_name, option.name);
  if (target->key == "queue") {
    CCSIM_ASSIGN_OR_RETURN(
        int queue, ReadReference(target->value, call_types_, "call type"));
    option.target = IvrTarget{IvrTarget::kQueue, queue};
  } else if (target->key == "menu") {
    CCSIM_ASSIGN_OR_RETURN(int node, ReadMenu(target->value, path, depth + 1));
    option.target = IvrTarget{IvrTarget::kMenu, node};
  } else if (target->key == "self_service") {
    CCSIM_ASSIGN_OR_RETURN(int node,
                           ReadSelfService(target->value, path, depth + 1));
    option.target = IvrTarget{IvrTarget::kSelfService, node};
  } else {
    CCSIM_ASSIGN_OR_RETURN(bool out, target->value.Boolean());
    if (!out) {
      return target->value.Error(
          "expected true (the option sends the caller out of the centre); "
          "leave the key out otherwise, got false");
    }
    option.target = IvrTarget{IvrTarget::kTransferOut, -1};
  }
  return option;
}

absl::StatusOr<int> MenuReader::ReadSelfService(const YamlValue& v,
                                                const std::string& name,
                                                int depth) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"duration", "resolve", "to_agent", "queue"},
                         "a self-service map such as {duration: {exponential: "
                         "{mean: 90s}}, resolve: 0.4, to_agent: 0.7}"));
  for (const char* key : {"duration", "resolve", "to_agent"}) {
    CCSIM_RETURN_IF_ERROR(m.Require(key).status());
  }
  CCSIM_ASSIGN_OR_RETURN(const int index, NewNode(v));
  IvrNode node;
  node.name = name;
  node.kind = IvrNode::kSelfService;
  node.depth = depth;
  CCSIM_ASSIGN_OR_RETURN(node.duration, ReadDistribution(*m.Find("duration")));
  CCSIM_ASSIGN_OR_RETURN(node.resolve, ReadProbability(*m.Find("resolve")));
  CCSIM_ASSIGN_OR_RETURN(node.to_agent, ReadProbability(*m.Find("to_agent")));
  node.queue = IvrTarget{IvrTarget::kQueue, -1};  // the caller's own type
  if (std::optional<YamlValue> q = m.Find("queue")) {
    CCSIM_ASSIGN_OR_RETURN(node.queue.index,
                           ReadReference(*q, call_types_, "call type"));
  }
  ivr_.nodes[index] = std::move(node);
  return index;
}

absl::StatusOr<AnnouncementSpec> ReadAnnouncement(
    const YamlMap& m, const std::vector<std::string>& call_types,
    const std::vector<std::string>& incidents) {
  AnnouncementSpec a;
  CCSIM_ASSIGN_OR_RETURN(a.name, ReadIdentifier(*m.Find("name")));
  CCSIM_ASSIGN_OR_RETURN(a.duration, m.Find("duration")->Duration());
  CCSIM_ASSIGN_OR_RETURN(a.call_types, ReadReferences(*m.Find("call_types"),
                                                      call_types, "call type"));
  CCSIM_ASSIGN_OR_RETURN(a.informed, ReadProbability(*m.Find("informed")));
  if (std::optional<YamlValue> i = m.Find("incident")) {
    CCSIM_ASSIGN_OR_RETURN(a.incident,
                           ReadReference(*i, incidents, "incident"));
  }
  return a;
}

}  // namespace

absl::StatusOr<std::vector<IncidentSpec>> ReadIncidents(
    const YamlValue& v, const std::vector<std::string>& call_types, Time warmup,
    Time horizon) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.Sequence("incidents"));
  // Day 1 is the day the warm-up ends in; simulated day index
  // warmup_days + day - 1.
  const int64_t warmup_days = warmup / Time::Days(1);
  const Time end = warmup + horizon;
  const int64_t first_day = 1 - warmup_days;
  const int64_t last_day =
      (end - Time::Micros(1)) / Time::Days(1) - warmup_days + 1;
  std::vector<IncidentSpec> out;
  std::vector<std::string> names, seen_at;
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m, e.AsMap({"name", "call_type", "day", "at", "duration",
                            "extra_calls", "half_life"},
                           "an incident map (name, call_type, day, at, "
                           "duration, extra_calls, half_life)"));
    for (const char* key :
         {"name", "call_type", "day", "at", "duration", "extra_calls"}) {
      CCSIM_RETURN_IF_ERROR(m.Require(key).status());
    }
    IncidentSpec incident;
    const YamlValue name = *m.Find("name");
    CCSIM_ASSIGN_OR_RETURN(incident.name, ReadIdentifier(name));
    CCSIM_RETURN_IF_ERROR(
        CheckUniqueName(name, incident.name, "incident", names, seen_at));
    CCSIM_ASSIGN_OR_RETURN(
        incident.call_type,
        ReadReference(*m.Find("call_type"), call_types, "call type"));
    const YamlValue day_value = *m.Find("day");
    CCSIM_ASSIGN_OR_RETURN(int64_t day,
                           day_value.Integer(-1'000'000'000, 1'000'000'000));
    if (day < first_day || day > last_day) {
      return day_value.Error(fmt::format(
          "expected a day from {} to {} (day 1 is the day the warm-up ends "
          "in; earlier days are warm-up days), got {}",
          first_day, last_day, day_value.raw()));
    }
    const YamlValue at = *m.Find("at");
    CCSIM_ASSIGN_OR_RETURN(Time clock, ReadTimeOfDay(at, false));
    incident.start = Time::Days(1) * (warmup_days + day - 1) + clock;
    if (incident.start >= end) {
      return at.Error(fmt::format(
          "expected a start before the end of the simulated time (day {} "
          "{}), got {}",
          last_day, FormatClock(end), at.raw()));
    }
    CCSIM_ASSIGN_OR_RETURN(incident.duration,
                           ReadPositiveDuration(*m.Find("duration")));
    CCSIM_ASSIGN_OR_RETURN(incident.extra_calls,
                           m.Find("extra_calls")->NonNegativeNumber());
    if (std::optional<YamlValue> h = m.Find("half_life")) {
      CCSIM_ASSIGN_OR_RETURN(incident.half_life, ReadPositiveDuration(*h));
    }
    names.push_back(incident.name);
    seen_at.push_back(e.path());
    out.push_back(std::move(incident));
  }
  return out;
}

absl::StatusOr<IvrSpec> ReadIvr(const YamlValue& v, const Scenario& s,
                                const std::vector<std::string>& call_types,
                                const std::vector<std::string>& incidents) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"greeting", "zero_out_queue", "misroute_handle_time",
                          "hang_up_by_depth", "zero_out", "misroute",
                          "announcements", "menu"},
                         "an IVR map (greeting, announcements, menu, ...)"));
  IvrSpec ivr;
  if (std::optional<YamlValue> g = m.Find("greeting")) {
    CCSIM_ASSIGN_OR_RETURN(ivr.greeting, g->Duration());
  }
  if (std::optional<YamlValue> q = m.Find("zero_out_queue")) {
    CCSIM_ASSIGN_OR_RETURN(ivr.zero_out_queue,
                           ReadReference(*q, call_types, "call type"));
  }
  if (std::optional<YamlValue> d = m.Find("misroute_handle_time")) {
    CCSIM_ASSIGN_OR_RETURN(ivr.misroute_handle_time, ReadDistribution(*d));
  }
  std::vector<double> hang_up_by_depth;
  if (std::optional<YamlValue> h = m.Find("hang_up_by_depth")) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           h->NonEmptySequence("probabilities"));
    for (const YamlValue& e : entries) {
      CCSIM_ASSIGN_OR_RETURN(double p, ReadProbability(e));
      hang_up_by_depth.push_back(p);
    }
  }
  double zero_out = 0, misroute = 0;
  if (std::optional<YamlValue> p = m.Find("zero_out")) {
    CCSIM_ASSIGN_OR_RETURN(zero_out, ReadProbability(*p));
  }
  if (std::optional<YamlValue> p = m.Find("misroute")) {
    CCSIM_ASSIGN_OR_RETURN(misroute, ReadProbability(*p));
  }

  if (std::optional<YamlValue> a = m.Find("announcements")) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           a->Sequence("announcements"));
    std::vector<std::string> names, seen_at;
    for (const YamlValue& e : entries) {
      CCSIM_ASSIGN_OR_RETURN(
          YamlMap am,
          e.AsMap({"name", "duration", "call_types", "informed", "incident",
                   "enabled"},
                  "an announcement map (name, duration, call_types, "
                  "informed, incident, enabled)"));
      for (const char* key : {"name", "duration", "call_types", "informed"}) {
        CCSIM_RETURN_IF_ERROR(am.Require(key).status());
      }
      const YamlValue name = *am.Find("name");
      CCSIM_ASSIGN_OR_RETURN(std::string text, ReadIdentifier(name));
      CCSIM_RETURN_IF_ERROR(
          CheckUniqueName(name, text, "announcement", names, seen_at));
      CCSIM_ASSIGN_OR_RETURN(AnnouncementSpec announcement,
                             ReadAnnouncement(am, call_types, incidents));
      names.push_back(announcement.name);
      seen_at.push_back(e.path());
      bool enabled = true;
      if (std::optional<YamlValue> on = am.Find("enabled")) {
        CCSIM_ASSIGN_OR_RETURN(enabled, on->Boolean());
      }
      if (enabled) ivr.announcements.push_back(std::move(announcement));
    }
  }

  if (std::optional<YamlValue> menu = m.Find("menu")) {
    MenuReader reader(s, call_types, ivr, hang_up_by_depth, zero_out, misroute);
    CCSIM_ASSIGN_OR_RETURN(ivr.root, reader.ReadMenu(*menu, "main", 1));
  }

  // Keys that the menus make necessary.
  const IvrNode* zeroing = nullptr;
  const IvrNode* misrouting = nullptr;
  for (const IvrNode& node : ivr.nodes) {
    if (node.kind != IvrNode::kMenu) continue;
    if (zeroing == nullptr && node.zero_out > 0) zeroing = &node;
    if (misrouting == nullptr && node.misroute > 0) misrouting = &node;
  }
  if (zeroing != nullptr && ivr.zero_out_queue < 0) {
    return v.Error(fmt::format(
        "missing required key 'zero_out_queue' (the queue of callers who "
        "press 0; menu '{}' has zero_out {})",
        zeroing->name, zeroing->zero_out));
  }
  if (!ivr.misroute_handle_time.has_value() &&
      (zeroing != nullptr || misrouting != nullptr)) {
    const IvrNode* n = misrouting != nullptr ? misrouting : zeroing;
    return v.Error(fmt::format(
        "missing required key 'misroute_handle_time' (the time an agent "
        "spends on a call it cannot serve; menu '{}' has {} {})",
        n->name, misrouting != nullptr ? "misroute" : "zero_out",
        misrouting != nullptr ? n->misroute : n->zero_out));
  }
  return ivr;
}

}  // namespace ccsim::scenario_internal
