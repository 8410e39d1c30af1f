// A progress bar on standard error, for long runs:
//   compare [##########..........]  24/48 replications  6.1/s  ETA 0:04
// Drawn only when standard error is a terminal (and not silenced), so logs
// and pipes stay clean; redrawn at most ten times a second.
#ifndef CCSIM_TOOLS_PROGRESS_H_
#define CCSIM_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace ccsim::tools {

class ProgressBar {
 public:
  // `label` starts the line ("run"); `unit` names what is counted
  // ("replications", "points"). With `enabled` false nothing is drawn.
  ProgressBar(std::string label, std::string unit, bool enabled);
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // True when the bar is drawn (enabled and standard error is a terminal).
  bool active() const { return active_; }

  // Reports `done` of `total`; safe to call from any thread.
  void Update(int64_t done, int64_t total);
  // Clears the bar's line (idempotent).
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  void Draw(int64_t done, int64_t total);

  std::string label_;
  std::string unit_;
  bool active_;
  bool drawn_ = false;
  std::mutex mu_;
  Clock::time_point started_;
  Clock::time_point last_draw_;
};

// "1:02:03" or "2:03" for a number of seconds; "?" when not finite.
std::string FormatEta(double seconds);

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_PROGRESS_H_
