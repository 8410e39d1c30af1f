// Call and agent records of one replication: what an ACD would export.
//
// A TraceSink given to RunOptions (or RunReplication) receives one
// CallRecord per call attempt that arrived after the warm-up, when the
// attempt leaves the system, and one AgentStateRecord per change of an
// agent's state from the end of the warm-up on (with a snapshot of the
// agents logged in at that moment). The CSV formats of `ccsim run
// --call-log/--agent-log` (docs/call-logs.md) are written from them, and
// `ccsim fit` reads them back.
//
// Records of one replication arrive in simulated-time order of the event
// that completes them, from one thread at a time.
#ifndef CCSIM_CALL_LOG_H_
#define CCSIM_CALL_LOG_H_

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "ccsim/time.h"

namespace ccsim {

// How a call attempt ended.
enum class CallOutcome : uint8_t {
  kClosed,          // arrived outside opening hours
  kBlocked,         // all trunk lines busy
  kIvrHangUp,       // hung up in the IVR (menu or self service)
  kInformed,        // hung up satisfied after an announcement
  kContained,       // resolved in IVR self service
  kTransferredOut,  // sent by the IVR to another number
  kAbandoned,       // hung up while queued
  kServed,          // answered by an agent and served to the end
  kCallbackFailed,  // accepted a callback that never reached the customer
};
inline constexpr std::array<std::string_view, 9> kCallOutcomeNames = {
    "closed",    "blocked",   "ivr_hang_up",
    "informed",  "contained", "transferred_out",
    "abandoned", "served",    "callback_failed"};

// Why the caller called: a first call, a redial after a busy signal, an
// abandonment or an IVR hang-up, or the return of an unresolved issue.
enum class CallCause : uint8_t {
  kFirst,
  kRedialBusy,
  kRedialAbandon,
  kRedialIvr,
  kReturn
};
inline constexpr std::array<std::string_view, 5> kCallCauseNames = {
    "first", "redial_busy", "redial_abandon", "redial_ivr", "return"};

struct CallRecord {
  int replication = 0;
  // The caller: numbered from 1 in order of first calls within the
  // replication; every attempt of one caller's episode (redials, returns)
  // carries the same number.
  uint64_t caller = 0;
  int attempt = 1;  // 1 = the caller's first call of the episode
  CallCause cause = CallCause::kFirst;
  int call_type = 0;  // index into Scenario::call_types
  Time arrival;
  // Left the IVR for a queue; Infinite: no IVR, or left the system there.
  Time ivr_exit = Time::Infinite();
  // First queue entry and its queue (a call type index); -1/Infinite: none.
  int queue = -1;
  Time queued = Time::Infinite();
  // First answer, by `agent` (index into the run's agents; see
  // AgentStateRecord) of `group`; -1/Infinite: not answered.
  Time answered = Time::Infinite();
  int group = -1;
  int agent = -1;
  int agent_slot = -1;  // the agent within its group, from 0
  // End of the first agent's talk and of its after-call work.
  Time talk_end = Time::Infinite();
  Time wrap_end = Time::Infinite();
  // Hung up in the queue; Infinite: did not.
  Time abandoned = Time::Infinite();
  // Agents who talked to the caller (more than 1 after a misroute or a
  // transfer; then answered/talk_end/wrap_end are the first agent's).
  int legs = 0;
  Time left;  // when the attempt left the system
  CallOutcome outcome = CallOutcome::kServed;
  bool resolved = false;  // served and the issue resolved
};

// An agent's state, as logged.
enum class AgentLogState : uint8_t {
  kLogin,   // logged in (followed by its first state at the same time)
  kIdle,    // waiting for a call
  kTalk,    // talking
  kWrap,    // after-call work
  kBreak,   // scheduled break
  kAux,     // ad-hoc unavailable time
  kLogout,  // logged out
};
inline constexpr std::array<std::string_view, 7> kAgentLogStateNames = {
    "login", "idle", "talk", "wrap", "break", "aux", "logout"};

struct AgentStateRecord {
  int replication = 0;
  Time time;
  int group = 0;  // index into Scenario::agent_groups
  int agent = 0;  // index over all groups' agents
  int slot = 0;   // the agent within its group, from 0
  AgentLogState state = AgentLogState::kIdle;
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void OnCall(const CallRecord& record) = 0;
  virtual void OnAgentState(const AgentStateRecord& record) = 0;
};

// A sink that writes the CSV formats of docs/call-logs.md to two streams
// (either may be null: that log is not written). Times are wall-clock
// timestamps "YYYY-MM-DD HH:MM:SS.mmm" on the scenario's calendar; names
// come from the scenario, which must outlive the writer. Rows are
// buffered; Flush() writes what is pending. ok() turns false at the first
// failed write.
class CsvTraceWriter : public TraceSink {
 public:
  CsvTraceWriter(const Scenario& scenario, std::FILE* calls, std::FILE* agents);
  ~CsvTraceWriter() override;
  void OnCall(const CallRecord& record) override;
  void OnAgentState(const AgentStateRecord& record) override;
  bool Flush();
  bool ok() const { return ok_; }

  // The header lines (without the newline).
  static std::string_view CallHeader();
  static std::string_view AgentHeader();

 private:
  void Write(std::FILE* file, std::string& buffer, bool force);
  const Scenario& s_;
  std::FILE* calls_;
  std::FILE* agents_;
  std::string call_buffer_, agent_buffer_;
  bool ok_ = true;
};

// "YYYY-MM-DD HH:MM:SS.mmm" of simulated time t on the scenario's calendar
// (day 1, the day in which the warm-up ends, is calendar.start_date).
std::string FormatTimestamp(const Scenario& scenario, Time t);

}  // namespace ccsim

#endif  // CCSIM_CALL_LOG_H_
