#include "progress.h"

#include <unistd.h>

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
  const Clock::time_point now = Clock::now();
  if (done < total && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  Draw(done, total);
}

void ProgressBar::Draw(int64_t done, int64_t total) {
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - started_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0;
  const double eta = rate > 0 ? (total - done) / rate : NAN;
  const int filled =
      total > 0 ? static_cast<int>(kBarWidth * done / total) : kBarWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kBarWidth - filled), '.');
  const std::string line =
      fmt::format("{} [{}] {}/{} {}  {:.1f}/s  ETA {}", label_, bar, done,
                  total, unit_, rate, FormatEta(eta));
  // \r and clear-to-end-of-line: the bar stays on one line.
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ccsim::tools
