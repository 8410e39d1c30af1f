// The HTML report of ccsim staff: requirement against today's staffing and
// the Erlang estimate, the goals per interval of the day against their
// targets, where the plan fails, and the shift schedule.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/staffing.h"
#include "fmt/format.h"
#include "sim/report/page.h"
#include "sim/report/svg.h"

namespace ccsim {

namespace {

using svg::Escape;
using svg::FormatNumber;

constexpr double kDaySeconds = 86400;

// The plan's axis: one day, a label every two hours; or, for a dated plan,
// its slots in a row (x = slot x interval), a label at each midnight.
svg::XAxis PlanAxis(const StaffingPlan& plan, const Scenario& s) {
  svg::XAxis axis;
  axis.lo = 0;
  if (!plan.dated) {
    axis.hi = kDaySeconds;
    for (int h = 0; h <= 24; h += 2) {
      axis.ticks.push_back(svg::XTick{.x = h * 3600.0,
                                      .label = fmt::format("{:02}:00", h % 24),
                                      .sublabel = "",
                                      .major = h % 6 == 0,
                                      .grid = true});
    }
    axis.title = "Time of day";
    return axis;
  }
  const double step = s.interval.seconds();
  axis.hi = step * static_cast<double>(plan.slot_labels.size());
  const size_t days = plan.slot_labels.size() / s.intervals_per_day() + 1;
  for (size_t slot = 0; slot < plan.slot_labels.size(); ++slot) {
    const std::string& label = plan.slot_labels[slot];
    if (slot > 0 && label.substr(11) != "00:00") continue;
    // "YYYY-MM-DD HH:MM": the month and day; every day up to two weeks,
    // Mondays only beyond.
    axis.ticks.push_back(
        svg::XTick{.x = step * static_cast<double>(slot),
                   .label = days <= 14 || slot == 0 ? label.substr(5, 5) : "",
                   .sublabel = "",
                   .major = true,
                   .grid = true});
  }
  axis.title = "Date";
  return axis;
}

// A staffing level drawn as steps: each interval's value held across it.
svg::Series Steps(std::string label, int style, const std::vector<int>& v,
                  double interval_s) {
  svg::Series s;
  s.label = std::move(label);
  s.style = style;
  for (size_t i = 0; i < v.size(); ++i) {
    s.x.push_back(i * interval_s);
    s.y.push_back(v[i]);
    s.x.push_back((i + 1) * interval_s - 1e-6);
    s.y.push_back(v[i]);
  }
  return s;
}

std::string AgentsChart(const StaffingPlan& plan, const GroupPlan& g,
                        const Scenario& s, int index) {
  svg::LineChart chart;
  chart.id = fmt::format("chart-agents-{}", index);
  chart.title = fmt::format("Agents needed: {}", g.name);
  chart.x = PlanAxis(plan, s);
  svg::Panel panel;
  panel.caption = g.from_shifts
                      ? "Agents available for calls (plan and Erlang) and "
                        "agents on shift today, breaks included"
                  : plan.dated ? "Agents logged in, per interval"
                               : "Agents logged in, per interval of the day";
  const double step = s.interval.seconds();
  panel.series.push_back(Steps("Plan (simulated)", 0, g.agents, step));
  panel.series.push_back(Steps("Erlang estimate", 1, g.erlang, step));
  panel.series.push_back(Steps("Today", 2, g.current, step));
  panel.y_min = 0;
  chart.panels.push_back(std::move(panel));
  chart.description = chart.title + ": line chart of the agents per interval" +
                      (plan.dated ? "" : " of the day") +
                      " in the plan, the Erlang estimate and today";
  return svg::RenderLineChart(chart);
}

struct SlotValue {
  double worst = std::nan("");
  double mean = 0;
  int days = 0;
  bool fails = false;
};

// Each slot's (interval of the day's, or a dated plan's interval's) worst
// and mean value of a per-interval goal.
std::vector<SlotValue> BySlot(const StaffingPlan& plan, const Scenario& s,
                              int goal) {
  std::vector<SlotValue> out(plan.slot_labels.size());
  const StaffingGoal& g = plan.goals[goal];
  for (const GoalCheck& c : plan.checks) {
    if (c.goal != goal || c.interval < 0) continue;
    const int slot = plan.SlotOf(s, c.interval);
    if (slot < 0) continue;
    SlotValue& v = out[slot];
    if (!c.met) v.fails = true;
    if (c.value.n == 0 || std::isnan(c.value.mean)) continue;
    const bool worse = std::isnan(v.worst) ||
                       (g.op == GoalOp::kAtLeast ? c.value.mean < v.worst
                                                 : c.value.mean > v.worst);
    if (worse) v.worst = c.value.mean;
    v.mean += c.value.mean;
    ++v.days;
  }
  for (SlotValue& v : out) {
    v.mean = v.days > 0 ? v.mean / v.days : std::nan("");
  }
  return out;
}

bool IsShare(Metric m) { return m != Metric::kAsa && m != Metric::kMeanWait; }

std::string GoalChart(const StaffingPlan& plan, const Scenario& s, int goal) {
  const StaffingGoal& g = plan.goals[goal];
  const double scale = IsShare(g.metric) ? 100 : 1;
  const std::vector<SlotValue> v = BySlot(plan, s, goal);
  svg::LineChart chart;
  chart.id = fmt::format("chart-goal-{}", goal);
  chart.title = fmt::format("Goal: {}", DescribeGoal(g));
  chart.x = PlanAxis(plan, s);
  svg::Panel panel;
  panel.caption = fmt::format(
      "{}{} with the plan, per interval{}", MetricName(g.metric),
      IsShare(g.metric) ? " (%)" : " (s)", plan.dated ? "" : " of the day");
  const double step = s.interval.seconds();
  svg::Series worst{.label = plan.dated ? "With the plan" : "Worst day",
                    .style = 0,
                    .x = {},
                    .y = {}};
  svg::Series mean{.label = "Mean over days", .style = 1, .x = {}, .y = {}};
  for (size_t i = 0; i < v.size(); ++i) {
    worst.x.push_back((i + 0.5) * step);
    worst.y.push_back(v[i].worst * scale);
    mean.x.push_back((i + 0.5) * step);
    mean.y.push_back(v[i].mean * scale);
  }
  panel.series.push_back(std::move(worst));
  if (!plan.dated) panel.series.push_back(std::move(mean));
  panel.refs.push_back(
      {g.value * scale,
       fmt::format("Target {}{}", FormatNumber(g.value * scale, 1),
                   IsShare(g.metric) ? "%" : " s")});
  if (IsShare(g.metric)) {
    panel.y_min = 0;
    panel.y_max = 100;
  } else {
    panel.y_min = 0;
  }
  chart.panels.push_back(std::move(panel));
  chart.description = chart.title +
                      ": line chart of the goal's worst and mean value per "
                      "interval of the day, with the target as a line";
  return svg::RenderLineChart(chart);
}

std::string Cost(double v) { return FormatNumber(v, v < 100 ? 1 : 0); }

void AppendTable(std::string& out, const StaffingPlan& plan,
                 const Scenario& s) {
  out += plan.dated ? "<details>\n<summary>Per interval</summary>\n<table>\n"
                    : "<details>\n<summary>Per interval of the day</summary>"
                      "\n<table>\n";
  out += "<tr><th>Interval</th>";
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    out += fmt::format(
        "<th class=\"num\">{} plan</th><th class=\"num\">Erlang</th>"
        "<th class=\"num\">today</th>",
        Escape(g.name));
  }
  std::vector<std::vector<SlotValue>> values;
  for (size_t k = 0; k < plan.goals.size(); ++k) {
    if (plan.goals[k].period != GoalPeriod::kInterval) continue;
    out += fmt::format("<th class=\"num\">{}{}</th>",
                       MetricName(plan.goals[k].metric),
                       plan.dated ? "" : " (worst day)");
    values.push_back(BySlot(plan, s, static_cast<int>(k)));
  }
  out += "</tr>\n";
  for (size_t slot = 0; slot < plan.slot_labels.size(); ++slot) {
    out += fmt::format("<tr><td>{}</td>", Escape(plan.slot_labels[slot]));
    for (const GroupPlan& g : plan.groups) {
      if (!g.searched) continue;
      out += fmt::format(
          "<td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td>",
          g.agents[slot], g.erlang[slot], g.current[slot]);
    }
    for (const std::vector<SlotValue>& v : values) {
      const SlotValue& x = v[slot];
      out += std::isnan(x.worst)
                 ? std::string("<td class=\"num\">-</td>")
                 : fmt::format("<td class=\"num{}\">{}{}</td>",
                               x.fails ? " sig" : "", FormatNumber(x.worst, 4),
                               x.fails ? " !" : "");
    }
    out += "</tr>\n";
  }
  out += "</table>\n</details>\n";
}

void AppendSchedule(std::string& out, const ShiftSchedule& sc) {
  out += "<h2 id=\"schedule\">Shift schedule</h2>\n";
  out += fmt::format(
      "<p>Cost per week (paid hours &times; cost per hour): today {}; the "
      "plain cover of the requirement {} (LP bound {}, optimality gap "
      "{}%); after simulating the schedule as it runs and {} repairs, "
      "<strong>{}</strong>. {}</p>\n",
      Cost(sc.today_cost), Cost(sc.cover_cost), Cost(sc.lp_bound),
      FormatNumber(100 * sc.gap, 2), sc.iterations - 1, Cost(sc.cost),
      sc.all_met ? "Every goal is met by the schedule as simulated."
                 : "<strong>Not every goal is met by the schedule as "
                   "simulated.</strong>");
  for (const GroupSchedule& g : sc.groups) {
    out += fmt::format(
        "<table>\n<caption>{}</caption>\n<tr><th>Shift</th><th "
        "class=\"num\">Today</th><th class=\"num\">Plain cover</th><th "
        "class=\"num\">Plan</th><th class=\"num\">Paid hours a "
        "week</th></tr>\n",
        Escape(g.name));
    for (const ShiftRowPlan& r : g.rows) {
      if (r.today == 0 && r.cover == 0 && r.plan == 0) continue;
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
          Escape(r.label), r.today, r.cover, r.plan,
          FormatNumber(r.paid_hours, 1));
    }
    out += "</table>\n";
  }
  if (!sc.unmet.empty()) {
    out += "<p>Where the schedule misses a goal:</p>\n<ul>\n";
    for (const std::string& u : sc.unmet) {
      out += "<li>" + Escape(u) + "</li>\n";
    }
    out += "</ul>\n";
  }
}

}  // namespace

std::string FormatStaffingReport(const StaffingPlan& plan,
                                 const Scenario& scenario) {
  std::string out;
  report::AppendPageStart(out, "Staffing plan: " + scenario.name);
  out += fmt::format("<h1>Staffing plan: {}</h1>\n", Escape(scenario.name));
  out += "<table class=\"meta\">\n";
  std::string goals;
  for (const StaffingGoal& g : plan.goals) {
    goals += (goals.empty() ? "" : "<br>") + Escape(DescribeGoal(g));
  }
  report::AppendMetaRow(out, "Goals", goals);
  report::AppendMetaRow(
      out, "Judged on",
      fmt::format("{} replications (seed {}), each the whole horizon of {}",
                  plan.result.replications, plan.result.seed,
                  FormatDuration(scenario.horizon)));
  report::AppendMetaRow(
      out, "Result",
      fmt::format("{} after {} simulations; cost {} a day",
                  plan.all_met ? "every goal met"
                               : "<strong>not every goal met</strong>",
                  plan.evaluations, Cost(plan.cost)));
  for (const GroupPlan& g : plan.groups) {
    report::AppendMetaRow(
        out, Escape(g.name),
        g.searched
            ? fmt::format("{} agent hours a day (today {}{})",
                          FormatNumber(g.agent_hours, 1),
                          FormatNumber(g.current_hours, 1),
                          g.from_shifts ? " on shift, breaks included; the "
                                          "plan counts agents available"
                                        : "")
            : std::string("works shifts; kept as it is"));
  }
  out += "</table>\n";
  if (!plan.unmet.empty()) {
    out += "<h2 id=\"unmet\">Where the goal cannot be met</h2>\n<ul>\n";
    for (const std::string& u : plan.unmet) {
      out += "<li>" + Escape(u) + "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "<h2 id=\"requirement\">Requirement per interval</h2>\n";
  int index = 0;
  for (const GroupPlan& g : plan.groups) {
    if (!g.searched) continue;
    out += "<figure>" + AgentsChart(plan, g, scenario, index++) + "</figure>\n";
  }
  out += "<h2 id=\"goals\">Goals per interval</h2>\n";
  for (size_t k = 0; k < plan.goals.size(); ++k) {
    if (plan.goals[k].period != GoalPeriod::kInterval) {
      for (const GoalCheck& c : plan.checks) {
        if (c.goal != static_cast<int>(k)) continue;
        out += fmt::format(
            "<p>{}: {} {}{}</p>\n", Escape(DescribeGoal(plan.goals[k])),
            c.day > 0 ? fmt::format("day {}:", c.day) : "the horizon:",
            FormatNumber(c.value.mean, 4), c.met ? "" : " (fails)");
      }
      continue;
    }
    out += "<figure>" + GoalChart(plan, scenario, static_cast<int>(k)) +
           "</figure>\n";
  }
  AppendTable(out, plan, scenario);
  if (plan.schedule.has_value()) AppendSchedule(out, *plan.schedule);
  report::AppendPageEnd(out);
  return out;
}

}  // namespace ccsim
