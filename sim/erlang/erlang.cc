// Erlang B, Erlang C and Erlang A (M/M/n+M) figures.
//
// Everything is computed with recurrences on ratios of state probabilities
// (never factorials or powers), and the Erlang A queue tail is summed in log
// space, so large agent counts and heavy overloads stay finite.
//
// Erlang A outline (lambda arrivals, mu service rate, theta = 1/patience):
//   * The number in system is a birth-death chain. Relative to pi_n,
//     sum_{j<n} pi_j / pi_n = 1/B(n, a) - 1 and
//     pi_{n+k} / pi_n = prod_{i=1..k} lambda / (n mu + i theta).
//   * By PASTA an arrival sees the stationary law; one that finds k calls
//     queued waits at position i = k + 1. From position i the call moves up
//     at rate n mu + (i-1) theta (a service completion or an abandonment
//     ahead of it) and abandons itself at rate theta.
//   * P(served within t | position i) comes from uniformizing that absorbing
//     chain (Poisson-weighted DTMC powers).
#include "ccsim/erlang.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace ccsim {
namespace {

// Largest number of queue positions the Erlang A solver keeps. A longer
// stationary queue means patience is extremely long compared with the
// overload; such inputs are reported rather than allowed to exhaust memory.
constexpr int kMaxQueueStates = 2'000'000;

// Upper bound on the work (positions x uniformization steps) for one service
// level evaluation.
constexpr double kMaxUniformizationWork = 1e9;

// Relative size below which tail terms are dropped (natural log of 1e-18).
constexpr double kLogTailCut = -41.44653167389282;

bool PositiveFinite(double x) { return std::isfinite(x) && x > 0; }

absl::Status ValidateCommon(const ErlangInput& in) {
  if (!PositiveFinite(in.arrival_rate_per_s)) {
    return absl::InvalidArgumentError(
        fmt::format("arrival rate must be positive and finite (got {} calls/s)",
                    in.arrival_rate_per_s));
  }
  if (!PositiveFinite(in.mean_handle_s)) {
    return absl::InvalidArgumentError(
        fmt::format("mean handle time must be positive and finite (got {} s)",
                    in.mean_handle_s));
  }
  if (in.mean_patience_s.has_value() && !PositiveFinite(*in.mean_patience_s)) {
    return absl::InvalidArgumentError(
        fmt::format("mean patience must be positive and finite (got {} s)",
                    *in.mean_patience_s));
  }
  if (!std::isfinite(in.threshold_s) || in.threshold_s < 0) {
    return absl::InvalidArgumentError(fmt::format(
        "service-level threshold must be finite and not negative (got {} s)",
        in.threshold_s));
  }
  if (!PositiveFinite(in.arrival_rate_per_s * in.mean_handle_s)) {
    return absl::InvalidArgumentError(
        "offered load (arrival rate x mean handle time) is not finite");
  }
  return absl::OkStatus();
}

// "15.0", or more digits when one decimal would round to the agent count.
std::string FormatLoad(double load, int agents) {
  std::string s = fmt::format("{:.1f}", load);
  if (std::stod(s) < agents) s = fmt::format("{:.4f}", load);
  return s;
}

ErlangResult ErlangCResult(const ErlangInput& in, double load) {
  const int n = in.agents;
  const double mu = 1.0 / in.mean_handle_s;
  const double drain = n * mu - in.arrival_rate_per_s;  // n mu - lambda > 0
  const double c = ErlangC(n, load);
  ErlangResult r;
  r.offered_load = load;
  r.p_wait = c;
  r.service_level = 1.0 - c * std::exp(-drain * in.threshold_s);
  r.asa_s = c / drain;
  r.mean_wait_s = r.asa_s;
  r.abandon_rate = 0;
  r.occupancy = load / n;
  return r;
}

// P(served and waited <= t) summed over queue positions, for the absorbing
// chain described at the top of the file. `start[i]` is the stationary
// probability that an arrival joins at position i + 1.
absl::StatusOr<double> ServedWithin(const std::vector<double>& start,
                                    double nmu, double theta, double t) {
  if (t <= 0 || start.empty()) return 0.0;
  const auto positions_for = [&](double rate) {
    const double x = rate * t;
    return x + 12.0 * std::sqrt(x) + 50.0;
  };
  // A call starting deeper than the number of uniformized steps cannot reach
  // an agent within them, so only that many positions are kept.
  const double all = static_cast<double>(start.size());
  const double steps_bound = positions_for(nmu + all * theta);
  const size_t kept = static_cast<size_t>(std::min(all, steps_bound));
  const double rate = nmu + static_cast<double>(kept) * theta;  // uniform rate
  const double x = rate * t;

  std::vector<double> p(start.begin(), start.begin() + kept);
  // Per-step probabilities: move one position closer (or into service from
  // position 1) and stay put.
  std::vector<double> up(kept), stay(kept);
  for (size_t i = 0; i < kept; ++i) {
    const double pos = static_cast<double>(i + 1);
    up[i] = (nmu + (pos - 1) * theta) / rate;
    stay[i] = std::max(0.0, 1.0 - (nmu + pos * theta) / rate);
  }
  double transient = 0;
  for (double v : p) transient += v;
  const double initial = transient;

  const double log_x = std::log(x);
  double served = 0;  // mass absorbed in "served" after m steps
  double result = 0;  // sum_m Poisson(m; x) * served_m
  double weight_sum = 0;
  double work = 0;
  for (long m = 0;; ++m) {
    const double md = static_cast<double>(m);
    const double w = std::exp(-x + md * log_x - std::lgamma(md + 1.0));
    result += w * served;
    weight_sum += w;
    if (transient <= 1e-16 * initial) {
      // Nothing left to absorb: served_m stays constant from here on.
      result += served * std::max(0.0, 1.0 - weight_sum);
      break;
    }
    if (md > x && w * (md + 1.0) / (md + 1.0 - x) < 1e-17) break;
    work += static_cast<double>(kept);
    if (work > kMaxUniformizationWork) {
      return absl::OutOfRangeError(fmt::format(
          "service level computation too large ({} queue positions over a "
          "{} s threshold); use a shorter threshold or patience",
          kept, t));
    }
    // One DTMC step, ascending so p[i + 1] is still the old value.
    served += p[0] * up[0];
    transient = 0;
    for (size_t i = 0; i < kept; ++i) {
      const double from_behind = (i + 1 < kept) ? p[i + 1] * up[i + 1] : 0.0;
      p[i] = p[i] * stay[i] + from_behind;
      transient += p[i];
    }
  }
  return result;
}

absl::StatusOr<ErlangResult> ErlangAResult(const ErlangInput& in, double load) {
  const int n = in.agents;
  const double lambda = in.arrival_rate_per_s;
  const double mu = 1.0 / in.mean_handle_s;
  const double theta = 1.0 / *in.mean_patience_s;
  const double nmu = n * mu;

  // log t_k with t_k = pi_{n+k} / pi_n, until the rest is negligible.
  std::vector<double> log_t{0.0};
  double log_max = 0;
  for (int k = 1;; ++k) {
    if (k > kMaxQueueStates) {
      return absl::OutOfRangeError(fmt::format(
          "Erlang A queue does not settle within {} waiting calls (mean "
          "patience {} s is too long for a load of {:.4g} erlangs on {} "
          "agents)",
          kMaxQueueStates, *in.mean_patience_s, load, n));
    }
    const double next = log_t.back() + std::log(lambda / (nmu + k * theta));
    log_t.push_back(next);
    log_max = std::max(log_max, next);
    const double q = lambda / (nmu + (k + 1) * theta);  // next ratio
    if (q < 1) {
      // Remaining terms (weighted by their queue length) are bounded by a
      // geometric series with ratio q.
      const double bound = next + std::log(k + 1.0) - std::log1p(-q);
      if (bound - log_max < kLogTailCut) break;
    }
  }
  const size_t count = log_t.size();
  std::vector<double> u(count);
  double u_sum = 0, q_sum = 0;
  for (size_t k = 0; k < count; ++k) {
    u[k] = std::exp(log_t[k] - log_max);
    u_sum += u[k];
    q_sum += static_cast<double>(k) * u[k];
  }
  // Mass below n agents relative to the same scale: (1/B - 1) e^{-log_max}.
  const double b = ErlangB(n, load);
  const double log_low = (b > 0) ? std::log1p(-b) - std::log(b) - log_max
                                 : std::numeric_limits<double>::infinity();
  const double p_queue_states =
      1.0 / (1.0 + std::exp(log_low - std::log(u_sum)));
  const double scale = p_queue_states / u_sum;  // pi_{n+k} = scale * u[k]

  std::vector<double> pi(count);
  for (size_t k = 0; k < count; ++k) pi[k] = scale * u[k];
  const double mean_queue = scale * q_sum;

  ErlangResult r;
  r.offered_load = load;
  r.p_wait = p_queue_states;
  r.abandon_rate = std::min(1.0, theta * mean_queue / lambda);
  r.mean_wait_s = mean_queue / lambda;

  // E[wait; served | position i] by h_i = g_i / r_i + (a_i / r_i) h_{i-1}.
  double served_wait = 0;
  double h = 0;
  for (size_t k = 0; k < count; ++k) {
    const double pos = static_cast<double>(k + 1);
    const double out = nmu + pos * theta;
    const double g = nmu / out;
    h = g / out + ((nmu + (pos - 1) * theta) / out) * h;
    served_wait += pi[k] * h;
  }
  const double p_served = 1.0 - r.abandon_rate;
  r.asa_s = p_served > 0 ? served_wait / p_served : 0.0;

  absl::StatusOr<double> within = ServedWithin(pi, nmu, theta, in.threshold_s);
  if (!within.ok()) return within.status();
  r.service_level = std::clamp((1.0 - r.p_wait) + *within, 0.0, 1.0);
  r.occupancy = std::min(1.0, load * p_served / n);  // rounding can pass 1
  return r;
}

}  // namespace

double ErlangB(int servers, double load) {
  if (servers <= 0) return 1.0;
  if (!(load > 0)) return 0.0;
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = load * b / (k + load * b);
  return b;
}

double ErlangC(int agents, double load) {
  if (agents <= 0 || load >= agents) return 1.0;
  if (!(load > 0)) return 0.0;
  const double b = ErlangB(agents, load);
  return agents * b / (agents - load * (1.0 - b));
}

absl::StatusOr<ErlangResult> ErlangQueue(const ErlangInput& in) {
  if (absl::Status s = ValidateCommon(in); !s.ok()) return s;
  if (in.agents <= 0) {
    return absl::InvalidArgumentError(
        fmt::format("number of agents must be positive (got {})", in.agents));
  }
  const double load = in.arrival_rate_per_s * in.mean_handle_s;
  if (!in.mean_patience_s.has_value()) {
    if (load >= in.agents) {
      return absl::InvalidArgumentError(fmt::format(
          "for Erlang C the load ({} erlangs) must be below the number of "
          "agents ({}); add agents or give a mean patience (Erlang A)",
          FormatLoad(load, in.agents), in.agents));
    }
    return ErlangCResult(in, load);
  }
  return ErlangAResult(in, load);
}

absl::StatusOr<int> AgentsForServiceLevel(const ErlangInput& in, double target,
                                          int max_agents) {
  if (absl::Status s = ValidateCommon(in); !s.ok()) return s;
  if (!(target > 0 && target < 1)) {
    return absl::InvalidArgumentError(fmt::format(
        "target service level must be strictly between 0 and 1 (got {})",
        target));
  }
  if (max_agents <= 0) {
    return absl::InvalidArgumentError(fmt::format(
        "maximum number of agents must be positive (got {})", max_agents));
  }
  const double load = in.arrival_rate_per_s * in.mean_handle_s;
  // Erlang C needs more agents than erlangs. With abandonment the answered
  // share cannot exceed n / load (at most n mu calls/s are served), so fewer
  // than target * load agents cannot meet the target either.
  double lower = in.mean_patience_s.has_value()
                     ? std::max(1.0, std::ceil(target * load))
                     : std::floor(load) + 1.0;
  if (lower > max_agents) {
    return absl::OutOfRangeError(fmt::format(
        "more than {} agents would be needed for a service level of {} "
        "(load {:.4g} erlangs)",
        max_agents, target, load));
  }
  const int start = static_cast<int>(lower);

  // meets(n): 1 meets the target, 0 misses, error status otherwise.
  auto meets = [&](int agents) -> absl::StatusOr<bool> {
    ErlangInput trial = in;
    trial.agents = agents;
    absl::StatusOr<ErlangResult> r = ErlangQueue(trial);
    if (!r.ok()) {
      // A queue too long to represent is far from any service target.
      if (absl::IsOutOfRange(r.status())) return false;
      return r.status();
    }
    return r->service_level >= target;
  };

  // Service level grows with the number of agents: gallop upwards from the
  // lower bound, then bisect between the last miss and the first hit.
  int miss = start - 1;  // known not to meet (or infeasible)
  int hit = -1;
  for (int step = 1;; step *= 2) {
    const int probe = static_cast<int>(
        std::min<long long>(static_cast<long long>(miss) + step, max_agents));
    absl::StatusOr<bool> ok = meets(probe);
    if (!ok.ok()) return ok.status();
    if (*ok) {
      hit = probe;
      break;
    }
    miss = probe;
    if (probe == max_agents) {
      return absl::OutOfRangeError(fmt::format(
          "more than {} agents would be needed for a service level of {} "
          "(load {:.4g} erlangs)",
          max_agents, target, load));
    }
    if (step > (1 << 29)) step = 1 << 29;
  }
  while (hit - miss > 1) {
    const int mid = miss + (hit - miss) / 2;
    absl::StatusOr<bool> ok = meets(mid);
    if (!ok.ok()) return ok.status();
    (*ok ? hit : miss) = mid;
  }
  return hit;
}

}  // namespace ccsim
