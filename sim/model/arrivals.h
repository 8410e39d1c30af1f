// Arrivals: the first calls of callers, from two sources.
//
// * Regular arrivals per call type: a non-homogeneous Poisson process whose
//   rate per interval of the day is scaled by a factor per simulated day
//   (weekday, day of month and month profiles, times a gamma-distributed
//   busyness factor with the type's daily_cv); or, for a type with a
//   trace, exactly the traced arrival times (and talk times, if traced).
// * Incidents: an extra wave of calls of one type, constant or decaying
//   with a half-life, for a stated duration.
//
// Handles kArrival (entity: call type) and kIncidentArrival (entity:
// incident); each arrival schedules the next one of its source, then gives
// the new caller to Entry::NewAttempt.
//
// Streams: per call type kArrivals (arrival times), kBusyness (day factors)
// and kCallerSeeds (a seed for each new caller); per incident kIncident and
// kIncidentCallers. Invariant: at most one pending arrival per source.
#ifndef CCSIM_SIM_MODEL_ARRIVALS_H_
#define CCSIM_SIM_MODEL_ARRIVALS_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Callers;
class Entry;

class Arrivals {
 public:
  Arrivals(Context& ctx, Callers& callers, Entry& entry);

  // Schedules the first arrival of every source.
  void Start();

  void OnArrival(uint32_t type);
  void OnIncidentArrival(uint32_t incident);

 private:
  struct TypeState {
    Rng arrivals, caller_seeds;
    std::vector<double> day_factor;  // by simulated day
    bool has_arrivals = false;       // some interval of the day has a rate
    bool has_day_factors = false;    // some day_factor differs from 1
    size_t next_traced = 0;          // index of the next traced arrival
  };
  struct IncidentState {
    Rng arrivals, caller_seeds;
    double mass = 0;  // integrated rate so far, in expected calls
  };

  void ScheduleNextArrival(uint32_t type, Time from);
  void ScheduleIncidentArrival(uint32_t incident);

  Context& ctx_;
  Callers& callers_;
  Entry& entry_;
  std::vector<TypeState> types_;
  std::vector<IncidentState> incidents_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_ARRIVALS_H_
