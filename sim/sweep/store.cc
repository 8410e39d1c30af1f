#include "sim/sweep/store.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "ccsim/metrics.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "fmt/ranges.h"

namespace ccsim::sweep_internal {

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }

void Statement::BindReal(int i, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_double(stmt_, i, v);
  }
}

void Statement::BindText(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
}

void Statement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

void Statement::BindValue(int i, const SweepValue& v) {
  switch (v.kind) {
    case SweepValue::Kind::kInteger:
      BindInt(i, v.integer);
      break;
    case SweepValue::Kind::kReal:
      BindReal(i, v.real);
      break;
    case SweepValue::Kind::kText:
      BindText(i, v.text);
      break;
  }
}

absl::StatusOr<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  const std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
  return absl::InternalError(
      fmt::format("{}: {} (in: {})", sqlite3_db_filename(db, "main"),
                  sqlite3_errmsg(db), sql.substr(0, 60)));
}

absl::Status Statement::Run() {
  absl::StatusOr<bool> row = Step();
  while (row.ok() && *row) row = Step();
  return row.status();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::ColumnType(int col) const {
  return sqlite3_column_type(stmt_, col);
}
int64_t Statement::Int(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double Statement::Real(int col) const {
  return sqlite3_column_double(stmt_, col);
}
std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  const int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(p),
                                    static_cast<size_t>(n));
}

absl::StatusOr<Database> Database::Open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(path, raw);
  if (rc != SQLITE_OK) {
    return absl::NotFoundError(
        fmt::format("{}: cannot open the database: {}", path,
                    raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  // A reader (export, a test polling progress) may meet a commit in
  // progress; waiting briefly beats failing.
  sqlite3_busy_timeout(raw, 10'000);
  return db;
}

absl::Status Database::Error(std::string_view what) const {
  return absl::InternalError(
      fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_.get())));
}

absl::Status Database::Exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) !=
      SQLITE_OK) {
    const std::string m = message ? message : "unknown error";
    sqlite3_free(message);
    return absl::InternalError(fmt::format("{}: {}", path_, m));
  }
  return absl::OkStatus();
}

absl::StatusOr<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         &stmt, nullptr) != SQLITE_OK) {
    return Error(fmt::format("cannot prepare '{}'", sql.substr(0, 60)));
  }
  return Statement(stmt);
}

absl::StatusOr<std::optional<std::string>> Database::QueryText(
    std::string_view sql) {
  CCSIM_ASSIGN_OR_RETURN(Statement s, Prepare(sql));
  CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row || s.ColumnType(0) == SQLITE_NULL) return std::nullopt;
  return s.Text(0);
}

absl::StatusOr<int64_t> Database::QueryInt(std::string_view sql) {
  CCSIM_ASSIGN_OR_RETURN(Statement s, Prepare(sql));
  CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
  }
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

absl::StatusOr<std::vector<std::string>> ParameterNames(Database& db) {
  std::vector<std::string> names;
  CCSIM_ASSIGN_OR_RETURN(
      Statement s, db.Prepare("SELECT name FROM parameters ORDER BY position"));
  for (;;) {
    CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    names.push_back(s.Text(0));
  }
  return names;
}

absl::StatusOr<bool> IsEmpty(Database& db) {
  CCSIM_ASSIGN_OR_RETURN(
      int64_t tables,
      db.QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
  return tables == 0;
}

absl::Status CreateSchema(Database& db, const Sweep& sweep, SweepShard shard) {
  std::string points = "CREATE TABLE points(point INTEGER PRIMARY KEY";
  for (const SweepParameter& p : sweep.parameters()) {
    points += fmt::format(", {}", QuoteIdentifier(p.name));
  }
  points += ");\n";
  CCSIM_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  absl::Status st = [&]() -> absl::Status {
    CCSIM_RETURN_IF_ERROR(db.Exec(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
        "CREATE TABLE parameters(position INTEGER PRIMARY KEY,\n"
        "  key TEXT NOT NULL, name TEXT NOT NULL UNIQUE);\n" +
        points +
        "CREATE TABLE summaries(point INTEGER NOT NULL, row INTEGER NOT NULL,\n"
        "  scope TEXT NOT NULL, name TEXT, day INTEGER, start TEXT,\n"
        "  metric TEXT NOT NULL, mean REAL, ci95 REAL, n INTEGER NOT NULL,\n"
        "  PRIMARY KEY(point, row)) WITHOUT ROWID;\n"
        "CREATE TABLE replications(point INTEGER NOT NULL,\n"
        "  replication INTEGER NOT NULL, metric TEXT NOT NULL, value REAL,\n"
        "  PRIMARY KEY(point, replication, metric)) WITHOUT ROWID;\n"));
    CCSIM_ASSIGN_OR_RETURN(Statement meta,
                           db.Prepare("INSERT INTO meta VALUES(?, ?)"));
    const std::pair<std::string, std::string> rows[] = {
        {"format", std::string(kDatabaseFormat)},
        {"ccsim_version", CCSIM_VERSION},
        {"fingerprint", sweep.fingerprint()},
        {"definition", sweep.definition()},
        {"scenario", sweep.scenario_name()},
        {"points", std::to_string(sweep.num_points())},
        {"replications", std::to_string(sweep.replications())},
        {"seed", std::to_string(sweep.seed())},
        {"shard", fmt::format("{}/{}", shard.index, shard.count)},
    };
    for (const auto& [key, value] : rows) {
      meta.BindText(1, key);
      meta.BindText(2, value);
      CCSIM_RETURN_IF_ERROR(meta.Run());
      meta.Reset();
    }
    CCSIM_ASSIGN_OR_RETURN(
        Statement param, db.Prepare("INSERT INTO parameters VALUES(?, ?, ?)"));
    for (size_t i = 0; i < sweep.parameters().size(); ++i) {
      param.BindInt(1, static_cast<int64_t>(i));
      param.BindText(
          2, fmt::format("{}", fmt::join(sweep.parameters()[i].keys, ", ")));
      param.BindText(3, sweep.parameters()[i].name);
      CCSIM_RETURN_IF_ERROR(param.Run());
      param.Reset();
    }
    return absl::OkStatus();
  }();
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  return db.Exec("COMMIT");
}

namespace {

template <typename T>
std::optional<T> ParseWhole(const std::string& text) {
  T v{};
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return v;
}

absl::Status Damaged(const Database& db, std::string_view what) {
  return absl::DataLossError(fmt::format(
      "{}: the database is damaged ({}); run its sweep or shard again into a "
      "new file",
      db.path(), what));
}

// Checks what a damaged file (a bad disk, a partial copy, a hand edit)
// could have broken: SQLite's own structure (quick_check), and that the
// rows are those of the sweep and shard `info` describes.
absl::Status CheckContents(Database& db, const SweepDatabaseInfo& info) {
  auto damaged = [&](std::string_view what) { return Damaged(db, what); };
  CCSIM_ASSIGN_OR_RETURN(std::optional<std::string> check,
                         db.QueryText("PRAGMA quick_check(1)"));
  const std::string verdict = check.value_or("no answer");
  if (verdict != "ok") {
    return damaged(fmt::format("SQLite's quick_check: {}", verdict));
  }
  struct Rule {
    std::string sql;  // counts the rows that break it
    const char* what;
  } rules[] = {
      {fmt::format("SELECT COUNT(*) FROM points WHERE typeof(point) != "
                   "'integer' OR point < 0 OR point >= {} OR point % {} != {}",
                   info.points, info.shard.count, info.shard.index - 1),
       "a point that is not in its sweep and shard"},
      {"SELECT COUNT(*) FROM summaries WHERE point NOT IN (SELECT point FROM "
       "points)",
       "summaries of a point it does not hold"},
      {fmt::format("SELECT COUNT(*) FROM replications WHERE point NOT IN "
                   "(SELECT point FROM points) OR typeof(replication) != "
                   "'integer' OR replication < 0 OR replication >= {}",
                   info.replications),
       "a replication that is not one of a point's"},
      // Every point has the same number of replication values: R per kept
      // metric.
      {fmt::format("SELECT COUNT(*) FROM (SELECT COUNT(*) AS c FROM "
                   "replications GROUP BY point) WHERE c % {} != 0 OR c != "
                   "(SELECT COUNT(*) FROM replications WHERE point = (SELECT "
                   "MIN(point) FROM points))",
                   info.replications),
       "points with different numbers of replication values"},
      {"SELECT COUNT(*) FROM points WHERE point NOT IN (SELECT point FROM "
       "summaries) OR point NOT IN (SELECT point FROM replications)",
       "a point without its summary or replications"},
  };
  for (const Rule& rule : rules) {
    CCSIM_ASSIGN_OR_RETURN(int64_t broken, db.QueryInt(rule.sql));
    if (broken != 0) return damaged(rule.what);
  }
  CCSIM_ASSIGN_OR_RETURN(
      Statement metrics,
      db.Prepare("SELECT DISTINCT metric FROM replications UNION SELECT "
                 "DISTINCT metric FROM summaries WHERE scope != 'call_flow'"));
  for (;;) {
    CCSIM_ASSIGN_OR_RETURN(bool row, metrics.Step());
    if (!row) break;
    const std::string name = metrics.Text(0);
    if (std::find(std::begin(kMetricNames), std::end(kMetricNames), name) ==
        std::end(kMetricNames)) {
      return damaged(fmt::format("an unknown metric '{}'", name));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SweepDatabaseInfo> ReadInfo(Database& db) {
  auto not_ours = [&] {
    return absl::FailedPreconditionError(
        fmt::format("{}: not a ccsim sweep database", db.path()));
  };
  absl::StatusOr<int64_t> has_meta = db.QueryInt(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
      "AND name IN ('meta', 'points', 'summaries', "
      "'replications', 'parameters')");
  if (!has_meta.ok()) {
    // Not SQLite at all, or a file too broken to read its schema.
    return absl::FailedPreconditionError(
        fmt::format("{}: not a ccsim sweep database ({})", db.path(),
                    sqlite3_errmsg(db.get())));
  }
  if (*has_meta != 5) return not_ours();
  CCSIM_ASSIGN_OR_RETURN(Statement s,
                         db.Prepare("SELECT key, value FROM meta"));
  SweepDatabaseInfo info;
  std::string format;
  std::string points;
  std::string replications;
  std::string seed;
  std::string shard;
  for (;;) {
    CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    const std::string key = s.Text(0);
    const std::string value = s.Text(1);
    if (key == "format") format = value;
    if (key == "fingerprint") info.fingerprint = value;
    if (key == "scenario") info.scenario = value;
    if (key == "points") points = value;
    if (key == "replications") replications = value;
    if (key == "seed") seed = value;
    if (key == "shard") shard = value;
  }
  if (format != kDatabaseFormat) {
    if (format.empty()) return not_ours();
    return absl::FailedPreconditionError(fmt::format(
        "{}: a sweep database of format '{}'; this ccsim reads '{}'", db.path(),
        format, kDatabaseFormat));
  }
  const std::optional<int64_t> num_points = ParseWhole<int64_t>(points);
  const std::optional<int> reps = ParseWhole<int>(replications);
  const std::optional<uint64_t> seed_value = ParseWhole<uint64_t>(seed);
  absl::StatusOr<SweepShard> parsed = ParseShard(shard);
  if (!num_points || *num_points < 1 || !reps || *reps < 1 || !seed_value ||
      !parsed.ok()) {
    return Damaged(db, "its meta table is not a sweep's");
  }
  info.points = *num_points;
  info.replications = *reps;
  info.seed = *seed_value;
  info.shard = *parsed;
  CCSIM_RETURN_IF_ERROR(CheckContents(db, info));
  CCSIM_ASSIGN_OR_RETURN(info.points_done,
                         db.QueryInt("SELECT COUNT(*) FROM points"));
  return info;
}

std::vector<SummaryRow> SummaryRows(const RunResult& result,
                                    const MetricSet& metrics,
                                    SweepScopes scopes) {
  std::vector<SummaryRow> rows;
  auto add_metrics =
      [&](std::string_view scope, Scope applies,
          std::optional<std::string> name, std::optional<int> day,
          std::optional<std::string> start, const MetricEstimates& m) {
        for (int i = 0; i < kNumMetrics; ++i) {
          if (!metrics.test(static_cast<size_t>(i)) ||
              !MetricApplies(applies, static_cast<Metric>(i))) {
            continue;
          }
          rows.push_back(SummaryRow{scope, name, day, start,
                                    kMetricNames[static_cast<size_t>(i)],
                                    m[static_cast<size_t>(i)]});
        }
      };
  auto kept = [&](SweepScope s) { return scopes.test(static_cast<size_t>(s)); };
  if (kept(SweepScope::kTotal)) {
    add_metrics("total", Scope::kTotal, std::nullopt, std::nullopt,
                std::nullopt, result.total);
  }
  if (kept(SweepScope::kCallFlow)) {
    const auto steps = CallFlowSteps(result.call_flow);
    for (int k = 0; k < kNumCallFlowSteps; ++k) {
      rows.push_back(SummaryRow{"call_flow", "per_100", std::nullopt,
                                std::nullopt,
                                kCallFlowStepNames[static_cast<size_t>(k)],
                                *steps[static_cast<size_t>(k)]});
    }
  }
  if (kept(SweepScope::kInterval)) {
    for (const IntervalEstimates& ie : result.intervals) {
      add_metrics("interval", Scope::kInterval, std::nullopt, ie.day, ie.start,
                  ie.metrics);
    }
  }
  if (kept(SweepScope::kCallType)) {
    for (const NamedEstimates& t : result.call_types) {
      add_metrics("call_type", Scope::kCallType, t.name, std::nullopt,
                  std::nullopt, t.metrics);
    }
  }
  if (kept(SweepScope::kAgentGroup)) {
    for (const NamedEstimates& g : result.agent_groups) {
      add_metrics("agent_group", Scope::kAgentGroup, g.name, std::nullopt,
                  std::nullopt, g.metrics);
    }
  }
  return rows;
}

absl::StatusOr<PointWriter> PointWriter::Create(Database& db,
                                                const Sweep& sweep) {
  PointWriter w(db, sweep);
  std::string sql = "INSERT INTO points VALUES(?";
  for (size_t i = 0; i < sweep.parameters().size(); ++i) sql += ", ?";
  sql += ")";
  CCSIM_ASSIGN_OR_RETURN(w.insert_point_, db.Prepare(sql));
  CCSIM_ASSIGN_OR_RETURN(
      w.insert_summary_,
      db.Prepare("INSERT INTO summaries VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  CCSIM_ASSIGN_OR_RETURN(
      w.insert_replication_,
      db.Prepare("INSERT INTO replications VALUES(?, ?, ?, ?)"));
  for (int m = 0; m < kNumMetrics; ++m) {
    if (sweep.metrics().test(static_cast<size_t>(m))) w.metrics_.push_back(m);
  }
  return w;
}

absl::Status PointWriter::Commit(int64_t point,
                                 const std::vector<SummaryRow>& rows,
                                 const std::vector<MetricValues>& totals) {
  CCSIM_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  absl::Status st = [&]() -> absl::Status {
    const std::vector<int> index = sweep_->ValueIndices(point);
    insert_point_.BindInt(1, point);
    for (size_t i = 0; i < index.size(); ++i) {
      insert_point_.BindValue(
          static_cast<int>(i) + 2,
          sweep_->parameters()[i].values[static_cast<size_t>(index[i])]);
    }
    CCSIM_RETURN_IF_ERROR(insert_point_.Run());
    insert_point_.Reset();

    Statement& s = insert_summary_;
    for (size_t k = 0; k < rows.size(); ++k) {
      const SummaryRow& row = rows[k];
      s.BindInt(1, point);
      s.BindInt(2, static_cast<int64_t>(k));
      s.BindText(3, row.scope);
      if (row.name) s.BindText(4, *row.name);
      if (row.day) s.BindInt(5, *row.day);
      if (row.start) s.BindText(6, *row.start);
      s.BindText(7, row.metric);
      s.BindReal(8, row.estimate.mean);
      s.BindReal(9, row.estimate.ci95);
      s.BindInt(10, row.estimate.n);
      CCSIM_RETURN_IF_ERROR(s.Run());
      s.Reset();
    }
    Statement& r = insert_replication_;
    for (size_t rep = 0; rep < totals.size(); ++rep) {
      for (int m : metrics_) {
        r.BindInt(1, point);
        r.BindInt(2, static_cast<int64_t>(rep));
        r.BindText(3, kMetricNames[static_cast<size_t>(m)]);
        r.BindReal(4, totals[rep][m]);
        CCSIM_RETURN_IF_ERROR(r.Run());
        r.Reset();
      }
    }
    return absl::OkStatus();
  }();
  if (!st.ok()) {
    insert_point_.Reset();
    insert_summary_.Reset();
    insert_replication_.Reset();
    (void)db_->Exec("ROLLBACK");
    return st;
  }
  return db_->Exec("COMMIT");
}

}  // namespace ccsim::sweep_internal
