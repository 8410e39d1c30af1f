#include "sim/model/follow_ups.h"

#include <algorithm>

#include "sim/model/agents.h"
#include "sim/model/collector.h"

namespace ccsim::model {

FollowUps::FollowUps(Context& ctx, Collector& metrics, Agents& agents)
    : ctx_(ctx), metrics_(metrics), agents_(agents) {
  if (!ctx.follow_ups) return;
  const Scenario& s = ctx.s;
  types_.resize(s.call_types.size());
  for (size_t t = 0; t < types_.size(); ++t) {
    const CallTypeSpec& spec = s.call_types[t];
    if (!spec.follow_up.has_value()) continue;
    types_[t].spec = &*spec.follow_up;
    types_[t].rng = Rng::ForStream(ctx.seed, ctx.replication, Stream::kFollowUp,
                                   StableHash(spec.name));
  }
  groups_.resize(s.agent_groups.size());
  for (size_t g = 0; g < groups_.size(); ++g) {
    const std::optional<OutboundSpec>& o = s.agent_groups[g].outbound;
    if (!o.has_value()) continue;
    groups_[g].keep_idle = o->keep_idle;
    for (int t : o->follow_ups) {
      groups_[g].types.push_back(static_cast<uint32_t>(t));
      types_[static_cast<size_t>(t)].groups.push_back(static_cast<uint32_t>(g));
    }
  }
  doing_.assign(agents.size(), kNone);
  wrap_.assign(agents.size(), Time::Zero());
}

void FollowUps::Start() {
  if (types_.empty()) return;
  ctx_.sim.Schedule(Time::Days(1), kFollowUpDayEnd, 0);
}

uint32_t FollowUps::NewTask() {
  if (free_ != kNone) {
    const uint32_t id = free_;
    free_ = tasks_[id].next;
    return id;
  }
  tasks_.push_back(Task{});
  return static_cast<uint32_t>(tasks_.size() - 1);
}

void FollowUps::FreeTask(uint32_t task) {
  Task& k = tasks_[task];
  k.live = false;
  --types_[k.type].open;
  k.next = free_;
  free_ = task;
}

void FollowUps::AfterService(uint32_t type, bool resolved, uint32_t bin) {
  if (types_.empty() || !counting()) return;
  Type& ty = types_[type];
  if (ty.spec == nullptr) return;
  const FollowUpSpec& f = *ty.spec;
  if ((f.of == FollowUpSpec::Of::kResolved && !resolved) ||
      (f.of == FollowUpSpec::Of::kUnresolved && resolved)) {
    return;
  }
  if (!(ty.rng.Uniform01() < f.share)) return;
  const Time now = ctx_.now();
  const uint32_t id = NewTask();
  tasks_[id] = Task{.created = now,
                    .due = now + f.window,
                    .bin = bin,
                    .type = type,
                    .next = kNone,
                    .dials = 0,
                    .live = true};
  ++ty.open;
  if (bin != kNone) ++metrics_.Counters(bin).follow_ups_created;
  if (f.delay <= Time::Zero()) {
    MakeReady(id);
  } else if (now + f.delay < ctx_.end) {
    ctx_.sim.Schedule(now + f.delay, kFollowUpReady, id);
  }  // else parked: open at the end
}

void FollowUps::OnReady(uint32_t task) {
  if (!counting()) return;  // stays open
  MakeReady(task);
}

void FollowUps::MakeReady(uint32_t task) {
  const uint32_t type = tasks_[task].type;
  Type& ty = types_[type];
  const auto later = [this](uint32_t a, uint32_t b) { return Later(a, b); };
  ty.ready.push_back(task);
  std::push_heap(ty.ready.begin(), ty.ready.end(), later);
  // The longest idle agent among the groups that may take it now.
  uint32_t best = kNone;
  for (uint32_t g : ty.groups) {
    const uint32_t a = agents_.idle_head(g);
    if (a == kNone || !MayTake(a, g)) continue;
    if (best == kNone || agents_.IdleLonger(a, best)) best = a;
  }
  if (best != kNone) Take(best);
}

bool FollowUps::Later(uint32_t a, uint32_t b) const {
  const Task &x = tasks_[a], &y = tasks_[b];
  return x.due != y.due ? x.due > y.due : a > b;
}

bool FollowUps::MayTake(uint32_t agent, uint32_t g) const {
  const int others_idle =
      agents_.idle_count(g) - (agents_.is_idle(agent) ? 1 : 0);
  return others_idle >= groups_[g].keep_idle;
}

bool FollowUps::Take(uint32_t agent) {
  if (!counting() || groups_.empty()) return false;
  const uint32_t g = agents_.group_of(agent);
  const Group& group = groups_[g];
  if (group.types.empty() || !MayTake(agent, g)) return false;
  // The earliest-due ready task of the group's types.
  uint32_t best = kNone;
  for (uint32_t t : group.types) {
    const std::vector<uint32_t>& ready = types_[t].ready;
    if (ready.empty()) continue;
    if (best == kNone || Later(best, ready.front())) best = ready.front();
  }
  if (best == kNone) return false;
  Type& ty = types_[tasks_[best].type];
  const auto later = [this](uint32_t a, uint32_t b) { return Later(a, b); };
  std::pop_heap(ty.ready.begin(), ty.ready.end(), later);
  ty.ready.pop_back();
  Dial(agent, best);
  return true;
}

void FollowUps::Dial(uint32_t agent, uint32_t task) {
  Task& k = tasks_[task];
  Type& ty = types_[k.type];
  ++k.dials;
  const Time dial = Draw(ty.spec->dial_time, ty.rng);
  if (k.bin != kNone) {
    CallCounters& cc = metrics_.Counters(k.bin);
    CallCounters& gc = metrics_.Group(agents_.group_of(agent));
    ++cc.follow_up_dials;
    ++gc.follow_up_dials;
    cc.follow_up_s += dial.seconds();
    gc.follow_up_s += dial.seconds();
  }
  doing_[agent] = task;
  agents_.StartTalk(agent);
  ctx_.sim.ScheduleIn(dial, kFollowUpDial, agent);
}

void FollowUps::OnDialEnd(uint32_t agent) {
  const uint32_t task = doing_[agent];
  Task& k = tasks_[task];
  Type& ty = types_[k.type];
  const FollowUpSpec& f = *ty.spec;
  const Time now = ctx_.now();
  if (ty.rng.Uniform01() < f.reach) {
    // Reached: the task is done once the talk starts.
    const Time talk = Draw(f.talk_time, ty.rng);
    const Time wrap = DrawOr0(f.wrap_up, ty.rng);
    if (k.bin != kNone && counting()) {
      CallCounters& cc = metrics_.Counters(k.bin);
      CallCounters& gc = metrics_.Group(agents_.group_of(agent));
      const double work = talk.seconds() + wrap.seconds();
      ++cc.follow_ups_done;
      ++gc.follow_ups_done;
      if (now <= k.due) ++cc.follow_ups_in_window;
      cc.follow_up_delay_s += (now - k.created).seconds();
      cc.follow_up_s += work;
      gc.follow_up_s += work;
    }
    FreeTask(task);
    wrap_[agent] = wrap;
    ctx_.sim.ScheduleIn(talk, kFollowUpTalk, agent);
    return;
  }
  doing_[agent] = kNone;
  if (counting()) {
    if (k.dials < f.max_attempts) {
      if (now + f.retry_delay < ctx_.end) {
        ctx_.sim.Schedule(now + f.retry_delay, kFollowUpReady, task);
      }  // else parked: open at the end
    } else {
      if (k.bin != kNone) ++metrics_.Counters(k.bin).follow_ups_failed;
      FreeTask(task);
    }
  }  // past the end: the task was counted open; it stays so
  agents_.EndTalk(agent, Time::Zero());
}

void FollowUps::OnTalkEnd(uint32_t agent) {
  doing_[agent] = kNone;
  agents_.EndTalk(agent, wrap_[agent]);
}

void FollowUps::OnDayEnd(uint32_t day) {
  const Time now = ctx_.now();
  const int64_t k = now / ctx_.interval - 1 - ctx_.warmup_intervals;
  if (k >= 0 && k < ctx_.reported_intervals) {
    for (size_t t = 0; t < types_.size(); ++t) {
      CallCounters& cc = metrics_.Counters(static_cast<uint32_t>(
          t * static_cast<size_t>(ctx_.reported_intervals) +
          static_cast<size_t>(k)));
      cc.follow_up_backlog += types_[t].open;
      if (t == 0) ++cc.day_ends;
    }
  }
  if (now + Time::Days(1) <= ctx_.end) {
    ctx_.sim.Schedule(now + Time::Days(1), kFollowUpDayEnd, day + 1);
  }
}

void FollowUps::OnEnd() {
  if (types_.empty()) return;
  const Time now = ctx_.now();
  for (const Task& k : tasks_) {
    if (!k.live || k.bin == kNone) continue;
    CallCounters& cc = metrics_.Counters(k.bin);
    ++cc.follow_ups_open;
    if (k.due < now) ++cc.follow_ups_overdue;
  }
  closed_ = true;
}

}  // namespace ccsim::model
