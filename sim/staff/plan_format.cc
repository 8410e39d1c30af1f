// Staffing plans as text: table, JSON, CSV, and a runnable scenario
// variant.
#include <cmath>
#include <filesystem>
#include <string>

#include "ccsim/staffing.h"
#include "fmt/format.h"

namespace ccsim {

namespace {

// The worst value over days of a per-interval goal in one slot of the plan.
Estimate WorstInSlot(const StaffingPlan& plan, const Scenario& s, int goal,
                     int slot, bool* met) {
  Estimate worst;
  bool any = false;
  *met = true;
  const StaffingGoal& g = plan.goals[goal];
  for (const GoalCheck& c : plan.checks) {
    if (c.goal != goal || c.interval < 0) continue;
    if (plan.SlotOf(s, c.interval) != slot) continue;
    if (!c.met) *met = false;
    if (c.value.n == 0 || std::isnan(c.value.mean)) continue;
    const bool worse = g.op == GoalOp::kAtLeast ? c.value.mean < worst.mean
                                                : c.value.mean > worst.mean;
    if (!any || worse) worst = c.value;
    any = true;
  }
  if (!any)
    worst = Estimate{.mean = std::nan(""), .ci95 = std::nan(""), .n = 0};
  return worst;
}

std::string Num(double v) {
  if (std::isnan(v)) return "null";
  return fmt::format("{}", v);
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string IntList(const std::vector<int>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    out += (i > 0 ? ", " : "") + std::to_string(v[i]);
  }
  return out + "]";
}

double Percent(double over, double base) {
  return base > 0 ? 100.0 * (over - base) / base : 0.0;
}

std::string ScheduleTable(const ShiftSchedule& sc) {
  std::string out = fmt::format(
      "\nshift schedule (cost per week: paid hours x cost per hour)\n"
      "today {:.6g}; plain cover of the requirement {:.6g} (LP bound "
      "{:.6g}, optimality gap {:.3g}%); after simulation and {} repairs "
      "{:.6g}: {:+.1f}% over the plain cover, {:+.1f}% over the LP bound\n",
      sc.today_cost, sc.cover_cost, sc.lp_bound, 100 * sc.gap,
      sc.iterations - 1, sc.cost, Percent(sc.cost, sc.cover_cost),
      Percent(sc.cost, sc.lp_bound));
  out += sc.all_met ? "every goal met by the schedule as simulated\n"
                    : "NOT every goal met by the schedule as simulated\n";
  for (const std::string& u : sc.unmet) out += "unmet: " + u + "\n";
  for (const GroupSchedule& g : sc.groups) {
    size_t w = 5;
    for (const ShiftRowPlan& r : g.rows) w = std::max(w, r.label.size());
    out +=
        fmt::format("{}:\n  {:<{}}  today  cover   plan\n", g.name, "shift", w);
    for (const ShiftRowPlan& r : g.rows) {
      if (r.today == 0 && r.cover == 0 && r.plan == 0) continue;
      out += fmt::format("  {:<{}}  {:>5}  {:>5}  {:>5}\n", r.label, w, r.today,
                         r.cover, r.plan);
    }
  }
  return out;
}

std::string Table(const StaffingPlan& plan, const Scenario& s) {
  std::string out;
  for (const StaffingGoal& g : plan.goals) {
    out += fmt::format("goal: {}\n", DescribeGoal(g));
  }
  out += fmt::format(
      "{} after {} simulations of {} replications; cost {:.6g} a day "
      "(agent hours x cost per hour)\n",
      plan.all_met ? "every goal met" : "NOT every goal met", plan.evaluations,
      plan.result.replications, plan.cost);
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) {
      out += fmt::format("{}: works shifts; kept as it is\n", g.name);
      continue;
    }
    out += fmt::format("{}: {:.6g} agent hours a day (today {:.6g}{})\n",
                       g.name, g.agent_hours, g.current_hours,
                       g.from_shifts ? " on shift, breaks included; the "
                                       "plan counts agents available for calls"
                                     : "");
  }
  for (const std::string& u : plan.unmet) out += "unmet: " + u + "\n";
  out += "\n";
  std::vector<std::string> head = {plan.dated ? "date and time" : "interval"};
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    head.push_back(g.name + " plan");
    head.push_back("erlang");
    head.push_back("today");
  }
  for (size_t k = 0; k < plan.goals.size(); ++k) {
    if (plan.goals[k].period != GoalPeriod::kInterval) continue;
    head.push_back(std::string(MetricName(plan.goals[k].metric)) +
                   " (worst day)");
  }
  std::vector<std::vector<std::string>> rows;
  for (size_t slot = 0; slot < plan.slot_labels.size(); ++slot) {
    std::vector<std::string> row = {plan.slot_labels[slot]};
    for (const GroupPlan& g : plan.groups) {
      if (!g.searched) continue;
      row.push_back(std::to_string(g.agents[slot]));
      row.push_back(std::to_string(g.erlang[slot]));
      row.push_back(std::to_string(g.current[slot]));
    }
    for (size_t k = 0; k < plan.goals.size(); ++k) {
      if (plan.goals[k].period != GoalPeriod::kInterval) continue;
      bool met = true;
      const Estimate e = WorstInSlot(plan, s, static_cast<int>(k),
                                     static_cast<int>(slot), &met);
      row.push_back(std::isnan(e.mean)
                        ? "-"
                        : fmt::format("{:.4f}{}", e.mean, met ? "" : " !"));
    }
    rows.push_back(std::move(row));
  }
  std::vector<size_t> width(head.size());
  for (size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c == 0) {
        l += fmt::format("{:<{}}", cells[c], width[c]);
      } else {
        l += fmt::format("  {:>{}}", cells[c], width[c]);
      }
    }
    return l + "\n";
  };
  out += line(head);
  for (const auto& r : rows) out += line(r);
  out += plan.dated ? "(! marks an interval whose goal fails)\n"
                    : "(! marks an interval of the day whose goal fails on "
                      "some day)\n";
  if (plan.schedule.has_value()) out += ScheduleTable(*plan.schedule);
  return out;
}

std::string Json(const StaffingPlan& plan, const Scenario& s) {
  std::string out = "{";
  out += fmt::format("\"scenario\": {}, \"seed\": {}, \"replications\": {}, ",
                     JsonString(s.name), plan.result.seed,
                     plan.result.replications);
  out += fmt::format("\"all_met\": {}, \"evaluations\": {}, \"cost\": {},\n",
                     plan.all_met ? "true" : "false", plan.evaluations,
                     Num(plan.cost));
  out += "\"goals\": [";
  for (size_t k = 0; k < plan.goals.size(); ++k) {
    const StaffingGoal& g = plan.goals[k];
    out += fmt::format(
        "{}{{\"metric\": \"{}\", \"op\": \"{}\", \"value\": {}, "
        "\"period\": \"{}\"}}",
        k > 0 ? ", " : "", MetricName(g.metric),
        g.op == GoalOp::kAtLeast ? ">=" : "<=", Num(g.value),
        g.period == GoalPeriod::kInterval ? "interval"
        : g.period == GoalPeriod::kDay    ? "day"
                                          : "horizon");
  }
  out += fmt::format("],\n\"dated\": {},\n\"intervals\": [",
                     plan.dated ? "true" : "false");
  for (size_t slot = 0; slot < plan.slot_labels.size(); ++slot) {
    out +=
        fmt::format("{}\"{}\"", slot > 0 ? ", " : "", plan.slot_labels[slot]);
  }
  out += "],\n\"groups\": [";
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const GroupPlan& gp = plan.groups[g];
    out += fmt::format(
        "{}\n  {{\"name\": {}, \"searched\": {}, \"from_shifts\": {}, "
        "\"cost_per_hour\": {}",
        g > 0 ? "," : "", JsonString(gp.name), gp.searched ? "true" : "false",
        gp.from_shifts ? "true" : "false", Num(gp.cost_per_hour));
    if (gp.searched) {
      out += fmt::format(
          ", \"agent_hours\": {}, \"current_hours\": {}, \"agents\": {}, "
          "\"erlang\": {}, \"current\": {}",
          Num(gp.agent_hours), Num(gp.current_hours), IntList(gp.agents),
          IntList(gp.erlang), IntList(gp.current));
    }
    out += "}";
  }
  out += "],\n\"checks\": [";
  for (size_t i = 0; i < plan.checks.size(); ++i) {
    const GoalCheck& c = plan.checks[i];
    out += fmt::format(
        "{}\n  {{\"goal\": {}, \"day\": {}, \"start\": {}, \"mean\": {}, "
        "\"ci95\": {}, \"n\": {}, \"met\": {}}}",
        i > 0 ? "," : "", c.goal, c.day,
        c.interval >= 0 ? JsonString(plan.result.intervals[c.interval].start)
                        : "null",
        Num(c.value.mean), Num(c.value.ci95), c.value.n,
        c.met ? "true" : "false");
  }
  out += "],\n\"unmet\": [";
  for (size_t i = 0; i < plan.unmet.size(); ++i) {
    out += (i > 0 ? ", " : "") + JsonString(plan.unmet[i]);
  }
  out += "]";
  if (plan.schedule.has_value()) {
    const ShiftSchedule& sc = *plan.schedule;
    out += fmt::format(
        ",\n\"schedule\": {{\"all_met\": {}, \"today_cost\": {}, "
        "\"cover_cost\": {}, \"lp_bound\": {}, \"gap\": {}, \"cost\": {}, "
        "\"iterations\": {}, \"groups\": [",
        sc.all_met ? "true" : "false", Num(sc.today_cost), Num(sc.cover_cost),
        Num(sc.lp_bound), Num(sc.gap), Num(sc.cost), sc.iterations);
    for (size_t g = 0; g < sc.groups.size(); ++g) {
      out += fmt::format("{}{{\"name\": {}, \"shifts\": [", g > 0 ? ", " : "",
                         JsonString(sc.groups[g].name));
      for (size_t j = 0; j < sc.groups[g].rows.size(); ++j) {
        const ShiftRowPlan& r = sc.groups[g].rows[j];
        out += fmt::format(
            "{}{{\"shift\": {}, \"today\": {}, \"cover\": {}, \"plan\": {}, "
            "\"paid_hours_per_week\": {}}}",
            j > 0 ? ", " : "", JsonString(r.label), r.today, r.cover, r.plan,
            Num(r.paid_hours));
      }
      out += "]}";
    }
    out += "], \"unmet\": [";
    for (size_t i = 0; i < sc.unmet.size(); ++i) {
      out += (i > 0 ? ", " : "") + JsonString(sc.unmet[i]);
    }
    out += "]}";
  }
  out += "}\n";
  return out;
}

std::string Csv(const StaffingPlan& plan) {
  std::string out = "group,start,agents,erlang,current\n";
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    for (size_t slot = 0; slot < plan.slot_labels.size(); ++slot) {
      out += fmt::format("{},{},{},{},{}\n", g.name, plan.slot_labels[slot],
                         g.agents[slot], g.erlang[slot], g.current[slot]);
    }
  }
  return out;
}

}  // namespace

int StaffingPlan::SlotOf(const Scenario& scenario, int64_t reported) const {
  if (!dated) {
    return static_cast<int>((scenario.warmup_intervals() + reported) %
                            scenario.intervals_per_day());
  }
  const int64_t slot = reported - first_reported;
  return slot >= 0 && slot < static_cast<int64_t>(slot_labels.size())
             ? static_cast<int>(slot)
             : -1;
}

std::string StaffingTablePath(const std::string& plan_path) {
  std::filesystem::path p(plan_path);
  const std::string stem = p.extension() == ".yaml" || p.extension() == ".yml"
                               ? p.stem().string()
                               : p.filename().string();
  return (p.parent_path() / (stem + "-staffing.csv")).string();
}

std::string TableClock(const Scenario& s, Time t) {
  // Intervals of whole minutes read "HH:MM"; others need the seconds, or
  // two rows would name one time.
  if (s.interval % Time::Minutes(1) == Time::Zero()) return FormatClock(t);
  const int64_t sec = t / Time::Seconds(1);
  return fmt::format("{:02}:{:02}:{:02}", sec / 3600 % 24, sec / 60 % 60,
                     sec % 60);
}

std::string StaffingPlanTable(const StaffingPlan& plan,
                              const Scenario& scenario) {
  const int ipd = scenario.intervals_per_day();
  const int64_t warmup_day = scenario.warmup / Time::Days(1);
  std::string out = "date,time,group,agents\n";
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    for (size_t k = 0; k < g.by_interval.size(); ++k) {
      const Date d = scenario.calendar.start_date.plus_days(
          static_cast<int64_t>(k) / ipd - warmup_day);
      out +=
          fmt::format("{:04}-{:02}-{:02},{},{},{}\n", d.year, d.month, d.day,
                      TableClock(scenario, scenario.interval *
                                               static_cast<int64_t>(k % ipd)),
                      g.name, g.by_interval[k]);
    }
  }
  return out;
}

std::string FormatStaffingPlan(const StaffingPlan& plan,
                               const Scenario& scenario, OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable:
      return Table(plan, scenario);
    case OutputFormat::kJson:
      return Json(plan, scenario);
    case OutputFormat::kCsv:
      return Csv(plan);
  }
  return "";
}

absl::StatusOr<std::string> StaffingPlanYaml(const StaffingPlan& plan,
                                             const YAML::Node& agents,
                                             const std::string& base_path,
                                             const std::string& plan_path) {
  if (!agents.IsSequence() || agents.size() != plan.groups.size()) {
    return absl::InternalError("the base's agents list does not match");
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path base = fs::absolute(base_path, ec);
  const fs::path dir =
      fs::absolute(plan_path.empty() || plan_path == "-" ? "." : plan_path, ec)
          .parent_path();
  fs::path rel = fs::relative(base, dir, ec);
  if (ec || rel.empty()) rel = base;
  YAML::Node list = YAML::Clone(agents);
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    if (!plan.groups[g].searched) continue;
    if (plan.groups[g].from_shifts && plan.schedule.has_value()) {
      // The group keeps its shifts, with the schedule's counts.
      for (const GroupSchedule& gs : plan.schedule->groups) {
        if (gs.group != static_cast<int>(g)) continue;
        const YAML::Node base_rows = list[g]["shifts"];
        YAML::Node rows(YAML::NodeType::Sequence);
        for (size_t j = 0; j < gs.rows.size(); ++j) {
          const ShiftRowPlan& r = gs.rows[j];
          // Rows nobody works are left out (one is kept if all are).
          if (r.plan == 0 && !(j + 1 == gs.rows.size() && rows.size() == 0)) {
            continue;
          }
          if (!base_rows.IsSequence() ||
              r.source_row >= static_cast<int>(base_rows.size())) {
            return absl::InternalError("the base's shift rows do not match");
          }
          YAML::Node row = YAML::Clone(base_rows[r.source_row]);
          row["start"] = r.start;
          row["end"] = r.end;
          row["agents"] = r.plan;
          if (!r.breaks.empty()) {
            YAML::Node breaks(YAML::NodeType::Sequence);
            for (const ShiftRowPlan::Break& b : r.breaks) {
              YAML::Node node(YAML::NodeType::Map);
              node["earliest"] = b.earliest;
              node["latest"] = b.latest;
              node["duration"] = b.duration;
              node.SetStyle(YAML::EmitterStyle::Flow);
              breaks.push_back(node);
            }
            row["breaks"] = breaks;
          }
          rows.push_back(row);
        }
        list[g]["shifts"] = rows;
      }
      continue;
    }
    if (plan.dated) {
      YAML::Node table(YAML::NodeType::Map);
      table["table"] =
          fs::path(StaffingTablePath(plan_path)).filename().string();
      table.SetStyle(YAML::EmitterStyle::Flow);
      list[g]["staffing"] = table;
    } else {
      YAML::Node staffing(YAML::NodeType::Sequence);
      for (int n : plan.groups[g].agents) staffing.push_back(n);
      staffing.SetStyle(YAML::EmitterStyle::Flow);
      list[g]["staffing"] = staffing;
    }
    if (plan.groups[g].from_shifts) {
      // Searched as a staffing level: agents available for calls.
      for (const char* key : {"shifts", "adherence", "aux", "break_cap"}) {
        list[g].remove(key);
      }
    }
  }
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "extends" << YAML::Value
    << rel.generic_string() << YAML::Key << "agents" << YAML::Value << list
    << YAML::EndMap;
  std::string out = "# Staffing plan found by ccsim staff; goals:\n";
  for (const StaffingGoal& g : plan.goals) {
    out += "#   " + DescribeGoal(g) + "\n";
  }
  for (const GroupPlan& g : plan.groups) {
    if (!g.from_shifts || plan.schedule.has_value()) continue;
    out += fmt::format(
        "# {} works shifts in the base; here it follows the requirement as a "
        "staffing level\n#   (agents available for calls: no breaks, AUX or "
        "adherence).\n",
        g.name);
  }
  out += fmt::format(
      "# {}; run it with: ccsim run {}\n",
      plan.all_met ? "every goal met" : "NOT every goal met",
      plan_path.empty() || plan_path == "-" ? "PLAN.yaml" : plan_path);
  out += e.c_str();
  out += "\n";
  return out;
}

}  // namespace ccsim
