#include "sim/fit/call_data.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "ccsim/call_log.h"
#include "ccsim/random.h"
#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "sim/io/csv_reader.h"
#include "sim/io/text.h"

namespace ccsim::fit {

namespace {

enum Field {
  kArrival,
  kCallType,
  kCaller,
  kQueue,
  kQueued,
  kAnswered,
  kAbandoned,
  kGroup,
  kAgent,
  kTalkEnd,
  kWrapEnd,
  kLegs,
  kLeft,
  kOutcome,
  kTalkS,
  kWrapS,
  kIvrExit,
  kNumFields
};
static_assert(kNumFields == kCallFields.size());

constexpr int64_t kNone = INT64_MIN;

template <class T>
void Keep(std::vector<T>& v, int64_t& seen, const T& x, size_t cap, Rng& rng) {
  ++seen;
  if (v.size() < cap) {
    v.push_back(x);
  } else {
    const uint64_t j = rng.Next() % static_cast<uint64_t>(seen);
    if (j < cap) v[j] = x;
  }
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Previous {
  int64_t left_ms;
  int type;
  RepeatKind kind;
};

class Reader {
 public:
  Reader(io::CsvReader& csv, const ReadOptions& o, CallData& out)
      : csv_(csv), o_(o), out_(out), rng_(0x5eed) {
    interval_ms_ = o.interval.ticks() / 1000;
    out_.intervals_per_day = static_cast<int>(kMsPerDay / interval_ms_);
  }

  absl::Status Columns() {
    col_.fill(-1);
    std::vector<bool> mapped(csv_.header().size(), false);
    for (const auto& [column, field] : o_.map) {
      const auto it = std::find(kCallFields.begin(), kCallFields.end(), field);
      if (it == kCallFields.end()) {
        return absl::InvalidArgumentError(fmt::format(
            "--map {}={}: unknown field '{}'; expected one of: {}", column,
            field, io::Printable(field), fmt::join(kCallFields, ", ")));
      }
      const int c = csv_.Column(column);
      if (c < 0) {
        return absl::InvalidArgumentError(fmt::format(
            "--map {}={}: {} has no column '{}'; its columns are: {}", column,
            field, csv_.path(), io::Printable(column),
            io::Escaped(fmt::format("{}", fmt::join(csv_.header(), ", ")),
                        400)));
      }
      col_[it - kCallFields.begin()] = c;
      mapped[c] = true;
    }
    for (int f = 0; f < kNumFields; ++f) {
      if (col_[f] >= 0) continue;
      const int c = csv_.Column(kCallFields[f]);
      if (c >= 0 && !mapped[c]) col_[f] = c;
    }
    if (col_[kArrival] < 0) {
      return csv_.RowError(
          "expected a column 'arrival' (the time each call arrived; name "
          "another column with --map COLUMN=arrival)");
    }
    out_.has_caller = col_[kCaller] >= 0;
    out_.has_queue_times =
        col_[kAnswered] >= 0 && (col_[kAbandoned] >= 0 || col_[kOutcome] >= 0);
    out_.has_talk =
        col_[kAnswered] >= 0 && (col_[kTalkEnd] >= 0 || col_[kTalkS] >= 0);
    out_.has_agents = col_[kGroup] >= 0 || col_[kAgent] >= 0;
    return absl::OkStatus();
  }

  absl::Status Row() {
    ++out_.rows;
    absl::StatusOr<int64_t> arrival = Stamp(kArrival);
    if (!arrival.ok()) return arrival.status();
    if (*arrival == kNone) return Exclude("no arrival time");
    absl::StatusOr<int64_t> queued = Stamp(kQueued);
    absl::StatusOr<int64_t> answered = Stamp(kAnswered);
    absl::StatusOr<int64_t> abandoned = Stamp(kAbandoned);
    absl::StatusOr<int64_t> talk_end = Stamp(kTalkEnd);
    absl::StatusOr<int64_t> wrap_end = Stamp(kWrapEnd);
    absl::StatusOr<int64_t> left = Stamp(kLeft);
    absl::StatusOr<int64_t> ivr_exit = Stamp(kIvrExit);
    for (const auto* t : {&queued, &answered, &abandoned, &talk_end, &wrap_end,
                          &left, &ivr_exit}) {
      if (!t->ok()) return t->status();
    }
    absl::StatusOr<double> talk_s = Seconds(kTalkS);
    absl::StatusOr<double> wrap_s = Seconds(kWrapS);
    if (!talk_s.ok()) return talk_s.status();
    if (!wrap_s.ok()) return wrap_s.status();
    int64_t q = *queued, a = *answered, ab = *abandoned, te = *talk_end,
            we = *wrap_end;
    if (te == kNone && a != kNone && !std::isnan(*talk_s)) {
      te = a + std::llround(*talk_s * 1000);
    }
    if (we == kNone && te != kNone && !std::isnan(*wrap_s)) {
      we = te + std::llround(*wrap_s * 1000);
    }
    absl::StatusOr<CallOutcome> outcome = Outcome(a, ab, q);
    if (!outcome.ok()) return outcome.status();
    if (*outcome == CallOutcome::kAbandoned && ab == kNone) {
      ab = *left;
      if (ab == kNone) return Exclude("abandoned without a time");
    }
    // Without a queue column, a call answered or abandoned was queued on
    // arrival (no IVR in the export).
    if (q == kNone && col_[kQueued] < 0 && (a != kNone || ab != kNone)) {
      q = *arrival;
    }
    // Contradictions leave the row out.
    if (*ivr_exit != kNone &&
        (*ivr_exit < *arrival || (q != kNone && *ivr_exit > q))) {
      return Exclude("leaves the IVR before it arrived or after it was queued");
    }
    // A placeholder time ("9999-12-31" for "still open") is not a duration.
    const int64_t kDay = kMsPerDay;
    if ((te != kNone && a != kNone && te - a > kDay) ||
        (we != kNone && te != kNone && we - te > kDay) ||
        (a != kNone && q != kNone && a - q > kDay) ||
        (ab != kNone && q != kNone && ab - q > kDay) ||
        (*left != kNone && *left - *arrival > 7 * kDay)) {
      return Exclude("a talk, wrap-up or wait longer than a day");
    }
    if ((*ivr_exit != kNone && *ivr_exit - *arrival > kDay) ||
        (q != kNone && q - *arrival > kDay)) {
      return Exclude("a time in the IVR longer than a day");
    }
    if (q != kNone && q < *arrival) return Exclude("queued before it arrived");
    if (a != kNone && ab != kNone) return Exclude("answered and abandoned");
    if (a != kNone && q != kNone && a < q) {
      return Exclude("answered before it was queued");
    }
    if (ab != kNone && q != kNone && ab < q) {
      return Exclude("abandoned before it was queued");
    }
    if (te != kNone && a != kNone && te < a) {
      return Exclude("talk ends before the answer");
    }
    if (we != kNone && te != kNone && we < te) {
      return Exclude("after-call work ends before the talk");
    }
    if (*outcome == CallOutcome::kServed && a == kNone) {
      return Exclude("served without an answer time");
    }
    if (*outcome == CallOutcome::kAbandoned && ab == kNone) {
      ab = *left;
      if (ab == kNone) return Exclude("abandoned without a time");
    }
    if (*left != kNone && *left < *arrival) {
      return Exclude("leaves before it arrived");
    }
    ++out_.used;

    const int type =
        Type(col_[kCallType] >= 0 ? std::string(csv_.field(col_[kCallType]))
                                  : std::string());
    // The queue reached first (another type's after a zero-out or a
    // misroute in the IVR).
    const int queue = col_[kQueue] >= 0 && !csv_.field(col_[kQueue]).empty()
                          ? Type(std::string(csv_.field(col_[kQueue])))
                          : type;
    TypeData& t = out_.types[static_cast<size_t>(type)];
    ++t.attempts;
    const int64_t day = FloorDiv(*arrival, kMsPerDay);
    const int slot =
        static_cast<int>((*arrival - day * kMsPerDay) / interval_ms_);
    if (out_.used == 1 || *arrival < out_.first_arrival_ms) {
      out_.first_arrival_ms = *arrival;
    }
    if (out_.used == 1 || *arrival > out_.last_arrival_ms) {
      out_.last_arrival_ms = *arrival;
    }
    ObservedInterval& obs = Slot(out_.observed, day)[static_cast<size_t>(slot)];
    ++obs.calls;
    NoteEntry(t, *outcome, day, *arrival, *ivr_exit, *left, q, queue);

    // The end of this attempt, and whether it repeats an earlier one.
    const int64_t end = *left != kNone ? *left
                        : we != kNone  ? we
                        : te != kNone  ? te
                        : ab != kNone  ? ab
                                       : *arrival;
    const bool fresh = NoteCaller(*arrival, end, type, *outcome);
    if (fresh) {
      ++obs.fresh;
      ++Slot(t.fresh, day)[static_cast<size_t>(slot)];
      if (o_.keep_trace) {
        const bool one_leg = col_[kLegs] < 0 ||
                             csv_.field(col_[kLegs]).empty() ||
                             csv_.field(col_[kLegs]) == "1";
        t.trace.emplace_back(*arrival, a != kNone && te != kNone && one_leg
                                           ? static_cast<float>(te - a) / 1000
                                           : std::nanf(""));
      }
    }

    if (q != kNone && (a != kNone || ab != kNone)) {
      if (o_.keep_waits) {
        out_.waits.push_back({queue, q, a != kNone ? a : ab});
      }
      ++t.offered;
      ++obs.offered;
      const double wait = static_cast<double>((a != kNone ? a : ab) - q) / 1000;
      Keep(t.patience, t.patience_seen, Sample{wait, a == kNone},
           o_.max_samples, rng_);
      if (a != kNone) {
        ++t.answered;
        ++obs.answered;
        obs.wait_answered_s += wait;
        if (wait <= o_.threshold_s) ++obs.within;
      } else {
        ++t.abandoned;
        ++obs.abandoned;
        if (wait <= o_.short_abandon_s) ++t.short_abandons;
      }
    }
    int legs = 1;
    if (col_[kLegs] >= 0 && !csv_.field(col_[kLegs]).empty()) {
      legs = std::atoi(std::string(csv_.field(col_[kLegs])).c_str());
    }
    if (a != kNone && te != kNone) {
      obs.busy_s += static_cast<double>((we != kNone ? we : te) - a) / 1000;
      if (legs > 1) {
        ++t.multi_leg;
        if (queue != type) {
          Keep(t.misroute_talk, t.misroute_talk_seen,
               Sample{static_cast<double>(te - a) / 1000, true}, o_.max_samples,
               rng_);
        }
      } else {
        Keep(t.talk, t.talk_seen,
             Sample{static_cast<double>(te - a) / 1000, true}, o_.max_samples,
             rng_);
        if (we != kNone) {
          if (we == te) {
            ++t.wrap_zero;
          } else {
            Keep(t.wrap, t.wrap_seen,
                 Sample{static_cast<double>(we - te) / 1000, true},
                 o_.max_samples, rng_);
          }
        }
      }
      SeeAgent(queue, a, we != kNone ? we : te,
               legs > 1 ? -1 : static_cast<double>(te - a) / 1000, type,
               q != kNone ? static_cast<double>(a - q) / 1000 : -1);
    }
    return absl::OkStatus();
  }

  // Repeat kinds whose follow-up is still open are closed by the caller
  // map; nothing to do at the end but sort the skills.
  void Finish() {
    for (GroupData& g : out_.groups) {
      for (const auto& [queue, seen] : g.answers) g.skills.push_back(queue);
    }
  }

 private:
  std::vector<double>& Slot(std::map<int64_t, std::vector<double>>& m,
                            int64_t day) {
    std::vector<double>& v = m[day];
    if (v.empty()) v.assign(static_cast<size_t>(out_.intervals_per_day), 0.0);
    return v;
  }
  std::vector<ObservedInterval>& Slot(
      std::map<int64_t, std::vector<ObservedInterval>>& m, int64_t day) {
    std::vector<ObservedInterval>& v = m[day];
    if (v.empty()) v.resize(static_cast<size_t>(out_.intervals_per_day));
    return v;
  }

  absl::Status Exclude(const std::string& reason) {
    Exclusion& e = out_.excluded[reason];
    if (e.rows++ == 0) e.first_row = csv_.row();
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Stamp(Field f) {
    if (col_[f] < 0) return kNone;
    const std::string_view text = csv_.field(col_[f]);
    if (text.empty()) return kNone;
    const std::optional<int64_t> ms = ParseTimestamp(text, o_.time_format);
    if (!ms.has_value()) {
      return csv_.Error(
          col_[f],
          fmt::format("expected a timestamp such as 2026-03-02 08:15:30.250 "
                      "(or the format given with --time-format), got '{}'",
                      io::Printable(text)));
    }
    return *ms;
  }

  absl::StatusOr<double> Seconds(Field f) {
    if (col_[f] < 0) return std::nan("");
    const std::string text(csv_.field(col_[f]));
    if (text.empty()) return std::nan("");
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) {
      return csv_.Error(col_[f],
                        fmt::format("expected seconds (a number >= 0), got "
                                    "'{}'",
                                    io::Printable(text)));
    }
    return v;
  }

  absl::StatusOr<CallOutcome> Outcome(int64_t a, int64_t ab, int64_t q) {
    if (col_[kOutcome] >= 0) {
      std::string text(csv_.field(col_[kOutcome]));
      for (char& c : text) c = static_cast<char>(std::tolower(c));
      if (text == "answered") text = "served";
      for (size_t i = 0; i < kCallOutcomeNames.size(); ++i) {
        if (text == kCallOutcomeNames[i]) return static_cast<CallOutcome>(i);
      }
      return csv_.Error(
          col_[kOutcome],
          fmt::format("expected an outcome: {} (or answered), got '{}'",
                      fmt::join(kCallOutcomeNames, ", "),
                      io::Printable(csv_.field(col_[kOutcome]))));
    }
    if (a != kNone) return CallOutcome::kServed;
    if (ab != kNone) return CallOutcome::kAbandoned;
    (void)q;
    return CallOutcome::kIvrHangUp;  // never reached an agent or a queue
  }

  // The index of the call type (or queue) named `name` ("calls" when the
  // export names none).
  int Type(std::string name) {
    if (name.empty()) name = "calls";
    auto [it, inserted] =
        types_.try_emplace(name, static_cast<int>(types_.size()));
    if (inserted) {
      out_.types.emplace_back();
      out_.types.back().name = std::move(name);
    }
    return it->second;
  }

  // The entry and IVR statistics of an attempt.
  void NoteEntry(TypeData& t, CallOutcome o, int64_t day, int64_t arrival,
                 int64_t ivr_exit, int64_t left, int64_t queued, int queue) {
    if (o == CallOutcome::kClosed) {
      ++out_.closed;
      return;
    }
    if (o == CallOutcome::kBlocked) {
      ++out_.blocked;
      return;
    }
    ++t.let_in;
    ++t.ended[static_cast<size_t>(o)];
    const int wd = Date::FromDaysSinceEpoch(day).weekday();
    const int64_t tod = arrival - day * kMsPerDay;
    int64_t& first = out_.earliest_let_in[static_cast<size_t>(wd)];
    int64_t& last = out_.latest_let_in[static_cast<size_t>(wd)];
    if (first < 0 || tod < first) first = tod;
    if (last < 0 || tod > last) last = tod;
    if (queued != kNone) ++t.to_queue[queue];
    if (ivr_exit != kNone) {
      out_.has_ivr = true;
      Keep(t.ivr_to_queue, t.ivr_to_queue_seen,
           Sample{static_cast<double>(ivr_exit - arrival) / 1000, true},
           o_.max_samples, rng_);
    }
    // Calls that ended in the IVR, as the outcome column says.
    if (col_[kOutcome] < 0 || left == kNone) return;
    if (o == CallOutcome::kIvrHangUp || o == CallOutcome::kContained ||
        o == CallOutcome::kInformed || o == CallOutcome::kTransferredOut) {
      out_.has_ivr = true;
    }
    const Sample s{static_cast<double>(left - arrival) / 1000, true};
    if (o == CallOutcome::kIvrHangUp) {
      Keep(t.ivr_hang_up, t.ivr_hang_up_seen, s, o_.max_samples, rng_);
    } else if (o == CallOutcome::kContained) {
      Keep(t.ivr_contained, t.ivr_contained_seen, s, o_.max_samples, rng_);
    }
  }

  template <class Add>
  int Intern(Field f, std::unordered_map<std::string, int>& ids, Add add) {
    std::string name =
        col_[f] >= 0 ? std::string(csv_.field(col_[f])) : std::string();
    if (name.empty()) name = f == kCallType ? "calls" : "agents";
    auto [it, inserted] = ids.try_emplace(name, static_cast<int>(ids.size()));
    if (inserted) add(std::move(name));
    return it->second;
  }

  // Records the attempt under its caller; true when it is not a repeat.
  bool NoteCaller(int64_t arrival, int64_t end, int type, CallOutcome o) {
    RepeatKind kind;
    switch (o) {
      case CallOutcome::kAbandoned:
        kind = kAfterAbandon;
        break;
      case CallOutcome::kBlocked:
        kind = kAfterBusy;
        break;
      case CallOutcome::kIvrHangUp:
        kind = kAfterIvr;
        break;
      case CallOutcome::kServed:
        kind = kAfterServed;
        break;
      default:
        kind = kKinds;  // closed, informed, contained, sent elsewhere
    }
    const int64_t end_day = FloorDiv(end, kMsPerDay);
    if (col_[kCaller] < 0) return true;
    const std::string caller(csv_.field(col_[kCaller]));
    // A call without a caller id could never be seen to repeat: it counts
    // in no repeat share.
    if (caller.empty()) return true;
    if (kind != kKinds) {
      ++out_.types[static_cast<size_t>(type)]
            .repeats[kind]
            .by_day[end_day]
            .first;
    }
    bool fresh = true;
    auto it = callers_.find(caller);
    if (it != callers_.end()) {
      const Previous& p = it->second;
      if (arrival < p.left_ms) {
        ++out_.caller_overlaps;
      } else if (arrival - p.left_ms <= o_.repeat_window_ms &&
                 p.kind != kKinds) {
        fresh = false;
        RepeatStats& r =
            out_.types[static_cast<size_t>(p.type)].repeats[p.kind];
        const int64_t day = FloorDiv(p.left_ms, kMsPerDay);
        ++r.by_day[day].second;
        Keep(r.delays, r.delays_seen,
             std::pair<int64_t, double>{
                 day, static_cast<double>(arrival - p.left_ms) / 1000},
             o_.max_samples, rng_);
      }
    }
    callers_[caller] = Previous{end, type, kind};
    // Callers quiet for longer than the window are forgotten (bounded
    // memory over long exports).
    if (callers_.size() > 2 * prune_at_) {
      for (auto i = callers_.begin(); i != callers_.end();) {
        i = i->second.left_ms < arrival - 2 * o_.repeat_window_ms
                ? callers_.erase(i)
                : std::next(i);
      }
      prune_at_ = std::max<size_t>(prune_at_, callers_.size());
    }
    return fresh;
  }

  void SeeAgent(int type, int64_t from, int64_t to, double talk,
                int caller_type, double wait) {
    const int group = Intern(kGroup, groups_, [&](std::string name) {
      out_.groups.emplace_back();
      out_.groups.back().name = std::move(name);
    });
    GroupData& g = out_.groups[static_cast<size_t>(group)];
    if (talk >= 0) {
      GroupData::Talk& k = g.talk[caller_type];
      ++k.n;
      k.sum += talk;
      k.sum_sq += talk * talk;
    }
    GroupData::Answers& seen = g.answers[type];
    if (wait >= 0) {
      seen.min_wait = seen.n == 0 ? wait : std::min(seen.min_wait, wait);
      if (wait == 0) ++seen.no_wait;
    }
    ++seen.n;
    if (col_[kAgent] < 0) return;
    const std::string agent =
        fmt::format("{}\x1f{}", g.name, csv_.field(col_[kAgent]));
    const auto [ai, added] =
        agents_.try_emplace(agent, static_cast<uint32_t>(agents_.size()));
    (void)added;
    const int ipd = out_.intervals_per_day;
    for (int64_t k = FloorDiv(from, interval_ms_);
         k <= FloorDiv(to, interval_ms_); ++k) {
      const uint64_t key =
          (static_cast<uint64_t>(ai->second) << 32) | static_cast<uint32_t>(k);
      if (!seen_.insert(key).second) continue;
      const int64_t day = FloorDiv(k, ipd);
      ++Slot(g.agents_seen, day)[static_cast<size_t>(k - day * ipd)];
    }
  }

  io::CsvReader& csv_;
  const ReadOptions& o_;
  CallData& out_;
  Rng rng_;
  int64_t interval_ms_ = 1800000;
  std::array<int, kNumFields> col_{};
  std::unordered_map<std::string, int> types_, groups_;
  std::unordered_map<std::string, uint32_t> agents_;
  std::unordered_set<uint64_t> seen_;  // (agent, interval) seen working
  std::unordered_map<std::string, Previous> callers_;
  size_t prune_at_ = 1 << 20;
};

}  // namespace

absl::StatusOr<CallData> ReadCallData(const std::string& path,
                                      const ReadOptions& options) {
  if (options.interval <= Time::Zero() ||
      Time::Days(1) % options.interval != Time::Zero() ||
      options.interval % Time::Seconds(1) != Time::Zero()) {
    return absl::InvalidArgumentError(
        "the interval must be a whole number of seconds that divides 24h");
  }
  absl::StatusOr<std::unique_ptr<io::CsvReader>> csv =
      io::CsvReader::Open(path);
  if (!csv.ok()) return csv.status();
  CallData out;
  out.path = path;
  out.earliest_let_in.fill(-1);
  out.latest_let_in.fill(-1);
  Reader reader(**csv, options, out);
  if (absl::Status st = reader.Columns(); !st.ok()) return st;
  while (true) {
    absl::StatusOr<bool> more = (*csv)->Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (absl::Status st = reader.Row(); !st.ok()) return st;
  }
  reader.Finish();
  if (out.used == 0) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: no usable call rows ({} rows read{})", path, out.rows,
        out.excluded.empty()
            ? ""
            : fmt::format("; left out: {}", out.excluded.begin()->first)));
  }
  return out;
}

}  // namespace ccsim::fit
