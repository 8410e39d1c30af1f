#include "sim/staff/schedule.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ccsim/erlang.h"
#include "fmt/format.h"
#include "sim/staff/cover.h"

namespace ccsim::staff {

namespace {

constexpr const char* kDayNames[7] = {"Mon", "Tue", "Wed", "Thu",
                                      "Fri", "Sat", "Sun"};

// "08:00-16:30 Mon-Fri", "22:00-06:00 Mon,Wed,Sat-Sun".
std::string RowLabel(const ShiftSpec& sh) {
  std::string days;
  for (int d = 0; d < 7;) {
    if (!sh.weekdays[d]) {
      ++d;
      continue;
    }
    int e = d;
    while (e + 1 < 7 && sh.weekdays[e + 1]) ++e;
    if (!days.empty()) days += ",";
    days += kDayNames[d];
    if (e > d) days += std::string("-") + kDayNames[e];
    d = e + 1;
  }
  return fmt::format("{}-{} {}", FormatClock(sh.start),
                     FormatClock(sh.start + sh.length), days);
}

// Length of [from, to) within [a, b).
double Overlap(Time from, Time to, Time a, Time b) {
  const Time lo = std::max(from, a), hi = std::min(to, b);
  return hi > lo ? (hi - lo).seconds() : 0.0;
}

// How much of an agent on `sh` is available for calls in interval `slot` of
// weekday `day`: the share of the interval on shift and not on a break.
// Each break is placed at its earliest start, where the simulated agents
// take it when they are free (a break cap delays some: the simulation
// repairs what this misses).
double Availability(const Scenario& s, const ShiftSpec& sh, int day, int slot) {
  const Time from = s.interval * slot, to = from + s.interval;
  double seconds = 0;
  for (int back = 0; back < 2; ++back) {  // started today or yesterday
    if (!sh.weekdays[(day - back + 7) % 7]) continue;
    const Time start = sh.start - Time::Days(back);
    seconds += Overlap(from, to, start, start + sh.length);
    for (const BreakSpec& b : sh.breaks) {
      const Time at = start + b.earliest;
      seconds -= Overlap(from, to, at, at + b.duration);
    }
  }
  return std::max(0.0, seconds / s.interval.seconds());
}

double PaidHoursPerWeek(const ShiftSpec& sh) {
  int days = 0;
  for (bool on : sh.weekdays) days += on;
  return sh.length.seconds() / 3600.0 * days;
}

// Whether a group may be needed in interval `slot` of weekday `day`: the
// centre is open then and some call type it serves has calls that weekday.
bool Needed(const Scenario& s, const AgentGroupSpec& g, int day, int slot) {
  const OpeningHours& h = s.calendar.hours[day];
  const Time mid = s.interval * slot + Time::Ticks(s.interval.ticks() / 2);
  if (mid < h.open || mid >= h.close) return false;
  for (int t : g.skills) {
    if (s.call_types[t].weekday_factor[day] > 0) return true;
  }
  return false;
}

class Scheduler {
 public:
  explicit Scheduler(const ScheduleInput& in)
      : in_(in), work_(*in.scenario), ipd_(work_.intervals_per_day()) {
    // The templates: every shift row at each start offset that keeps its
    // start within the day. Today's counts stay on the rows as they are.
    templates_.resize(work_.agent_groups.size());
    for (int g : in_.groups) {
      std::vector<ShiftSpec>& shifts = work_.agent_groups[g].shifts;
      for (size_t r = 0; r < shifts.size(); ++r) {
        for (int offset : in_.start_offsets_min) {
          ShiftSpec t = shifts[r];
          t.start = t.start + Time::Minutes(offset);
          if (t.start < Time::Zero() || t.start >= Time::Days(1)) continue;
          if (offset != 0) t.agents = 0;
          templates_[g].push_back(Template{
              .spec = t, .source = static_cast<int>(r), .offset_min = offset});
        }
      }
      shifts.clear();
      for (const Template& t : templates_[g]) shifts.push_back(t.spec);
    }
    extra_.assign(work_.agent_groups.size(),
                  std::vector<int>(7 * static_cast<size_t>(ipd_), 0));
    const Date day0 =
        work_.calendar.start_date.plus_days(-(work_.warmup / Time::Days(1)));
    weekday0_ = day0.weekday();
  }

  absl::StatusOr<ShiftSchedule> Run() {
    ShiftSchedule out;
    WeekdayShares();
    for (int g : in_.groups) {
      const AgentGroupSpec& spec = work_.agent_groups[g];
      GroupSchedule gs{.name = spec.name, .group = g, .rows = {}};
      for (const Template& t : templates_[g]) {
        const ShiftSpec& sh = t.spec;
        ShiftRowPlan row{
            .label = fmt::format("{} (row {}{})", RowLabel(sh), t.source + 1,
                                 t.offset_min == 0
                                     ? std::string()
                                     : fmt::format(" {:+}m", t.offset_min)),
            .source_row = t.source,
            .offset_min = t.offset_min,
            .start = FormatClock(sh.start),
            .end = FormatClock(sh.start + sh.length),
            .breaks = {},
            .today = sh.agents,
            .cover = 0,
            .plan = 0,
            .paid_hours = PaidHoursPerWeek(sh)};
        for (const BreakSpec& b : sh.breaks) {
          row.breaks.push_back({FormatClock(sh.start + b.earliest),
                                FormatClock(sh.start + b.latest),
                                FormatDuration(b.duration)});
        }
        gs.rows.push_back(std::move(row));
        out.today_cost +=
            sh.agents * PaidHoursPerWeek(sh) * in_.cost_per_hour[g];
      }
      out.groups.push_back(std::move(gs));
    }
    Evaluation e;
    for (int it = 0; it < std::max(1, in_.max_iterations); ++it) {
      double cost = 0, bound = 0;
      for (GroupSchedule& gs : out.groups) {
        absl::StatusOr<CoverSolution> sol = Solve(gs.group);
        if (!sol.ok()) return sol.status();
        AgentGroupSpec& spec = work_.agent_groups[gs.group];
        for (size_t j = 0; j < spec.shifts.size(); ++j) {
          spec.shifts[j].agents = sol->x[j];
          gs.rows[j].plan = sol->x[j];
          if (it == 0) gs.rows[j].cover = sol->x[j];
        }
        cost += sol->cost;
        bound += sol->lp_bound;
        out.gap = std::max(out.gap, sol->gap);
      }
      if (it == 0) {
        out.cover_cost = cost;
        out.lp_bound = bound;
      }
      out.cost = cost;
      ++out.iterations;
      if (absl::Status st = in_.evaluate(work_, "schedule", &e); !st.ok()) {
        return st;
      }
      if (!Raise(e)) break;
    }
    out.checks = e.checks;
    for (const GoalCheck& c : e.checks) {
      if (c.met) continue;
      const StaffingGoal& g = (*in_.goals)[c.goal];
      const std::string where =
          c.interval >= 0 ? fmt::format("day {} {}", c.day,
                                        e.result.intervals[c.interval].start)
          : c.day > 0     ? fmt::format("day {}", c.day)
                          : std::string("the horizon");
      out.unmet.push_back(fmt::format(
          "{}: {} is {:.4g} with the schedule, short of the goal {} after {} "
          "repairs",
          where, MetricName(g.metric), c.value.mean, DescribeGoal(g),
          out.iterations - 1));
    }
    out.all_met = out.unmet.empty();
    out.result = std::move(e.result);
    return out;
  }

 private:
  absl::StatusOr<CoverSolution> Solve(int g) {
    const AgentGroupSpec& spec = work_.agent_groups[g];
    CoverProblem p;
    p.time_limit_s = in_.solver_seconds;
    p.mip_gap = in_.mip_gap;
    for (const ShiftSpec& sh : spec.shifts) {
      p.cost.push_back(PaidHoursPerWeek(sh) * in_.cost_per_hour[g]);
      p.upper.push_back(-1);
    }
    std::vector<std::pair<int, int>> where;  // (weekday, slot) of each row
    for (int d = 0; d < 7; ++d) {
      for (int slot = 0; slot < ipd_; ++slot) {
        const int base =
            Needed(work_, spec, d, slot)
                ? static_cast<int>(std::ceil(in_.requirement[g][slot] *
                                                 share_[d * ipd_ + slot] -
                                             1e-9))
                : 0;
        const int demand = base + extra_[g][d * ipd_ + slot];
        if (demand <= 0) continue;
        const int row = static_cast<int>(p.demand.size());
        p.demand.push_back(demand);
        where.push_back({d, slot});
        for (size_t j = 0; j < spec.shifts.size(); ++j) {
          const double a = Availability(work_, spec.shifts[j], d, slot);
          if (a > 0) {
            p.entries.push_back(CoverProblem::Entry{
                .row = row, .column = static_cast<int>(j), .value = a});
          }
        }
      }
    }
    absl::StatusOr<CoverSolution> sol = SolveCover(p);
    if (sol.status().code() == absl::StatusCode::kNotFound) {
      std::string missing;
      int n = 0;
      std::vector<bool> covered(p.demand.size(), false);
      for (const CoverProblem::Entry& en : p.entries) covered[en.row] = true;
      for (size_t i = 0; i < p.demand.size(); ++i) {
        if (covered[i]) continue;
        if (n++ < 6) {
          missing += fmt::format("{}{} {}", missing.empty() ? "" : ", ",
                                 kDayNames[where[i].first],
                                 FormatClock(work_.interval * where[i].second));
        }
      }
      if (n > 6) missing += fmt::format(" and {} more", n - 6);
      return absl::InvalidArgumentError(fmt::format(
          "agent group '{}': no shift row covers {}, where its requirement "
          "asks for agents; add a shift that does, or staff it with "
          "'staffing:'",
          spec.name, missing));
    }
    return sol;
  }

  // share_[weekday * ipd + slot]: the weekday's largest offered load in
  // that interval of the day over the weekday with the most (1 where the
  // requirement's run says nothing).
  void WeekdayShares() {
    share_.assign(7 * static_cast<size_t>(ipd_), 1.0);
    if (in_.requirement_run == nullptr) return;
    std::vector<double> load(7 * static_cast<size_t>(ipd_), 0.0);
    const auto& intervals = in_.requirement_run->intervals;
    for (size_t i = 0; i < intervals.size(); ++i) {
      const auto [day, slot] = WhereIs(static_cast<int>(i));
      const MetricEstimates& m = intervals[i].metrics;
      const double offered = m[static_cast<int>(Metric::kOffered)].mean;
      const double aht = m[static_cast<int>(Metric::kAht)].mean;
      if (offered > 0 && aht > 0) {
        double& l = load[day * ipd_ + slot];
        l = std::max(l, offered * aht);
      }
    }
    for (int slot = 0; slot < ipd_; ++slot) {
      double top = 0;
      for (int d = 0; d < 7; ++d) top = std::max(top, load[d * ipd_ + slot]);
      if (top <= 0) continue;
      for (int d = 0; d < 7; ++d) {
        share_[d * ipd_ + slot] = load[d * ipd_ + slot] / top;
      }
    }
  }

  // Agents to add to the requirement in reported interval i: half the gap
  // between Erlang's requirement for the simulated load and the agents
  // available there, at least one.
  int RepairStep(const Evaluation& e, int i) const {
    const MetricEstimates& m = e.result.intervals[i].metrics;
    const double offered = m[static_cast<int>(Metric::kOffered)].mean;
    const double aht = m[static_cast<int>(Metric::kAht)].mean;
    const double hours = work_.interval.seconds() / 3600.0;
    const double available =
        m[static_cast<int>(Metric::kAvailableHours)].mean / hours;
    if (!(offered > 0) || !(aht > 0) || std::isnan(available)) return 1;
    ErlangInput in;
    in.arrival_rate_per_s = offered / work_.interval.seconds();
    in.mean_handle_s = aht;
    in.threshold_s = work_.service_level.threshold.seconds();
    in.mean_patience_s = in_.mean_patience_s;
    absl::StatusOr<int> need =
        AgentsForServiceLevel(in, std::min(in_.sl_target, 0.999));
    if (!need.ok()) return 1;
    return std::max(1, static_cast<int>((*need - available) / 2));
  }

  // (weekday, interval of the day) of reported interval i.
  std::pair<int, int> WhereIs(int i) const {
    const int64_t k = work_.warmup_intervals() + i;
    return {static_cast<int>((weekday0_ + k / ipd_) % 7),
            static_cast<int>(k % ipd_)};
  }

  // The scheduled group busiest in reported interval i.
  int BusiestIn(const Evaluation& e, int i) const {
    int best = in_.groups.front();
    double best_occ = -1;
    const auto& series = e.result.agent_group_intervals;
    for (int g : in_.groups) {
      double occ = 1;
      if (!series.empty()) {
        const Estimate& v =
            series[g][i].metrics[static_cast<int>(Metric::kOccupancy)];
        if (v.n > 0 && !std::isnan(v.mean)) occ = v.mean;
      }
      if (occ / in_.cost_per_hour[g] > best_occ) {
        best_occ = occ / in_.cost_per_hour[g];
        best = g;
      }
    }
    return best;
  }

  // Raises the requirement by one agent where a goal fails (for a period
  // goal, in the worst tenth of its intervals). False when all goals hold.
  bool Raise(const Evaluation& e) {
    std::vector<int> intervals;
    for (const GoalCheck& c : e.checks) {
      if (c.met) continue;
      if (c.interval >= 0) {
        intervals.push_back(c.interval);
        continue;
      }
      const StaffingGoal& g = (*in_.goals)[c.goal];
      std::vector<std::pair<double, int>> by_value;
      for (size_t i = 0; i < e.result.intervals.size(); ++i) {
        if (c.day > 0 && e.result.intervals[i].day != c.day) continue;
        const Estimate& v =
            e.result.intervals[i].metrics[static_cast<int>(g.metric)];
        if (v.n == 0 || std::isnan(v.mean)) continue;
        by_value.push_back(
            {g.op == GoalOp::kAtLeast ? v.mean : -v.mean, static_cast<int>(i)});
      }
      std::sort(by_value.begin(), by_value.end());
      const size_t take = std::max<size_t>(1, by_value.size() / 10);
      for (size_t k = 0; k < std::min(take, by_value.size()); ++k) {
        intervals.push_back(by_value[k].second);
      }
    }
    std::sort(intervals.begin(), intervals.end());
    intervals.erase(std::unique(intervals.begin(), intervals.end()),
                    intervals.end());
    std::vector<std::vector<int>> raised(work_.agent_groups.size(),
                                         std::vector<int>(7 * ipd_, 0));
    bool any = false;
    for (int i : intervals) {
      const auto [day, slot] = WhereIs(i);
      const int g = BusiestIn(e, i);
      // No shift of the group works then: nothing to raise.
      bool covered = false;
      for (const ShiftSpec& sh : work_.agent_groups[g].shifts) {
        covered = covered || Availability(work_, sh, day, slot) > 0;
      }
      if (!covered) continue;
      // The largest step any day of that weekday asks for.
      int& r = raised[g][day * ipd_ + slot];
      const int step = RepairStep(e, i);
      if (step > r) {
        extra_[g][day * ipd_ + slot] += step - r;
        r = step;
      }
      any = true;
    }
    return any;
  }

  const ScheduleInput& in_;
  Scenario work_;
  const int ipd_;
  int weekday0_ = 0;
  // Agents added to the requirement by the repairs, [group][weekday*ipd+i].
  std::vector<std::vector<int>> extra_;
  std::vector<double> share_;
  struct Template {
    ShiftSpec spec;
    int source = 0;
    int offset_min = 0;
  };
  std::vector<std::vector<Template>> templates_;  // by group
};

}  // namespace

absl::StatusOr<ShiftSchedule> ScheduleShifts(const ScheduleInput& in) {
  if (in.groups.empty()) return ShiftSchedule{};
  Scheduler scheduler(in);
  return scheduler.Run();
}

}  // namespace ccsim::staff
