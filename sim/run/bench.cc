// The time-budgeted throughput measurement of `ccsim bench`, the machine's
// description and the report's formats (ccsim/bench.h).
#include "ccsim/bench.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/run.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"
#include "sim/run/workers.h"

namespace ccsim {

namespace {

using report_internal::JsonNumber;
using report_internal::JsonString;

// Returns freed heap to the system and resets the process's peak resident
// set size (VmHWM) to the current one; false when the peak cannot be reset
// (no /proc, or a kernel older than 4.0).
bool ResetPeakMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear) return false;
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// The process's peak resident set size in MiB: VmHWM of /proc/self/status
// when `use_vmhwm` and it is readable (sets *from_vmhwm), else ru_maxrss.
double PeakMemoryMb(bool use_vmhwm, bool* from_vmhwm) {
  *from_vmhwm = false;
  if (use_vmhwm) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmHWM:", 0) != 0) continue;
      const double kb = std::strtod(line.c_str() + 6, nullptr);
      if (kb > 0) {
        *from_vmhwm = true;
        return kb / 1024;
      }
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024;  // KiB on Linux
}

}  // namespace

absl::StatusOr<BenchMeasurement> MeasureThroughput(const Scenario& scenario,
                                                   int threads,
                                                   double seconds) {
  if (absl::Status st = CheckRunnable(scenario); !st.ok()) return st;
  if (threads < 1) {
    return absl::InvalidArgumentError(
        fmt::format("threads must be at least 1, not {}", threads));
  }
  if (!(seconds > 0) || !std::isfinite(seconds)) {
    return absl::InvalidArgumentError(
        fmt::format("the time budget must be above 0 s, not {}", seconds));
  }
  using Clock = std::chrono::steady_clock;
  const bool reset = ResetPeakMemory();
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline =
      start + std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(seconds));
  std::atomic<int> next{0};
  std::mutex mu;
  BenchMeasurement m;
  m.threads = threads;
  auto worker = [&] {
    uint64_t calls = 0, events = 0;
    int done = 0;
    for (;;) {
      const int r = next.fetch_add(1);
      // The first replication always runs; no other starts past the budget.
      if (r > 0 && Clock::now() >= deadline) break;
      const ReplicationResult result =
          RunReplication(scenario, scenario.seed, r);
      calls += result.calls;
      events += result.events;
      ++done;
    }
    std::lock_guard<std::mutex> lock(mu);
    m.calls += calls;
    m.events += events;
    m.replications += done;
  };
  RunOnThreads(threads, worker);
  m.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  m.calls_per_s = m.wall_s > 0 ? m.calls / m.wall_s : 0;
  m.events_per_s = m.wall_s > 0 ? m.events / m.wall_s : 0;
  bool from_vmhwm = false;
  m.peak_rss_mb = PeakMemoryMb(reset, &from_vmhwm);
  m.peak_reset = reset && from_vmhwm;
  m.speedup = std::numeric_limits<double>::quiet_NaN();
  return m;
}

BenchMachine DescribeMachine() {
  BenchMachine out;
  out.hardware_concurrency = std::thread::hardware_concurrency();
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t from = line.find_first_not_of(" \t", colon + 1);
    if (from != std::string::npos) out.cpu_model = line.substr(from);
    break;
  }
  return out;
}

void SetSpeedups(BenchReport& report) {
  for (BenchResult& s : report.scenarios) {
    double one = std::numeric_limits<double>::quiet_NaN();
    for (const BenchMeasurement& m : s.runs) {
      if (m.threads == 1) one = m.calls_per_s;
    }
    for (BenchMeasurement& m : s.runs) {
      m.speedup = one > 0 ? m.calls_per_s / one
                          : std::numeric_limits<double>::quiet_NaN();
    }
  }
}

std::string PeakMemorySource(const BenchReport& report) {
  for (const BenchResult& s : report.scenarios) {
    for (const BenchMeasurement& m : s.runs) {
      if (!m.peak_reset) return "ru_maxrss";
    }
  }
  return "VmHWM";
}

namespace {

std::string FormatJson(const BenchReport& r) {
  std::string out = "{\n";
  out += fmt::format("  \"ccsim_version\": {},\n", JsonString(r.version));
  out +=
      fmt::format("  \"git_describe\": {},\n",
                  r.git_describe.empty() ? "null" : JsonString(r.git_describe));
  out += fmt::format(
      "  \"machine\": {{\"hardware_concurrency\": {}, \"cpu_model\": {}}},\n",
      r.machine.hardware_concurrency,
      r.machine.cpu_model.empty() ? "null" : JsonString(r.machine.cpu_model));
  out += fmt::format("  \"seconds_per_measurement\": {},\n",
                     JsonNumber(r.seconds));
  out += fmt::format("  \"peak_rss_source\": {},\n",
                     JsonString(PeakMemorySource(r)));
  out += "  \"scenarios\": [";
  for (size_t i = 0; i < r.scenarios.size(); ++i) {
    const BenchResult& s = r.scenarios[i];
    out += fmt::format("{}\n    {{\"name\": {}, \"runs\": [", i ? "," : "",
                       JsonString(s.name));
    for (size_t k = 0; k < s.runs.size(); ++k) {
      const BenchMeasurement& m = s.runs[k];
      out += fmt::format(
          "{}\n      {{\"threads\": {}, \"replications\": {}, \"calls\": {}, "
          "\"events\": {}, \"wall_s\": {}, \"calls_per_s\": {}, "
          "\"events_per_s\": {}, \"peak_rss_mb\": {}, \"speedup\": {}}}",
          k ? "," : "", m.threads, m.replications, m.calls, m.events,
          JsonNumber(m.wall_s), JsonNumber(m.calls_per_s),
          JsonNumber(m.events_per_s), JsonNumber(m.peak_rss_mb),
          JsonNumber(m.speedup));
    }
    out += "\n    ]}";
  }
  out += "\n  ]\n}\n";
  return out;
}

// "4.52 M", "812.3 k" or "950": a rate for a table.
std::string Rate(double v) {
  if (v >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (v >= 1e3) return fmt::format("{:.1f} k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

std::string FormatTable(const BenchReport& r) {
  std::string out = fmt::format("ccsim {}{}\n", r.version,
                                r.git_describe.empty()
                                    ? std::string()
                                    : fmt::format(" ({})", r.git_describe));
  out += fmt::format(
      "machine: {} hardware threads, {}\n", r.machine.hardware_concurrency,
      r.machine.cpu_model.empty() ? "CPU model unknown" : r.machine.cpu_model);
  out += fmt::format(
      "{} s per measurement; peak memory from {}\n\n", JsonNumber(r.seconds),
      PeakMemorySource(r) == "VmHWM" ? "VmHWM (reset before each measurement)"
                                     : "ru_maxrss (the process's peak so far)");
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "threads", "reps", "calls", "events", "wall_s", "calls/s",
       "events/s", "peak_MiB", "speedup"}};
  for (const BenchResult& s : r.scenarios) {
    for (const BenchMeasurement& m : s.runs) {
      rows.push_back(
          {s.name, fmt::format("{}", m.threads),
           fmt::format("{}", m.replications), fmt::format("{}", m.calls),
           fmt::format("{}", m.events), fmt::format("{:.2f}", m.wall_s),
           Rate(m.calls_per_s), Rate(m.events_per_s),
           fmt::format("{:.1f}", m.peak_rss_mb),
           std::isfinite(m.speedup) ? fmt::format("{:.2f}x", m.speedup)
                                    : std::string("-")});
    }
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      // The name left-aligned, figures right-aligned.
      line += c == 0 ? fmt::format("{:<{}}", row[c], width[c])
                     : fmt::format("  {:>{}}", row[c], width[c]);
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string FormatBenchReport(const BenchReport& report, OutputFormat format) {
  return format == OutputFormat::kJson ? FormatJson(report)
                                       : FormatTable(report);
}

}  // namespace ccsim
