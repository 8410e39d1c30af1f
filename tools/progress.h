// A progress bar on standard error, for long runs:
//   compare [##########..........]  24/48 replications  6.1/s  ETA 0:04
// With Watch(), the bar and the time left follow the simulated time done
// (RunOptions::simulated), so they move within long replications:
//   run [#########...............] 0/1 replications  38% simulated  ETA 0:06
// Drawn only when standard error is a terminal (and not silenced), so logs
// and pipes stay clean; redrawn at most ten times a second.
#ifndef CCSIM_TOOLS_PROGRESS_H_
#define CCSIM_TOOLS_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

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
  // Also shows the share of `simulated_total` that `simulated` has reached
  // (relaxed reads), redrawing every 100 ms from a thread of the bar's own
  // until Finish(). Call at most once, before the work starts; `simulated`
  // must outlive Finish(). Does nothing when the bar is not drawn.
  void Watch(const std::atomic<int64_t>* simulated, int64_t simulated_total);
  // Stops the watching thread and clears the bar's line (idempotent).
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  // REQUIRES: mu_ held.
  void Draw(int64_t done, int64_t total);

  std::string label_;
  std::string unit_;
  bool active_;
  bool drawn_ = false;
  std::mutex mu_;
  Clock::time_point started_;
  Clock::time_point last_draw_;
  // The last Update(), for the watching thread's redraws.
  int64_t done_ = 0;
  int64_t total_ = 0;
  const std::atomic<int64_t>* simulated_ = nullptr;
  int64_t simulated_total_ = 0;
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread watcher_;
};

// "1:02:03" or "2:03" for a number of seconds; "?" when not finite.
std::string FormatEta(double seconds);

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_PROGRESS_H_
