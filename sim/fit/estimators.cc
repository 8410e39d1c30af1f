#include "sim/fit/estimators.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numeric>

#include "boost/math/special_functions/digamma.hpp"
#include "boost/math/special_functions/gamma.hpp"
#include "boost/math/special_functions/trigamma.hpp"
#include "ccsim/time.h"
#include "fmt/format.h"

namespace ccsim::fit {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Durations are kept above this (timestamps have millisecond resolution;
// a zero duration has no logarithm).
constexpr double kMinT = 5e-4;

double LogSurvivalNormal(double z) {
  // log(1 - Phi(z)) = log(erfc(z / sqrt 2) / 2), with the asymptotic form
  // far in the tail where erfc underflows.
  const double x = z / std::sqrt(2.0);
  if (x < 20) return std::log(0.5 * std::erfc(x));
  return -x * x - std::log(x * std::sqrt(kPi)) - std::log(2.0);
}

using LogLik = std::function<double(const std::vector<double>&)>;

// Approximate 95% half-widths from the observed information: the inverse
// of the negative Hessian of the log-likelihood at its maximum, by central
// differences (1 or 2 parameters).
std::vector<double> HalfWidths(const LogLik& ll, const std::vector<double>& p) {
  const size_t k = p.size();
  std::vector<double> h(k);
  for (size_t i = 0; i < k; ++i) h[i] = 1e-4 * std::max(std::abs(p[i]), 1e-6);
  auto at = [&](int di, int dj, size_t i, size_t j) {
    std::vector<double> q = p;
    q[i] += di * h[i];
    q[j] += dj * h[j];
    return ll(q);
  };
  std::array<std::array<double, 2>, 2> H{};
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      if (i == j) {
        H[i][i] =
            (at(1, 0, i, i) - 2 * ll(p) + at(-1, 0, i, i)) / (h[i] * h[i]);
      } else {
        H[i][j] = (at(1, 1, i, j) - at(1, -1, i, j) - at(-1, 1, i, j) +
                   at(-1, -1, i, j)) /
                  (4 * h[i] * h[j]);
      }
    }
  }
  std::vector<double> out(k, std::nan(""));
  if (k == 1) {
    if (H[0][0] < 0) out[0] = 1.96 * std::sqrt(-1 / H[0][0]);
    return out;
  }
  // Inverse of the 2x2 information matrix -H.
  const double a = -H[0][0], b = -H[0][1], d = -H[1][1];
  const double det = a * d - b * b;
  if (det > 0 && a > 0 && d > 0) {
    out[0] = 1.96 * std::sqrt(d / det);
    out[1] = 1.96 * std::sqrt(a / det);
  }
  return out;
}

// Minimises f over two variables (Nelder-Mead, from x0 with steps `step`).
std::array<double, 2> Minimize2(const std::function<double(double, double)>& f,
                                std::array<double, 2> x0,
                                std::array<double, 2> step) {
  std::array<std::array<double, 2>, 3> x = {
      x0, std::array<double, 2>{x0[0] + step[0], x0[1]},
      std::array<double, 2>{x0[0], x0[1] + step[1]}};
  std::array<double, 3> v;
  for (int i = 0; i < 3; ++i) v[i] = f(x[i][0], x[i][1]);
  for (int iter = 0; iter < 400; ++iter) {
    std::array<int, 3> o = {0, 1, 2};
    std::sort(o.begin(), o.end(), [&](int a, int b) { return v[a] < v[b]; });
    const int best = o[0], mid = o[1], worst = o[2];
    if (std::abs(v[worst] - v[best]) < 1e-10 * (1 + std::abs(v[best])) &&
        iter > 20) {
      break;
    }
    std::array<double, 2> c = {(x[best][0] + x[mid][0]) / 2,
                               (x[best][1] + x[mid][1]) / 2};
    auto along = [&](double t) {
      return std::array<double, 2>{c[0] + t * (x[worst][0] - c[0]),
                                   c[1] + t * (x[worst][1] - c[1])};
    };
    const std::array<double, 2> r = along(-1);
    const double vr = f(r[0], r[1]);
    if (vr < v[best]) {
      const std::array<double, 2> e = along(-2);
      const double ve = f(e[0], e[1]);
      if (ve < vr) {
        x[worst] = e;
        v[worst] = ve;
      } else {
        x[worst] = r;
        v[worst] = vr;
      }
    } else if (vr < v[mid]) {
      x[worst] = r;
      v[worst] = vr;
    } else {
      const std::array<double, 2> k = along(0.5);
      const double vk = f(k[0], k[1]);
      if (vk < v[worst]) {
        x[worst] = k;
        v[worst] = vk;
      } else {
        for (int i : {mid, worst}) {
          x[i] = {(x[i][0] + x[best][0]) / 2, (x[i][1] + x[best][1]) / 2};
          v[i] = f(x[i][0], x[i][1]);
        }
      }
    }
  }
  int best = 0;
  for (int i = 1; i < 3; ++i) {
    if (v[i] < v[best]) best = i;
  }
  return x[best];
}

// Maximises a unimodal g on [lo, hi] (golden section).
double MaximizeOn(const std::function<double(double)>& g, double lo,
                  double hi) {
  const double r = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi;
  double c = b - r * (b - a), d = a + r * (b - a);
  double gc = g(c), gd = g(d);
  for (int i = 0; i < 200 && b - a > 1e-10; ++i) {
    if (gc > gd) {
      b = d;
      d = c;
      gd = gc;
      c = b - r * (b - a);
      gc = g(c);
    } else {
      a = c;
      c = d;
      gc = gd;
      d = a + r * (b - a);
      gd = g(d);
    }
  }
  return (a + b) / 2;
}

struct Data {
  std::vector<double> t;  // clamped to kMinT
  std::vector<char> event;
  int events = 0;
  double sum_t = 0, sum_log_ev = 0;
  bool censored() const { return events < static_cast<int>(t.size()); }
};

// Log-likelihoods in the scenario's parameters.
double LlExponential(const Data& d, double mean) {
  if (!(mean > 0)) return -INFINITY;
  return -d.events * std::log(mean) - d.sum_t / mean;
}

double LlWeibull(const Data& d, double shape, double mean) {
  if (!(shape > 0) || !(mean > 0)) return -INFINITY;
  const double scale = mean / std::tgamma(1 + 1 / shape);
  double ll = d.events * (std::log(shape) - shape * std::log(scale)) +
              (shape - 1) * d.sum_log_ev;
  for (double t : d.t) ll -= std::pow(t / scale, shape);
  return ll;
}

double LlLognormalMuSigma(const Data& d, double mu, double sigma) {
  if (!(sigma > 0)) return -INFINITY;
  double ll =
      -d.events * (std::log(sigma) + 0.5 * std::log(2 * kPi)) - d.sum_log_ev;
  for (size_t i = 0; i < d.t.size(); ++i) {
    const double z = (std::log(d.t[i]) - mu) / sigma;
    ll += d.event[i] ? -0.5 * z * z : LogSurvivalNormal(z);
  }
  return ll;
}

std::pair<double, double> LognormalMuSigma(double mean, double sd) {
  const double s2 = std::log1p(sd * sd / (mean * mean));
  return {std::log(mean) - s2 / 2, std::sqrt(s2)};
}

double LlLognormal(const Data& d, double mean, double sd) {
  if (!(mean > 0) || !(sd > 0)) return -INFINITY;
  auto [mu, sigma] = LognormalMuSigma(mean, sd);
  return LlLognormalMuSigma(d, mu, sigma);
}

double LlGamma(const Data& d, double mean, double sd) {
  if (!(mean > 0) || !(sd > 0)) return -INFINITY;
  const double a = mean * mean / (sd * sd), theta = sd * sd / mean;
  return (a - 1) * d.sum_log_ev - d.sum_t / theta -
         d.events * (a * std::log(theta) + std::lgamma(a));
}

FamilyFit Finish(std::string family, Distribution dist,
                 std::vector<std::pair<std::string, double>> params,
                 const LogLik& ll) {
  FamilyFit f;
  f.family = std::move(family);
  f.distribution = std::move(dist);
  std::vector<double> p;
  for (const auto& [name, value] : params) p.push_back(value);
  f.params = std::move(params);
  f.log_likelihood = ll(p);
  f.aic = 2.0 * static_cast<double>(p.size()) - 2 * f.log_likelihood;
  f.half_widths = HalfWidths(ll, p);
  return f;
}

FamilyFit FitExponential(const Data& d) {
  const double mean = d.sum_t / d.events;
  return Finish(
      "exponential", Distribution::Exponential(mean), {{"mean", mean}},
      [&](const std::vector<double>& p) { return LlExponential(d, p[0]); });
}

FamilyFit FitWeibull(const Data& d) {
  // Profile likelihood in the shape k: the scale is (sum t^k / events)^(1/k).
  // Times are divided by their mean first, so t^k stays finite.
  const double c = d.sum_t / static_cast<double>(d.t.size());
  double sum_log_ev_scaled = d.sum_log_ev - d.events * std::log(c);
  auto profile = [&](double log_k) {
    const double k = std::exp(log_k);
    double s = 0;
    for (double t : d.t) s += std::pow(t / c, k);
    return d.events * (log_k - std::log(s / d.events)) +
           (k - 1) * sum_log_ev_scaled - d.events;
  };
  const double k = std::exp(MaximizeOn(profile, std::log(0.02), std::log(50)));
  double s = 0;
  for (double t : d.t) s += std::pow(t / c, k);
  const double scale = c * std::pow(s / d.events, 1 / k);
  const double mean = scale * std::tgamma(1 + 1 / k);
  return Finish(
      "weibull", Distribution::Weibull(k, mean), {{"shape", k}, {"mean", mean}},
      [&](const std::vector<double>& p) { return LlWeibull(d, p[0], p[1]); });
}

FamilyFit FitLognormal(const Data& d) {
  double mu = d.sum_log_ev / d.events, s2 = 0;
  for (size_t i = 0; i < d.t.size(); ++i) {
    if (d.event[i]) s2 += std::pow(std::log(d.t[i]) - mu, 2);
  }
  double sigma = std::sqrt(std::max(s2 / d.events, 1e-12));
  if (d.censored()) {
    // Start from the events' estimate; the censored times pull mu up.
    const std::array<double, 2> best = Minimize2(
        [&](double m, double log_s) {
          const double v = -LlLognormalMuSigma(d, m, std::exp(log_s));
          return std::isfinite(v) ? v : 1e300;
        },
        {mu, std::log(sigma)}, {0.5, 0.3});
    mu = best[0];
    sigma = std::exp(best[1]);
  }
  const double mean = std::exp(mu + sigma * sigma / 2);
  const double sd = mean * std::sqrt(std::expm1(sigma * sigma));
  return Finish(
      "lognormal", Distribution::Lognormal(mean, sd),
      {{"mean", mean}, {"sd", sd}},
      [&](const std::vector<double>& p) { return LlLognormal(d, p[0], p[1]); });
}

FamilyFit FitGamma(const Data& d) {
  const double n = d.events;
  const double mean = d.sum_t / n;
  const double s = std::log(mean) - d.sum_log_ev / n;
  // Newton on log(a) - digamma(a) = s, from the usual closed-form start.
  double a =
      s > 0 ? (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s) : 1e6;
  for (int i = 0; i < 50 && s > 0; ++i) {
    const double g = std::log(a) - boost::math::digamma(a) - s;
    const double dg = 1 / a - boost::math::trigamma(a);
    const double next = a - g / dg;
    a = next > 0 ? next : a / 2;
    if (std::abs(g) < 1e-12) break;
  }
  a = std::min(a, 1e6);
  const double sd = mean / std::sqrt(a);
  return Finish(
      "gamma", Distribution::Gamma(mean, sd), {{"mean", mean}, {"sd", sd}},
      [&](const std::vector<double>& p) { return LlGamma(d, p[0], p[1]); });
}

// Whether a scenario file takes the family's parameters back: every
// duration at least one tick once rounded (a lognormal of nearly equal
// times has an sd far below it, which reads as 0) and at most the 1e12 s a
// duration may be. A family that cannot be written is not chosen (the
// fitted scenario would not load).
bool Writable(const FamilyFit& f) {
  for (const auto& [name, value] : f.params) {
    if (name == "shape") continue;
    if (!(value <= 1e12) || Time::Seconds(value) <= Time::Zero()) return false;
  }
  return true;
}

std::string Seconds(double s) { return fmt::format("{:.4g} s", s); }

}  // namespace

double Cdf(const FamilyFit& f, double t) {
  if (t <= 0) return 0;
  auto param = [&](const char* name) {
    for (const auto& [k, v] : f.params) {
      if (k == name) return v;
    }
    return std::nan("");
  };
  if (f.family == "exponential") return -std::expm1(-t / param("mean"));
  if (f.family == "weibull") {
    const double k = param("shape");
    const double scale = param("mean") / std::tgamma(1 + 1 / k);
    return -std::expm1(-std::pow(t / scale, k));
  }
  if (f.family == "lognormal") {
    auto [mu, sigma] = LognormalMuSigma(param("mean"), param("sd"));
    return 0.5 * std::erfc(-(std::log(t) - mu) / (sigma * std::sqrt(2.0)));
  }
  const double mean = param("mean"), sd = param("sd");
  return boost::math::gamma_p(mean * mean / (sd * sd), t * mean / (sd * sd));
}

std::vector<SurvivalPoint> KaplanMeier(std::vector<Sample> samples) {
  // Events before censorings at equal times (the usual convention).
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) {
              return a.t < b.t || (a.t == b.t && a.event && !b.event);
            });
  std::vector<SurvivalPoint> out;
  double s = 1;
  size_t at_risk = samples.size();
  for (size_t i = 0; i < samples.size();) {
    size_t j = i, deaths = 0;
    while (j < samples.size() && samples[j].t == samples[i].t) {
      deaths += samples[j].event;
      ++j;
    }
    if (deaths > 0) {
      s *= 1 - static_cast<double>(deaths) / static_cast<double>(at_risk);
      out.push_back({samples[i].t, s, static_cast<int64_t>(at_risk)});
    }
    at_risk -= j - i;
    i = j;
  }
  return out;
}

std::optional<double> KaplanMeierMedian(const std::vector<SurvivalPoint>& km) {
  for (const SurvivalPoint& p : km) {
    if (p.survival <= 0.5) return p.t;
  }
  return std::nullopt;
}

DistributionFit FitDuration(std::vector<Sample> samples) {
  DistributionFit out;
  Data d;
  d.t.reserve(samples.size());
  d.event.reserve(samples.size());
  double sum_events = 0;
  for (const Sample& s : samples) {
    const double t = std::max(s.t, kMinT);
    d.t.push_back(t);
    d.event.push_back(s.event ? 1 : 0);
    d.sum_t += t;
    if (s.event) {
      ++d.events;
      d.sum_log_ev += std::log(t);
      sum_events += s.t;
    }
  }
  out.n = static_cast<int>(samples.size());
  out.events = d.events;
  out.mean_observed = d.events > 0 ? sum_events / d.events : std::nan("");
  if (d.events < 2) return out;

  out.candidates.push_back(FitExponential(d));
  out.candidates.push_back(FitWeibull(d));
  out.candidates.push_back(FitLognormal(d));
  if (!d.censored()) out.candidates.push_back(FitGamma(d));

  // Distances: KS without censoring, else the largest gap to Kaplan-Meier.
  std::vector<SurvivalPoint> km;
  std::vector<double> sorted;
  if (d.censored()) {
    km = KaplanMeier(samples);
  } else {
    sorted = d.t;
    std::sort(sorted.begin(), sorted.end());
  }
  const double n = static_cast<double>(sorted.size());
  const double limit = std::max(1.63 / std::sqrt(d.events), 0.03);
  for (FamilyFit& f : out.candidates) {
    double dist = 0;
    if (d.censored()) {
      double before = 1;  // KM just before the point
      const int64_t min_risk = std::max<int64_t>(
          50, static_cast<int64_t>(0.02 * static_cast<double>(d.t.size())));
      for (const SurvivalPoint& p : km) {
        if (p.at_risk < min_risk) break;
        const double fit = 1 - Cdf(f, p.t);
        dist = std::max(
            {dist, std::abs(fit - p.survival), std::abs(fit - before)});
        before = p.survival;
      }
    } else {
      for (size_t i = 0; i < sorted.size(); ++i) {
        const double F = Cdf(f, sorted[i]);
        dist = std::max({dist, std::abs(F - i / n), std::abs(F - (i + 1) / n)});
      }
    }
    f.distance = dist;
    f.fits = dist <= limit;
  }
  int best = -1;
  for (size_t i = 0; i < out.candidates.size(); ++i) {
    const FamilyFit& f = out.candidates[i];
    if (!std::isfinite(f.aic) || !Writable(f)) continue;
    if (best < 0 || f.aic < out.candidates[best].aic)
      best = static_cast<int>(i);
  }
  if (best >= 0 && out.candidates[best].fits) {
    out.chosen = best;
    const FamilyFit& f = out.candidates[best];
    out.distribution = f.distribution;
    std::string params;
    for (const auto& [k, v] : f.params) {
      if (!params.empty()) params += ", ";
      params += k == "shape" ? fmt::format("shape {:.3g}", v)
                             : fmt::format("{} {}", k, Seconds(v));
    }
    out.summary = fmt::format("{} ({})", f.family, params);
    return out;
  }
  // No family fits: the observed durations as a histogram of 40 bins of
  // equal counts (only without censoring; with censoring the best family
  // is kept and said not to fit).
  if (d.censored()) {
    if (best >= 0) {
      out.chosen = best;
      out.distribution = out.candidates[best].distribution;
      out.summary = fmt::format("{} (does not fit well: distance {:.3f})",
                                out.candidates[best].family,
                                out.candidates[best].distance);
    }
    return out;
  }
  const int bins = std::min<int>(40, static_cast<int>(sorted.size()) / 5 + 1);
  std::vector<double> edges = {0.0};
  std::vector<double> weights;
  size_t from = 0;
  for (int b = 1; b <= bins; ++b) {
    size_t to = sorted.size() * b / bins;
    const double edge = b == bins ? sorted.back() : sorted[to];
    if (edge <= edges.back()) continue;
    weights.push_back(static_cast<double>(to - from));
    edges.push_back(edge);
    from = to;
  }
  if (weights.empty()) {
    out.distribution = Distribution::Deterministic(sorted.back());
    out.summary = fmt::format("deterministic ({})", Seconds(sorted.back()));
    return out;
  }
  weights.back() += static_cast<double>(sorted.size() - from);
  out.summary =
      fmt::format("histogram of {} bins (no family fits)", weights.size());
  out.distribution =
      Distribution::Histogram(std::move(edges), std::move(weights));
  return out;
}

}  // namespace ccsim::fit
