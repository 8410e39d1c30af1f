#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "fmt/format.h"

namespace ccsim::tools {

namespace {
constexpr int kBarWidth = 24;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
}  // namespace

std::string FormatEta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const int64_t s = std::llround(seconds);
  if (s >= 3600) {
    return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  }
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressBar::ProgressBar(std::string label, std::string unit, bool enabled)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      active_(enabled && isatty(STDERR_FILENO)),
      started_(Clock::now()),
      last_draw_(started_ - kRedrawEvery) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(int64_t done, int64_t total) {
  if (!active_) return;
  std::lock_guard<std::mutex> lock(mu_);
  done_ = done;
  total_ = total;
  const Clock::time_point now = Clock::now();
  if (done < total && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  Draw(done, total);
}

void ProgressBar::Watch(const std::atomic<int64_t>* simulated,
                        int64_t simulated_total) {
  if (!active_ || simulated_total <= 0 || watcher_.joinable()) return;
  std::lock_guard<std::mutex> lock(mu_);
  simulated_ = simulated;
  simulated_total_ = simulated_total;
  watcher_ = std::thread([this] {
    std::unique_lock<std::mutex> held(mu_);
    while (!wake_.wait_for(held, kRedrawEvery, [this] { return stop_; })) {
      last_draw_ = Clock::now();
      Draw(done_, total_);
    }
  });
}

void ProgressBar::Draw(int64_t done, int64_t total) {
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - started_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0;
  // The share done: of the simulated time when watched, else of the count.
  double share = total > 0 ? static_cast<double>(done) / total : 1;
  std::string simulated;
  if (simulated_ != nullptr) {
    share = std::clamp(
        static_cast<double>(simulated_->load(std::memory_order_relaxed)) /
            static_cast<double>(simulated_total_),
        0.0, 1.0);
    if (done < total) {
      simulated = fmt::format("  {}% simulated", static_cast<int>(100 * share));
    }
  }
  double eta = NAN;  // unknown without a total
  if (total > 0 && done >= total) {
    eta = 0;
  } else if (total > 0 && share > 0) {
    eta = elapsed * (1 - share) / share;
  }
  const int filled = static_cast<int>(kBarWidth * share);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kBarWidth - filled), '.');
  const std::string line =
      fmt::format("{} [{}] {}/{} {}{}  {:.1f}/s  ETA {}", label_, bar, done,
                  total, unit_, simulated, rate, FormatEta(eta));
  // \r and clear-to-end-of-line: the bar stays on one line.
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ccsim::tools
