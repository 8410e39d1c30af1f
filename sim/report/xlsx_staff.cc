// FormatXlsxStaffing(): the workbook of a staffing plan. "Plan": the goals,
// whether they are met, and each group's hours and cost against today's;
// "Plan per interval": the agents of every searched group per slot (an
// interval of the day, or a date and time when dated) beside its Erlang
// estimate and today's staffing, with a chart; "Goal checks": every goal
// in every interval, day or horizon it judges; "Schedule": the shifts when
// one was made; then what the plan achieves (the sheets of a run's
// workbook of the plan's simulation, "Achieved ...") and the scenario.
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/staffing_goal.h"
#include "ccsim/time.h"
#include "ccsim/xlsx.h"
#include "fmt/format.h"
#include "sim/report/xlsx_sheets.h"

namespace ccsim {
namespace xlsx_internal {
namespace {

int64_t WritePlanSummary(Book& book, lxw_worksheet* ws, const StaffingPlan& p,
                         const Scenario& s) {
  std::vector<Fact> facts = {TextFact("scenario", s.name)};
  for (size_t g = 0; g < p.goals.size(); ++g) {
    facts.push_back(
        TextFact(fmt::format("goal {}", g + 1), DescribeGoal(p.goals[g])));
  }
  facts.push_back(TextFact("plan", p.dated ? "dated: a staffing per interval "
                                             "of every judged date"
                                           : "one staffing per interval of "
                                             "the day, the same every day"));
  facts.push_back(TextFact("all goals met", p.all_met ? "yes" : "no"));
  facts.push_back(NumberFact("cost per simulated day", p.cost, Style::kHours));
  facts.push_back(NumberFact("simulations", p.evaluations, Style::kInteger));
  int64_t row =
      WriteFacts(book, ws, fmt::format("ccsim staff: {}", s.name), facts);
  book.Text(ws, row++, 0, "Agent groups", Style::kBold);
  book.Header(ws, row++, 0,
              {"group", "searched", "agent hours a day: plan",
               "agent hours a day: today", "change", "cost per agent hour",
               "cost a day: plan"});
  for (const GroupPlan& g : p.groups) {
    book.Text(ws, row, 0, g.name);
    book.Text(ws, row, 1,
              !g.searched     ? "no (kept its shifts)"
              : g.from_shifts ? "yes (shifts, as a staffing level)"
                              : "yes");
    book.Number(ws, row, 2, g.agent_hours, Style::kHours);
    book.Number(ws, row, 3, g.current_hours, Style::kHours);
    book.Number(ws, row, 4, g.agent_hours - g.current_hours, Style::kDelta);
    book.Number(ws, row, 5, g.cost_per_hour, Style::kHours);
    book.Number(ws, row, 6, g.agent_hours * g.cost_per_hour, Style::kHours);
    ++row;
  }
  if (!p.unmet.empty()) {
    ++row;
    book.Text(ws, row++, 0, "Goals that cannot be met", Style::kBold);
    for (const std::string& why : p.unmet)
      book.Text(ws, row++, 0, why, Style::kNo);
  }
  worksheet_set_column(ws, 1, 6, 16, nullptr);
  return row + 1;
}

// The plan per slot; returns the layout of each group's plan column, for
// the chart.
std::vector<IntervalLayout> WritePlanSlots(Book& book, lxw_worksheet* ws,
                                           const StaffingPlan& p,
                                           const Scenario& s) {
  book.Header(ws, 0, 0, {"start", "date", "time"});
  int col = 3;
  std::vector<IntervalLayout> layouts;
  const int64_t slots = static_cast<int64_t>(p.slot_labels.size());
  for (const GroupPlan& g : p.groups) {
    if (!g.searched) continue;
    IntervalLayout l;
    l.sheet = ws;
    l.rows = slots;
    l.column.fill(-1);
    l.column[0] = col;          // the plan; the chart reads it
    l.target_column = col + 2;  // today's staffing
    layouts.push_back(l);
    book.Header(ws, 0, col,
                {fmt::format("{}: plan", g.name),
                 fmt::format("{}: Erlang estimate", g.name),
                 fmt::format("{}: today", g.name)});
    for (int64_t k = 0; k < slots; ++k) {
      const auto at = [&](const std::vector<int>& v) {
        return k < static_cast<int64_t>(v.size()) ? v[k] : NAN;
      };
      book.Number(ws, k + 1, col, at(g.agents), Style::kInteger);
      book.Number(ws, k + 1, col + 1, at(g.erlang), Style::kInteger);
      book.Number(ws, k + 1, col + 2, at(g.current), Style::kInteger);
    }
    col += 3;
  }
  for (int64_t k = 0; k < slots; ++k) {
    if (p.dated) {
      book.IntervalCells(ws, k + 1, 0, s, p.first_reported + k);
    } else {
      book.Number(ws, k + 1, 2, (s.interval * k).seconds() / 86400,
                  Style::kTime);
    }
  }

  book.IntervalTableFrame(ws, 0, 3, col - 1, slots);
  return layouts;
}

void WritePlanChart(Book& book, lxw_worksheet* ws, int64_t row,
                    const StaffingPlan& p,
                    const std::vector<IntervalLayout>& layouts) {
  if (layouts.empty() || layouts[0].rows == 0) return;
  IntervalLayout axis = layouts[0];
  lxw_chart* chart = NewIntervalChart(
      book, axis, "Agents per interval: plan and today", "agents", "0");
  if (!p.dated) {
    // Categories are the times of day (column C).
    chart_axis_set_num_format(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X),
                              "hh:mm");
  }
  constexpr uint32_t kColours[] = {0x4472C4, 0xED7D31, 0x70AD47,
                                   0x7030A0, 0xFFC000, 0x255E91};
  size_t k = 0;
  for (const GroupPlan& g : p.groups) {
    if (!g.searched) continue;
    const IntervalLayout& l = layouts[k];
    const uint32_t colour = kColours[k % std::size(kColours)];
    const std::string plan = fmt::format("{}: plan", g.name);
    const std::string today = fmt::format("{}: today", g.name);
    // Undated plans: the categories are the times of day (column C).
    const int categories = p.dated ? 0 : 2;
    AddSeries(chart, l, l.column[0], plan.c_str(), colour, false, categories);
    AddSeries(chart, l, l.target_column, today.c_str(), colour, true,
              categories);
    ++k;
  }
  InsertChart(book, ws, row, chart);
}

void WriteGoalChecks(Book& book, lxw_worksheet* ws, const StaffingPlan& p,
                     const Scenario& s) {
  book.Header(
      ws, 0, 0,
      {"goal", "judged over", "start", "value", "±95% CI", "target", "met"});
  int64_t row = 1;
  for (const GoalCheck& c : p.checks) {
    if (c.goal < 0 || c.goal >= static_cast<int>(p.goals.size())) continue;
    const StaffingGoal& goal = p.goals[c.goal];
    book.Text(ws, row, 0, DescribeGoal(goal));
    if (c.interval >= 0) {
      book.Text(ws, row, 1, "interval");
      book.Number(ws, row, 2, IntervalStart(s, c.interval), Style::kDateTime);
    } else if (c.day > 0) {
      book.Text(ws, row, 1, "day");
      book.Number(ws, row, 2,
                  ExcelDate(s.calendar.start_date.plus_days(c.day - 1)),
                  Style::kDate);
    } else {
      book.Text(ws, row, 1, "horizon");
    }
    const Style style = MetricStyle(goal.metric);
    book.Number(ws, row, 3, c.value.mean, style);
    book.Number(ws, row, 4, c.value.ci95, style);
    book.Number(ws, row, 5, goal.value, style);
    book.Text(ws, row, 6, c.met ? "yes" : "no",
              c.met ? Style::kYes : Style::kNo);
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 11, nullptr);
  worksheet_set_column(ws, 2, 2, 16, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (row > 1)
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(row - 1), 6);
}

void WriteSchedule(Book& book, lxw_worksheet* ws, const ShiftSchedule& sc) {
  const std::vector<Fact> facts = {
      NumberFact("cost a week: today's shifts", sc.today_cost, Style::kHours),
      NumberFact("cost a week: plain cover", sc.cover_cost, Style::kHours),
      NumberFact("cost a week: no cover is cheaper than", sc.lp_bound,
                 Style::kHours),
      NumberFact("cost a week: schedule", sc.cost, Style::kHours),
      NumberFact("largest optimality gap", sc.gap, Style::kShare),
      NumberFact("integer programs solved", sc.iterations, Style::kInteger),
      TextFact("all goals met", sc.all_met ? "yes" : "no"),
  };
  int64_t row = WriteFacts(book, ws, "Shift schedule", facts);
  book.Header(ws, row++, 0,
              {"group", "shift", "start", "end",
               "breaks (earliest-latest "
               "start, duration)",
               "agents today", "plain cover", "plan",
               "paid hours a week per "
               "agent"});
  for (const GroupSchedule& g : sc.groups) {
    for (const ShiftRowPlan& r : g.rows) {
      std::string breaks;
      for (const ShiftRowPlan::Break& b : r.breaks) {
        breaks += fmt::format("{}{}-{} {}", breaks.empty() ? "" : "; ",
                              b.earliest, b.latest, b.duration);
      }
      book.Text(ws, row, 0, g.name);
      book.Text(ws, row, 1, r.label);
      book.Text(ws, row, 2, r.start);
      book.Text(ws, row, 3, r.end);
      book.Text(ws, row, 4, breaks);
      book.Number(ws, row, 5, r.today, Style::kInteger);
      book.Number(ws, row, 6, r.cover, Style::kInteger);
      book.Number(ws, row, 7, r.plan, Style::kInteger);
      book.Number(ws, row, 8, r.paid_hours, Style::kHours);
      ++row;
    }
  }
  for (const std::string& why : sc.unmet)
    book.Text(ws, ++row, 0, why, Style::kNo);
  worksheet_set_column(ws, 1, 1, 24, nullptr);
  worksheet_set_column(ws, 4, 4, 36, nullptr);
}

}  // namespace
}  // namespace xlsx_internal

absl::StatusOr<std::string> FormatXlsxStaffing(const StaffingPlan& plan,
                                               const Scenario& scenario,
                                               const XlsxOptions& options) {
  using namespace xlsx_internal;
  auto made = Book::Create(options.scratch_dir);
  if (!made.ok()) return made.status();
  Book& book = **made;
  lxw_worksheet* summary = book.AddSheet("Plan");
  lxw_worksheet* slots = book.AddSheet("Plan per interval");
  lxw_worksheet* checks = book.AddSheet("Goal checks");
  lxw_worksheet* schedule =
      plan.schedule.has_value() ? book.AddSheet("Schedule") : nullptr;
  const int64_t row = WritePlanSummary(book, summary, plan, scenario);
  const std::vector<IntervalLayout> layouts =
      WritePlanSlots(book, slots, plan, scenario);
  WritePlanChart(book, summary, row, plan, layouts);
  WriteGoalChecks(book, checks, plan, scenario);
  if (schedule != nullptr) WriteSchedule(book, schedule, *plan.schedule);
  WriteRunSheets(book, plan.result, scenario, options.report,
                 options.scenario_yaml, "Achieved ", true);
  worksheet_activate(summary);
  return book.Finish();
}

}  // namespace ccsim
