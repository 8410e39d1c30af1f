// Helpers for the sweep tests: a scratch folder, a small base scenario,
// and reading sweep databases with plain SQLite (independently of the code
// under test).
#ifndef CCSIM_TESTS_SWEEP_SWEEP_TESTING_H_
#define CCSIM_TESTS_SWEEP_SWEEP_TESTING_H_

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "ccsim/sweep.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim::testing {

// A fresh folder under /tmp, removed with its contents at destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ccsim-sweep-XXXXXX")
            .string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string operator/(const std::string& name) const {
    return path_ + "/" + name;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A small, fast M/M/c+M scenario: one day of 60 calls an hour, 3 minutes
// each, `agents` agents.
inline std::string SmallScenario(int agents = 4) {
  return "name: small\n"
         "horizon: 1d\n"
         "warmup: 2h\n"
         "interval: 1h\n"
         "replications: 3\n"
         "seed: 5\n"
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: {per_interval: 60}\n"
         "    handle_time: {exponential: {mean: 180s}}\n"
         "    patience: {exponential: {mean: 300s}}\n"
         "agents:\n"
         "  - name: team\n"
         "    skills: [general]\n"
         "    staffing: {constant: " +
         std::to_string(agents) + "}\n";
}

// Writes base.yaml and sweep.yaml into `dir` and loads the sweep.
inline absl::StatusOr<Sweep> LoadSweepIn(
    const ScratchDir& dir, const std::string& sweep,
    const std::string& base = SmallScenario()) {
  WriteFile(dir / "base.yaml", base);
  WriteFile(dir / "sweep.yaml", sweep);
  return Sweep::Load(dir / "sweep.yaml");
}

// The single integer a query gives, or -1 on any error.
inline int64_t QueryInt(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t out = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      out = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_SWEEP_SWEEP_TESTING_H_
