// The progress bar: drawn on stderr only when it is a terminal, silenced by
// --quiet, and never mixed into results.
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::OnTerminal;
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

}  // namespace
}  // namespace ccsim
