// The progress bar: drawn on stderr only when it is a terminal, silenced by
// --quiet, and never mixed into results.
#include <cstdlib>
#include <regex>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::OnTerminal;
using ::ccsim::testing::ReadFile;
using ::ccsim::testing::RunCcsim;

const char kRun[] =
    "run scenarios/erlang-a.yaml -r 6 -t 1 -f json -o /dev/null";

TEST(ProgressBar, NothingWhenStderrIsNotATerminal) {
  // stderr is a pipe here (merged into the captured output).
  testing::Outcome o = RunCcsim(kRun);
  ASSERT_EQ(o.status, 0);
  EXPECT_EQ(o.out, "");
}

TEST(ProgressBar, DrawnOnATerminalAndSilencedByQuiet) {
  const std::string drawn = OnTerminal(kRun);
  // The last state of the bar: all replications, a rate and a time left.
  EXPECT_TRUE(Contains(drawn,
                       "run [########################] 6/6 "
                       "replications"))
      << drawn;
  EXPECT_TRUE(Contains(drawn, "ETA 0:00"));
  // The bar's line is cleared, then the one-line summary follows.
  EXPECT_TRUE(Contains(drawn, "\r\x1b[K"));
  EXPECT_TRUE(Contains(drawn, "ccsim run: 6 replications"));

  const std::string quiet = OnTerminal(std::string(kRun) + " --quiet");
  EXPECT_FALSE(Contains(quiet, "replications")) << quiet;
}

// A single long replication moves the bar before it ends: the bar shows
// the share of simulated time done (the month of the water utility takes
// well over the 100 ms between redraws), and the results are the same
// bytes as without a bar, for one thread and for two.
TEST(ProgressBar, MovesWithSimulatedTimeWithinAReplication) {
  const std::string drawn = OnTerminal(
      "run scenarios/water-utility.yaml -r 1 -t 1 -f json -o /dev/null");
  EXPECT_TRUE(std::regex_search(
      drawn, std::regex(R"(run \[#*\.+\] 0/1 replications  [0-9]+% )"
                        R"(simulated  0\.0/s  ETA [0-9:?]+)")))
      << drawn;

  const std::string dir = ::testing::TempDir();
  for (const char* threads : {"1", "2"}) {
    const std::string args =
        std::string("run scenarios/erlang-a.yaml -r 3 -f csv -t ") + threads +
        " -o " + dir + "ccsim_progress_";
    OnTerminal(args + "bar.csv");
    ASSERT_EQ(RunCcsim(args + "plain.csv").status, 0);
    const std::string plain = ReadFile(dir + "ccsim_progress_plain.csv");
    EXPECT_FALSE(plain.empty());
    EXPECT_EQ(ReadFile(dir + "ccsim_progress_bar.csv"), plain) << threads;
  }
}

}  // namespace
}  // namespace ccsim
