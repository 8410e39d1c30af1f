// The sweep database (private to sim/sweep): a thin SQLite wrapper and the
// schema. docs/sweeps.md describes the schema for users.
//
//   meta(key TEXT PRIMARY KEY, value TEXT)      format, fingerprint,
//                                                definition, shard, ...
//   parameters(position INTEGER PRIMARY KEY, key TEXT, name TEXT)
//   points(point INTEGER PRIMARY KEY, "<name>"...)   one column per
//                                                parameter; a row per
//                                                finished point
//   summaries(point, row, scope, name, day, start, metric, mean, ci95, n)
//   replications(point, replication, metric, value)
//
// A point's rows in points, summaries and replications are written in one
// transaction, so a row in `points` means the point is complete.
#ifndef CCSIM_SIM_SWEEP_STORE_H_
#define CCSIM_SIM_SWEEP_STORE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/sweep.h"

namespace ccsim::sweep_internal {

// The meta table's `format` value; a database with another is refused.
inline constexpr std::string_view kDatabaseFormat = "ccsim-sweep 1";

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& o) noexcept : stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  void BindInt(int i, int64_t v);
  // NaN is stored as NULL (SQLite does that anyway; this says so).
  void BindReal(int i, double v);
  void BindText(int i, std::string_view v);
  void BindNull(int i);
  void BindValue(int i, const SweepValue& v);

  // One step: true when a row is ready, false when done.
  absl::StatusOr<bool> Step();
  // Runs to completion (for statements that return no rows).
  absl::Status Run();
  // Ready to run again, bindings cleared.
  void Reset();

  int ColumnType(int col) const;  // SQLITE_INTEGER, ...; 0-based
  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };

  // Opens (or with kCreate, creates) `path`; waits up to 10 s for locks.
  static absl::StatusOr<Database> Open(const std::string& path, Mode mode);

  absl::Status Exec(std::string_view sql);
  absl::StatusOr<Statement> Prepare(std::string_view sql);
  // The single value a query returns (NULL -> nullopt).
  absl::StatusOr<std::optional<std::string>> QueryText(std::string_view sql);
  absl::StatusOr<int64_t> QueryInt(std::string_view sql);

  // "PATH: WHAT: sqlite's message".
  absl::Status Error(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* get() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  Database(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

// Removes the database file at `path` and SQLite's files beside it
// (-journal, -wal, -shm); what does not exist is skipped.
void RemoveDatabaseFiles(const std::string& path);

// "name" quoted as an SQL identifier.
std::string QuoteIdentifier(std::string_view name);

// The parameters' column names, in sweep order.
absl::StatusOr<std::vector<std::string>> ParameterNames(Database& db);

// True when the database has no tables (a new file, or one whose creation
// was interrupted before the schema was committed).
absl::StatusOr<bool> IsEmpty(Database& db);

// Creates the schema and the meta rows for `sweep` and `shard`, in one
// transaction.
absl::Status CreateSchema(Database& db, const Sweep& sweep, SweepShard shard);

// The meta table as SweepDatabaseInfo (points_done counted), checking that
// it is a sweep database of this format.
absl::StatusOr<SweepDatabaseInfo> ReadInfo(Database& db);

// The rows of one point's summary, in export order.
struct SummaryRow {
  std::string_view scope;
  std::optional<std::string> name;
  std::optional<int> day;
  std::optional<std::string> start;
  std::string_view metric;
  Estimate estimate;
};
std::vector<SummaryRow> SummaryRows(const RunResult& result,
                                    const MetricSet& metrics,
                                    SweepScopes scopes);

// Writes finished points. Not thread-safe: one writer at a time.
class PointWriter {
 public:
  static absl::StatusOr<PointWriter> Create(Database& db, const Sweep& sweep);

  // Commits `point` (its parameter values, summary rows and the kept
  // metrics of each replication's totals, in replication order) in one
  // transaction.
  absl::Status Commit(int64_t point, const std::vector<SummaryRow>& rows,
                      const std::vector<MetricValues>& totals);

 private:
  PointWriter(Database& db, const Sweep& sweep) : db_(&db), sweep_(&sweep) {}
  Database* db_;
  const Sweep* sweep_;
  Statement insert_point_;
  Statement insert_summary_;
  Statement insert_replication_;
  std::vector<int> metrics_;  // kept metrics, in Metric order
};

}  // namespace ccsim::sweep_internal

#endif  // CCSIM_SIM_SWEEP_STORE_H_
