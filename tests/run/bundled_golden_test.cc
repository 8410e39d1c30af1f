// Every bundled scenario gives the same JSON and CSV, byte for byte, as when
// tests/data/bundled/sha256.txt was written (see the README there): a pure
// refactor of the model must not change a single result.
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Outcome;
using testing::ReadFile;
using testing::RunCcsim;
using testing::RunShell;

struct Golden {
  std::string digest, scenario, format;
};

std::vector<Golden> ReadDigests() {
  std::istringstream in(ReadFile(std::string(CCSIM_SOURCE_DIR) +
                                 "/tests/data/bundled/sha256.txt"));
  std::vector<Golden> out;
  Golden g;
  while (in >> g.digest >> g.scenario >> g.format) out.push_back(g);
  return out;
}

TEST(BundledGoldenTest, EveryBundledScenarioHasADigest) {
  const std::vector<Golden> goldens = ReadDigests();
  ASSERT_EQ(goldens.size() % 2, 0u);
  const Outcome ls =
      RunShell(std::string("cd '") + CCSIM_SOURCE_DIR +
               "/scenarios' && ls *.yaml | sed 's/\\.yaml$//' | sort");
  std::istringstream names(ls.out);
  std::string name;
  int scenarios = 0;
  while (names >> name) {
    ++scenarios;
    int formats = 0;
    for (const Golden& g : goldens) formats += g.scenario == name;
    EXPECT_EQ(formats, 2) << name << " needs a json and a csv digest";
  }
  EXPECT_EQ(static_cast<size_t>(scenarios) * 2, goldens.size());
}

TEST(BundledGoldenTest, SameBytesAsTheDigests) {
  const std::vector<Golden> goldens = ReadDigests();
  ASSERT_GE(goldens.size(), 20u);
  for (const Golden& g : goldens) {
    const Outcome o =
        RunCcsim("run scenarios/" + g.scenario + ".yaml --format " + g.format +
                     " --threads 2 --quiet | sha256sum | cut -d' ' -f1",
                 "2>/dev/null");
    ASSERT_EQ(o.status, 0);
    EXPECT_EQ(o.out, g.digest + "\n") << g.scenario << " " << g.format;
  }
}

}  // namespace
}  // namespace ccsim
