#include "sim/model/callbacks.h"

#include <limits>

#include "sim/model/agents.h"
#include "sim/model/callers.h"
#include "sim/model/collector.h"
#include "sim/model/entry.h"
#include "sim/model/routing.h"
#include "sim/model/tracer.h"

namespace ccsim::model {

Callbacks::Callbacks(Context& ctx, CallPool& calls, Callers& callers,
                     Collector& metrics, Entry& entry, Agents& agents,
                     Routing& routing)
    : ctx_(ctx),
      calls_(calls),
      callers_(callers),
      metrics_(metrics),
      entry_(entry),
      agents_(agents),
      routing_(routing) {
  if (!ctx.callbacks) return;
  const Scenario& s = ctx.s;
  queues_.resize(s.call_types.size());
  for (size_t t = 0; t < queues_.size(); ++t) {
    const CallTypeSpec& spec = s.call_types[t];
    if (!spec.callback.has_value()) continue;
    Queue& q = queues_[t];
    q.spec = &*spec.callback;
    q.mean_handle_s = spec.handle_time.Mean() +
                      (spec.wrap_up.has_value() ? spec.wrap_up->Mean() : 0);
    q.rng = Rng::ForStream(ctx.seed, ctx.replication, Stream::kCallback,
                           StableHash(spec.name));
    q.dial_rng = Rng::ForStream(ctx.seed, ctx.replication,
                                Stream::kCallbackDial, StableHash(spec.name));
  }
  dialling_.assign(agents.size(), kNone);
}

bool Callbacks::Offer(uint32_t call, uint32_t queue, uint32_t ahead,
                      int servers) {
  Queue& q = queues_[queue];
  const double u = q.rng.Uniform01();  // drawn whether offered or not
  const double predicted = servers > 0
                               ? (ahead + 1.0) * q.mean_handle_s / servers
                               : std::numeric_limits<double>::infinity();
  if (!(predicted > q.spec->offer_after.seconds()) ||
      predicted > q.spec->offer_until.seconds()) {
    return false;
  }
  Call& c = calls_[call];
  CallCounters* cc = metrics_.Counted(c);
  if (cc != nullptr) ++cc->callbacks_offered;
  if (!(u < q.spec->accept)) return false;
  if (cc != nullptr) ++cc->callbacks_accepted;
  const Time now = ctx_.now();
  c.callback = 1;
  c.requested = now;
  c.enqueued = now;
  c.abandon_seq = c.timer_seq = 0;
  entry_.ReleaseLine(call);
  q.places.PushBack(calls_.records(), call);
  return true;
}

uint32_t Callbacks::Head(uint32_t queue, uint32_t live) const {
  const Queue& q = queues_[queue];
  if (q.places.head == kNone) return kNone;
  const int below = q.spec->live_queue_below;
  if (below > 0 && live >= static_cast<uint32_t>(below)) return kNone;
  return q.places.head;
}

void Callbacks::Dial(uint32_t agent, uint32_t call) {
  Call& c = calls_[call];
  Queue& q = queues_[c.queue];
  q.places.Unlink(calls_.records(), call);
  ++c.callback;
  const Time dial = Draw(q.spec->dial_time, q.dial_rng);
  if (c.counted) {
    CallCounters& cc = metrics_.Of(c);
    CallCounters& gc = metrics_.Group(agents_.group_of(agent));
    ++cc.callback_dials;
    ++gc.callback_dials;
    cc.callback_s += dial.seconds();
    gc.callback_s += dial.seconds();
  }
  dialling_[agent] = call;
  agents_.StartTalk(agent);
  ctx_.sim.ScheduleIn(dial, kCallbackDial, agent);
}

void Callbacks::OnDialEnd(uint32_t agent) {
  const uint32_t call = dialling_[agent];
  dialling_[agent] = kNone;
  Call& c = calls_[call];
  Queue& q = queues_[c.queue];
  if (q.dial_rng.Uniform01() < q.spec->answer) {
    routing_.Connect(agent, call);
    return;
  }
  // Not reached: try again later, or give up after the last dial.
  if (c.callback - 1 < q.spec->max_attempts) {
    c.timer_seq =
        ctx_.sim.ScheduleIn(q.spec->retry_delay, kCallbackRetry, call);
  } else {
    Fail(call);
  }
  agents_.EndTalk(agent, Time::Zero());
}

void Callbacks::Fail(uint32_t call) {
  Call& c = calls_[call];
  if (c.counted) {
    CallCounters& cc = metrics_.Of(c);
    const Time wait = ctx_.now() - c.requested;
    ++cc.callbacks_failed;
    ++cc.gave_up;
    if (wait > Time::Zero()) ++cc.waited;
    cc.wait_all_s += wait.seconds();
  }
  if (ctx_.trace != nullptr)
    ctx_.trace->End(call, CallOutcome::kCallbackFailed);
  callers_.Free(c.caller);
  entry_.Leave(call);
}

void Callbacks::FailWaiting() {
  expired_ = true;
  for (Queue& q : queues_) {
    while (q.places.head != kNone) {
      const uint32_t call = q.places.head;
      q.places.Unlink(calls_.records(), call);
      Fail(call);
    }
  }
}

void Callbacks::OnRetry(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.timer_seq != seq) return;
  c.timer_seq = 0;
  if (expired_) {
    Fail(call);
    return;
  }
  c.enqueued = ctx_.now();
  queues_[c.queue].places.PushBack(calls_.records(), call);
  routing_.OfferToIdleAgent(c.queue);
}

}  // namespace ccsim::model
