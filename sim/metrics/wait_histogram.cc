// WaitHistogram (include/ccsim/wait_histogram.h): the bin edges, recording
// and percentiles.
#include "ccsim/wait_histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim {

namespace {

// Lower edges of the bins, seconds (bin 0 is the point 0).
constexpr std::array<double, WaitHistogram::kBins> MakeEdges() {
  std::array<double, WaitHistogram::kBins> e{};
  int i = 1;                                      // e[0] = e[1] = 0
  for (int s = 0; s < 30; ++s) e[i++] = s;        // bins 1..30: 1 s
  for (int s = 30; s < 60; s += 2) e[i++] = s;    // bins 31..45: 2 s
  for (int s = 60; s < 120; s += 10) e[i++] = s;  // bins 46..51: 10 s
  for (double s :
       {120, 150, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600}) {
    e[i++] = s;  // bins 52..63; the last is open-ended
  }
  return e;
}

constexpr std::array<double, WaitHistogram::kBins> kEdges = MakeEdges();
static_assert(kEdges[WaitHistogram::kBins - 1] == 3600);
static_assert(kEdges[31] == 30 && kEdges[46] == 60 && kEdges[52] == 120);

}  // namespace

double WaitHistogram::LowerEdge(int bin) { return kEdges[bin]; }

double WaitHistogram::UpperEdge(int bin) {
  return bin + 1 < kBins ? kEdges[bin + 1] : kEdges[bin];
}

int WaitHistogram::BinOf(double seconds) {
  if (!(seconds > 0)) return 0;
  if (seconds < 30) return 1 + static_cast<int>(seconds);
  // The first edge above the wait; its bin is the one before.
  const auto it = std::upper_bound(kEdges.begin() + 31, kEdges.end(), seconds);
  return static_cast<int>(it - kEdges.begin()) - 1;
}

void WaitHistogram::Add(const WaitHistogram& o) {
  for (int i = 0; i < kBins; ++i) {
    const uint64_t sum = uint64_t{counts_[i]} + o.counts_[i];
    counts_[i] = static_cast<uint32_t>(std::min<uint64_t>(sum, UINT32_MAX));
  }
}

uint64_t WaitHistogram::Count() const {
  uint64_t n = 0;
  for (uint32_t c : counts_) n += c;
  return n;
}

double WaitHistogram::Percentile(double p) const {
  const uint64_t n = Count();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const double target = p * static_cast<double>(n);
  double below = 0;  // waits in the bins before `bin`
  for (int bin = 0; bin < kBins; ++bin) {
    const double c = counts_[bin];
    if (c > 0 && below + c >= target) {
      if (bin == 0 || bin == kBins - 1) return LowerEdge(bin);
      const double lo = LowerEdge(bin);
      const double share = std::max(0.0, (target - below) / c);
      return lo + share * (UpperEdge(bin) - lo);
    }
    below += c;
  }
  return LowerEdge(kBins - 1);  // not reached: target <= n
}

}  // namespace ccsim
