// The IVR: greeting and announcements, a menu tree, self service.
//
// A call that enters hears the greeting plus every announcement playing at
// that moment; an announcement tied to an incident plays while the
// incident lasts and informs a share of the callers of its types, who hang
// up satisfied. Then the menu tree: at each menu the caller hangs up,
// presses 0 (to the zero-out queue), or picks an option (sometimes the
// wrong one: a misroute); an option leads to another menu, self service,
// a queue or a transfer out. Self service contains a share of callers,
// sends a share on to an agent, and loses the rest.
//
// Handles kIvrStep (entity: call): the end of the greeting, of a menu's
// prompt or of a self-service step. All draws come from the caller's
// generator; every menu draws four numbers whether it uses them or not, so
// that a caller's later draws do not depend on the menu's probabilities.
//
// Invariant: in_ivr() counts calls whose stage is not kNone.
#ifndef CCSIM_SIM_MODEL_IVR_H_
#define CCSIM_SIM_MODEL_IVR_H_

#include <cstdint>
#include <vector>

#include "sim/model/calls.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Callers;
class Collector;
class Entry;
class Routing;

class Ivr {
 public:
  Ivr(Context& ctx, CallPool& calls, Callers& callers, Collector& metrics,
      Entry& entry, Routing& routing);

  // The call has seized a line and starts the greeting.
  void Enter(uint32_t call);
  void OnStep(uint32_t call, uint64_t seq);

  uint32_t in_ivr() const { return in_ivr_; }

 private:
  bool AnnouncementActive(const AnnouncementSpec& a, Time t) const;
  void Exit(Call& c);
  void AfterGreeting(uint32_t call);
  void EnterNode(uint32_t call, int node);
  void DecideMenu(uint32_t call);
  void DecideSelfService(uint32_t call);
  void FollowTarget(uint32_t call, const IvrTarget& target);
  // The caller hangs up satisfied (informed, contained, transferred out).
  void LeaveDone(uint32_t call, CallOutcome outcome);

  Context& ctx_;
  CallPool& calls_;
  Callers& callers_;
  Collector& metrics_;
  Entry& entry_;
  Routing& routing_;
  // announced_[i][type]: announcement i speaks to callers of that type.
  std::vector<std::vector<uint8_t>> announced_;
  uint32_t in_ivr_ = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_IVR_H_
