// Random-number streams for ccsim.
//
// Every random draw in a simulation comes from an `Rng` that belongs to one
// purpose (arrivals of one call type, handle times of one call type, ...).
// Each stream is seeded from (seed, replication, purpose, key) alone, so:
//   * a replication gives the same numbers whichever thread runs it, and
//   * two scenarios run with the same seed draw the same numbers for the same
//     purpose and key (common random numbers), even when their other parts
//     differ. Keys are stable hashes of names (e.g. the call type's name),
//     not positions in a list.
//
//   ccsim::Rng rng = ccsim::Rng::ForStream(seed, rep, ccsim::Stream::kArrivals,
//                                          ccsim::StableHash("general"));
//   double u = rng.Uniform01();     // in [0, 1)
//   double e = rng.Exponential(180.0);
//
// The engine is xoshiro256++ (Blackman and Vigna): 256 bits of state, period
// 2^256 - 1, about 1 ns per 64-bit output. Not thread-safe; one per thread.
#ifndef CCSIM_RANDOM_H_
#define CCSIM_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace ccsim {

// The purposes random numbers are drawn for. Values are part of the result
// contract: changing one changes every result, so only append.
enum class Stream : uint64_t {
  kArrivals = 1,
  kHandleTime = 2,
  kPatience = 3,
  kBusyness = 4,         // daily gamma busyness factors of a call type
  kIncident = 5,         // arrival times of an incident's extra calls
  kCallerSeeds = 6,      // seeds of new callers of a call type
  kWrapUp = 7,           // after-call work of first calls of a call type
  kAgents = 8,           // log-in delays, early log-outs, AUX of one agent
  kIncidentCallers = 9,  // seeds of the callers of an incident
  kCallback = 10,        // callback acceptances of a queue
  kFollowUp = 11,        // follow-up tasks of a call type: creation, dials
  kCallbackDial = 12,    // callback dial times and answers of a queue
  kTest = 1000,
};

// FNV-1a 64-bit hash: stable across platforms and runs (unlike std::hash).
constexpr uint64_t StableHash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// SplitMix64 step: a good 64-bit mixer, used for seeding.
constexpr uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  using result_type = uint64_t;

  explicit Rng(uint64_t seed) {
    uint64_t sm = seed;
    for (uint64_t& w : s_) w = SplitMix64(sm);
  }

  // The stream for one purpose and key within one replication.
  static Rng ForStream(uint64_t seed, uint64_t replication, Stream purpose,
                       uint64_t key = 0) {
    uint64_t mix = seed;
    uint64_t h = SplitMix64(mix);
    mix = h ^ replication;
    h = SplitMix64(mix);
    mix = h ^ static_cast<uint64_t>(purpose);
    h = SplitMix64(mix);
    mix = h ^ key;
    return Rng(SplitMix64(mix));
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() {
    return std::numeric_limits<uint64_t>::max();
  }

  result_type operator()() { return Next(); }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[0] + s_[3], 23) + s_[0];
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform01() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double UniformOpen0() {
    return static_cast<double>((Next() >> 11) + 1) * 0x1.0p-53;
  }
  // Exponential with the given mean.
  double Exponential(double mean) { return -mean * std::log(UniformOpen0()); }
  // Standard normal (Marsaglia's polar method; the spare is discarded so
  // that each call consumes a whole number of draws independent of history).
  double Normal();

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }
  uint64_t s_[4];
};

}  // namespace ccsim

#endif  // CCSIM_RANDOM_H_
