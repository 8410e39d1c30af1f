// What `ccsim fit` and `ccsim backtest` learn from a call export, read in
// one streaming pass (bounded memory: counts per interval, and at most
// ReadOptions::max_samples durations per quantity, a uniform sample of
// the rest kept by reservoir sampling with a fixed seed).
//
// The export has one row per call attempt; its columns are found by the
// field names of docs/call-logs.md (arrival, call_type, caller, queued,
// answered, abandoned, group, agent, talk_end, wrap_end, legs, left,
// outcome, ivr_exit, ...) or through a map from the file's own column
// names. Durations may be given instead of end times (talk_s, wrap_s).
// Only `arrival` is required; what can be fitted depends on what is there.
//
// Rows that contradict themselves (answered before queued, a talk ending
// before its answer, ...) are left out and counted by reason; a value that
// cannot be read at all (a timestamp in another format, an unknown
// outcome) is an error naming the row and column.
#ifndef CCSIM_SIM_FIT_CALL_DATA_H_
#define CCSIM_SIM_FIT_CALL_DATA_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/call_log.h"
#include "ccsim/time.h"
#include "sim/fit/estimators.h"
#include "sim/io/timestamp.h"

namespace ccsim::fit {

using io::kMsPerDay;
using io::ParseTimeFormat;
using io::ParseTimestamp;
using io::TimeFormat;

// The fields a call export may have.
inline constexpr std::array<std::string_view, 17> kCallFields = {
    "arrival",   "call_type", "caller", "queue",    "queued",   "answered",
    "abandoned", "group",     "agent",  "talk_end", "wrap_end", "legs",
    "left",      "outcome",   "talk_s", "wrap_s",   "ivr_exit"};

struct ReadOptions {
  // File column -> field (kCallFields), for exports with other names.
  std::vector<std::pair<std::string, std::string>> map;
  TimeFormat time_format = TimeFormat::kAuto;
  Time interval = Time::Minutes(30);
  // A caller's next call within this time of the last one's end is a
  // repeat (a redial after a failure, or a return after a served call).
  int64_t repeat_window_ms = 7 * kMsPerDay;
  double threshold_s = 20;       // service-level threshold, observed figures
  double short_abandon_s = 5;    // abandons this short are counted apart
  size_t max_samples = 200'000;  // per fitted quantity
  // Keep every first call's arrival time and talk time (TypeData::trace),
  // for a trace-driven back-test: 12 bytes a call.
  bool keep_trace = false;
  // Keep every offered call's wait (CallData::waits), to find agents who
  // sat idle while callers waited: 24 bytes a call.
  bool keep_waits = false;
};

// Counts of one interval as the export shows them.
struct ObservedInterval {
  double calls = 0;    // attempts
  double fresh = 0;    // attempts that are not repeats
  double offered = 0;  // reached a queue
  double answered = 0;
  double abandoned = 0;
  double within = 0;  // answered within the threshold
  double wait_answered_s = 0;
  double busy_s = 0;  // talk + wrap of the calls answered in it
};

// Repeat calls after one kind of attempt ending.
enum RepeatKind { kAfterAbandon, kAfterBusy, kAfterIvr, kAfterServed, kKinds };

struct RepeatStats {
  // By the day (since the epoch) the earlier attempt ended: attempts that
  // ended so, and those followed by a repeat within the window.
  std::map<int64_t, std::pair<int64_t, int64_t>> by_day;
  // (day the earlier attempt ended, delay in seconds), sampled.
  std::vector<std::pair<int64_t, double>> delays;
  int64_t delays_seen = 0;
};

struct TypeData {
  std::string name;
  // Fresh attempts (not repeats) by day since the epoch and interval.
  std::map<int64_t, std::vector<double>> fresh;
  std::vector<Sample> talk, wrap, patience;  // sampled
  int64_t talk_seen = 0, wrap_seen = 0, patience_seen = 0;
  int64_t wrap_zero = 0;  // answered calls without after-call work
  int64_t attempts = 0, offered = 0, answered = 0, abandoned = 0;
  int64_t short_abandons = 0, multi_leg = 0;
  std::array<RepeatStats, kKinds> repeats;
  // The entry and the IVR, for attempts let in (not closed, not blocked):
  // how they ended (by CallOutcome), the queues (call types) those who
  // asked for an agent reached, and the time they spent in the IVR.
  int64_t let_in = 0;
  std::array<int64_t, ccsim::kCallOutcomeNames.size()> ended{};
  std::map<int, int64_t> to_queue;
  std::vector<Sample> ivr_to_queue, ivr_hang_up, ivr_contained;
  int64_t ivr_to_queue_seen = 0, ivr_hang_up_seen = 0, ivr_contained_seen = 0;
  // The first agent's talk of calls answered in another type's queue
  // and passed on (misrouted or pressed 0).
  std::vector<Sample> misroute_talk;
  int64_t misroute_talk_seen = 0;
  // With ReadOptions::keep_trace: each first call's arrival (ms since the
  // epoch) and talk time (seconds; NaN when not answered by one agent).
  std::vector<std::pair<int64_t, float>> trace;
};

struct GroupData {
  std::string name;
  std::vector<int> skills;  // call types (queues) it answered
  // By queue: calls it answered, of them with no wait, and the shortest
  // wait (seconds) of those it answered (an overflow delay shows as a
  // floor under the waits).
  struct Answers {
    int64_t n = 0, no_wait = 0;
    double min_wait = 0;
  };
  std::map<int, Answers> answers;
  // Talk times of the single-agent calls it answered, by the caller's type.
  struct Talk {
    int64_t n = 0;
    double sum = 0, sum_sq = 0;
  };
  std::map<int, Talk> talk;
  // Distinct agents seen working, by day and interval.
  std::map<int64_t, std::vector<double>> agents_seen;
};

struct Exclusion {
  int64_t rows = 0;
  int64_t first_row = 0;
};

struct CallData {
  std::string path;
  int intervals_per_day = 48;
  std::vector<TypeData> types;
  std::vector<GroupData> groups;
  std::map<int64_t, std::vector<ObservedInterval>> observed;  // all types
  int64_t rows = 0, used = 0;
  std::map<std::string, Exclusion> excluded;  // by reason
  int64_t first_arrival_ms = 0, last_arrival_ms = 0;
  bool has_caller = false, has_queue_times = false, has_talk = false,
       has_agents = false;
  int64_t caller_overlaps = 0;  // a caller's call before the last ended
  // The export shows an IVR (exit times, or calls ending in it).
  bool has_ivr = false;
  int64_t closed = 0, blocked = 0;
  // By weekday (0 = Monday): the earliest and latest time of day (ms) a
  // call was let in; -1 when none was.
  std::array<int64_t, 7> earliest_let_in, latest_let_in;
  // With ReadOptions::keep_waits: (queue, queued, answered or abandoned),
  // ms since the epoch.
  struct Wait {
    int queue;
    int64_t from, to;
  };
  std::vector<Wait> waits;
};

absl::StatusOr<CallData> ReadCallData(const std::string& path,
                                      const ReadOptions& options);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_CALL_DATA_H_
