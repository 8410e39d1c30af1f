// Files for the fuzz targets: a folder of the process's own, the input
// written there as a file, and fixed files beside it that inputs can name
// (`extends: base.yaml`, `scenario: multi.yaml`, `{table: forecast.csv}`).
#ifndef CCSIM_TESTS_FUZZ_FUZZ_FILES_H_
#define CCSIM_TESTS_FUZZ_FUZZ_FILES_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace ccsim::fuzz {

// Stops the process (a crash for libFuzzer) when `ok` is false: for
// properties the code promises, not only for memory errors.
inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property violated: %s\n", what);
  std::abort();
}

inline void WriteFile(const std::string& path, std::string_view text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  Check(f != nullptr, "cannot create a file in the fuzz folder");
  const size_t written = std::fwrite(text.data(), 1, text.size(), f);
  Check(std::fclose(f) == 0 && written == text.size(),
        "cannot write a file in the fuzz folder");
}

// A small single-queue scenario.
inline constexpr std::string_view kBaseYaml = R"(name: base
horizon: 2d
warmup: 1d
interval: 30m
replications: 2
seed: 1
service_level: {threshold: 20s, short_abandon: 5s}
call_types:
  - name: general
    arrivals: {per_interval: 100}
    handle_time: {exponential: {mean: 180s}}
    patience: {exponential: {mean: 300s}}
agents:
  - name: team
    skills: [general]
    staffing: {constant: 14}
)";

// Most parts of the model at once: calendar, trunks, redials, an IVR with
// an announcement, skills with overflow, shifts with breaks, a dated
// forecast and a dated staffing table.
inline constexpr std::string_view kMultiYaml = R"(name: multi
horizon: 2d
warmup: 0d
interval: 1h
replications: 2
seed: 7
calendar:
  start_date: 2026-03-01
  opening_hours: {default: "08:00-20:00", sunday: closed}
trunk_lines: 40
redial: {after_busy: 0.8, after_abandon: 0.5, decay: 0.7, max_attempts: 5, delay: {exponential: {mean: 10m}}}
incidents:
  - {name: storm, call_type: outage, day: 1, at: "10:00", duration: 4h, extra_calls: 300, half_life: 1h}
call_types:
  - name: general
    arrivals: {table: forecast.csv}
    handle_time: {lognormal: {mean: 240s, sd: 150s}}
    patience: {exponential: {mean: 180s}}
    wrap_up: {exponential: {mean: 30s}}
    fcr: 0.85
    return_delay: {lognormal: {mean: 2d, sd: 1d}}
    transfer: {share: 0.05, to: billing}
  - name: billing
    arrivals: {per_day: 500, intraday: [0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 10, 9, 8, 8, 9, 9, 8, 7, 6, 5, 0, 0, 0, 0]}
    handle_time: {gamma: {mean: 300s, sd: 200s}}
    patience: {weibull: {shape: 1.5, mean: 200s}}
  - name: outage
    arrivals: {trace: trace.csv}
    handle_time: {deterministic: {value: 120s}}
ivr:
  greeting: 15s
  zero_out_queue: general
  misroute_handle_time: {exponential: {mean: 60s}}
  hang_up_by_depth: [0.02, 0.04]
  zero_out: 0.05
  announcements:
    - {name: notice, duration: 20s, call_types: [outage], informed: 0.6, incident: storm}
  menu:
    prompt: 20s
    misroute: 0.03
    options:
      - name: billing
        choose: {billing: 0.9, general: 0.1}
        menu:
          prompt: 15s
          options:
            - name: balance
              for: [billing]
              self_service: {duration: {exponential: {mean: 90s}}, resolve: 0.4, to_agent: 0.7}
            - {name: agent, for: [billing, general], queue: billing}
      - {name: outage, for: [outage], queue: outage}
      - {name: other, for: [general], queue: general}
agents:
  - name: day-team
    skills: [general, outage, {skill: billing, priority: 2, after: 30s}]
    handle_time_factor: {billing: 1.2}
    shifts:
      - start: "08:00"
        end: "16:30"
        agents: 20
        days: [monday, tuesday, wednesday, thursday, friday, saturday]
        breaks:
          - {earliest: "12:00", latest: "13:30", duration: 30m}
      - {start: "12:00", end: "20:00", agents: 15}
    break_cap: {share: 0.2}
    aux: {per_hour: 0.5, duration: {exponential: {mean: 5m}}}
    adherence: {late_login: {exponential: {mean: 3m}}}
  - name: billing-team
    skills: [billing]
    staffing: {table: staffing.csv}
)";

inline constexpr std::string_view kForecastCsv =
    "date,time,calls\n"
    "2026-03-01,08:00,40\n2026-03-01,09:00,55.5\n2026-03-01,10:00,60\n"
    "2026-03-02,08:00,42\n2026-03-02,12:00,70\n2026-03-02,19:00,12\n";
inline constexpr std::string_view kStaffingCsv =
    "date,time,agents\n"
    "2026-03-01,08:00,4\n2026-03-01,09:00,6.5\n"
    "2026-03-02,08:00,5\n2026-03-02,13:00,3\n";
inline constexpr std::string_view kTraceCsv =
    "arrival,call_type,talk_s\n"
    "2026-03-01 10:00:03.250,outage,95\n"
    "2026-03-01 10:01:10.000,outage,\n"
    "2026-03-02 11:30:00.000,outage,300\n";

// A folder made once per process (under $TMPDIR or /tmp) holding the fixed
// files above; removed at exit.
inline const std::string& Folder() {
  static const std::string folder = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
        "/ccsim_fuzz_XXXXXX";
    Check(mkdtemp(pattern.data()) != nullptr, "cannot make the fuzz folder");
    WriteFile(pattern + "/base.yaml", kBaseYaml);
    WriteFile(pattern + "/multi.yaml", kMultiYaml);
    WriteFile(pattern + "/forecast.csv", kForecastCsv);
    WriteFile(pattern + "/staffing.csv", kStaffingCsv);
    WriteFile(pattern + "/trace.csv", kTraceCsv);
    return pattern;
  }();
  static const bool removed_at_exit = [] {
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(folder, ignored);
    });
    return true;
  }();
  (void)removed_at_exit;
  return folder;
}

}  // namespace ccsim::fuzz

#endif  // CCSIM_TESTS_FUZZ_FUZZ_FILES_H_
