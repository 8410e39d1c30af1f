#include "sim/fit/fit_entry.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ccsim/call_log.h"
#include "fmt/format.h"
#include "sim/fit/estimators.h"

namespace ccsim::fit {

namespace {

std::string TimeOfDay(int64_t ms) {
  const int64_t m = ms / 60000;
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string Share(double v) { return fmt::format("{:.5g}", v); }

}  // namespace

std::string OpeningHoursYaml(const CallData& d, Time interval,
                             std::vector<std::string>* notes) {
  if (d.closed == 0) return "";
  static constexpr const char* kDays[] = {"monday",   "tuesday", "wednesday",
                                          "thursday", "friday",  "saturday",
                                          "sunday"};
  const int64_t step = interval.ticks() / 1000;
  std::string out = "opening_hours: {";
  for (int wd = 0; wd < 7; ++wd) {
    if (wd > 0) out += ", ";
    const int64_t first = d.earliest_let_in[static_cast<size_t>(wd)];
    const int64_t last = d.latest_let_in[static_cast<size_t>(wd)];
    if (first < 0) {
      out += fmt::format("{}: closed", kDays[wd]);
      continue;
    }
    // From the interval of the first call let in to the end of the last's.
    const int64_t open = first / step * step;
    const int64_t close =
        std::min<int64_t>((last / step + 1) * step, kMsPerDay);
    out += fmt::format("{}: \"{}-{}\"", kDays[wd], TimeOfDay(open),
                       close == kMsPerDay ? "24:00" : TimeOfDay(close));
  }
  notes->push_back(
      "opening hours: from the interval of the earliest call let in to the "
      "end of the latest one's, per weekday (the export has calls that "
      "arrived while closed)");
  return out + "}";
}

std::string IvrYaml(const CallData& d, const std::vector<std::string>& names,
                    std::vector<FittedCallType>* types,
                    std::vector<std::string>* notes) {
  if (!d.has_ivr) return "";
  // The greeting: the shortest time any caller spent before leaving the
  // IVR for a queue (everyone hears it; the rest of each caller's time is
  // the menus, fitted per call type below).
  double greeting = std::numeric_limits<double>::infinity();
  for (const TypeData& t : d.types) {
    for (const Sample& s : t.ivr_to_queue) greeting = std::min(greeting, s.t);
  }
  if (!std::isfinite(greeting)) greeting = 0;
  greeting = std::floor(greeting * 10) / 10;

  std::string options, announcements;
  std::vector<Sample> misroute;
  for (size_t i = 0; i < d.types.size(); ++i) {
    const TypeData& t = d.types[i];
    FittedCallType& f = (*types)[i];
    misroute.insert(misroute.end(), t.misroute_talk.begin(),
                    t.misroute_talk.end());
    const double n = static_cast<double>(t.let_in);
    auto ended = [&](CallOutcome o) {
      return n > 0 ? static_cast<double>(t.ended[static_cast<size_t>(o)]) / n
                   : 0.0;
    };
    f.ivr_hang_up = ended(CallOutcome::kIvrHangUp);
    f.ivr_contained = ended(CallOutcome::kContained);
    f.ivr_informed = ended(CallOutcome::kInformed);
    f.ivr_transferred_out = ended(CallOutcome::kTransferredOut);
    double to_queue = 0;
    for (const auto& [q, k] : t.to_queue) to_queue += static_cast<double>(k);
    f.ivr_to_queue = n > 0 ? to_queue / n : 0;
    // Time in the IVR beyond the greeting, per way out.
    auto beyond = [&](const std::vector<Sample>& v) {
      std::vector<Sample> out;
      for (const Sample& s : v)
        out.push_back({std::max(s.t - greeting, 0.0), true});
      return out;
    };
    auto duration = [&](const std::vector<Sample>& v, FittedDuration* keep) {
      const std::vector<Sample> b = beyond(v);
      if (b.size() < 2) return std::string("{deterministic: {value: 0s}}");
      const DistributionFit fit = FitDuration(b);
      if (keep != nullptr) {
        keep->fitted = true;
        keep->summary = fit.summary;
        keep->distribution = fit.distribution;
        keep->n = fit.n;
        keep->events = fit.events;
        keep->mean_observed = fit.mean_observed;
      }
      return fit.distribution.ToYaml();
    };
    const std::string& name = names[i];
    if (n == 0 || to_queue + n * (f.ivr_hang_up + f.ivr_contained +
                                  f.ivr_transferred_out) <=
                      0) {
      // No call of this type went through the IVR (a queue only reached
      // by others): it is routed to its own queue.
      options += fmt::format(
          "      - {{name: {}-agent, choose: {{{}: 1}}, queue: {}}}\n", name,
          name, name);
      continue;
    }
    const std::string to_agent_time = duration(t.ivr_to_queue, &f.ivr_time);
    for (const auto& [q, k] : t.to_queue) {
      options += fmt::format(
          "      - {{name: {}-to-{}, choose: {{{}: {}}}, self_service: "
          "{{duration: {}, resolve: 0, to_agent: 1, queue: {}}}}}\n",
          name, names[static_cast<size_t>(q)], name,
          Share(static_cast<double>(k) / n), to_agent_time,
          names[static_cast<size_t>(q)]);
    }
    if (f.ivr_hang_up > 0) {
      options += fmt::format(
          "      - {{name: {}-hang-up, choose: {{{}: {}}}, self_service: "
          "{{duration: {}, resolve: 0, to_agent: 0}}}}\n",
          name, name, Share(f.ivr_hang_up), duration(t.ivr_hang_up, nullptr));
    }
    if (f.ivr_contained > 0) {
      options += fmt::format(
          "      - {{name: {}-self-service, choose: {{{}: {}}}, "
          "self_service: {{duration: {}, resolve: 1, to_agent: 0}}}}\n",
          name, name, Share(f.ivr_contained),
          duration(t.ivr_contained, nullptr));
    }
    if (f.ivr_transferred_out > 0) {
      options += fmt::format(
          "      - {{name: {}-elsewhere, choose: {{{}: {}}}, transfer_out: "
          "true}}\n",
          name, name, Share(f.ivr_transferred_out));
    }
    if (f.ivr_informed > 0) {
      announcements += fmt::format(
          "    - {{name: {}-informed, duration: 0s, call_types: [{}], "
          "informed: {}}}\n",
          name, name, Share(f.ivr_informed));
    }
  }
  std::string out = fmt::format("ivr:\n  greeting: {:.1f}s\n", greeting);
  if (misroute.size() >= 2) {
    out += fmt::format("  misroute_handle_time: {}\n",
                       FitDuration(misroute).distribution.ToYaml());
  }
  if (!announcements.empty()) out += "  announcements:\n" + announcements;
  out += "  menu:\n    prompt: 0s\n    hang_up: 0\n    options:\n" + options;
  notes->push_back(fmt::format(
      "IVR: a greeting of {:.1f} s (the shortest time to a queue), then one "
      "step per call type and way out with the shares and times the export "
      "shows; the menu tree itself is not recovered",
      greeting));
  return out;
}

}  // namespace ccsim::fit
