// Running sweeps through the library: determinism over thread counts,
// agreement with RunScenario, resuming, shards and merging, export.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/sweep.h"
#include "gtest/gtest.h"
#include "tests/sweep/sweep_testing.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::QueryInt;
using ::ccsim::testing::ReadFile;
using ::ccsim::testing::ScratchDir;
using ::ccsim::testing::SmallScenario;
using ::ccsim::testing::WriteFile;

// 3 x 2 points of 3 replications, every scope kept.
constexpr char kSweep[] =
    "scenario: base.yaml\n"
    "replications: 3\n"
    "seed: 11\n"
    "scopes: [total, call_flow, interval, call_type, agent_group]\n"
    "parameters:\n"
    "  - key: agents[0].staffing.constant\n"
    "    name: agents\n"
    "    values: [3, 4, 5]\n"
    "  - key: call_types[0].patience.exponential.mean\n"
    "    name: patience\n"
    "    values: [120s, 300s]\n";
constexpr int64_t kPoints = 6;

class SweepRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_ / "base.yaml", SmallScenario());
    WriteFile(dir_ / "sweep.yaml", kSweep);
    absl::StatusOr<Sweep> s = Sweep::Load(dir_ / "sweep.yaml");
    ASSERT_TRUE(s.ok()) << s.status();
    sweep_ = *std::move(s);
  }

  absl::StatusOr<SweepRunResult> Run(const std::string& db, int threads = 2,
                                     SweepShard shard = {},
                                     bool resume = false) {
    SweepRunOptions options;
    options.database = dir_ / db;
    options.threads = threads;
    options.shard = shard;
    options.resume = resume;
    return RunSweep(*sweep_, options);
  }

  std::string Export(const std::string& db) {
    absl::StatusOr<std::string> csv = ExportSweepCsv(dir_ / db);
    EXPECT_TRUE(csv.ok()) << csv.status();
    return csv.ok() ? *csv : "";
  }

  ScratchDir dir_;
  std::optional<Sweep> sweep_;
};

// Every row of every table, with reals in their shortest exact form, read
// with plain SQLite: two databases with equal dumps hold the same results.
std::string Dump(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return "(cannot open)";
  }
  const char* queries[] = {
      "SELECT * FROM meta ORDER BY key",
      "SELECT * FROM parameters ORDER BY position",
      "SELECT * FROM points ORDER BY point",
      "SELECT * FROM summaries ORDER BY point, row",
      "SELECT * FROM replications ORDER BY point, replication, metric",
  };
  for (const char* q : queries) {
    out += std::string(q) + "\n";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, q, -1, &stmt, nullptr) != SQLITE_OK) {
      out += "(error)\n";
      continue;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            out += "NULL";
            break;
          case SQLITE_FLOAT: {
            char buf[64];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf,
                                           sqlite3_column_double(stmt, c));
            out.append(buf, end);
            break;
          }
          default:
            out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        }
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

TEST_F(SweepRunTest, ResultsDoNotDependOnTheThreadCount) {
  absl::StatusOr<SweepRunResult> one = Run("one.sqlite", 1);
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->finished, kPoints);
  EXPECT_TRUE(one->complete());
  absl::StatusOr<SweepRunResult> two = Run("two.sqlite", 2);
  ASSERT_TRUE(two.ok()) << two.status();
  absl::StatusOr<SweepRunResult> many = Run("many.sqlite", 5);
  ASSERT_TRUE(many.ok()) << many.status();
  const std::string reference = Dump(dir_ / "one.sqlite");
  EXPECT_GT(QueryInt(dir_ / "one.sqlite", "SELECT COUNT(*) FROM summaries"),
            kPoints * 100);
  EXPECT_EQ(Dump(dir_ / "two.sqlite"), reference);
  EXPECT_EQ(Dump(dir_ / "many.sqlite"), reference);
  EXPECT_EQ(Export("one.sqlite"), Export("two.sqlite"));
}

TEST_F(SweepRunTest, EachPointEqualsRunScenario) {
  ASSERT_TRUE(Run("db.sqlite").ok());
  const std::string csv = Export("db.sqlite");
  for (int64_t point : {0, 3, 5}) {
    absl::StatusOr<Scenario> scenario = sweep_->PointScenario(point);
    ASSERT_TRUE(scenario.ok()) << scenario.status();
    RunOptions options;
    options.replications = 3;
    options.seed = 11;
    absl::StatusOr<RunResult> run = RunScenario(*scenario, options);
    ASSERT_TRUE(run.ok()) << run.status();
    // `ccsim run`'s CSV rows, without the header, the per-group intervals
    // (which a sweep does not keep) and the last column, date...
    std::string expected;
    std::istringstream run_lines(FormatCsv(*run, *scenario));
    std::string line;
    std::getline(run_lines, line);  // header
    while (std::getline(run_lines, line)) {
      if (line.rfind("agent_group_interval,", 0) == 0) continue;
      expected += line.substr(0, line.rfind(',')) + "\n";
    }
    // ... are the point's rows of the export without point and
    // parameters (n included).
    std::string got;
    std::istringstream sweep_lines(csv);
    const std::string prefix = std::to_string(point) + ",";
    while (std::getline(sweep_lines, line)) {
      if (line.rfind(prefix, 0) != 0) continue;
      size_t start = 0;
      for (int comma = 0; comma < 3; ++comma) start = line.find(',', start) + 1;
      got += line.substr(start) + "\n";
    }
    EXPECT_GT(expected.size(), 1000u);
    EXPECT_EQ(got, expected) << "point " << point;
  }
}

TEST_F(SweepRunTest, StoppedRunResumesToTheSameResults) {
  ASSERT_TRUE(Run("whole.sqlite").ok());

  std::atomic<bool> stop{false};
  SweepRunOptions options;
  options.database = dir_ / "part.sqlite";
  options.threads = 2;
  options.stop = &stop;
  options.on_progress = [&](int64_t done, int64_t) {
    if (done >= 2) stop.store(true);
  };
  absl::StatusOr<SweepRunResult> part = RunSweep(*sweep_, options);
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_TRUE(part->stopped);
  EXPECT_GE(part->finished, 2);
  EXPECT_LT(part->finished, kPoints);
  EXPECT_EQ(QueryInt(dir_ / "part.sqlite", "SELECT COUNT(*) FROM points"),
            part->finished);

  absl::StatusOr<SweepRunResult> rest =
      Run("part.sqlite", 2, SweepShard{}, /*resume=*/true);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->already_done, part->finished);
  EXPECT_EQ(rest->finished, kPoints - part->finished);
  EXPECT_TRUE(rest->complete());
  EXPECT_FALSE(rest->stopped);
  EXPECT_EQ(Dump(dir_ / "part.sqlite"), Dump(dir_ / "whole.sqlite"));

  // Resuming a finished sweep has nothing to do.
  absl::StatusOr<SweepRunResult> again =
      Run("part.sqlite", 2, SweepShard{}, /*resume=*/true);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->finished, 0);
  EXPECT_EQ(again->already_done, kPoints);
}

TEST_F(SweepRunTest, ExistingDatabasesAreNeverOverwritten) {
  ASSERT_TRUE(Run("db.sqlite").ok());
  const std::string before = Dump(dir_ / "db.sqlite");
  absl::StatusOr<SweepRunResult> again = Run("db.sqlite");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(Contains(std::string(again.status().message()), "--resume"));
  EXPECT_EQ(Dump(dir_ / "db.sqlite"), before);

  // Not a sweep database at all.
  WriteFile(dir_ / "other.sqlite", "");
  sqlite3* db = nullptr;
  sqlite3_open((dir_ / "other.sqlite").c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  absl::StatusOr<SweepRunResult> other =
      Run("other.sqlite", 2, SweepShard{}, true);
  ASSERT_FALSE(other.ok());
  EXPECT_TRUE(Contains(std::string(other.status().message()),
                       "not a ccsim sweep database"))
      << other.status();
}

// Two sweeps pointed at one database: the second is told plainly that the
// first is writing, and touches nothing; once the first is done, the lock
// file is gone and a resume goes ahead.
TEST_F(SweepRunTest, TwoSweepsOnOneDatabase) {
  const std::string db = dir_ / "one.sqlite";
  // Another process's lock, as a running sweep holds it.
  const int fd = open((db + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(flock(fd, LOCK_EX | LOCK_NB), 0);
  absl::StatusOr<SweepRunResult> second = Run("one.sqlite");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(),
            "another sweep is writing " + db + " (it holds " + db +
                ".lock); wait for it to finish, or give this one another "
                "--output");
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_FALSE(Run("one.sqlite", 2, {}, /*resume=*/true).ok());
  close(fd);  // the first sweep ends (its lock file stays if it crashed)
  absl::StatusOr<SweepRunResult> after = Run("one.sqlite", 2, {}, true);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE(after->complete());
  EXPECT_FALSE(std::filesystem::exists(db + ".lock"));
}

TEST_F(SweepRunTest, ResumeRefusesAnotherSweepOrShard) {
  ASSERT_TRUE(Run("db.sqlite", 2, SweepShard{1, 2}).ok());
  // Another shard of the same sweep.
  absl::StatusOr<SweepRunResult> shard =
      Run("db.sqlite", 2, SweepShard{2, 2}, true);
  ASSERT_FALSE(shard.ok());
  EXPECT_TRUE(Contains(std::string(shard.status().message()),
                       "holds shard 1/2 of this sweep, but this run is shard "
                       "2/2"))
      << shard.status();
  // The same file name with a changed value.
  std::string changed = kSweep;
  changed.replace(changed.find("[3, 4, 5]"), 9, "[3, 4, 6]");
  WriteFile(dir_ / "sweep.yaml", changed);
  absl::StatusOr<Sweep> other = Sweep::Load(dir_ / "sweep.yaml");
  ASSERT_TRUE(other.ok()) << other.status();
  SweepRunOptions options;
  options.database = dir_ / "db.sqlite";
  options.resume = true;
  options.shard = SweepShard{1, 2};
  absl::StatusOr<SweepRunResult> r = RunSweep(*other, options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(std::string(r.status().message()),
                       "holds results of a different sweep"))
      << r.status();
}

TEST_F(SweepRunTest, MergedShardsEqualASingleRun) {
  ASSERT_TRUE(Run("single.sqlite").ok());
  std::vector<std::string> shards;
  int64_t total = 0;
  for (int k = 1; k <= 4; ++k) {  // 4 shards of 6 points: 2, 2, 1, 1
    const std::string name = "shard" + std::to_string(k) + ".sqlite";
    absl::StatusOr<SweepRunResult> r = Run(name, 1, SweepShard{k, 4});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->shard_points, k <= 2 ? 2 : 1);
    EXPECT_EQ(r->finished, r->shard_points);
    total += r->finished;
    shards.push_back(dir_ / name);
  }
  EXPECT_EQ(total, kPoints);
  // Shard 2/4 holds points 1 and 5.
  EXPECT_EQ(QueryInt(shards[1], "SELECT SUM(point) FROM points"), 6);

  // Any order of inputs.
  std::vector<std::string> reversed(shards.rbegin(), shards.rend());
  absl::StatusOr<int64_t> merged =
      MergeSweepDatabases(dir_ / "merged.sqlite", reversed, false);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(*merged, kPoints);
  EXPECT_EQ(Dump(dir_ / "merged.sqlite"), Dump(dir_ / "single.sqlite"));
  EXPECT_EQ(Export("merged.sqlite"), Export("single.sqlite"));
  absl::StatusOr<SweepDatabaseInfo> info =
      InspectSweepDatabase(dir_ / "merged.sqlite");
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->shard, (SweepShard{1, 1}));
  EXPECT_EQ(info->points_done, kPoints);

  // The output is never overwritten.
  absl::StatusOr<int64_t> again =
      MergeSweepDatabases(dir_ / "merged.sqlite", shards, false);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
}

// Damaged inputs are refused, not merged into wrong results: rows that do
// not fit the sweep (as a bad disk or a hand edit could leave them) and a
// broken file structure.
TEST_F(SweepRunTest, DamagedDatabasesAreRefused) {
  std::vector<std::string> shards;
  for (int k = 1; k <= 2; ++k) {
    const std::string name = "part" + std::to_string(k) + ".sqlite";
    ASSERT_TRUE(Run(name, 1, SweepShard{k, 2}).ok());
    shards.push_back(dir_ / name);
  }
  ASSERT_TRUE(InspectSweepDatabase(shards[0]).ok());
  struct Damage {
    const char* sql;
    const char* message;
  } damages[] = {
      {"UPDATE replications SET replication = -1 WHERE point = 0 AND "
       "replication = 0",
       "a replication that is not one of a point's"},
      {"UPDATE replications SET metric = 'answer_ratx' WHERE metric = "
       "'answer_rate'",
       "an unknown metric 'answer_ratx'"},
      {"UPDATE points SET point = point + 1 WHERE point = 0",
       "a point that is not in its sweep and shard"},
      {"DELETE FROM replications WHERE point = 0 AND replication = 0 AND "
       "metric = 'answer_rate'",
       "points with different numbers of replication values"},
      {"UPDATE meta SET value = 'many' WHERE key = 'points'",
       "its meta table is not a sweep's"},
  };
  for (const Damage& d : damages) {
    SCOPED_TRACE(d.sql);
    const std::string copy = dir_ / "damaged.sqlite";
    std::filesystem::remove(copy);
    std::filesystem::copy_file(shards[0], copy);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, d.sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const std::vector<std::string> inputs = {copy, shards[1]};
    absl::StatusOr<int64_t> r =
        MergeSweepDatabases(dir_ / "merged.sqlite", inputs, false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(),
              copy + ": the database is damaged (" + d.message +
                  "); run its sweep or shard again into a new file");
    EXPECT_FALSE(std::filesystem::exists(dir_ / "merged.sqlite"));
    EXPECT_FALSE(ExportSweepCsv(copy).ok());
  }
  // A page of the file overwritten: SQLite's own check finds it.
  const std::string copy = dir_ / "damaged.sqlite";
  std::filesystem::remove(copy);
  std::filesystem::copy_file(shards[0], copy);
  const auto size = std::filesystem::file_size(copy);
  ASSERT_GT(size, 8192u);
  {
    std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size - 4096));  // the last page
    const std::string junk(4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  absl::StatusOr<SweepDatabaseInfo> info = InspectSweepDatabase(copy);
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(
      Contains(std::string(info.status().message()), "the database is damaged"))
      << info.status();
}

TEST_F(SweepRunTest, MergeChecksItsInputs) {
  std::vector<std::string> shards;
  for (int k = 1; k <= 3; ++k) {
    const std::string name = "shard" + std::to_string(k) + ".sqlite";
    ASSERT_TRUE(Run(name, 1, SweepShard{k, 3}).ok());
    shards.push_back(dir_ / name);
  }
  // A missing shard.
  const std::vector<std::string> two = {shards[0], shards[2]};
  absl::StatusOr<int64_t> r =
      MergeSweepDatabases(dir_ / "out.sqlite", two, false);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(std::string(r.status().message()),
                       "holds 4 of the sweep's 6 points"))
      << r.status();
  EXPECT_TRUE(
      Contains(std::string(r.status().message()), "missing shards: 2/3"))
      << r.status();
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out.sqlite"));

  // The same points twice (a copy of one shard).
  std::filesystem::copy_file(shards[0], dir_ / "copy.sqlite");
  const std::vector<std::string> dup = {shards[0], shards[1], shards[2],
                                        dir_ / "copy.sqlite"};
  r = MergeSweepDatabases(dir_ / "out.sqlite", dup, false);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(std::string(r.status().message()), "point 0 is in"))
      << r.status();
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out.sqlite"));

  // Another sweep.
  WriteFile(dir_ / "other.yaml",
            std::string(kSweep).replace(std::string(kSweep).find("seed: 11"), 8,
                                        "seed: 12"));
  absl::StatusOr<Sweep> other = Sweep::Load(dir_ / "other.yaml");
  ASSERT_TRUE(other.ok()) << other.status();
  SweepRunOptions options;
  options.database = dir_ / "other.sqlite";
  ASSERT_TRUE(RunSweep(*other, options).ok());
  const std::vector<std::string> mixed = {shards[0], dir_ / "other.sqlite"};
  r = MergeSweepDatabases(dir_ / "out.sqlite", mixed, false);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(std::string(r.status().message()),
                       "belongs to a different sweep"))
      << r.status();

  // An incomplete merge, allowed, finished by resuming it.
  r = MergeSweepDatabases(dir_ / "out.sqlite", two, true);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 4);
  absl::StatusOr<SweepRunResult> rest =
      Run("out.sqlite", 2, SweepShard{}, /*resume=*/true);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->finished, 2);
  ASSERT_TRUE(Run("single.sqlite").ok());
  EXPECT_EQ(Dump(dir_ / "out.sqlite"), Dump(dir_ / "single.sqlite"));
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// The wide export holds exactly the tidy export's means and CIs, pivoted:
// checked cell by cell against the tidy rows.
TEST_F(SweepRunTest, WideExportPivotsTheTidyOne) {
  ASSERT_TRUE(Run("db.sqlite").ok());
  const std::string tidy = Export("db.sqlite");
  absl::StatusOr<std::string> wide =
      ExportSweepCsv(dir_ / "db.sqlite", SweepCsvLayout::kWide);
  ASSERT_TRUE(wide.ok()) << wide.status();

  std::istringstream wide_lines(*wide);
  std::string header_line;
  std::getline(wide_lines, header_line);
  const std::vector<std::string> header = SplitCsv(header_line);
  ASSERT_GE(header.size(), 9u);
  EXPECT_EQ(
      std::vector<std::string>(header.begin(), header.begin() + 9),
      (std::vector<std::string>{"point", "agents", "patience", "scope", "name",
                                "day", "start", "offered", "offered_ci95"}));
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < header.size(); ++c) column[header[c]] = c;
  ASSERT_EQ(column.size(), header.size()) << "duplicate columns";
  // Key (point..start) -> the wide line's fields.
  std::map<std::string, std::vector<std::string>> by_key;
  std::vector<std::string> order;
  for (std::string line; std::getline(wide_lines, line);) {
    std::vector<std::string> f = SplitCsv(line);
    ASSERT_EQ(f.size(), header.size()) << line;
    std::string key;
    for (int c = 0; c < 7; ++c) key += f[static_cast<size_t>(c)] + ",";
    EXPECT_TRUE(by_key.emplace(key, f).second) << "key twice: " << key;
    order.push_back(key);
  }

  std::istringstream tidy_lines(tidy);
  std::string line;
  std::getline(tidy_lines, line);  // header
  std::vector<std::string> tidy_order;
  int64_t cells = 0;
  while (std::getline(tidy_lines, line)) {
    const std::vector<std::string> f = SplitCsv(line);
    ASSERT_EQ(f.size(), 11u) << line;
    std::string key;
    for (int c = 0; c < 7; ++c) key += f[static_cast<size_t>(c)] + ",";
    if (tidy_order.empty() || tidy_order.back() != key) {
      tidy_order.push_back(key);
    }
    const auto it = by_key.find(key);
    ASSERT_NE(it, by_key.end()) << key;
    const std::string& metric = f[7];
    ASSERT_TRUE(column.count(metric)) << metric;
    EXPECT_EQ(it->second[column[metric]], f[8]) << key << metric;
    EXPECT_EQ(it->second[column[metric + "_ci95"]], f[9]) << key << metric;
    ++cells;
  }
  // One wide line per key, in the tidy export's order.
  EXPECT_EQ(order, tidy_order);
  EXPECT_GT(cells, static_cast<int64_t>(order.size()));
}

TEST_F(SweepRunTest, ExportIsATidyCsv) {
  ASSERT_TRUE(Run("db.sqlite").ok());
  const std::string csv = Export("db.sqlite");
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "point,agents,patience,scope,name,day,start,metric,mean,ci95,n");
  std::string first;
  std::getline(lines, first);
  // Point 0: 3 agents, 120 s patience; then the first total metric.
  EXPECT_EQ(first.rfind("0,3,120s,total,,,,offered,", 0), 0u) << first;
  EXPECT_EQ(first.substr(first.rfind(',')), ",3");  // n: 3 replications
  // One row per summary row, in point order.
  const int64_t rows =
      QueryInt(dir_ / "db.sqlite", "SELECT COUNT(*) FROM summaries");
  int64_t count = 1;
  std::string line;
  int64_t last_point = 0;
  while (std::getline(lines, line)) {
    ++count;
    const int64_t point = std::stoll(line.substr(0, line.find(',')));
    EXPECT_GE(point, last_point);
    last_point = point;
  }
  EXPECT_EQ(count, rows);
  EXPECT_EQ(last_point, kPoints - 1);
  // Replication rows: every kept metric of every replication's totals.
  EXPECT_EQ(QueryInt(dir_ / "db.sqlite", "SELECT COUNT(*) FROM replications"),
            kPoints * 3 * kNumMetrics);
}

TEST(SweepShard, ParseShard) {
  absl::StatusOr<SweepShard> s = ParseShard("2/8");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (SweepShard{2, 8}));
  for (const char* bad : {"0/3", "4/3", "1/0", "a/3", "1/", "/3", "1", "",
                          "-1/3", "1/3/5", " 1/3"}) {
    EXPECT_FALSE(ParseShard(bad).ok()) << bad;
  }
}

TEST(SweepShard, ShardsPartitionThePointsEvenly) {
  for (int n = 1; n <= 7; ++n) {
    for (int64_t points = 0; points <= 20; ++points) {
      std::vector<int> owners(static_cast<size_t>(points), 0);
      int64_t smallest = points;
      int64_t largest = 0;
      for (int k = 1; k <= n; ++k) {
        const SweepShard shard{k, n};
        int64_t mine = 0;
        for (int64_t p = 0; p < points; ++p) {
          if (shard.Contains(p)) {
            ++owners[static_cast<size_t>(p)];
            ++mine;
          }
        }
        EXPECT_EQ(shard.PointsOf(points), mine);
        smallest = std::min(smallest, mine);
        largest = std::max(largest, mine);
      }
      for (int o : owners) EXPECT_EQ(o, 1);
      EXPECT_LE(largest - smallest, 1);
    }
  }
}

TEST(SweepShard, FromSlurmArrayVariables) {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  };
  absl::StatusOr<std::optional<SweepShard>> s = ShardFromSlurm(env({}));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->has_value());
  // --array=0-2: IDs 0, 1, 2 with MIN 0.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "0"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "0"}}));
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ(**s, (SweepShard{1, 3}));
  // --array=1-3: IDs 1, 2, 3 with MIN 1; ID 3 is the last shard.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "3"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "1"}}));
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ(**s, (SweepShard{3, 3}));
  // Without MIN the IDs are taken to start at 0.
  s = ShardFromSlurm(
      env({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}));
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ(**s, (SweepShard{2, 2}));
  // An array with a step (0-10:5 has IDs 0, 5, 10 and COUNT 3).
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "5"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "0"}}));
  EXPECT_FALSE(s.ok());
  s = ShardFromSlurm(
      env({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}));
  EXPECT_FALSE(s.ok());
  // Slurm also gives MAX and STEP: --array=0-4:2 has IDs 0, 2, 4 and COUNT
  // 3, so ID 2 would pass for shard 3/3 and shard 2 would never run.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "2"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "0"},
                          {"SLURM_ARRAY_TASK_MAX", "4"},
                          {"SLURM_ARRAY_TASK_STEP", "2"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3 "
            "SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=4 "
            "SLURM_ARRAY_TASK_STEP=2: the array's IDs are not COUNT "
            "consecutive numbers from MIN (an array with a step or gaps "
            "cannot be mapped to shards); run the array as --array=0-2 (or "
            "1-3), or give --shard K/N");
  // The same without STEP: MAX - MIN + 1 is not COUNT.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "2"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "0"},
                          {"SLURM_ARRAY_TASK_MAX", "4"}}));
  EXPECT_FALSE(s.ok());
  // A full set of variables of a plain array is fine.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "4"},
                          {"SLURM_ARRAY_TASK_COUNT", "3"},
                          {"SLURM_ARRAY_TASK_MIN", "2"},
                          {"SLURM_ARRAY_TASK_MAX", "4"},
                          {"SLURM_ARRAY_TASK_STEP", "1"}}));
  ASSERT_TRUE(s.ok() && s->has_value()) << s.status();
  EXPECT_EQ(**s, (SweepShard{3, 3}));
  // An ID without a count would run the whole sweep in every task.
  s = ShardFromSlurm(env({{"SLURM_ARRAY_TASK_ID", "1"}}));
  EXPECT_FALSE(s.ok());
  s = ShardFromSlurm(
      env({{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "0"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.status().message(), "--array=0-0 (or 1-1)"))
      << s.status();
}

}  // namespace
}  // namespace ccsim
