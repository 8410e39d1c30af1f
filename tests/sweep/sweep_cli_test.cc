// ccsim sweep / merge / export end to end: a water-utility sweep killed
// with SIGKILL and resumed, interrupted with Ctrl-C (SIGINT) and resumed,
// and run in three shards (one picked by Slurm's variables) and merged, each
// compared byte for byte with an uninterrupted single run.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/sweep/sweep_testing.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::OnTerminal;
using ::ccsim::testing::Outcome;
using ::ccsim::testing::QueryInt;
using ::ccsim::testing::ReadFile;
using ::ccsim::testing::RunCcsim;
using ::ccsim::testing::ScratchDir;
using ::ccsim::testing::SmallScenario;
using ::ccsim::testing::WriteFile;

// The water utility's month (the base scenario unchanged), 4 head counts
// of the early weekday shift x 2 zero-out shares, 2 replications: about
// 2 CPU-seconds in all, long enough to be caught mid-way.
std::string WaterUtilitySweep() {
  return std::string("scenario: ") + CCSIM_SOURCE_DIR +
         "/scenarios/water-utility.yaml\n"
         "replications: 2\n"
         "seed: 7\n"
         "metrics: [answer_rate, service_level, asa_s, abandon_rate, "
         "occupancy, zero_out]\n"
         "scopes: [total, call_type]\n"
         "parameters:\n"
         "  - name: early_agents\n"
         "    key:\n"
         "      - agents[0].shifts[0].agents\n"
         "      - agents[0].shifts[1].agents\n"
         "    values: [5, 6, 7, 8]\n"
         "  - name: zero_out\n"
         "    key: ivr.zero_out\n"
         "    values: [0.06, 0.18]\n";
}
constexpr int64_t kWaterPoints = 8;

std::string Quote(const std::string& path) { return "'" + path + "'"; }

class SweepCliTest : public ::testing::Test {
 protected:
  // One uninterrupted run of the whole sweep on 2 threads, shared by the
  // tests: the reference every other way of running must match.
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    WriteFile(*dir_ / "water.yaml", WaterUtilitySweep());
    const Outcome run =
        RunCcsim("sweep " + Quote(*dir_ / "water.yaml") + " --output " +
                 Quote(*dir_ / "reference.sqlite") + " --threads 2");
    ASSERT_EQ(run.status, 0) << run.out;
    // The one-line summary at the end.
    EXPECT_TRUE(Contains(run.out,
                         "ccsim sweep: 8 points done (8 now, 0 "
                         "before) x 2 replications"))
        << run.out;
    const Outcome exported =
        RunCcsim("export " + Quote(*dir_ / "reference.sqlite") + " --csv " +
                 Quote(*dir_ / "reference.csv"));
    ASSERT_EQ(exported.status, 0) << exported.out;
    reference_csv_ = new std::string(ReadFile(*dir_ / "reference.csv"));
    // A finished sweep is one file, and reading it adds none.
    for (const char* side : {"-wal", "-shm", "-journal"}) {
      EXPECT_FALSE(std::filesystem::exists(*dir_ / "reference.sqlite" + side))
          << side;
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete reference_csv_;
  }

  // Exports `db` and returns the CSV.
  static std::string ExportCsv(const std::string& db) {
    const std::string csv = db + ".csv";
    const Outcome o = RunCcsim("export " + Quote(db) + " --csv " + Quote(csv));
    EXPECT_EQ(o.status, 0) << o.out;
    return ReadFile(csv);
  }

  // Starts `ccsim sweep water.yaml --output DB --threads 2 --quiet`,
  // waits until DB holds at least one finished point, sends `sig`, and
  // returns the child's wait status. Stderr goes to `log`.
  static int InterruptAfterFirstPoint(const std::string& db, int sig,
                                      const std::string& log) {
    const std::string sweep = *dir_ / "water.yaml";
    const pid_t pid = fork();
    if (pid == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, STDERR_FILENO);
      dup2(fd, STDOUT_FILENO);
      execl(CCSIM_BINARY, "ccsim", "sweep", sweep.c_str(), "--output",
            db.c_str(), "--threads", "2", "--quiet",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    bool sent = false;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (!sent && std::filesystem::exists(db) &&
          QueryInt(db, "SELECT COUNT(*) FROM points") >= 1) {
        kill(pid, sig);
        sent = true;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        ADD_FAILURE() << "the sweep did not finish or commit in time";
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    EXPECT_TRUE(sent) << "the sweep finished before it could be interrupted";
    return status;
  }

  static ScratchDir* dir_;
  static std::string* reference_csv_;
};

ScratchDir* SweepCliTest::dir_ = nullptr;
std::string* SweepCliTest::reference_csv_ = nullptr;

TEST_F(SweepCliTest, KilledAndResumedEqualsUninterrupted) {
  const std::string db = *dir_ / "killed.sqlite";
  const int status = InterruptAfterFirstPoint(db, SIGKILL, *dir_ / "kill.log");
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "status " << status << ": " << ReadFile(*dir_ / "kill.log");
  const int64_t saved = QueryInt(db, "SELECT COUNT(*) FROM points");
  EXPECT_GE(saved, 1);
  EXPECT_LT(saved, kWaterPoints);

  // Without --resume the database is left alone.
  Outcome o = RunCcsim("sweep " + Quote(*dir_ / "water.yaml") + " --output " +
                       Quote(db) + " --quiet");
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, "exists; continue it with --resume")) << o.out;

  o = RunCcsim("sweep " + Quote(*dir_ / "water.yaml") + " --output " +
               Quote(db) + " --resume --threads 2");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(
      Contains(o.out, "8 points done (" + std::to_string(kWaterPoints - saved) +
                          " now, " + std::to_string(saved) + " before)"))
      << o.out;
  // --quiet is as quiet as run's: no summary line.
  o = RunCcsim("sweep " + Quote(*dir_ / "water.yaml") + " --output " +
               Quote(db) + " --resume --quiet");
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(ExportCsv(db), *reference_csv_);

  // Nothing twice: every point once, with all its rows.
  const std::string ref = *dir_ / "reference.sqlite";
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM points"), kWaterPoints);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(DISTINCT point) FROM summaries"),
            kWaterPoints);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM summaries"),
            QueryInt(ref, "SELECT COUNT(*) FROM summaries"));
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM replications"),
            QueryInt(ref, "SELECT COUNT(*) FROM replications"));
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM replications"),
            kWaterPoints * 2 * 6);
}

TEST_F(SweepCliTest, CtrlCStopsCleanlyAndSaysHowToResume) {
  const std::string db = *dir_ / "interrupted.sqlite";
  const std::string log = *dir_ / "int.log";
  const int status = InterruptAfterFirstPoint(db, SIGINT, log);
  ASSERT_TRUE(WIFEXITED(status)) << status << ": " << ReadFile(log);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGINT);
  const std::string message = ReadFile(log);
  EXPECT_TRUE(Contains(message, "ccsim sweep: interrupted: ")) << message;
  EXPECT_TRUE(Contains(message, "--output " + db + " --resume")) << message;
  const int64_t saved = QueryInt(db, "SELECT COUNT(*) FROM points");
  EXPECT_GE(saved, 1);
  EXPECT_LT(saved, kWaterPoints);

  const Outcome o = RunCcsim("sweep " + Quote(*dir_ / "water.yaml") +
                             " --output " + Quote(db) + " --resume --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(ExportCsv(db), *reference_csv_);
}

// `export -o FILE` is --csv FILE, as -o is for the other commands:
// standard output with '-', the file whole or not at all, its mode kept,
// and a bad path reported before the database is read.
TEST_F(SweepCliTest, ExportDashOWorksLikeTheOtherCommands) {
  const std::string db = Quote(*dir_ / "reference.sqlite");
  const std::string csv = *dir_ / "dash-o.csv";
  WriteFile(csv, "old\n");
  std::filesystem::permissions(csv, std::filesystem::perms(0640));
  Outcome o = RunCcsim("export " + db + " -o " + Quote(csv));
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(ReadFile(csv), *reference_csv_);
  EXPECT_EQ(
      std::filesystem::status(csv).permissions() & std::filesystem::perms::all,
      std::filesystem::perms(0640));
  o = RunCcsim("export " + db + " -o -", "2>/dev/null");
  ASSERT_EQ(o.status, 0);
  EXPECT_EQ(o.out, *reference_csv_);
  o = RunCcsim("export " + db + " -o /nonexistent-ccsim-folder/x.csv");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out,
                       "the folder /nonexistent-ccsim-folder does "
                       "not exist"))
      << o.out;
  o = RunCcsim("export " + db + " -o " + Quote(csv) + " --csv -");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "give one of them")) << o.out;
}

// The wide layout: a metric named like a parameter (zero_out) gets a
// column of its own.
TEST_F(SweepCliTest, WideExportNamesEveryColumnOnce) {
  const Outcome o = RunCcsim(
      "export " + Quote(*dir_ / "reference.sqlite") + " --wide --csv -",
      "2>&1");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(o.out.substr(0, o.out.find('\n')),
            "point,early_agents,zero_out,scope,name,day,start,answer_rate,"
            "answer_rate_ci95,abandon_rate,abandon_rate_ci95,service_level,"
            "service_level_ci95,asa_s,asa_s_ci95,occupancy,occupancy_ci95,"
            "zero_out_mean,zero_out_ci95");
  // 8 points x (the total + 5 call types).
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1 + 8 * 6);
}

TEST_F(SweepCliTest, ThreeShardsMergedEqualASingleRun) {
  const std::string sweep = Quote(*dir_ / "water.yaml");
  const std::string s1 = *dir_ / "s1.sqlite";
  const std::string s2 = *dir_ / "s2.sqlite";
  const std::string s3 = *dir_ / "s3.sqlite";
  Outcome o = RunCcsim("sweep " + sweep + " --shard 1/3 --output " + Quote(s1));
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "3 points of shard 1/3 done")) << o.out;
  // Shard 2 picked by a Slurm job array's variables (--array=1-3).
  setenv("SLURM_ARRAY_TASK_ID", "2", 1);
  setenv("SLURM_ARRAY_TASK_COUNT", "3", 1);
  setenv("SLURM_ARRAY_TASK_MIN", "1", 1);
  o = RunCcsim("sweep " + sweep + " --output " + Quote(s2));
  unsetenv("SLURM_ARRAY_TASK_ID");
  unsetenv("SLURM_ARRAY_TASK_COUNT");
  unsetenv("SLURM_ARRAY_TASK_MIN");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "3 points of shard 2/3 done")) << o.out;
  EXPECT_EQ(QueryInt(s2,
                     "SELECT COUNT(*) FROM meta WHERE key = 'shard' AND "
                     "value = '2/3'"),
            1);
  // Points 1, 4 and 7.
  EXPECT_EQ(QueryInt(s2, "SELECT SUM(point) FROM points"), 12);
  o = RunCcsim("sweep " + sweep + " --shard 3/3 --output " + Quote(s3) +
               " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;

  // Two of three do not make the sweep.
  const std::string merged = *dir_ / "merged.sqlite";
  o = RunCcsim("merge " + Quote(merged) + " " + Quote(s1) + " " + Quote(s3));
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, "missing shards: 2/3")) << o.out;
  EXPECT_FALSE(std::filesystem::exists(merged));

  // A merge killed earlier left its temporary file; one of a merge still
  // running (this test's process stands for it) must be left alone.
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  const std::string abandoned = merged + ".tmp." + std::to_string(dead);
  const std::string running = merged + ".tmp." + std::to_string(getpid());
  testing::WriteFile(abandoned, "left by a killed merge");
  testing::WriteFile(running, "a merge still running");
  o = RunCcsim("merge " + Quote(merged) + " " + Quote(s3) + " " + Quote(s1) +
               " " + Quote(s2));
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "8 of 8 points from 3 databases")) << o.out;
  EXPECT_EQ(ExportCsv(merged), *reference_csv_);
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_TRUE(std::filesystem::exists(running));
  std::filesystem::remove(running);
}

TEST(SweepCli, SmallSweepsAgreeWithRunAndAcrossThreads) {
  ScratchDir dir;
  WriteFile(dir / "base.yaml", SmallScenario());
  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "replications: 3\n"
            "seed: 11\n"
            "metrics: [offered, answered, service_level, asa_s, occupancy]\n"
            "parameters:\n"
            "  - key: agents[0].staffing.constant\n"
            "    name: agents\n"
            "    values: [3, 4, 5]\n");
  Outcome o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -t 1 -o " +
                       Quote(dir / "t1.sqlite"));
  ASSERT_EQ(o.status, 0) << o.out;
  o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -t 2 -o " +
               Quote(dir / "t2.sqlite"));
  ASSERT_EQ(o.status, 0) << o.out;
  o = RunCcsim("export " + Quote(dir / "t1.sqlite") + " --csv -",
               "2>/dev/null");
  ASSERT_EQ(o.status, 0);
  const std::string csv = o.out;
  o = RunCcsim("export " + Quote(dir / "t2.sqlite") + " --csv -",
               "2>/dev/null");
  EXPECT_EQ(o.out, csv);

  // Point 1 (4 agents) is `ccsim run` of the base with 4 agents, the same
  // seed and replications.
  WriteFile(dir / "point1.yaml",
            "extends: base.yaml\n"
            "agents:\n"
            "  - name: team\n"
            "    skills: [general]\n"
            "    staffing: {constant: 4}\n");
  o = RunCcsim("run " + Quote(dir / "point1.yaml") +
                   " --seed 11 -r 3 --format csv --metrics "
                   "offered,answered,service_level,asa_s,occupancy",
               "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  std::string run_totals;
  std::istringstream run_lines(o.out);
  std::string line;
  while (std::getline(run_lines, line)) {
    // Without the last column, date (empty for totals).
    if (line.rfind("total,", 0) == 0) {
      run_totals += line.substr(0, line.rfind(',')) + "\n";
    }
  }
  std::string sweep_totals;
  std::istringstream sweep_lines(csv);
  while (std::getline(sweep_lines, line)) {
    if (line.rfind("1,4,total,", 0) != 0) continue;
    // Drop "point,agents,"; n is the run's n.
    sweep_totals += line.substr(4) + "\n";
  }
  EXPECT_EQ(std::count(run_totals.begin(), run_totals.end(), '\n'), 5);
  EXPECT_EQ(sweep_totals, run_totals);
}

TEST(SweepCli, ProgressBarOnATerminalOnly) {
  ScratchDir dir;
  WriteFile(dir / "base.yaml", SmallScenario());
  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "parameters:\n"
            "  - key: agents[0].staffing.constant\n"
            "    values: [3, 4, 5]\n");
  const std::string drawn =
      OnTerminal("sweep " + dir / "sweep.yaml" + " -o " + dir / "a.sqlite");
  // The last state: every point, a rate and the time left; then the line
  // is cleared for the summary.
  EXPECT_TRUE(Contains(drawn, "sweep [########################] 3/3 points"))
      << drawn;
  EXPECT_TRUE(Contains(drawn, "ETA 0:00")) << drawn;
  EXPECT_TRUE(Contains(drawn, "\r\x1b[Kccsim sweep: 3 points done")) << drawn;

  const std::string quiet = OnTerminal("sweep " + dir / "sweep.yaml" + " -o " +
                                       dir / "b.sqlite --quiet");
  EXPECT_FALSE(Contains(quiet, "sweep [")) << quiet;
  EXPECT_FALSE(Contains(quiet, "ccsim sweep: 3 points done")) << quiet;
  // Not a terminal: no bar either.
  const Outcome piped = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -o " +
                                 Quote(dir / "c.sqlite"));
  EXPECT_FALSE(Contains(piped.out, "sweep [")) << piped.out;
}

TEST(SweepCli, BadInputFailsBeforeAnythingRuns) {
  ScratchDir dir;
  WriteFile(dir / "base.yaml", SmallScenario());
  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "parameters:\n"
            "  - key: agents[0].staffing.constant\n"
            "    values: [3, four]\n");
  const std::string db = dir / "out.sqlite";
  Outcome o =
      RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -o " + Quote(db));
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, dir / "sweep.yaml:4:17: ")) << o.out;
  EXPECT_FALSE(std::filesystem::exists(db));

  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "parameters:\n"
            "  - key: agents[0].staffing.constant\n"
            "    values: [3, 4]\n");
  for (const char* shard : {"0/3", "4/3", "x"}) {
    o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " --shard " + shard +
                 " -o " + Quote(db));
    EXPECT_EQ(o.status, 2) << shard;
    EXPECT_TRUE(Contains(o.out, "--shard: bad shard")) << o.out;
  }
  // Slurm variables that do not make a shard.
  setenv("SLURM_ARRAY_TASK_ID", "7", 1);
  setenv("SLURM_ARRAY_TASK_COUNT", "3", 1);
  o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -o " + Quote(db));
  EXPECT_EQ(o.status, 2) << o.out;
  EXPECT_TRUE(Contains(o.out, "SLURM_ARRAY_TASK_ID=7")) << o.out;
  // --shard wins over them.
  o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " --shard 2/2 -o " +
               Quote(db) + " -q");
  unsetenv("SLURM_ARRAY_TASK_ID");
  unsetenv("SLURM_ARRAY_TASK_COUNT");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(QueryInt(db,
                     "SELECT COUNT(*) FROM meta WHERE key = 'shard' AND "
                     "value = '2/2'"),
            1);

  o = RunCcsim("export " + Quote(db));
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "give --csv FILE")) << o.out;
  o = RunCcsim("export " + Quote(dir / "none.sqlite") + " --csv -");
  EXPECT_EQ(o.status, 1);
  // Never onto the database it reads.
  const std::string before = ReadFile(db);
  o = RunCcsim("export " + Quote(db) + " --csv " + Quote(db));
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "cannot write: it is the input")) << o.out;
  EXPECT_EQ(ReadFile(db), before);
  o = RunCcsim("sweep " + Quote(dir / "sweep.yaml") + " -o " +
               Quote(dir.path() + "/"));
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "it is a folder")) << o.out;
  // A finished shard exports without a warning.
  o = RunCcsim("export " + Quote(db) + " --csv " + Quote(dir / "x.csv"));
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out, "");
  o = RunCcsim("merge " + Quote(dir / "m.sqlite"));
  EXPECT_EQ(o.status, 2);
  o = RunCcsim("merge " + Quote(dir / "m.sqlite") + " " + Quote(db));
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, "missing shards: 1/2")) << o.out;
}

}  // namespace
}  // namespace ccsim
