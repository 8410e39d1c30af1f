// ccsim fit: from the statistics of a call export (call_data.h) and an
// agent export (agent_data.h) to a scenario, its dated tables, and what
// the report shows (include/ccsim/fit.h).
#include "ccsim/fit.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "sim/fit/agent_data.h"
#include "sim/fit/call_data.h"
#include "sim/fit/estimators.h"
#include "sim/fit/fit_entry.h"
#include "sim/fit/fit_tables.h"
#include "sim/fit/hidden_time.h"

namespace ccsim {

namespace {

using fit::DailyProfile;
using fit::DateText;
using fit::DayClass;
using fit::Identifier;
using fit::IntradayProfiles;
using fit::kMsPerDay;
using fit::SlotText;

FittedDuration Describe(const fit::DistributionFit& f,
                        const std::vector<fit::Sample>& samples) {
  FittedDuration out;
  out.fitted = f.events >= 2;
  out.summary = f.summary;
  out.distribution = f.distribution;
  out.n = f.n;
  out.events = f.events;
  out.mean_observed = f.mean_observed;
  for (size_t i = 0; i < f.candidates.size(); ++i) {
    const fit::FamilyFit& c = f.candidates[i];
    out.candidates.push_back({.family = c.family,
                              .params = c.params,
                              .half_widths = c.half_widths,
                              .aic = c.aic,
                              .distance = c.distance,
                              .fits = c.fits,
                              .chosen = static_cast<int>(i) == f.chosen});
  }
  const bool censored = f.events < f.n;
  if (censored) {
    const std::vector<fit::SurvivalPoint> km = fit::KaplanMeier(samples);
    const size_t step = std::max<size_t>(1, km.size() / 400);
    for (size_t i = 0; i < km.size(); i += step) {
      out.kaplan_meier.emplace_back(km[i].t, km[i].survival);
    }
  } else {
    std::vector<double> v;
    for (const fit::Sample& s : samples) v.push_back(s.t);
    std::sort(v.begin(), v.end());
    const size_t step = std::max<size_t>(1, v.size() / 600);
    for (size_t i = 0; i < v.size(); i += step) out.observed.push_back(v[i]);
  }
  return out;
}

FittedDuration FitSamples(const std::vector<fit::Sample>& samples) {
  if (samples.size() < 2) return FittedDuration{};
  return Describe(fit::FitDuration(samples), samples);
}

// The share of attempts ending so that a repeat followed within the
// window, counted over the days whose follow-up lies wholly inside the
// export (the 95th percentile of the observed delays after the day's end),
// and the delays of those days.
double RepeatShare(const fit::RepeatStats& r, int64_t last_ms,
                   int64_t window_ms, std::vector<fit::Sample>* delays,
                   bool* all_days) {
  std::vector<double> d;
  for (const auto& [day, s] : r.delays) d.push_back(s);
  std::sort(d.begin(), d.end());
  const double p95 = d.empty() ? 0 : d[d.size() * 95 / 100];
  const int64_t follow_ms =
      std::min<int64_t>(window_ms, std::llround(p95 * 1000));
  int64_t n = 0, k = 0;
  std::set<int64_t> days;
  for (const auto& [day, counts] : r.by_day) {
    if ((day + 1) * kMsPerDay + follow_ms > last_ms) continue;
    n += counts.first;
    k += counts.second;
    days.insert(day);
  }
  *all_days = false;
  if (n == 0) {  // too short an export: every day, biased low
    *all_days = true;
    for (const auto& [day, counts] : r.by_day) {
      n += counts.first;
      k += counts.second;
      days.insert(day);
    }
  }
  for (const auto& [day, s] : r.delays) {
    if (days.count(day)) delays->push_back({s, true});
  }
  return n > 0 ? static_cast<double>(k) / static_cast<double>(n) : 0;
}

// The agents section of the fitted scenario. A type is answered when a
// group with its skill has agents at some time in the fitted staffing (a
// group seen answering it may still be fitted with none, e.g. when its
// agent log rows are unreadable). In the model a caller answered by a
// group without the skill of the caller's own type is passed on to that
// type's queue; so a type no staffed group answers gives its skill to the
// staffed groups that served its callers in one leg in another type's
// queue, or when none did, to those that answer the other queues its
// callers reach: they are served where they are answered, instead of
// being passed on to a queue nobody answers. `answered` and
// `skilled` (by type) are set after that.
std::string GroupsYaml(const fit::CallData& d,
                       const std::vector<std::string>& type_names,
                       std::vector<std::vector<std::string>> skills_yaml,
                       const std::vector<std::string>& rest, FitResult* r,
                       std::vector<bool>* answered,
                       std::vector<bool>* skilled) {
  const size_t n = type_names.size();
  answered->assign(n, false);
  skilled->assign(n, false);
  for (size_t i = 0; i < d.groups.size(); ++i) {
    for (int t : d.groups[i].skills) {
      (*skilled)[static_cast<size_t>(t)] = true;
      if (r->groups[i].mean_agents > 0) {
        (*answered)[static_cast<size_t>(t)] = true;
      }
    }
  }
  const std::vector<bool> answered_before = *answered;
  const auto give = [&](size_t t, size_t i, const std::string& why) {
    FittedGroup& g = r->groups[i];
    if (std::find(g.skills.begin(), g.skills.end(), type_names[t]) !=
        g.skills.end()) {
      return;
    }
    g.skills.push_back(type_names[t]);
    skills_yaml[i].push_back(type_names[t]);
    (*answered)[t] = (*skilled)[t] = true;
    r->notes.push_back(fmt::format(
        "{}: no staffed group answers its own queue, but {}; {} gets the "
        "skill {} so that the model serves them there (a group without it "
        "would pass them on to a queue nobody answers)",
        type_names[t], why, g.name, type_names[t]));
  };
  for (size_t t = 0; t < n; ++t) {
    if (answered_before[t]) continue;
    // The staffed groups that served its callers in one leg; else those
    // that answer the other queues its callers reach.
    for (size_t i = 0; i < d.groups.size(); ++i) {
      const auto served = d.groups[i].talk.find(static_cast<int>(t));
      if (r->groups[i].mean_agents <= 0 || served == d.groups[i].talk.end()) {
        continue;
      }
      give(t, i,
           fmt::format("group {} served {} of its callers in another type's "
                       "queue",
                       r->groups[i].name, served->second.n));
    }
    if ((*answered)[t]) continue;
    for (const auto& [q, calls] : d.types[t].to_queue) {
      if (!answered_before[static_cast<size_t>(q)]) continue;
      for (size_t i = 0; i < d.groups.size(); ++i) {
        const std::vector<int>& skills = d.groups[i].skills;
        if (r->groups[i].mean_agents <= 0 ||
            std::find(skills.begin(), skills.end(), q) == skills.end()) {
          continue;
        }
        give(t, i,
             fmt::format("its callers reach the queue of {}, which group {} "
                         "answers",
                         type_names[q], r->groups[i].name));
      }
    }
  }
  std::string y;
  for (size_t i = 0; i < d.groups.size(); ++i) {
    y += fmt::format("  - name: {}\n    skills: [{}]\n{}", r->groups[i].name,
                     fmt::join(skills_yaml[i], ", "), rest[i]);
  }
  return y;
}

// The patience line of a fitted type. Every wait in the model must end:
// when its callers can reach a queue no staffed group answers (their own,
// or another the IVR sends them to) and too few abandoned for a fit, the
// patience is exponential with the censored maximum-likelihood mean (the
// waits of all who queued over the abandons), or 0 s when none abandoned.
std::string PatienceYaml(const fit::TypeData& data, const FittedCallType& f,
                         size_t type,
                         const std::vector<std::string>& type_names,
                         const std::vector<bool>& answered, bool skilled,
                         std::vector<std::string>* notes) {
  if (f.patience.fitted) {
    return fmt::format("    patience: {}\n", f.patience.distribution.ToYaml());
  }
  std::string unanswered;  // a queue its callers reach that nobody answers
  for (const auto& [q, n] : data.to_queue) {
    if (!answered[static_cast<size_t>(q)]) unanswered = type_names[q];
  }
  const bool own_answered = answered[type];
  if (own_answered && unanswered.empty()) return "";
  double waited = 0;
  int abandons = 0;
  for (const fit::Sample& w : data.patience) {
    waited += std::max(0.0, w.t);
    abandons += w.event ? 1 : 0;
  }
  if (abandons > 0 && waited > 0) {
    const double mean = waited / abandons;
    notes->push_back(fmt::format(
        "{}: its callers can reach the queue of {}, which no staffed group "
        "answers, and too few abandoned for a fit ({} of {} waits); patience "
        "exponential with the censored maximum-likelihood mean, {:.1f} s",
        f.name, unanswered.empty() ? f.name : unanswered, abandons,
        data.patience.size(), mean));
    return fmt::format("    patience: {{exponential: {{mean: {:.6g}s}}}}\n",
                       mean);
  }
  // Either none reached a queue in the export (all closed, blocked or
  // ended in the IVR), or the groups that answered it are fitted with no
  // agents at any time: any caller who reaches such a queue leaves at once.
  notes->push_back(
      !own_answered && skilled
          ? fmt::format(
                "{}: the groups that answered it are fitted with no agents at "
                "any time and no caller's patience could be fitted; callers "
                "who reach its queue in the model leave at once (patience 0 s)",
                f.name)
      : !own_answered
          ? fmt::format(
                "{}: no call reached a queue in the export (none answered, "
                "none abandoned), so no group answers it; callers who reach "
                "its queue in the model leave at once (patience 0 s)",
                f.name)
          : fmt::format(
                "{}: its callers can reach the queue of {}, which no staffed "
                "group answers, and none abandoned in the export; callers who "
                "reach a queue in the model leave at once (patience 0 s)",
                f.name, unanswered));
  return "    patience: {deterministic: {value: 0s}}\n";
}

}  // namespace

absl::StatusOr<FitResult> FitCallLog(const FitOptions& o) {
  if (o.calls_path.empty() && !o.intervals_path.empty()) {
    return FitIntervalReport(o);
  }
  fit::ReadOptions ro;
  ro.map = o.map;
  absl::StatusOr<fit::TimeFormat> format = fit::ParseTimeFormat(o.time_format);
  if (!format.ok()) return format.status();
  ro.time_format = *format;
  ro.interval = o.interval;
  ro.threshold_s = o.threshold_s;
  ro.keep_waits = !o.agents_path.empty();
  absl::StatusOr<fit::CallData> data = fit::ReadCallData(o.calls_path, ro);
  if (!data.ok()) return data.status();
  std::optional<fit::AgentData> agents;
  if (!o.agents_path.empty()) {
    absl::StatusOr<fit::AgentData> a =
        fit::ReadAgentData(o.agents_path, o.map, *format, o.interval,
                           /*keep_idle=*/true);
    if (!a.ok()) return a.status();
    agents = *std::move(a);
  }
  const fit::CallData& d = *data;
  FitResult r;
  r.rows = d.rows;
  r.used = d.used;
  for (const auto& [reason, e] : d.excluded) {
    r.excluded.emplace_back(reason, e.rows);
    r.excluded_first_row.push_back(e.first_row);
  }
  const int ipd = d.intervals_per_day;
  const int64_t interval_ms = o.interval.ticks() / 1000;
  const int64_t first_day = d.first_arrival_ms / kMsPerDay -
                            (d.first_arrival_ms % kMsPerDay < 0 ? 1 : 0);
  const int64_t last_day = d.last_arrival_ms / kMsPerDay -
                           (d.last_arrival_ms % kMsPerDay < 0 ? 1 : 0);
  r.days = static_cast<int>(last_day - first_day + 1);
  r.first_date = DateText(first_day);
  r.last_date = DateText(last_day);
  if (absl::Status span = fit::CheckSpan(o.calls_path, "the calls span",
                                         first_day, last_day, ipd, o.interval);
      !span.ok()) {
    return span;
  }

  std::set<std::string> names;
  std::vector<std::string> type_names;
  for (const fit::TypeData& t : d.types) {
    type_names.push_back(Identifier(t.name, names));
  }
  // The arrivals table: each date's fresh calls of each type, spread over
  // the intervals by the type's intraday profile.
  std::vector<const std::map<int64_t, std::vector<double>>*> fresh;
  for (const fit::TypeData& t : d.types) fresh.push_back(&t.fresh);
  r.arrivals_csv = fit::ArrivalsCsv(fresh, type_names, first_day, last_day, ipd,
                                    interval_ms);

  // Per call type.
  std::vector<fit::Sample> all_talk;
  for (const fit::TypeData& t : d.types) {
    all_talk.insert(all_talk.end(), t.talk.begin(), t.talk.end());
  }
  bool repeats_biased = false;
  for (size_t i = 0; i < d.types.size(); ++i) {
    const fit::TypeData& t = d.types[i];
    FittedCallType f;
    f.name = type_names[i];
    f.data_name = t.name;
    f.calls = static_cast<double>(t.attempts);
    std::map<int64_t, double> daily;
    for (int64_t day = first_day; day <= last_day; ++day) daily[day] = 0;
    for (const auto& [day, v] : t.fresh) {
      for (double x : v) {
        f.fresh += x;
        daily[day] += x;
      }
    }
    DailyProfile(daily, f);
    if (t.talk.size() >= 2) {
      f.talk = FitSamples(t.talk);
    } else {
      f.talk = FitSamples(all_talk);
      r.notes.push_back(fmt::format(
          "{}: fewer than 2 talk times; the handle time of all calls is used",
          f.name));
    }
    const double answered_with_wrap = static_cast<double>(t.wrap_seen);
    const double answered =
        answered_with_wrap + static_cast<double>(t.wrap_zero);
    f.wrap_share = answered > 0 ? answered_with_wrap / answered : 0;
    if (t.wrap.size() >= 2 && f.wrap_share >= 0.5) f.wrap = FitSamples(t.wrap);
    if (f.wrap.fitted && f.wrap_share < 0.99) {
      r.notes.push_back(fmt::format(
          "{}: {:.1f}% of answered calls have no after-call work; the model "
          "gives every call some (fitted on those that have it)",
          f.name, 100 * (1 - f.wrap_share)));
    }
    f.patience = FitSamples(t.patience);
    f.short_abandons = t.abandoned > 0 ? static_cast<double>(t.short_abandons) /
                                             static_cast<double>(t.abandoned)
                                       : 0;
    if (d.has_caller) {
      std::vector<fit::Sample> redials, returns;
      bool all_days = false;
      const int64_t w = ro.repeat_window_ms;
      f.redial_after_abandon =
          RepeatShare(t.repeats[fit::kAfterAbandon], d.last_arrival_ms, w,
                      &redials, &all_days);
      repeats_biased |= all_days;
      f.redial_after_busy =
          RepeatShare(t.repeats[fit::kAfterBusy], d.last_arrival_ms, w,
                      &redials, &all_days);
      f.redial_after_ivr = RepeatShare(
          t.repeats[fit::kAfterIvr], d.last_arrival_ms, w, &redials, &all_days);
      f.fcr = 1 - RepeatShare(t.repeats[fit::kAfterServed], d.last_arrival_ms,
                              w, &returns, &all_days);
      repeats_biased |= all_days;
      f.redial_delay = FitSamples(redials);
      f.return_delay = FitSamples(returns);
    }
    r.call_types.push_back(std::move(f));
  }
  if (repeats_biased) {
    r.notes.push_back(
        "the export is too short to follow every repeat call to its end: "
        "repeat shares are counted over all days and are biased low");
  }

  // Groups: skills from the calls they answered; staffing from the agent
  // log when given, else from the agents seen answering calls.
  std::string& staffing = r.staffing_csv;
  staffing = "date,time,group,agents\n";
  std::set<std::string> group_names;
  if (d.groups.empty()) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: no answered call names an agent group or agent, so staffing "
        "cannot be estimated (add a 'group' and 'agent' column, or map "
        "yours with --map COLUMN=group)",
        o.calls_path));
  }
  if (!d.has_agents && !agents.has_value()) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: no 'agent' column and no agent log (--agents): staffing cannot "
        "be estimated",
        o.calls_path));
  }
  // Per group: its skills' YAML and the rest of its entry after them.
  std::vector<std::vector<std::string>> group_skills_yaml;
  std::vector<std::string> group_rest_yaml;
  for (const fit::GroupData& g : d.groups) {
    FittedGroup fg;
    fg.name = Identifier(g.name, group_names);
    std::vector<std::string> skills_yaml;
    std::vector<std::pair<int, int64_t>> skill_after;  // (queue, delay ms)
    for (int t : g.skills) {
      fg.skills.push_back(type_names[t]);
      skill_after.emplace_back(t, 0);
      // A queue the group never answers before a call has waited a while
      // (at least 20 answers, none sooner than 5 s) is an overflow skill:
      // taken after that wait, after the group's own queues.
      const fit::GroupData::Answers& a = g.answers.at(t);
      if (a.n >= 20 && a.no_wait == 0 && a.min_wait >= 5) {
        skills_yaml.push_back(
            fmt::format("{{skill: {}, priority: 2, after: {}s}}", type_names[t],
                        std::floor(a.min_wait)));
        skill_after.back().second =
            static_cast<int64_t>(std::floor(a.min_wait)) * 1000;
        r.notes.push_back(fmt::format(
            "group {} answers {} only after {:.0f} s of waiting ({} calls): "
            "an overflow skill with priority 2",
            fg.name, type_names[t], std::floor(a.min_wait), a.n));
      } else {
        skills_yaml.push_back(type_names[t]);
      }
    }
    const fit::AgentGroupData* from_log = nullptr;
    if (agents.has_value()) {
      for (const fit::AgentGroupData& a : agents->groups) {
        if (a.name == g.name) from_log = &a;
      }
    }
    fg.from_agent_log = from_log != nullptr;
    if (agents.has_value() && from_log == nullptr) {
      r.notes.push_back(fmt::format(
          "group {}: not in the agent log; staffing from the agents seen "
          "answering calls",
          fg.name));
    }
    // A group whose talk times differ from the other groups' for a call
    // type (by at least 5% and by more than three standard errors, with at
    // least 100 calls) gets a handle-time factor for it.
    std::vector<std::string> factors;
    for (const auto& [type, k] : g.talk) {
      if (k.n < 100) continue;
      double n_all = 0, sum_all = 0;
      for (const fit::GroupData& other : d.groups) {
        const auto it = other.talk.find(type);
        if (it == other.talk.end()) continue;
        n_all += static_cast<double>(it->second.n);
        sum_all += it->second.sum;
      }
      const double n = static_cast<double>(k.n);
      const double mean = k.sum / n, mean_all = sum_all / n_all;
      const double var = std::max(0.0, k.sum_sq / n - mean * mean);
      const double se = std::sqrt(var / n) / mean_all;
      const double ratio = mean / mean_all;
      if (n_all > n && std::abs(ratio - 1) >= 0.05 &&
          std::abs(ratio - 1) > 3 * se) {
        factors.push_back(fmt::format("{}: {:.3f}", type_names[type], ratio));
        fg.handle_factors.emplace_back(type_names[type], ratio);
      }
    }
    // Agents idle while callers they serve waited were not available: the
    // share of such time, applied to all logged-in time (capped by the
    // idle time of each interval), is taken out of the staffing.
    if (from_log != nullptr) {
      const fit::WhileWaiting w = fit::IdleWhileCallersWaited(
          d, *agents, static_cast<int>(from_log - agents->groups.data()),
          skill_after);
      fg.unlabelled_share = w.share();
      if (w.idle_s > 0) {
        r.notes.push_back(fmt::format(
            "group {}: while callers it serves waited, its agents were idle "
            "{:.2f}% of their logged-in time ({:.1f} agent hours): that share "
            "of all logged-in time is taken out of the staffing as "
            "unavailable time the log does not label",
            fg.name, 100 * w.share(), w.idle_s / 3600));
      }
    }
    double sum = 0;
    int n = 0;
    for (int64_t day = first_day; day <= last_day; ++day) {
      for (int slot = 0; slot < ipd; ++slot) {
        double x = 0;
        if (from_log != nullptr) {
          const auto it = from_log->available_s.find(day);
          if (it != from_log->available_s.end()) {
            double seconds = it->second[slot];
            if (fg.unlabelled_share > 0) {
              // Capped by the interval's idle time.
              const double logged = from_log->logged_in_s.at(day)[slot];
              const auto b = from_log->busy_s.find(day);
              const double busy =
                  b == from_log->busy_s.end() ? 0 : b->second[slot];
              seconds -= std::min(fg.unlabelled_share * logged,
                                  std::max(0.0, seconds - busy));
            }
            x = seconds / (static_cast<double>(interval_ms) / 1000);
          }
        } else {
          const auto it = g.agents_seen.find(day);
          if (it != g.agents_seen.end()) x = it->second[slot];
        }
        x = std::round(x * 1000) / 1000;
        if (x > 0) {
          sum += x;
          ++n;
        }
        staffing += fmt::format("{},{},{},{}\n", DateText(day),
                                SlotText(slot, interval_ms), fg.name, x);
      }
    }
    fg.mean_agents = n > 0 ? sum / n : 0;
    group_skills_yaml.push_back(std::move(skills_yaml));
    group_rest_yaml.push_back(
        fmt::format("    staffing: {{table: {}}}\n",
                    fit::YamlQuoted(o.table_prefix + "staffing.csv")));
    if (!factors.empty()) {
      group_rest_yaml.back() += fmt::format("    handle_time_factor: {{{}}}\n",
                                            fmt::join(factors, ", "));
    }
    if (from_log != nullptr && from_log->staffed_s > 0) {
      fg.break_share = from_log->break_s / from_log->staffed_s;
      fg.aux_share = from_log->aux_s / from_log->staffed_s;
    }
    r.groups.push_back(std::move(fg));
  }
  if (agents.has_value()) {
    for (const fit::AgentGroupData& a : agents->groups) {
      const bool used = std::any_of(
          d.groups.begin(), d.groups.end(),
          [&](const fit::GroupData& g) { return g.name == a.name; });
      if (!used) {
        r.notes.push_back(fmt::format(
            "agent log group '{}' answered no call in the export and is left "
            "out",
            a.name));
      }
    }
  } else {
    r.notes.push_back(
        "no agent log: staffing is the number of distinct agents seen "
        "answering calls in each interval, which misses agents who were "
        "logged in but took no call there (biased low in quiet intervals)");
  }

  // The scenario.
  std::string name = o.name;
  if (name.empty()) {
    name = "fitted-" + std::filesystem::path(o.calls_path).stem().string();
  }
  std::set<std::string> scenario_name;
  name = Identifier(name, scenario_name);
  std::string y;
  y += fmt::format(
      "# Fitted by ccsim fit from {} ({} of {} rows used){}.\n"
      "# Dates {} to {}; see the fit report for every estimate and its fit.\n",
      o.calls_path, d.used, d.rows,
      agents.has_value() ? fmt::format(" and {}", o.agents_path) : "",
      r.first_date, r.last_date);
  y += fmt::format("name: {}\nhorizon: {}d\ninterval: {}\nreplications: 10\n",
                   name, r.days, FormatDuration(o.interval));
  const std::string hours = fit::OpeningHoursYaml(d, o.interval, &r.notes);
  y += fmt::format("calendar: {{start_date: {}{}}}\n", r.first_date,
                   hours.empty() ? "" : ", " + hours);
  y += fmt::format("service_level: {{threshold: {}s}}\n", o.threshold_s);
  std::vector<bool> answered_type(r.call_types.size(), false);
  std::vector<bool> skilled_type(r.call_types.size(), false);
  const std::string groups_yaml =
      GroupsYaml(d, type_names, std::move(group_skills_yaml), group_rest_yaml,
                 &r, &answered_type, &skilled_type);
  y += "call_types:\n";
  for (const FittedCallType& f : r.call_types) {
    y += fmt::format("  - name: {}\n", f.name);
    y += fmt::format(
        "    # fresh calls {:.0f} of {:.0f}; weekday profile [{:.2f}]; "
        "daily_cv {:.3f}\n",
        f.fresh, f.calls, fmt::join(f.weekday_factor, ", "), f.daily_cv);
    y += fmt::format("    arrivals: {{table: {}}}\n",
                     fit::YamlQuoted(o.table_prefix + "arrivals.csv"));
    y += fmt::format("    handle_time: {}\n", f.talk.distribution.ToYaml());
    const size_t t = static_cast<size_t>(&f - r.call_types.data());
    y += PatienceYaml(d.types[t], f, t, type_names, answered_type,
                      skilled_type[t], &r.notes);
    if (f.wrap.fitted) {
      y += fmt::format("    wrap_up: {}\n", f.wrap.distribution.ToYaml());
    }
    if (f.fcr < 1 && f.return_delay.fitted) {
      y += fmt::format("    fcr: {:.4f}\n    return_delay: {}\n", f.fcr,
                       f.return_delay.distribution.ToYaml());
    }
    const bool redials = f.redial_after_abandon > 0 ||
                         f.redial_after_busy > 0 || f.redial_after_ivr > 0;
    if (redials && f.redial_delay.fitted) {
      y += fmt::format(
          "    redial: {{after_abandon: {:.4f}, after_busy: {:.4f}, "
          "after_ivr: {:.4f}, delay: {}}}\n",
          f.redial_after_abandon, f.redial_after_busy, f.redial_after_ivr,
          f.redial_delay.distribution.ToYaml());
    }
  }
  y += fit::IvrYaml(d, type_names, &r.call_types, &r.notes);
  if (d.blocked > 0) {
    r.notes.push_back(fmt::format(
        "{} calls heard a busy signal; trunk lines are not fitted (set "
        "trunk_lines by hand)",
        d.blocked));
  }
  y += "agents:\n" + groups_yaml;
  r.yaml = std::move(y);
  return r;
}

}  // namespace ccsim
