#include "ccsim/distribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "fmt/format.h"

namespace ccsim {

double Rng::Normal() {
  for (;;) {
    double u = 2.0 * Uniform01() - 1.0;
    double v = 2.0 * Uniform01() - 1.0;
    double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

namespace {

// Gamma(shape, 1) by Marsaglia and Tsang (2000), with the usual boost
// U^(1/shape) for shapes below one.
double StandardGamma(Rng& rng, double shape) {
  double boost = 1.0;
  if (shape < 1.0) {
    boost = std::pow(rng.UniformOpen0(), 1.0 / shape);
    shape += 1.0;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = rng.Normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    double u = rng.UniformOpen0();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) {
      return boost * d * v;
    }
  }
}

bool Finite(double x) { return std::isfinite(x); }

}  // namespace

Distribution Distribution::Exponential(double mean) {
  Distribution d;
  d.kind_ = Kind::kExponential;
  d.a_ = mean;
  d.Prepare();
  return d;
}

Distribution Distribution::Deterministic(double value) {
  Distribution d;
  d.kind_ = Kind::kDeterministic;
  d.a_ = value;
  d.Prepare();
  return d;
}

Distribution Distribution::Uniform(double min, double max) {
  Distribution d;
  d.kind_ = Kind::kUniform;
  d.a_ = min;
  d.b_ = max;
  d.Prepare();
  return d;
}

Distribution Distribution::Lognormal(double mean, double sd) {
  Distribution d;
  d.kind_ = Kind::kLognormal;
  d.a_ = mean;
  d.b_ = sd;
  d.Prepare();
  return d;
}

Distribution Distribution::Gamma(double mean, double sd) {
  Distribution d;
  d.kind_ = Kind::kGamma;
  d.a_ = mean;
  d.b_ = sd;
  d.Prepare();
  return d;
}

Distribution Distribution::Weibull(double shape, double mean) {
  Distribution d;
  d.kind_ = Kind::kWeibull;
  d.a_ = shape;
  d.b_ = mean;
  d.Prepare();
  return d;
}

Distribution Distribution::Erlang(int k, double mean) {
  Distribution d;
  d.kind_ = Kind::kErlang;
  d.k_ = k;
  d.a_ = mean;
  d.Prepare();
  return d;
}

Distribution Distribution::Empirical(std::vector<double> values,
                                     std::vector<double> weights) {
  Distribution d;
  d.kind_ = Kind::kEmpirical;
  if (weights.empty()) weights.assign(values.size(), 1.0);
  d.values_ = std::move(values);
  d.cumulative_ = std::move(weights);
  d.Prepare();
  return d;
}

Distribution Distribution::Histogram(std::vector<double> edges,
                                     std::vector<double> weights) {
  Distribution d;
  d.kind_ = Kind::kHistogram;
  d.values_ = std::move(edges);
  d.cumulative_ = std::move(weights);
  d.Prepare();
  return d;
}

void Distribution::Prepare() {
  switch (kind_) {
    case Kind::kLognormal:
      if (a_ > 0 && b_ >= 0) {
        double s2 = std::log1p((b_ * b_) / (a_ * a_));
        p_ = std::log(a_) - 0.5 * s2;  // mu of the log
        q_ = std::sqrt(s2);            // sigma of the log
      }
      break;
    case Kind::kGamma:
      if (a_ > 0 && b_ > 0) {
        p_ = (a_ * a_) / (b_ * b_);  // shape
        q_ = (b_ * b_) / a_;         // scale
      }
      break;
    case Kind::kWeibull:
      if (a_ > 0 && b_ >= 0) {
        p_ = 1.0 / a_;                          // 1 / shape
        q_ = b_ / std::tgamma(1.0 + 1.0 / a_);  // scale
      }
      break;
    case Kind::kErlang:
      if (k_ > 0) p_ = a_ / k_;  // mean of one stage
      break;
    case Kind::kEmpirical:
    case Kind::kHistogram: {
      // Turn the weights into a normalised cumulative table (kept in place).
      double total = 0;
      q_ = 0;  // becomes -1 when a weight is negative or not finite
      for (double w : cumulative_) {
        if (!Finite(w) || w < 0) q_ = -1;
        total += (Finite(w) && w > 0) ? w : 0;
      }
      if (total > 0) {
        double run = 0;
        for (double& w : cumulative_) {
          run += (Finite(w) && w > 0) ? w : 0;
          w = run / total;
        }
        cumulative_.back() = 1.0;
      }
      p_ = total;
      break;
    }
    default:
      break;
  }
}

absl::Status Distribution::Validate() const {
  auto err = [](std::string msg) {
    return absl::InvalidArgumentError(std::move(msg));
  };
  switch (kind_) {
    case Kind::kExponential:
      if (!Finite(a_) || a_ <= 0)
        return err("mean must be a positive duration");
      break;
    case Kind::kDeterministic:
      if (!Finite(a_) || a_ < 0) return err("value must not be negative");
      break;
    case Kind::kUniform:
      if (!Finite(a_) || !Finite(b_) || a_ < 0 || b_ < a_)
        return err("expected 0 <= min <= max");
      break;
    case Kind::kLognormal:
    case Kind::kGamma:
      if (!Finite(a_) || a_ <= 0)
        return err("mean must be a positive duration");
      if (!Finite(b_) || b_ <= 0) return err("sd must be a positive duration");
      break;
    case Kind::kWeibull:
      if (!Finite(a_) || a_ <= 0) return err("shape must be a positive number");
      if (!Finite(b_) || b_ <= 0)
        return err("mean must be a positive duration");
      // Below about 0.006, Gamma(1 + 1/shape) overflows a double.
      if (a_ < 0.01) return err("shape must be at least 0.01");
      break;
    case Kind::kErlang:
      if (k_ < 1) return err("k must be a whole number of at least 1");
      if (!Finite(a_) || a_ <= 0)
        return err("mean must be a positive duration");
      break;
    case Kind::kEmpirical:
      if (values_.empty()) return err("values must not be empty");
      if (values_.size() != cumulative_.size())
        return err("weights must have one entry per value");
      if (q_ < 0) return err("weights must not be negative");
      for (double v : values_)
        if (!Finite(v) || v < 0) return err("values must not be negative");
      if (!(p_ > 0)) return err("weights must have a positive sum");
      break;
    case Kind::kHistogram:
      if (values_.size() < 2)
        return err("edges must have at least two entries");
      if (values_.size() != cumulative_.size() + 1)
        return err("edges must have one more entry than weights");
      if (q_ < 0) return err("weights must not be negative");
      for (size_t i = 0; i < values_.size(); ++i) {
        if (!Finite(values_[i]) || values_[i] < 0)
          return err("edges must not be negative");
        if (i > 0 && values_[i] < values_[i - 1])
          return err("edges must be ascending");
      }
      if (!(p_ > 0)) return err("weights must have a positive sum");
      break;
  }
  return absl::OkStatus();
}

double Distribution::Sample(Rng& rng) const {
  switch (kind_) {
    case Kind::kExponential:
      return rng.Exponential(a_);
    case Kind::kDeterministic:
      return a_;
    case Kind::kUniform:
      return a_ + (b_ - a_) * rng.Uniform01();
    case Kind::kLognormal:
      return std::exp(p_ + q_ * rng.Normal());
    case Kind::kGamma:
      return q_ * StandardGamma(rng, p_);
    case Kind::kWeibull:
      return q_ * std::pow(-std::log(rng.UniformOpen0()), p_);
    case Kind::kErlang: {
      double s = 0;
      for (int i = 0; i < k_; ++i) s -= std::log(rng.UniformOpen0());
      return p_ * s;
    }
    case Kind::kEmpirical: {
      double u = rng.Uniform01();
      size_t i = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                 cumulative_.begin();
      return values_[std::min(i, values_.size() - 1)];
    }
    case Kind::kHistogram: {
      double u = rng.Uniform01();
      size_t i = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                 cumulative_.begin();
      i = std::min(i, cumulative_.size() - 1);
      return values_[i] + (values_[i + 1] - values_[i]) * rng.Uniform01();
    }
  }
  return 0;
}

double Distribution::Mean() const {
  switch (kind_) {
    case Kind::kExponential:
    case Kind::kDeterministic:
    case Kind::kLognormal:
    case Kind::kGamma:
    case Kind::kErlang:
      return a_;
    case Kind::kUniform:
      return 0.5 * (a_ + b_);
    case Kind::kWeibull:
      return b_;
    case Kind::kEmpirical: {
      double m = 0, prev = 0;
      for (size_t i = 0; i < values_.size(); ++i) {
        m += values_[i] * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m;
    }
    case Kind::kHistogram: {
      double m = 0, prev = 0;
      for (size_t i = 0; i < cumulative_.size(); ++i) {
        m += 0.5 * (values_[i] + values_[i + 1]) * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m;
    }
  }
  return 0;
}

double Distribution::Variance() const {
  switch (kind_) {
    case Kind::kExponential:
      return a_ * a_;
    case Kind::kDeterministic:
      return 0;
    case Kind::kUniform:
      return (b_ - a_) * (b_ - a_) / 12.0;
    case Kind::kLognormal:
    case Kind::kGamma:
      return b_ * b_;
    case Kind::kWeibull: {
      double g1 = std::tgamma(1.0 + p_);
      double g2 = std::tgamma(1.0 + 2.0 * p_);
      return q_ * q_ * (g2 - g1 * g1);
    }
    case Kind::kErlang:
      return a_ * a_ / k_;
    case Kind::kEmpirical: {
      double m = Mean(), v = 0, prev = 0;
      for (size_t i = 0; i < values_.size(); ++i) {
        v += (values_[i] - m) * (values_[i] - m) * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return v;
    }
    case Kind::kHistogram: {
      // Mixture of uniforms: E[X^2] - m^2.
      double m = Mean(), ex2 = 0, prev = 0;
      for (size_t i = 0; i < cumulative_.size(); ++i) {
        double lo = values_[i], hi = values_[i + 1];
        ex2 += (lo * lo + lo * hi + hi * hi) / 3.0 * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return ex2 - m * m;
    }
  }
  return 0;
}

std::string Distribution::ToYaml() const {
  auto s = [](double v) { return fmt::format("{:.6g}s", v); };
  auto list = [&](const std::vector<double>& v, bool seconds) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += ", ";
      out += seconds ? s(v[i]) : fmt::format("{:.6g}", v[i]);
    }
    return out + "]";
  };
  // Weights back from the normalised cumulative ones.
  auto weights = [&] {
    std::vector<double> w;
    double prev = 0;
    for (double c : cumulative_) {
      w.push_back(c - prev);
      prev = c;
    }
    return w;
  };
  switch (kind_) {
    case Kind::kExponential:
      return fmt::format("{{exponential: {{mean: {}}}}}", s(a_));
    case Kind::kDeterministic:
      return fmt::format("{{deterministic: {{value: {}}}}}", s(a_));
    case Kind::kUniform:
      return fmt::format("{{uniform: {{min: {}, max: {}}}}}", s(a_), s(b_));
    case Kind::kLognormal:
      return fmt::format("{{lognormal: {{mean: {}, sd: {}}}}}", s(a_), s(b_));
    case Kind::kGamma:
      return fmt::format("{{gamma: {{mean: {}, sd: {}}}}}", s(a_), s(b_));
    case Kind::kWeibull:
      return fmt::format("{{weibull: {{shape: {:.6g}, mean: {}}}}}", a_, s(b_));
    case Kind::kErlang:
      return fmt::format("{{erlang: {{k: {}, mean: {}}}}}", k_, s(a_));
    case Kind::kEmpirical:
      return fmt::format("{{empirical: {{values: {}, weights: {}}}}}",
                         list(values_, true), list(weights(), false));
    case Kind::kHistogram:
      return fmt::format("{{histogram: {{edges: {}, weights: {}}}}}",
                         list(values_, true), list(weights(), false));
  }
  return "{}";
}

std::string Distribution::Describe() const {
  switch (kind_) {
    case Kind::kExponential:
      return fmt::format("exponential(mean={}s)", a_);
    case Kind::kDeterministic:
      return fmt::format("deterministic(value={}s)", a_);
    case Kind::kUniform:
      return fmt::format("uniform(min={}s, max={}s)", a_, b_);
    case Kind::kLognormal:
      return fmt::format("lognormal(mean={}s, sd={}s)", a_, b_);
    case Kind::kGamma:
      return fmt::format("gamma(mean={}s, sd={}s)", a_, b_);
    case Kind::kWeibull:
      return fmt::format("weibull(shape={}, mean={}s)", a_, b_);
    case Kind::kErlang:
      return fmt::format("erlang(k={}, mean={}s)", k_, a_);
    case Kind::kEmpirical:
      return fmt::format("empirical({} values)", values_.size());
    case Kind::kHistogram:
      return fmt::format("histogram({} bins)", cumulative_.size());
  }
  return "?";
}

}  // namespace ccsim
