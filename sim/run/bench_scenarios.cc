// The reference scenarios of ccsim/bench.h, built in code (and the bundled
// full-model demo, compiled in), shared by `ccsim bench` and bench/.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ccsim/bench.h"
#include "ccsim/scenario_document.h"
#include "sim/staff/estimate.h"

namespace ccsim {

// The text of scenarios/full-model-demo.yaml, generated from it by CMake.
extern const char kFullModelDemoYaml[];

Scenario MmnmScenario(int agents, double load) {
  Scenario s;
  s.name = "bench-mmn+m";
  s.horizon = Time::Days(1);
  s.interval = Time::Minutes(30);
  const int ipd = s.intervals_per_day();
  const double aht = 180;
  CallTypeSpec t;
  t.name = "general";
  t.rate_per_s.assign(ipd, load * agents / aht);
  t.handle_time = Distribution::Exponential(aht);
  t.patience = Distribution::Exponential(300);
  s.call_types.push_back(t);
  AgentGroupSpec g;
  g.name = "team";
  g.skills = {0};
  g.staffing.assign(ipd, agents);
  s.agent_groups.push_back(g);
  return s;
}

namespace {

constexpr int kCallTypes = 65;
constexpr int kGroups = 89;
constexpr double kPeakErlangs = 380;
constexpr uint64_t kCentreSeed = 2026;
constexpr int kOpenHour = 8, kCloseHour = 20;

// splitmix64: a fixed generator, so that the centre never changes.
class FixedGenerator {
 public:
  explicit FixedGenerator(uint64_t seed) : x_(seed) {}
  // Uniform in [0, 1).
  double Uniform() {
    uint64_t z = (x_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }
  // Uniform in 0..n-1.
  int Below(int n) { return static_cast<int>(Uniform() * n); }

 private:
  uint64_t x_;
};

}  // namespace

// Generated with a fixed generator (splitmix64, seed kCentreSeed):
//  * call type t: exponential handle time with a mean uniform in 180-600 s,
//    exponential patience of mean 300 s, Poisson arrivals only while the
//    centre is open (08:00-20:00, every day) with a daily hump: per
//    interval, 0.25 + 0.75 exp(-((h - c)/2.5)^2 / 2) at hour h, its peak c
//    uniform in 10:00-15:00, times a volume weight uniform in 0.25-2;
//    the rates are scaled so that the busiest interval offers kPeakErlangs
//    erlangs in all;
//  * group g: skills g mod 65 and (g + 32) mod 65 (so every call type is
//    served by at least two groups) and, with probability 1/2, a third
//    drawn uniformly among the others; every skill at once (priority 1,
//    no overflow delay), the same handle times in every group.
Scenario MultiSkillCentreScenario() {
  Scenario s;
  s.name = "bench-multiskill-65x89";
  s.horizon = Time::Days(1);
  s.warmup = Time::Zero();
  s.interval = Time::Minutes(30);
  s.replications = 4;
  s.seed = 1;
  for (OpeningHours& h : s.calendar.hours) {
    h.open = Time::Hours(kOpenHour);
    h.close = Time::Hours(kCloseHour);
  }
  const int ipd = s.intervals_per_day();
  const double interval_h = s.interval.seconds() / 3600.0;
  FixedGenerator rng(kCentreSeed);
  // Offered load (erlangs) per call type and interval, before scaling.
  std::vector<std::vector<double>> load(kCallTypes,
                                        std::vector<double>(ipd, 0.0));
  for (int t = 0; t < kCallTypes; ++t) {
    CallTypeSpec type;
    type.name = "type" + std::to_string(t + 1);
    type.handle_time = Distribution::Exponential(180 + 420 * rng.Uniform());
    type.patience = Distribution::Exponential(300);
    const double weight = 0.25 + 1.75 * rng.Uniform();
    const double peak_hour = 10 + 5 * rng.Uniform();
    for (int i = 0; i < ipd; ++i) {
      const double h = (i + 0.5) * interval_h;
      if (h < kOpenHour || h >= kCloseHour) continue;
      const double z = (h - peak_hour) / 2.5;
      load[t][i] = weight * (0.25 + 0.75 * std::exp(-0.5 * z * z));
    }
    s.call_types.push_back(type);
  }
  double peak = 0;
  for (int i = 0; i < ipd; ++i) {
    double total = 0;
    for (int t = 0; t < kCallTypes; ++t) total += load[t][i];
    peak = std::max(peak, total);
  }
  for (int t = 0; t < kCallTypes; ++t) {
    CallTypeSpec& type = s.call_types[t];
    const double aht = type.handle_time.Mean();
    type.rate_per_s.resize(ipd);
    for (int i = 0; i < ipd; ++i) {
      type.rate_per_s[i] = load[t][i] * kPeakErlangs / peak / aht;
    }
  }
  for (int g = 0; g < kGroups; ++g) {
    AgentGroupSpec group;
    group.name = "group" + std::to_string(g + 1);
    group.skills = {g % kCallTypes, (g + 32) % kCallTypes};
    if (rng.Uniform() < 0.5) {
      int third = rng.Below(kCallTypes - 2);
      // The third-th type that is not already a skill.
      for (int skill : {std::min(group.skills[0], group.skills[1]),
                        std::max(group.skills[0], group.skills[1])}) {
        if (third >= skill) ++third;
      }
      group.skills.push_back(third);
    }
    for (int t : group.skills) {
      group.skill_specs.push_back(SkillSpec{.call_type = t, .priority = 1});
    }
    group.staffing.assign(ipd, 0);
    s.agent_groups.push_back(group);
  }
  return s;
}

Scenario StaffedMultiSkillCentre() {
  Scenario s = MultiSkillCentreScenario();
  const size_t groups = s.agent_groups.size();
  const std::vector<bool> all(groups, true);
  const std::vector<std::vector<bool>> every_interval(
      groups, std::vector<bool>(s.intervals_per_day(), true));
  std::vector<std::vector<int>> staffing =
      ErlangEstimate(s, all, every_interval, s.service_level.target);
  for (size_t g = 0; g < groups; ++g) {
    s.agent_groups[g].staffing = std::move(staffing[g]);
  }
  return s;
}

absl::StatusOr<Scenario> FullModelDemoScenario() {
  absl::StatusOr<ScenarioDocument> doc =
      ScenarioDocument::Parse(kFullModelDemoYaml, "full-model-demo.yaml");
  if (!doc.ok()) return doc.status();
  return doc->ToScenario();
}

absl::StatusOr<std::vector<BenchScenario>> ReferenceScenarios() {
  absl::StatusOr<Scenario> demo = FullModelDemoScenario();
  if (!demo.ok()) return demo.status();
  std::vector<BenchScenario> out;
  out.push_back({"mm100m-load1", MmnmScenario(100, 1.0)});
  out.push_back({"full-model-demo", *std::move(demo)});
  out.push_back({"multiskill-65x89", StaffedMultiSkillCentre()});
  return out;
}

}  // namespace ccsim
