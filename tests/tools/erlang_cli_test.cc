// End-to-end tests of `ccsim erlang`: runs the built binary (CCSIM_BINARY)
// through the shell and checks exit status and output.
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace {

using ccsim::testing::Contains;
using ccsim::testing::Outcome;

Outcome RunErlang(const std::string& args) {
  return ccsim::testing::RunCcsim("erlang " + args);
}

// The Call Centre Helper worked example (see tests/erlang/erlang_test.cc).
constexpr const char* kExample = "--calls 100 --interval 30m --aht 180s";

TEST(ErlangCliTest, ErlangCTable) {
  Outcome o = RunErlang(std::string(kExample) + " --agents 14");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "Erlang C")) << o.out;
  EXPECT_TRUE(Contains(o.out, "offered_load_erlangs")) << o.out;
  EXPECT_TRUE(Contains(o.out, "10.000")) << o.out;
  EXPECT_TRUE(Contains(o.out, "p_wait")) << o.out;
  EXPECT_TRUE(Contains(o.out, "0.1741")) << o.out;  // 17.4%
  EXPECT_TRUE(Contains(o.out, "service_level")) << o.out;
  EXPECT_TRUE(Contains(o.out, "0.8884")) << o.out;  // 88.8%
  EXPECT_TRUE(Contains(o.out, "asa_s")) << o.out;
  EXPECT_TRUE(Contains(o.out, "7.84")) << o.out;
  EXPECT_TRUE(Contains(o.out, "occupancy")) << o.out;
  EXPECT_TRUE(Contains(o.out, "0.7143")) << o.out;
  EXPECT_TRUE(Contains(o.out, "abandon_rate")) << o.out;
  EXPECT_TRUE(Contains(o.out, "mean_wait_s")) << o.out;
}

TEST(ErlangCliTest, DefaultsAreThirtyMinutesAndTwentySeconds) {
  Outcome o = RunErlang("--calls 100 --aht 3m --agents 14");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "0.8884")) << o.out;
}

TEST(ErlangCliTest, Json) {
  Outcome o = RunErlang(std::string(kExample) + " --agents 14 --format json");
  EXPECT_EQ(o.status, 0) << o.out;
  ASSERT_FALSE(o.out.empty());
  EXPECT_EQ(o.out.front(), '{') << o.out;
  EXPECT_TRUE(Contains(o.out, "\"model\": \"Erlang C\"")) << o.out;
  EXPECT_TRUE(Contains(o.out, "\"agents\": 14")) << o.out;
  EXPECT_TRUE(Contains(o.out, "\"p_wait\": 0.17413193359")) << o.out;
  for (const char* key : {"offered_load_erlangs", "service_level", "asa_s",
                          "mean_wait_s", "abandon_rate", "occupancy"}) {
    EXPECT_TRUE(Contains(o.out, std::string("\"") + key + "\": ")) << key;
  }
}

TEST(ErlangCliTest, TargetServiceLevelFindsAgents) {
  Outcome o = RunErlang(std::string(kExample) + " --target-sl 0.8");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "smallest number of agents")) << o.out;
  EXPECT_TRUE(Contains(o.out, ": 14\n")) << o.out;
  EXPECT_TRUE(Contains(o.out, "0.8884")) << o.out;  // figures at 14 agents

  o = RunErlang(std::string(kExample) + " --target-sl 0.8 --format json");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "\"agents\": 14")) << o.out;
}

TEST(ErlangCliTest, PatienceSelectsErlangA) {
  Outcome o = RunErlang(std::string(kExample) +
                        " --agents 14 --patience 300s --threshold 20s");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "Erlang A")) << o.out;
  EXPECT_TRUE(Contains(o.out, "abandon_rate")) << o.out;

  // Erlang A copes with fewer agents than erlangs.
  o = RunErlang(std::string(kExample) + " --agents 8 --patience 1m");
  EXPECT_EQ(o.status, 0) << o.out;
}

TEST(ErlangCliTest, DurationWithoutUnitNamesTheFlag) {
  Outcome o = RunErlang("--calls 100 --interval 30m --aht 180 --agents 14");
  EXPECT_EQ(o.status, 2) << o.out;
  EXPECT_TRUE(Contains(o.out, "ccsim erlang: --aht")) << o.out;
  EXPECT_TRUE(Contains(o.out, "unit")) << o.out;
}

TEST(ErlangCliTest, NeedsExactlyOneOfAgentsAndTarget) {
  Outcome o = RunErlang(kExample);
  EXPECT_EQ(o.status, 2) << o.out;
  EXPECT_TRUE(Contains(o.out, "ccsim erlang:")) << o.out;
  EXPECT_TRUE(Contains(o.out, "--agents")) << o.out;
  EXPECT_TRUE(Contains(o.out, "--target-sl")) << o.out;

  o = RunErlang(std::string(kExample) + " --agents 14 --target-sl 0.8");
  EXPECT_EQ(o.status, 2) << o.out;
  EXPECT_TRUE(Contains(o.out, "not both")) << o.out;
}

TEST(ErlangCliTest, UsageErrors) {
  for (const std::string& args :
       {std::string(kExample) + " --agents 14 --bogus 1",
        std::string(kExample) + " --agents fourteen",
        std::string(kExample) + " --agents 14 --format xml",
        std::string(kExample) + " --target-sl 1.5",
        std::string("--aht 180s --agents 14"),
        std::string(kExample) + " --agents 14 --patience 0s",
        std::string(kExample) + " --agents 14 extra"}) {
    Outcome o = RunErlang(args);
    EXPECT_EQ(o.status, 2) << args << "\n" << o.out;
    EXPECT_TRUE(Contains(o.out, "ccsim erlang: ")) << args << "\n" << o.out;
  }
}

TEST(ErlangCliTest, UnstableErlangCIsAnError) {
  Outcome o = RunErlang(std::string(kExample) + " --agents 9");
  EXPECT_EQ(o.status, 1) << o.out;
  EXPECT_TRUE(Contains(o.out, "ccsim erlang: ")) << o.out;
  EXPECT_TRUE(Contains(o.out, "must be below the number of agents (9)"))
      << o.out;
}

TEST(ErlangCliTest, Help) {
  Outcome o = RunErlang("--help");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "usage: ccsim erlang")) << o.out;
  EXPECT_TRUE(Contains(o.out, "--target-sl")) << o.out;
  EXPECT_TRUE(Contains(o.out, "--patience")) << o.out;
}

}  // namespace
