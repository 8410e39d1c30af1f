// Hostile input to the scenario reader: each test is named after a case
// that used to hang, exhaust memory or print unreadable messages.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "sim/scenario/yaml_value.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Outcome;
using testing::RunCcsim;
using testing::WriteFile;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ccsim_hostile_" + name;
}

TEST(HostileInputTest, ValidateDevZeroIsRefusedAtOnce) {
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    Outcome o = RunCcsim(std::string("validate ") + device);
    EXPECT_EQ(o.status, 1) << device;
    EXPECT_EQ(o.out, std::string(device) +
                         ": cannot read file: not a regular file (a device "
                         "or socket)\n");
  }
}

TEST(HostileInputTest, ExtendsDevZeroIsRefusedAtOnce) {
  const std::string path = TempPath("extends_zero.yaml");
  WriteFile(path, "extends: /dev/zero\n");
  Outcome o = RunCcsim("validate " + path);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, path +
                       ":1:10: extends: cannot read the base scenario: "
                       "/dev/zero: cannot read file: not a regular file (a "
                       "device or socket)\n");
}

TEST(HostileInputTest, AFileOverTheSizeLimitIsRefusedWithoutReadingItAll) {
  const std::string path = TempPath("huge.yaml");
  {
    std::string chunk(1 << 20, '#');
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    for (int i = 0; i < 65; ++i) std::fwrite(chunk.data(), 1, chunk.size(), f);
    std::fclose(f);
  }
  absl::StatusOr<std::string> text = scenario_internal::ReadText(path);
  std::filesystem::remove(path);
  EXPECT_EQ(text.status().message(),
            path +
                ": cannot read file: larger than 64 MiB, the most a "
                "scenario or sweep file may be");
}

TEST(HostileInputTest, AScenarioFromAPipeIsStillRead) {
  Outcome o = testing::RunShell(std::string("cat '") + CCSIM_SOURCE_DIR +
                                "/scenarios/erlang-a.yaml' | '" + CCSIM_BINARY +
                                "' validate /dev/stdin 2>&1");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(o.out, "ok\n");
}

// A 20,000-character skill name that matches no call type of 20,000
// characters: "did you mean" used to fill a 20,000 x 20,000 matrix (1.6 GB).
TEST(HostileInputTest, DidYouMeanOnHugeNamesIsCheapAndShortened) {
  const std::string a(20000, 'a');
  const std::string b = std::string(19999, 'a') + "b";
  const std::string path = TempPath("long_names.yaml");
  WriteFile(path, "name: long\nhorizon: 1d\ncall_types:\n  - name: " + a +
                      "\n    arrivals: {per_interval: 10}\n"
                      "    handle_time: {exponential: {mean: 180s}}\n"
                      "agents:\n  - name: team\n    skills: [" +
                      b + "]\n    staffing: {constant: 3}\n");
  Outcome o = RunCcsim("validate " + path);
  EXPECT_EQ(o.status, 1);
  const std::string shown = std::string(40, 'a') + "...";
  EXPECT_EQ(o.out, path + ":9:14: agents[0].skills[0]: unknown call type '" +
                       shown + "'; expected one of: " + shown + "\n");
}

TEST(HostileInputTest, EditDistanceKeepsItsValues) {
  using scenario_internal::EditDistance;
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("patiense", "patience"), 1);
  EXPECT_EQ(EditDistance("ab", "ba"), 1);  // a swap of neighbours
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("skils", "skills"), 1);
  EXPECT_EQ(EditDistance("ca", "abc"), 3);  // OSA, not Damerau: 3, not 2
}

}  // namespace
}  // namespace ccsim
