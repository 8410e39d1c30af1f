#include "sim/model/ivr.h"

#include "sim/model/callers.h"
#include "sim/model/collector.h"
#include "sim/model/entry.h"
#include "sim/model/routing.h"
#include "sim/model/tracer.h"

namespace ccsim::model {

Ivr::Ivr(Context& ctx, CallPool& calls, Callers& callers, Collector& metrics,
         Entry& entry, Routing& routing)
    : ctx_(ctx),
      calls_(calls),
      callers_(callers),
      metrics_(metrics),
      entry_(entry),
      routing_(routing) {
  const IvrSpec& ivr = ctx.s.ivr;
  announced_.resize(ivr.announcements.size());
  for (size_t i = 0; i < ivr.announcements.size(); ++i) {
    announced_[i].assign(ctx.s.call_types.size(), 0);
    for (int t : ivr.announcements[i].call_types) announced_[i][t] = 1;
  }
}

void Ivr::Enter(uint32_t call) {
  ++in_ivr_;
  Call& c = calls_[call];
  c.stage = IvrStage::kGreeting;
  Time length = ctx_.s.ivr.greeting;
  const Time now = ctx_.now();
  for (const AnnouncementSpec& a : ctx_.s.ivr.announcements) {
    if (AnnouncementActive(a, now)) length = length + a.duration;
  }
  if (length > Time::Zero()) {
    c.timer_seq = ctx_.sim.ScheduleIn(length, kIvrStep, call);
  } else {
    AfterGreeting(call);
  }
}

bool Ivr::AnnouncementActive(const AnnouncementSpec& a, Time t) const {
  if (a.incident < 0) return true;
  const IncidentSpec& inc = ctx_.s.incidents[a.incident];
  return t >= inc.start && t < inc.start + inc.duration;
}

void Ivr::Exit(Call& c) {
  if (c.stage == IvrStage::kNone) return;
  c.stage = IvrStage::kNone;
  --in_ivr_;
}

void Ivr::LeaveDone(uint32_t call, CallOutcome outcome) {
  Call& c = calls_[call];
  Exit(c);
  if (ctx_.trace != nullptr) ctx_.trace->End(call, outcome);
  callers_.Free(c.caller);
  entry_.Leave(call);
}

void Ivr::AfterGreeting(uint32_t call) {
  Call& c = calls_[call];
  const IvrSpec& ivr = ctx_.s.ivr;
  for (size_t i = 0; i < ivr.announcements.size(); ++i) {
    const AnnouncementSpec& a = ivr.announcements[i];
    // Only the active announcement for the caller's type draws.
    // Heard if it was playing when the caller came in.
    if (!announced_[i][c.type] || !AnnouncementActive(a, c.arrival)) continue;
    if (callers_.rng(c.caller).Uniform01() < a.informed) {
      if (CallCounters* cc = metrics_.Counted(c)) ++cc->informed;
      LeaveDone(call, CallOutcome::kInformed);
      return;
    }
  }
  if (ivr.root >= 0) {
    EnterNode(call, ivr.root);
  } else {
    Exit(c);
    routing_.EnterQueue(call, c.type, /*priority=*/false);
  }
}

void Ivr::EnterNode(uint32_t call, int node) {
  Call& c = calls_[call];
  const IvrNode& n = ctx_.s.ivr.nodes[node];
  c.node = node;
  Time length;
  if (n.kind == IvrNode::kMenu) {
    c.stage = IvrStage::kMenu;
    length = n.prompt;
  } else {
    c.stage = IvrStage::kSelfService;
    length = DrawOr0(n.duration, callers_.rng(c.caller));
  }
  if (length > Time::Zero()) {
    c.timer_seq = ctx_.sim.ScheduleIn(length, kIvrStep, call);
  } else if (n.kind == IvrNode::kMenu) {
    DecideMenu(call);
  } else {
    DecideSelfService(call);
  }
}

void Ivr::OnStep(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.timer_seq != seq) return;
  c.timer_seq = 0;
  switch (c.stage) {
    case IvrStage::kGreeting:
      AfterGreeting(call);
      break;
    case IvrStage::kMenu:
      DecideMenu(call);
      break;
    case IvrStage::kSelfService:
      DecideSelfService(call);
      break;
    case IvrStage::kNone:
      break;
  }
}

void Ivr::DecideMenu(uint32_t call) {
  Call& c = calls_[call];
  const IvrNode& n = ctx_.s.ivr.nodes[c.node];
  Rng& rng = callers_.rng(c.caller);
  // Four draws for every caller at every menu, used or not, so that a
  // caller's later draws do not depend on the probabilities here.
  const double u_hang = rng.Uniform01();
  const double u_zero = rng.Uniform01();
  const double u_pick = rng.Uniform01();
  const double u_miss = rng.Uniform01();
  // The hang-up share now (it may vary by interval).
  double hang_up = n.hang_up;
  if (!n.hang_up_by_interval.empty()) {
    const size_t k = std::min(static_cast<size_t>(ctx_.now() / ctx_.interval),
                              n.hang_up_by_interval.size() - 1);
    hang_up = n.hang_up_by_interval[k];
  }
  if (u_hang < hang_up) {
    if (CallCounters* cc = metrics_.Counted(c)) ++cc->ivr_abandoned;
    Exit(c);
    entry_.Fail(call, kAfterIvr);
    return;
  }
  double total = 0;
  for (const IvrOption& o : n.options) total += o.weight[c.type];
  // Hang-up, zero-out and a choice are exclusive: given no hang-up, the
  // caller presses 0 with probability zero_out / (1 - hang_up), with the
  // hang-up share of now.
  if (u_zero * (1 - hang_up) < n.zero_out || total <= 0) {
    if (CallCounters* cc = metrics_.Counted(c)) ++cc->zero_out;
    Exit(c);
    const int q = ctx_.s.ivr.zero_out_queue;
    routing_.EnterQueue(call, q >= 0 ? static_cast<uint32_t>(q) : c.type,
                        false);
    return;
  }
  size_t pick = n.options.size() - 1;
  double acc = 0;
  const double x = u_pick * total;
  for (size_t i = 0; i < n.options.size(); ++i) {
    acc += n.options[i].weight[c.type];
    if (x < acc) {
      pick = i;
      break;
    }
  }
  const size_t k = n.options.size();
  if (k > 1 && u_miss < n.misroute) {
    // Another option, uniformly: u_miss / misroute is uniform in [0, 1).
    size_t other = static_cast<size_t>(u_miss / n.misroute * (k - 1));
    if (other >= k - 1) other = k - 2;
    pick = other >= pick ? other + 1 : other;
  }
  FollowTarget(call, n.options[pick].target);
}

void Ivr::DecideSelfService(uint32_t call) {
  Call& c = calls_[call];
  const IvrNode& n = ctx_.s.ivr.nodes[c.node];
  Rng& rng = callers_.rng(c.caller);
  const double u_resolve = rng.Uniform01();
  const double u_agent = rng.Uniform01();
  if (u_resolve < n.resolve) {
    if (CallCounters* cc = metrics_.Counted(c)) ++cc->contained;
    LeaveDone(call, CallOutcome::kContained);
  } else if (u_agent < n.to_agent) {
    FollowTarget(call, n.queue);
  } else {
    if (CallCounters* cc = metrics_.Counted(c)) ++cc->ivr_abandoned;
    Exit(c);
    entry_.Fail(call, kAfterIvr);
  }
}

void Ivr::FollowTarget(uint32_t call, const IvrTarget& target) {
  Call& c = calls_[call];
  switch (target.kind) {
    case IvrTarget::kMenu:
    case IvrTarget::kSelfService:
      EnterNode(call, target.index);
      return;
    case IvrTarget::kQueue:
      Exit(c);
      routing_.EnterQueue(
          call,
          target.index >= 0 ? static_cast<uint32_t>(target.index) : c.type,
          /*priority=*/false);
      return;
    case IvrTarget::kTransferOut:
      if (CallCounters* cc = metrics_.Counted(c)) ++cc->transferred_out;
      LeaveDone(call, CallOutcome::kTransferredOut);
      return;
  }
}

}  // namespace ccsim::model
