#include "sim/model/entry.h"

#include <algorithm>

#include "sim/model/callers.h"
#include "sim/model/collector.h"
#include "sim/model/ivr.h"
#include "sim/model/routing.h"
#include "sim/model/tracer.h"

namespace ccsim::model {

Entry::Entry(Context& ctx, CallPool& calls, Callers& callers,
             Collector& metrics, Ivr& ivr, Routing& routing)
    : ctx_(ctx),
      calls_(calls),
      callers_(callers),
      metrics_(metrics),
      ivr_(ivr),
      routing_(routing) {
  types_.reserve(ctx.s.call_types.size());
  for (const CallTypeSpec& t : ctx.s.call_types) {
    const uint64_t key = StableHash(t.name);
    const uint64_t seed = ctx.seed, rep = ctx.replication;
    types_.push_back(TypeStreams{
        .handle = Rng::ForStream(seed, rep, Stream::kHandleTime, key),
        .patience = Rng::ForStream(seed, rep, Stream::kPatience, key),
        .wrap = Rng::ForStream(seed, rep, Stream::kWrapUp, key),
        .has_patience = t.patience.has_value(),
    });
  }
}

bool Entry::IsOpen(Time t) const {
  const int64_t day = ctx_.DayOf(t);
  const OpeningHours& h = ctx_.s.calendar.hours[(ctx_.weekday0 + day) % 7];
  const Time tod = t - Time::Days(1) * day;
  return tod >= h.open && tod < h.close;
}

void Entry::NewAttempt(uint32_t type, uint32_t caller, bool from_type_streams,
                       Time talk) {
  const Time now = ctx_.now();
  TypeStreams& ts = types_[type];
  const CallTypeSpec& spec = ctx_.s.call_types[type];

  const uint32_t id = calls_.New();
  Call& c = calls_[id];
  c.arrival = now;
  c.enqueued = now;
  c.type = c.need = c.queue = type;
  c.caller = caller;
  c.abandon_seq = c.timer_seq = 0;
  c.node = -1;
  c.overflow = 0;
  c.callback = 0;
  c.stage = IvrStage::kNone;
  c.counted = now >= ctx_.warmup;
  if (c.counted) c.bin = metrics_.BinFor(type, now);
  c.answered = c.priority = c.transfer_checked = false;
  // Drawn for every caller, so that the draws line up across variants.
  Rng& handle_rng = from_type_streams ? ts.handle : callers_.rng(caller);
  c.handle = Draw(spec.handle_time, handle_rng);
  if (!talk.is_infinite()) c.handle = talk;
  Rng& patience_rng = from_type_streams ? ts.patience : callers_.rng(caller);
  c.patience =
      ts.has_patience ? Draw(*spec.patience, patience_rng) : Time::Infinite();
  c.wrap =
      DrawOr0(spec.wrap_up, from_type_streams ? ts.wrap : callers_.rng(caller));
  ++calls_created_;

  CallCounters* cc = metrics_.Counted(c);
  if (cc != nullptr) {
    ++cc->calls;
    if (caller != kNone && callers_.cause(caller) != kFirst) {
      ++cc->repeats;
      switch (callers_.cause(caller)) {
        case kAfterBusy:
          ++cc->redials_busy;
          break;
        case kAfterAbandon:
          ++cc->redials_abandon;
          break;
        case kAfterIvr:
          ++cc->redials_ivr;
          break;
        case kReturn:
          ++cc->returns;
          break;
        case kFirst:
          break;
      }
    }
  }
  if (caller != kNone) callers_.NoteAttempt(caller);
  if (ctx_.trace != nullptr) {
    ctx_.trace->Begin(
        id, type, caller, caller != kNone ? callers_.cause(caller) : kFirst,
        caller != kNone ? callers_.attempts(caller) : 1, c.counted);
  }

  if (!ctx_.always_open && !IsOpen(now)) {
    if (cc != nullptr) ++cc->closed;
    if (ctx_.trace != nullptr) ctx_.trace->End(id, CallOutcome::kClosed);
    callers_.Free(caller);
    calls_.Free(id);
    return;
  }
  if (ctx_.s.trunk_lines > 0 && lines_in_use_ >= ctx_.s.trunk_lines) {
    if (cc != nullptr) ++cc->blocked;
    ++calls_in_system_;  // Fail leaves the system
    ++lines_in_use_;
    Fail(id, kAfterBusy);
    return;
  }
  ++calls_in_system_;
  ++lines_in_use_;
  max_lines_in_use_ = std::max(max_lines_in_use_, lines_in_use_);
  if (ctx_.ivr_enabled) {
    ivr_.Enter(id);
  } else {
    routing_.EnterQueue(id, type, /*priority=*/false);
  }
}

void Entry::Leave(uint32_t call) {
  --calls_in_system_;
  if (calls_[call].callback == 0) --lines_in_use_;
  calls_.Free(call);
}

void Entry::Fail(uint32_t call, Cause cause) {
  const Call& c = calls_[call];
  const bool redial =
      c.caller != kNone && callers_.AfterFailure(c.caller, c.type, cause);
  if (!redial && c.counted) ++metrics_.Of(c).gave_up;
  if (ctx_.trace != nullptr) {
    ctx_.trace->End(call, cause == kAfterBusy      ? CallOutcome::kBlocked
                          : cause == kAfterAbandon ? CallOutcome::kAbandoned
                                                   : CallOutcome::kIvrHangUp);
  }
  Leave(call);
}

}  // namespace ccsim::model
