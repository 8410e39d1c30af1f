// Scenario variants: `extends:` merged as a JSON merge patch, errors that
// name the right file, key-path replacement, and `validate --resolved`.
#include <filesystem>
#include <string>

#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::RunCcsim;
using ::ccsim::testing::WriteFile;

// A base scenario; its line numbers are used below.
constexpr char kBase[] = R"(name: base
description: the base scenario
horizon: 1d
interval: 1h
replications: 2
seed: 7
service_level:
  threshold: 30s
  short_abandon: 4s
call_types:
  - name: general
    arrivals: {per_interval: 40}
    handle_time: {exponential: {mean: 180s}}
    patience: {exponential: {mean: 300s}}
agents:
  - name: team
    skills: [general]
    staffing: {constant: 3}
)";

class ExtendsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::create_directories(dir_ / "sub");
    WriteFile(Path("base.yaml"), kBase);
  }
  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }
  absl::StatusOr<Scenario> LoadVariant(const std::string& name,
                                       const std::string& text) {
    WriteFile(Path(name), text);
    return LoadScenarioFile(Path(name));
  }
  std::string ErrorOfVariant(const std::string& name, const std::string& text) {
    absl::StatusOr<Scenario> s = LoadVariant(name, text);
    if (s.ok()) return "(loaded fine)";
    return std::string(s.status().message());
  }

  std::filesystem::path dir_;
};

TEST_F(ExtendsTest, MapsMergeDeeplyAndOtherValuesReplace) {
  absl::StatusOr<Scenario> s = LoadVariant("v.yaml", R"(extends: base.yaml
name: variant
service_level:
  threshold: 20s
agents:
  - name: big
    skills: [general]
    staffing: {constant: 9}
)");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->name, "variant");
  // Merged key by key: the variant's threshold, the base's short_abandon.
  EXPECT_EQ(s->service_level.threshold, Time::Seconds(20));
  EXPECT_EQ(s->service_level.short_abandon, Time::Seconds(4));
  // The list is replaced whole.
  ASSERT_EQ(s->agent_groups.size(), 1u);
  EXPECT_EQ(s->agent_groups[0].name, "big");
  // Untouched keys come from the base.
  EXPECT_EQ(s->replications, 2);
  EXPECT_EQ(s->seed, 7u);
  EXPECT_EQ(s->source, Path("v.yaml"));
}

TEST_F(ExtendsTest, NullRemovesAKeyOfTheBase) {
  absl::StatusOr<Scenario> s = LoadVariant("v.yaml", R"(extends: base.yaml
seed: ~
service_level:
  short_abandon: null
)");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->seed, Scenario().seed);  // back to the default
  EXPECT_EQ(s->service_level.short_abandon, ServiceLevelSpec().short_abandon);
  EXPECT_EQ(s->service_level.threshold, Time::Seconds(30));
}

TEST_F(ExtendsTest, RemovingAKeyTheBaseLacksIsAnError) {
  EXPECT_EQ(ErrorOfVariant("v.yaml", "extends: base.yaml\nsede: ~\n"),
            Path("v.yaml") +
                ":2:1: sede: cannot remove 'sede': the base scenario has no "
                "such key here (a null value removes a key of the base)");
}

TEST_F(ExtendsTest, ErrorsInTheVariantPointIntoTheVariant) {
  EXPECT_EQ(
      ErrorOfVariant("v.yaml", R"(extends: base.yaml
service_level:
  treshold: 20s
)"),
      Path("v.yaml") +
          ":3:3: service_level.treshold: unknown key 'treshold'; "
          "expected one of: threshold, short_abandon, target, second (did "
          "you "
          "mean 'threshold'?)");
  EXPECT_EQ(
      ErrorOfVariant("v2.yaml", "extends: base.yaml\nreplications: -1\n"),
      Path("v2.yaml") +
          ":2:15: replications: expected a whole number of at least 1, got "
          "-1");
}

TEST_F(ExtendsTest, ErrorsInTheBasePointIntoTheBase) {
  std::string bad = kBase;
  bad.replace(bad.find("mean: 300s"), 10, "mean: 300");
  WriteFile(Path("base.yaml"), bad);
  const std::string error =
      ErrorOfVariant("v.yaml", "extends: base.yaml\nname: variant\n");
  EXPECT_EQ(error, Path("base.yaml") +
                       ":14:36: call_types[0].patience"
                       ".exponential.mean: expected a duration "
                       "with a unit (ms, s, m, h, d), e.g. 20s, "
                       "5m, 1.5h, 2d; got '300'");
}

TEST_F(ExtendsTest, ChainsMergeInOrderAndPathsAreRelativeToEachFile) {
  WriteFile(Path("sub/middle.yaml"),
            "extends: ../base.yaml\nname: middle\nseed: 8\n");
  absl::StatusOr<Scenario> s = LoadVariant(
      "top.yaml", "extends: sub/middle.yaml\nname: top\nreplications: 3\n");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->name, "top");
  EXPECT_EQ(s->seed, 8u);
  EXPECT_EQ(s->replications, 3);
  EXPECT_EQ(s->service_level.threshold, Time::Seconds(30));
}

TEST_F(ExtendsTest, CyclesAndMissingBasesAreErrors) {
  WriteFile(Path("a.yaml"), "extends: b.yaml\n");
  WriteFile(Path("b.yaml"), "name: b\nextends: a.yaml\n");
  absl::StatusOr<Scenario> s = LoadScenarioFile(Path("a.yaml"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            Path("b.yaml") + ":2:10: extends: '" + Path("a.yaml") +
                "' extends itself through a cycle of files");

  const std::string missing =
      ErrorOfVariant("v.yaml", "name: v\nextends: nowhere.yaml\n");
  EXPECT_TRUE(missing.starts_with(Path("v.yaml") +
                                  ":2:10: extends: cannot read the base "
                                  "scenario: " +
                                  Path("nowhere.yaml") + ": cannot read file"))
      << missing;
  EXPECT_TRUE(ErrorOfVariant("w.yaml", "extends: [base.yaml]\n")
                  .starts_with(Path("w.yaml") + ":1:10: extends: expected "
                                                "the path of the base"));
}

TEST_F(ExtendsTest, DuplicateKeysInTheVariantAreReported) {
  EXPECT_EQ(ErrorOfVariant("v.yaml", "extends: base.yaml\nseed: 1\nseed: 2\n"),
            Path("v.yaml") +
                ":3:1: seed: duplicate key 'seed' (first given at line 2)");
}

TEST_F(ExtendsTest, WithReplacesAValueByKeyPath) {
  absl::StatusOr<ScenarioDocument> doc =
      ScenarioDocument::Load(Path("base.yaml"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  absl::StatusOr<ScenarioDocument> more =
      doc->With("agents[0].staffing.constant", YAML::Load("5"));
  ASSERT_TRUE(more.ok()) << more.status();
  absl::StatusOr<Scenario> s = more->ToScenario();
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->agent_groups[0].staffing[0], 5);
  // The original document is unchanged: nodes are shared, not overwritten.
  absl::StatusOr<Scenario> original = doc->ToScenario();
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(original->agent_groups[0].staffing[0], 3);

  // A new key is created, and the reader then judges it.
  absl::StatusOr<ScenarioDocument> typo =
      doc->With("agents[0].staffng", YAML::Load("5"));
  ASSERT_TRUE(typo.ok());
  EXPECT_TRUE(Contains(std::string(typo->ToScenario().status().message()),
                       "unknown key 'staffng'"));

  EXPECT_EQ(doc->With("agents[3].staffing", YAML::Node()).status().message(),
            "key path 'agents[3].staffing': 'agents' is a list of 1 entries");
  EXPECT_EQ(doc->With("seed.value", YAML::Node()).status().message(),
            "key path 'seed.value': 'seed' is a single value, not a map");
  EXPECT_FALSE(doc->With("agents..x", YAML::Node()).ok());
  EXPECT_FALSE(doc->With("agents[x]", YAML::Node()).ok());

  absl::StatusOr<std::optional<YAML::Node>> found =
      doc->Find("service_level.threshold");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->Scalar(), "30s");
  EXPECT_FALSE(doc->Find("service_level.target")->has_value());
}

TEST_F(ExtendsTest, ValuesFromAnotherFileReportThatFile) {
  absl::StatusOr<ScenarioDocument> doc =
      ScenarioDocument::Load(Path("base.yaml"));
  ASSERT_TRUE(doc.ok());
  absl::StatusOr<YAML::Node> sweep =
      doc->ParseAuxiliary("values:\n  - 4\n  - lots\n", "sweep.yaml");
  ASSERT_TRUE(sweep.ok());
  absl::StatusOr<ScenarioDocument> bad =
      doc->With("agents[0].staffing.constant", (*sweep)["values"][1]);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(std::string(bad->ToScenario().status().message()),
            "sweep.yaml:3:5: agents[0].staffing.constant: expected a whole "
            "number, got a string 'lots'");
  // A generated value placed at a node of the sweep file.
  YAML::Node generated = doc->ScalarAt("-2", (*sweep)["values"][0].Mark());
  EXPECT_EQ(std::string(doc->With("agents[0].staffing.constant", generated)
                            ->ToScenario()
                            .status()
                            .message()),
            "sweep.yaml:2:5: agents[0].staffing.constant: expected a whole "
            "number that is not negative, got -2");
}

TEST_F(ExtendsTest, ValidateResolvedPrintsTheMergedScenario) {
  WriteFile(Path("v.yaml"),
            "extends: base.yaml\nname: variant\ndescription: ~\n"
            "service_level: {threshold: 10s}\n");
  testing::Outcome resolved =
      RunCcsim("validate --resolved '" + Path("v.yaml") + "'", "2>/dev/null");
  ASSERT_EQ(resolved.status, 0) << resolved.out;
  EXPECT_FALSE(Contains(resolved.out, "extends"));
  EXPECT_FALSE(Contains(resolved.out, "description"));
  EXPECT_TRUE(Contains(resolved.out, "name: variant"));
  EXPECT_TRUE(Contains(resolved.out, "short_abandon: 4s"));
  // The printed scenario is the variant: it runs to the same results.
  WriteFile(Path("resolved.yaml"), resolved.out);
  const std::string run = "run -r 2 -f json '";
  testing::Outcome a = RunCcsim(run + Path("v.yaml") + "'", "2>/dev/null");
  testing::Outcome b =
      RunCcsim(run + Path("resolved.yaml") + "'", "2>/dev/null");
  ASSERT_EQ(a.status, 0);
  EXPECT_EQ(a.out, b.out);
  EXPECT_TRUE(Contains(a.out, "\"service_level_threshold_s\": 10"));
}

// Every bundled scenario prints as YAML that loads to the same scenario.
TEST(ResolvedScenarios, RoundTripToTheSameResults) {
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    absl::StatusOr<ScenarioDocument> doc =
        ScenarioDocument::Load(entry.path().string());
    ASSERT_TRUE(doc.ok()) << doc.status();
    absl::StatusOr<Scenario> direct = doc->ToScenario();
    absl::StatusOr<Scenario> printed =
        ScenarioDocument::Parse(doc->ToYaml(), "printed.yaml")->ToScenario();
    ASSERT_TRUE(direct.ok() && printed.ok()) << printed.status();
    RunOptions options;
    options.replications = 1;
    const std::string a = FormatJson(*RunScenario(*direct, options), *direct);
    const std::string b = FormatJson(*RunScenario(*printed, options), *printed);
    // Not EXPECT_EQ: the texts are long.
    EXPECT_TRUE(a == b) << "the printed scenario runs differently";
    // Reading a document leaves it as it was.
    EXPECT_EQ(doc->ToYaml(),
              ScenarioDocument::Load(entry.path().string())->ToYaml());
  }
}

}  // namespace
}  // namespace ccsim
