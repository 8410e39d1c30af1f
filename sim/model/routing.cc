#include "sim/model/routing.h"

#include <algorithm>

#include "sim/model/agents.h"
#include "sim/model/callbacks.h"
#include "sim/model/callers.h"
#include "sim/model/collector.h"
#include "sim/model/entry.h"
#include "sim/model/follow_ups.h"
#include "sim/model/tracer.h"

namespace ccsim::model {

Routing::Routing(Context& ctx, CallPool& calls, Callers& callers,
                 Collector& metrics, Entry& entry, Agents& agents,
                 Callbacks& callbacks, FollowUps& follow_ups)
    : ctx_(ctx),
      calls_(calls),
      callers_(callers),
      metrics_(metrics),
      entry_(entry),
      agents_(agents),
      callbacks_(callbacks),
      follow_ups_(follow_ups) {
  const Scenario& s = ctx.s;
  queues_.resize(s.call_types.size());
  groups_.resize(s.agent_groups.size());
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s.agent_groups[g];
    GroupSkills& group = groups_[g];
    group.can_serve.assign(s.call_types.size(), 0);
    for (size_t i = 0; i < spec.skills.size(); ++i) {
      SkillRef skill{.type = static_cast<uint32_t>(spec.skills[i]),
                     .priority = 1,
                     .after = Time::Zero(),
                     .head_start = Time::Zero()};
      if (i < spec.skill_specs.size()) {
        skill.priority = spec.skill_specs[i].priority;
        skill.after = spec.skill_specs[i].after;
        skill.head_start = spec.skill_specs[i].head_start;
      }
      group.skills.push_back(skill);
      group.can_serve[skill.type] = 1;
      Queue& q = queues_[skill.type];
      if (skill.after > Time::Zero()) {
        q.overflow.push_back(
            Overflow{.group = static_cast<uint32_t>(g), .after = skill.after});
      } else {
        q.instant_groups.push_back(static_cast<uint32_t>(g));
      }
    }
    bool factors = false;
    for (double f : spec.handle_factor) factors = factors || f != 1.0;
    if (factors) group.handle_factor = spec.handle_factor;
  }
  for (Queue& q : queues_) {
    std::stable_sort(
        q.overflow.begin(), q.overflow.end(),
        [](const Overflow& a, const Overflow& b) { return a.after < b.after; });
  }
  talk_.resize(agents.size());
}

uint32_t Routing::LongestIdle(const std::vector<uint32_t>& groups) const {
  uint32_t best = kNone;
  for (uint32_t g : groups) {
    const uint32_t a = agents_.idle_head(g);
    if (a != kNone && (best == kNone || agents_.IdleLonger(a, best))) best = a;
  }
  return best;
}

void Routing::EnterQueue(uint32_t call, uint32_t queue, bool priority) {
  Call& c = calls_[call];
  const Time now = ctx_.now();
  c.queue = queue;
  c.enqueued = now;
  c.priority = priority;
  c.overflow = 0;
  if (!c.answered && !priority && c.counted) ++metrics_.Of(c).offered;
  if (ctx_.trace != nullptr) ctx_.trace->Queued(call, queue);
  Queue& q = queues_[queue];
  const uint32_t agent = LongestIdle(q.instant_groups);
  if (agent != kNone) {
    StartService(agent, call);
    return;
  }
  if (ctx_.callbacks && !priority && callbacks_.offers(queue) &&
      OfferCallback(call, queue)) {
    return;
  }
  q.lanes[priority ? 0 : 1].PushBack(calls_.records(), call);
  ++waiting_;
  // Transferred callers are on hold with an agent's promise: they wait.
  if (!priority && !c.patience.is_infinite()) {
    c.abandon_seq = ctx_.sim.Schedule(now + c.patience, kAbandon, call);
  }
  if (!q.overflow.empty()) ScheduleOverflow(call);
}

bool Routing::OfferCallback(uint32_t call, uint32_t queue) {
  const Queue& q = queues_[queue];
  const uint32_t ahead =
      q.lanes[0].size + q.lanes[1].size + callbacks_.waiting(queue);
  int servers = 0;
  for (uint32_t g : q.instant_groups) servers += agents_.available(g);
  return callbacks_.Offer(call, queue, ahead, servers);
}

void Routing::OfferToIdleAgent(uint32_t queue) {
  const uint32_t agent = LongestIdle(queues_[queue].instant_groups);
  if (agent != kNone) TakeNextCall(agent);
}

void Routing::Dequeue(uint32_t call) {
  Call& c = calls_[call];
  queues_[c.queue].lanes[c.priority ? 0 : 1].Unlink(calls_.records(), call);
  --waiting_;
  c.abandon_seq = 0;  // cancels the abandonment (lazily)
}

void Routing::ScheduleOverflow(uint32_t call) {
  Call& c = calls_[call];
  const Queue& q = queues_[c.queue];
  if (c.overflow >= q.overflow.size()) return;
  c.timer_seq = ctx_.sim.Schedule(c.enqueued + q.overflow[c.overflow].after,
                                  kOverflow, call);
}

void Routing::OnOverflow(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.timer_seq != seq) return;
  c.timer_seq = 0;
  const Queue& q = queues_[c.queue];
  const Time wait = ctx_.now() - c.enqueued;
  uint32_t best = kNone;
  size_t i = 0;
  for (; i < q.overflow.size() && q.overflow[i].after <= wait; ++i) {
    const uint32_t a = agents_.idle_head(q.overflow[i].group);
    if (a != kNone && (best == kNone || agents_.IdleLonger(a, best))) best = a;
  }
  if (best != kNone) {
    Dequeue(call);
    StartService(best, call);
    return;
  }
  c.overflow = static_cast<uint8_t>(std::min<size_t>(i, 255));
  ScheduleOverflow(call);
}

void Routing::StartService(uint32_t agent, uint32_t call) {
  Call& c = calls_[call];
  const uint32_t group = agents_.group_of(agent);
  const GroupSkills& g = groups_[group];
  const bool serves = g.can_serve[c.need] != 0;
  Time talk;
  if (serves) {
    talk = c.handle;
    if (!g.handle_factor.empty() && g.handle_factor[c.need] != 1.0) {
      talk = SampledDuration(c.handle.seconds() * g.handle_factor[c.need]);
    }
  } else {
    talk = DrawOr0(ctx_.s.ivr.misroute_handle_time, callers_.rng(c.caller));
  }
  if (c.counted) {
    CallCounters& cc = metrics_.Of(c);
    CallCounters& gc = metrics_.Group(group);
    if (!c.answered && c.callback > 0) {
      // A completed callback: its wait runs from the request to now, and
      // it is never answered within the threshold.
      const Time wait = ctx_.now() - c.requested;
      const double w = wait.seconds();
      // A misrouted leg has no after-call work (the call is passed on).
      const double work = talk.seconds() + (serves ? c.wrap.seconds() : 0);
      ++cc.answered;
      ++cc.callbacks_completed;
      ++gc.callbacks_completed;
      if (wait <= ctx_.s.call_types[c.queue].callback->window)
        ++cc.callbacks_in_window;
      if (wait > Time::Zero()) ++cc.waited;
      cc.wait_answered_s += w;
      cc.wait_all_s += w;
      cc.callback_delay_s += w;
      cc.waits.Record(w);
      cc.callback_s += work;
      gc.callback_s += work;
    } else if (!c.answered) {
      const Time wait = ctx_.now() - c.enqueued;
      const double w = wait.seconds();
      ++cc.answered;
      if (wait <= ctx_.s.service_level.threshold) ++cc.answered_within;
      if (ctx_.s.service_level.second.has_value() &&
          wait <= ctx_.s.service_level.second->threshold) {
        ++cc.answered_within_2;
      }
      if (wait > Time::Zero()) ++cc.waited;
      cc.wait_answered_s += w;
      cc.waits.Record(w);
      cc.wait_all_s += w;
    }
    cc.handle_s += talk.seconds();
    ++gc.answered;
    gc.handle_s += talk.seconds();
    if (!serves) {
      ++cc.misrouted;
      ++gc.misrouted;
    }
  }
  if (ctx_.trace != nullptr)
    ctx_.trace->Answered(call, agent, group, agents_.slot_of(agent));
  c.answered = true;
  c.abandon_seq = 0;
  c.timer_seq = 0;
  c.misrouted_leg = !serves;
  agents_.StartTalk(agent);
  ctx_.sim.ScheduleIn(talk, kServiceEnd, agent);
  Talk& t = talk_[agent];
  if (ctx_.release_at_answer) {
    // Nothing after the talk depends on the caller: keep the two facts the
    // agent needs and reuse the record at once (fewer live records).
    t.call = kNone;
    t.done_bin = c.counted ? c.bin : kNone;
    t.done_wrap = c.wrap;
    calls_.Free(call);
  } else {
    t.call = call;
  }
}

bool Routing::TakeNextCall(uint32_t agent) {
  const GroupSkills& g = groups_[agents_.group_of(agent)];
  const Time now = ctx_.now();
  uint32_t best = kNone;
  int best_priority = 0, best_lane = 0;
  bool best_place = false;  // the best is a callback's place
  Time best_since;  // when the best call entered its queue, less its head start
  for (const SkillRef& skill : g.skills) {
    const Queue& q = queues_[skill.type];
    // Lane 0 (transferred calls) is empty unless calls can be passed on.
    for (int lane = ctx_.priority_lane ? 0 : 1; lane < 2; ++lane) {
      const uint32_t c = q.lanes[lane].head;
      if (c == kNone) continue;
      if (skill.after > Time::Zero() && now - calls_[c].enqueued < skill.after)
        continue;
      const Time since = calls_[c].enqueued - skill.head_start;
      if (best == kNone || skill.priority < best_priority ||
          (skill.priority == best_priority &&
           (lane < best_lane || (lane == best_lane && since < best_since)))) {
        best = c;
        best_priority = skill.priority;
        best_lane = lane;
        best_place = false;
        best_since = since;
      }
    }
    if (ctx_.callbacks) {
      // A place kept by a callback ranks as a new call that has waited
      // since the place was taken.
      const uint32_t c =
          callbacks_.Head(skill.type, q.lanes[0].size + q.lanes[1].size);
      if (c == kNone) continue;
      if (skill.after > Time::Zero() && now - calls_[c].enqueued < skill.after)
        continue;
      const Time since = calls_[c].enqueued - skill.head_start;
      if (best == kNone || skill.priority < best_priority ||
          (skill.priority == best_priority &&
           (1 < best_lane || (1 == best_lane && since < best_since)))) {
        best = c;
        best_priority = skill.priority;
        best_lane = 1;
        best_since = since;
        best_place = true;
      }
    }
  }
  if (best == kNone) return ctx_.follow_ups && follow_ups_.Take(agent);
  if (best_place) {
    callbacks_.Dial(agent, best);
    return true;
  }
  Dequeue(best);
  StartService(agent, best);
  return true;
}

void Routing::OnServiceEnd(uint32_t agent) {
  Talk& t = talk_[agent];
  const uint32_t group = agents_.group_of(agent);
  if (t.call == kNone) {
    // Released at answer (see StartService): resolved, no transfer.
    const Time wrap = t.done_wrap;
    if (t.done_bin != kNone) {
      CallCounters& cc = metrics_.Counters(t.done_bin);
      CallCounters& gc = metrics_.Group(group);
      if (wrap > Time::Zero()) {
        cc.handle_s += wrap.seconds();
        gc.handle_s += wrap.seconds();
      }
      ++cc.served;
      ++cc.resolved;
      ++gc.served;
      ++gc.resolved;
    }
    entry_.LeaveReleased();
    agents_.EndTalk(agent, wrap);
    return;
  }
  const uint32_t call = t.call;
  t.call = kNone;
  Call& c = calls_[call];
  if (ctx_.trace != nullptr) {
    ctx_.trace->TalkEnded(call, c.misrouted_leg ? Time::Zero() : c.wrap);
  }
  if (c.misrouted_leg) {
    // A misrouted call: passed on to the skill it needs, ahead of new
    // calls; no after-call work.
    if (c.counted) {
      ++metrics_.Of(c).transferred;
      ++metrics_.Group(group).transferred;
    }
    EnterQueue(call, c.need, /*priority=*/true);
    agents_.EndTalk(agent, Time::Zero());
    return;
  }
  const Time wrap = c.wrap;
  if (wrap > Time::Zero() && c.counted) {
    metrics_.Of(c).handle_s += wrap.seconds();
    metrics_.Group(group).handle_s += wrap.seconds();
  }
  const CallTypeSpec& spec = ctx_.s.call_types[c.type];
  bool transfer = false;
  if (!c.transfer_checked && spec.transfer_share > 0) {
    c.transfer_checked = true;
    transfer = callers_.rng(c.caller).Uniform01() < spec.transfer_share;
  }
  if (transfer) {
    if (c.counted) {
      ++metrics_.Of(c).transferred;
      ++metrics_.Group(group).transferred;
    }
    const CallTypeSpec& to = ctx_.s.call_types[spec.transfer_to];
    c.need = static_cast<uint32_t>(spec.transfer_to);
    Rng& rng = callers_.rng(c.caller);
    c.handle = Draw(to.handle_time, rng);
    c.wrap = DrawOr0(to.wrap_up, rng);
    EnterQueue(call, c.need, /*priority=*/true);
  } else {
    EndService(call, group);
  }
  agents_.EndTalk(agent, wrap);
}

void Routing::EndService(uint32_t call, uint32_t group) {
  Call& c = calls_[call];
  const CallTypeSpec& spec = ctx_.s.call_types[c.type];
  bool resolved = true;
  if (ctx_.use_callers) {
    const AgentGroupSpec& gspec = ctx_.s.agent_groups[group];
    const double fcr = gspec.fcr.has_value() ? *gspec.fcr : spec.fcr;
    resolved = fcr >= 1 || callers_.rng(c.caller).Uniform01() < fcr;
  }
  if (c.counted) {
    CallCounters& cc = metrics_.Of(c);
    ++cc.served;
    ++metrics_.Group(group).served;
    if (resolved) {
      ++cc.resolved;
      ++metrics_.Group(group).resolved;
    }
  }
  if (ctx_.follow_ups) {
    follow_ups_.AfterService(c.type, resolved, c.counted ? c.bin : kNone);
  }
  if (!resolved) {
    callers_.ScheduleReturn(c.caller, *spec.return_delay);
  } else {
    callers_.Free(c.caller);
  }
  if (ctx_.trace != nullptr) {
    ctx_.trace->End(call, CallOutcome::kServed, resolved);
  }
  entry_.Leave(call);
}

void Routing::OnAbandon(uint32_t call, uint64_t seq) {
  if (calls_[call].abandon_seq != seq) return;  // answered; a stale event
  Abandon(call);
}

void Routing::EndWaiting() {
  for (Queue& q : queues_) {
    for (List& lane : q.lanes) {
      while (lane.head != kNone) Abandon(lane.head);
    }
  }
  if (ctx_.callbacks) callbacks_.FailWaiting();
}

void Routing::Abandon(uint32_t call) {
  Call& c = calls_[call];
  Dequeue(call);
  c.timer_seq = 0;
  if (ctx_.trace != nullptr) ctx_.trace->Abandoned(call);
  if (c.counted) {
    CallCounters& cc = metrics_.Of(c);
    const Time wait = ctx_.now() - c.enqueued;
    ++cc.abandoned;
    if (wait <= ctx_.s.service_level.short_abandon) ++cc.abandoned_short;
    if (wait > Time::Zero()) ++cc.waited;
    cc.wait_all_s += wait.seconds();
  }
  entry_.Fail(call, kAfterAbandon);
}

}  // namespace ccsim::model
