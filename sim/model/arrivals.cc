#include "sim/model/arrivals.h"

#include <algorithm>
#include <cmath>

#include "sim/model/callers.h"
#include "sim/model/entry.h"

namespace ccsim::model {

Arrivals::Arrivals(Context& ctx, Callers& callers, Entry& entry)
    : ctx_(ctx), callers_(callers), entry_(entry) {
  const Scenario& s = ctx.s;
  const uint64_t seed = ctx.seed, rep = ctx.replication;
  const Date day0 = s.calendar.start_date.plus_days(-ctx.DayOf(ctx.warmup));
  types_.reserve(s.call_types.size());
  for (const CallTypeSpec& t : s.call_types) {
    const uint64_t key = StableHash(t.name);
    types_.push_back(TypeState{
        .arrivals = Rng::ForStream(seed, rep, Stream::kArrivals, key),
        .caller_seeds = Rng::ForStream(seed, rep, Stream::kCallerSeeds, key),
        .day_factor = {},
        .has_arrivals =
            !t.trace_arrivals.empty() ||
            std::any_of(t.rate_per_s.begin(), t.rate_per_s.end(),
                        [](double r) { return r > 0; }) ||
            std::any_of(t.dated_rate_per_s.begin(), t.dated_rate_per_s.end(),
                        [](double r) { return r > 0; }),
    });
    TypeState& ts = types_.back();
    Rng busyness = Rng::ForStream(seed, rep, Stream::kBusyness, key);
    const Distribution gamma =
        Distribution::Gamma(1.0, t.daily_cv > 0 ? t.daily_cv : 1.0);
    ts.day_factor.resize(ctx.days);
    for (int64_t d = 0; d < ctx.days; ++d) {
      const Date date = day0.plus_days(d);
      double f = t.weekday_factor[date.weekday()] *
                 t.day_of_month_factor[date.day - 1] *
                 t.month_factor[date.month - 1];
      if (t.daily_cv > 0) f *= gamma.Sample(busyness);
      ts.day_factor[d] = f;
      if (f != 1.0) ts.has_day_factors = true;
    }
  }
  incidents_.reserve(s.incidents.size());
  for (const IncidentSpec& inc : s.incidents) {
    const uint64_t key = StableHash(inc.name);
    incidents_.push_back(IncidentState{
        .arrivals = Rng::ForStream(seed, rep, Stream::kIncident, key),
        .caller_seeds =
            Rng::ForStream(seed, rep, Stream::kIncidentCallers, key),
        .mass = 0});
  }
}

void Arrivals::Start() {
  for (uint32_t t = 0; t < types_.size(); ++t) {
    ScheduleNextArrival(t, Time::Zero());
  }
  for (uint32_t i = 0; i < incidents_.size(); ++i) ScheduleIncidentArrival(i);
}

// Non-homogeneous Poisson arrivals by inversion of the integrated rate: a
// unit-rate exponential is spent across the piecewise-constant intervals.
void Arrivals::ScheduleNextArrival(uint32_t type, Time from) {
  TypeState& ts = types_[type];
  const std::vector<Time>& trace = ctx_.s.call_types[type].trace_arrivals;
  if (!trace.empty()) {
    (void)from;
    if (ts.next_traced < trace.size() && trace[ts.next_traced] < ctx_.end) {
      ctx_.sim.Schedule(trace[ts.next_traced], kArrival, type);
    }
    return;
  }
  if (!ts.has_arrivals) return;
  const CallTypeSpec& spec = ctx_.s.call_types[type];
  const std::vector<double>& rate = spec.rate_per_s;
  const std::vector<double>& dated = spec.dated_rate_per_s;
  const Time interval = ctx_.interval, end = ctx_.end;
  double need = ts.arrivals.Exponential(1.0);
  Time t = from;
  for (;;) {
    if (t >= end) return;
    const int64_t k = t / interval;
    const Time boundary = interval * (k + 1);
    double r = dated.empty() ? rate[k % ctx_.intervals_per_day] : dated[k];
    if (ts.has_day_factors) r *= ts.day_factor[k / ctx_.intervals_per_day];
    const double available = r * (boundary - t).seconds();
    if (r > 0 && need <= available) {
      t = t + Time::Seconds(need / r);
      break;
    }
    need -= available;
    t = boundary;
  }
  if (t >= end) return;
  ctx_.sim.Schedule(t, kArrival, type);
}

// An incident's calls: a Poisson process whose integrated rate over the
// first s seconds is N s / D (constant) or A (1 - e^{-lambda s}) with
// A = N / (1 - e^{-lambda D}) (exponential decay), inverted exactly.
void Arrivals::ScheduleIncidentArrival(uint32_t incident) {
  const IncidentSpec& spec = ctx_.s.incidents[incident];
  IncidentState& st = incidents_[incident];
  const double n = spec.extra_calls;
  const double d = spec.duration.seconds();
  if (n <= 0 || d <= 0) return;
  const double target = st.mass + st.arrivals.Exponential(1.0);
  if (target >= n) return;
  st.mass = target;
  double s;
  if (spec.half_life.is_infinite()) {
    s = target / n * d;
  } else {
    const double lambda = std::log(2.0) / spec.half_life.seconds();
    const double a = n / -std::expm1(-lambda * d);
    s = -std::log1p(-target / a) / lambda;
  }
  const Time t = spec.start + Time::Seconds(std::min(s, d));
  if (t >= ctx_.end || t < ctx_.now()) return;
  ctx_.sim.Schedule(t, kIncidentArrival, incident);
}

void Arrivals::OnArrival(uint32_t type) {
  TypeState& ts = types_[type];
  const CallTypeSpec& spec = ctx_.s.call_types[type];
  Time talk = Time::Infinite();
  if (!spec.trace_arrivals.empty()) {
    if (ts.next_traced < spec.trace_talk.size()) {
      talk = spec.trace_talk[ts.next_traced];
    }
    ++ts.next_traced;
  }
  ScheduleNextArrival(type, ctx_.now());
  const uint32_t caller =
      ctx_.use_callers ? callers_.New(type, ts.caller_seeds.Next()) : kNone;
  entry_.NewAttempt(type, caller, /*from_type_streams=*/true, talk);
}

void Arrivals::OnIncidentArrival(uint32_t incident) {
  ScheduleIncidentArrival(incident);
  const uint32_t type =
      static_cast<uint32_t>(ctx_.s.incidents[incident].call_type);
  entry_.NewAttempt(
      type, callers_.New(type, incidents_[incident].caller_seeds.Next()),
      /*from_type_streams=*/false);
}

}  // namespace ccsim::model
