// WaitHistogram: the waits of answered calls in fixed bins, so that wait
// percentiles can be computed from counters that merge by adding (like
// every other counter of CallCounters).
//
//   WaitHistogram h;
//   h.Record(12.4);               // a wait of 12.4 s; never allocates
//   total.Add(h);                 // merging: bin counts add
//   double p90 = total.Percentile(0.9);
//
// Bins (seconds): exactly 0 (calls that found a free agent); then 1 s wide
// up to 30 s, 2 s up to 60 s, 10 s up to 120 s, then the edges 150, 180,
// 240, 300, 420, 600, 900, 1200, 1800, 2700 and 3600; last, 3600 s and
// longer. 64 bins of 32-bit counts: 256 bytes. A percentile is read by
// linear interpolation inside the bin it falls in, so it is exact to within
// that bin's width; one in the last bin is reported as 3600 (its lower
// edge). docs/metrics.md states this resolution.
//
// Not thread-safe; one histogram belongs to one replication's counters.
#ifndef CCSIM_WAIT_HISTOGRAM_H_
#define CCSIM_WAIT_HISTOGRAM_H_

#include <array>
#include <cstdint>

namespace ccsim {

class WaitHistogram {
 public:
  static constexpr int kBins = 64;
  // Lower edge of each bin, seconds; bin 0 holds waits of exactly 0 and
  // bin 1 the waits in (0, 1). Bin i holds [LowerEdge(i), LowerEdge(i + 1)).
  static double LowerEdge(int bin);
  // Upper edge (the next bin's lower edge); for the last bin, its lower
  // edge (it has no upper one).
  static double UpperEdge(int bin);
  // The bin of a wait of `seconds` (>= 0).
  static int BinOf(double seconds);

  void Record(double seconds) { Bump(BinOf(seconds)); }
  // Adds the counts of `o` (saturating at 2^32 - 1 per bin).
  void Add(const WaitHistogram& o);

  uint64_t Count() const;
  uint32_t count(int bin) const { return counts_[bin]; }

  // The p-quantile (0 < p < 1) of the recorded waits: the smallest wait w
  // with at least a share p of waits at or below it, interpolated linearly
  // inside its bin. NaN when nothing was recorded.
  double Percentile(double p) const;

 private:
  void Bump(int bin) {
    if (counts_[bin] != UINT32_MAX) ++counts_[bin];
  }
  std::array<uint32_t, kBins> counts_{};
};

}  // namespace ccsim

#endif  // CCSIM_WAIT_HISTOGRAM_H_
