// The CSV call and agent logs (docs/call-logs.md): CsvTraceWriter and the
// timestamps of simulated time on the scenario's calendar.
#include <cmath>
#include <cstdio>

#include "ccsim/call_log.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"

namespace ccsim {

namespace {

using report_internal::CsvField;

// Rows are written in blocks of about this many bytes.
constexpr size_t kBlock = 1 << 16;

}  // namespace

std::string FormatTimestamp(const Scenario& scenario, Time t) {
  const int64_t ms = (t.ticks() + 500) / 1000;  // to the nearest millisecond
  constexpr int64_t kDayMs = 86'400'000;
  int64_t day = ms / kDayMs;
  int64_t in_day = ms % kDayMs;
  if (in_day < 0) {
    in_day += kDayMs;
    --day;
  }
  const int64_t day_of_warmup_end = scenario.warmup / Time::Days(1);
  const Date d =
      scenario.calendar.start_date.plus_days(day - day_of_warmup_end);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", d.year,
                     d.month, d.day, in_day / 3'600'000, in_day / 60'000 % 60,
                     in_day / 1000 % 60, in_day % 1000);
}

std::string_view CsvTraceWriter::CallHeader() {
  return "replication,caller,attempt,cause,call_type,arrival,ivr_outcome,"
         "ivr_exit,queue,queued,answered,abandoned,group,agent,talk_end,"
         "wrap_end,legs,left,outcome,resolved";
}

std::string_view CsvTraceWriter::AgentHeader() {
  return "replication,time,group,agent,state";
}

CsvTraceWriter::CsvTraceWriter(const Scenario& scenario, std::FILE* calls,
                               std::FILE* agents)
    : s_(scenario), calls_(calls), agents_(agents) {
  if (calls_ != nullptr) {
    call_buffer_.reserve(kBlock + 1024);
    call_buffer_.append(CallHeader()).push_back('\n');
  }
  if (agents_ != nullptr) {
    agent_buffer_.reserve(kBlock + 256);
    agent_buffer_.append(AgentHeader()).push_back('\n');
  }
}

CsvTraceWriter::~CsvTraceWriter() = default;

void CsvTraceWriter::Write(std::FILE* file, std::string& buffer, bool force) {
  if (file == nullptr || (!force && buffer.size() < kBlock)) return;
  if (ok_ && !buffer.empty() &&
      std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size()) {
    ok_ = false;
  }
  buffer.clear();
}

bool CsvTraceWriter::Flush() {
  Write(calls_, call_buffer_, true);
  Write(agents_, agent_buffer_, true);
  if (calls_ != nullptr && std::fflush(calls_) != 0) ok_ = false;
  if (agents_ != nullptr && std::fflush(agents_) != 0) ok_ = false;
  return ok_;
}

void CsvTraceWriter::OnCall(const CallRecord& r) {
  if (calls_ == nullptr) return;
  auto time = [&](Time t) {
    return t.is_infinite() ? std::string() : FormatTimestamp(s_, t);
  };
  auto agent_name = [&]() -> std::string {
    if (r.agent < 0) return "";
    return CsvField(
        fmt::format("{}/{}", s_.agent_groups[r.group].name, r.agent_slot + 1));
  };
  std::string_view ivr_outcome;
  if (s_.ivr.enabled()) {
    ivr_outcome = r.queue >= 0 ? std::string_view("to_queue")
                  : r.outcome == CallOutcome::kClosed ||
                          r.outcome == CallOutcome::kBlocked
                      ? std::string_view()
                      : kCallOutcomeNames[static_cast<int>(r.outcome)];
  }
  fmt::format_to(
      std::back_inserter(call_buffer_),
      "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
      r.replication + 1, r.caller, r.attempt,
      kCallCauseNames[static_cast<int>(r.cause)],
      CsvField(s_.call_types[r.call_type].name), time(r.arrival), ivr_outcome,
      time(r.ivr_exit),
      r.queue >= 0 ? CsvField(s_.call_types[r.queue].name) : std::string(),
      time(r.queued), time(r.answered), time(r.abandoned),
      r.group >= 0 ? CsvField(s_.agent_groups[r.group].name) : std::string(),
      agent_name(), time(r.talk_end), time(r.wrap_end), r.legs, time(r.left),
      kCallOutcomeNames[static_cast<int>(r.outcome)],
      r.outcome == CallOutcome::kServed ? (r.resolved ? "yes" : "no") : "");
  Write(calls_, call_buffer_, false);
}

void CsvTraceWriter::OnAgentState(const AgentStateRecord& r) {
  if (agents_ == nullptr) return;
  const std::string& group = s_.agent_groups[r.group].name;
  fmt::format_to(std::back_inserter(agent_buffer_), "{},{},{},{},{}\n",
                 r.replication + 1, FormatTimestamp(s_, r.time),
                 CsvField(group),
                 CsvField(fmt::format("{}/{}", group, r.slot + 1)),
                 kAgentLogStateNames[static_cast<int>(r.state)]);
  Write(agents_, agent_buffer_, false);
}

}  // namespace ccsim
