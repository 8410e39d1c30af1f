// Reading sweep databases: inspecting, merging shards, exporting CSV.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "ccsim/status_macros.h"
#include "ccsim/sweep.h"
#include "fmt/format.h"
#include "sim/sweep/store.h"
#include "sim/sweep/sweep_util.h"

namespace ccsim {

namespace {

using sweep_internal::Database;
using sweep_internal::Statement;

// A value of the points table as CSV text: whole numbers and text as
// stored, reals in their shortest exact form, NULL empty.
std::string CsvValue(const Statement& s, int col) {
  switch (s.ColumnType(col)) {
    case SQLITE_INTEGER:
      return std::to_string(s.Int(col));
    case SQLITE_FLOAT:
      return sweep_internal::NumberText(s.Real(col));
    case SQLITE_NULL:
      return "";
    default:
      return sweep_internal::CsvField(s.Text(col));
  }
}

// Removes a half-built merge output (and SQLite's side files) on failure.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!keep_) sweep_internal::RemoveDatabaseFiles(path_);
  }
  void Keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

}  // namespace

absl::StatusOr<SweepDatabaseInfo> InspectSweepDatabase(
    const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return absl::NotFoundError(fmt::format("{}: no such file", path));
  }
  CCSIM_ASSIGN_OR_RETURN(Database db,
                         Database::Open(path, Database::Mode::kReadOnly));
  return sweep_internal::ReadInfo(db);
}

namespace {

// A merge killed before it finished (kill -9, a lost node) leaves its
// OUT.tmp.PID behind. The next merge into the same output removes those
// whose process no longer runs.
void RemoveAbandonedTemporaries(const std::string& output) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path out(output);
  const fs::path dir = out.has_parent_path() ? out.parent_path() : ".";
  const std::string prefix = out.filename().string() + ".tmp.";
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() ||
        digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 9) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == getpid()) continue;
    if (kill(pid, 0) != 0 && errno == ESRCH) fs::remove(e.path(), ec);
  }
}

}  // namespace

absl::StatusOr<int64_t> MergeSweepDatabases(const std::string& output,
                                            std::span<const std::string> inputs,
                                            bool allow_incomplete) {
  if (inputs.empty()) {
    return absl::InvalidArgumentError("no databases to merge");
  }
  std::error_code ec;
  if (std::filesystem::exists(output, ec)) {
    return absl::AlreadyExistsError(fmt::format(
        "{} exists; merge into a new file (merging never overwrites)", output));
  }
  // Check every input before writing anything.
  std::vector<SweepDatabaseInfo> infos;
  std::set<std::string> seen;
  for (const std::string& in : inputs) {
    const std::string id = std::filesystem::weakly_canonical(in, ec).string();
    if (!seen.insert(ec ? in : id).second) {
      return absl::InvalidArgumentError(fmt::format("{} is given twice", in));
    }
    CCSIM_ASSIGN_OR_RETURN(SweepDatabaseInfo info, InspectSweepDatabase(in));
    if (!infos.empty() && info.fingerprint != infos[0].fingerprint) {
      return absl::FailedPreconditionError(fmt::format(
          "{} belongs to a different sweep than {} (fingerprints {} and {}); "
          "only databases of one sweep can be merged",
          in, inputs[0], info.fingerprint, infos[0].fingerprint));
    }
    infos.push_back(info);
  }

  RemoveAbandonedTemporaries(output);
  const std::string temp = fmt::format("{}.tmp.{}", output, getpid());
  TempFile cleanup(temp);
  int64_t merged = 0;
  {
    CCSIM_ASSIGN_OR_RETURN(Database out,
                           Database::Open(temp, Database::Mode::kCreate));
    // The output is thrown away on any failure, so it needs no journal.
    CCSIM_RETURN_IF_ERROR(out.Exec("PRAGMA journal_mode=OFF"));
    auto attach = [&](const std::string& path) -> absl::Status {
      CCSIM_ASSIGN_OR_RETURN(Statement a,
                             out.Prepare("ATTACH DATABASE ? AS src"));
      a.BindText(1, path);
      return a.Run();
    };
    // The first input's schema, exactly (the points table's columns are
    // the sweep's parameters), its meta rows as a whole sweep's (shard
    // 1/1, as a single-machine run writes) and its parameters.
    CCSIM_RETURN_IF_ERROR(attach(inputs[0]));
    {
      CCSIM_ASSIGN_OR_RETURN(
          Statement schema,
          out.Prepare("SELECT sql FROM src.sqlite_master WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"));
      std::vector<std::string> statements;
      for (;;) {
        CCSIM_ASSIGN_OR_RETURN(bool row, schema.Step());
        if (!row) break;
        statements.push_back(schema.Text(0));
      }
      for (const std::string& sql : statements) {
        CCSIM_RETURN_IF_ERROR(out.Exec(sql));
      }
    }
    CCSIM_RETURN_IF_ERROR(
        out.Exec("INSERT INTO main.meta SELECT key, value FROM src.meta;\n"
                 "UPDATE main.meta SET value = '1/1' WHERE key = 'shard';\n"
                 "INSERT INTO main.parameters SELECT * FROM src.parameters;\n"
                 "DETACH DATABASE src;"));
    for (size_t i = 0; i < inputs.size(); ++i) {
      CCSIM_RETURN_IF_ERROR(attach(inputs[i]));
      CCSIM_ASSIGN_OR_RETURN(
          std::optional<std::string> twice,
          out.QueryText("SELECT MIN(point) FROM src.points WHERE point IN "
                        "(SELECT point FROM main.points)"));
      if (twice.has_value()) {
        return absl::FailedPreconditionError(fmt::format(
            "point {} is in {} and in an earlier input; each point must come "
            "from one database (were the same shard's results given twice?)",
            *twice, inputs[i]));
      }
      CCSIM_RETURN_IF_ERROR(out.Exec(
          "BEGIN;\n"
          "INSERT INTO main.points SELECT * FROM src.points;\n"
          "INSERT INTO main.summaries SELECT * FROM src.summaries;\n"
          "INSERT INTO main.replications SELECT * FROM src.replications;\n"
          "COMMIT;\n"
          "DETACH DATABASE src;"));
    }
    CCSIM_ASSIGN_OR_RETURN(merged, out.QueryInt("SELECT COUNT(*) FROM points"));
  }
  if (merged != infos[0].points && !allow_incomplete) {
    std::string detail;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (infos[i].points_done < infos[i].shard_points()) {
        detail +=
            fmt::format("; {} (shard {}/{}) has {} of its {} points", inputs[i],
                        infos[i].shard.index, infos[i].shard.count,
                        infos[i].points_done, infos[i].shard_points());
      }
    }
    // Shards missing altogether, when the inputs agree on the count.
    const int count = infos[0].shard.count;
    std::vector<bool> present(static_cast<size_t>(count) + 1, false);
    bool same_count = true;
    for (const SweepDatabaseInfo& info : infos) {
      same_count = same_count && info.shard.count == count;
      if (info.shard.count == count) {
        present[static_cast<size_t>(info.shard.index)] = true;
      }
    }
    if (same_count && count > 1) {
      std::string missing;
      for (int k = 1; k <= count; ++k) {
        if (!present[static_cast<size_t>(k)]) {
          missing +=
              fmt::format("{}{}/{}", missing.empty() ? "" : ", ", k, count);
        }
      }
      if (!missing.empty())
        detail += fmt::format("; missing shards: {}", missing);
    }
    return absl::FailedPreconditionError(fmt::format(
        "the merge holds {} of the sweep's {} points{}. Finish the shards "
        "(run them again with --resume), or pass --allow-incomplete to merge "
        "what there is (the result can be finished with ccsim sweep "
        "--resume)",
        merged, infos[0].points, detail));
  }
  std::filesystem::rename(temp, output, ec);
  if (ec) {
    return absl::InternalError(
        fmt::format("cannot rename {} to {}: {}", temp, output, ec.message()));
  }
  cleanup.Keep();
  return merged;
}

absl::StatusOr<std::string> ExportSweepCsv(const std::string& database,
                                           SweepCsvLayout layout) {
  std::error_code ec;
  if (!std::filesystem::exists(database, ec)) {
    return absl::NotFoundError(fmt::format("{}: no such file", database));
  }
  CCSIM_ASSIGN_OR_RETURN(Database db,
                         Database::Open(database, Database::Mode::kReadOnly));
  CCSIM_RETURN_IF_ERROR(sweep_internal::ReadInfo(db).status());
  CCSIM_ASSIGN_OR_RETURN(const std::vector<std::string> names,
                         sweep_internal::ParameterNames(db));
  std::string out = "point";
  std::string columns;
  for (const std::string& n : names) {
    out += ',';
    out += sweep_internal::CsvField(n);
    columns += fmt::format(", p.{}", sweep_internal::QuoteIdentifier(n));
  }
  out += ",scope,name,day,start";
  // The metric columns of the wide layout: the first point's, in order.
  std::vector<std::string> metrics;
  if (layout == SweepCsvLayout::kWide) {
    CCSIM_ASSIGN_OR_RETURN(
        Statement m,
        db.Prepare("SELECT metric FROM summaries WHERE point = "
                   "(SELECT MIN(point) FROM points) ORDER BY row"));
    for (;;) {
      CCSIM_ASSIGN_OR_RETURN(bool row, m.Step());
      if (!row) break;
      std::string metric = m.Text(0);
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
        metrics.push_back(std::move(metric));
      }
    }
    // A metric named like a parameter or a key column (a parameter
    // `zero_out` beside the metric `zero_out`) is headed `<m>_mean`.
    for (const std::string& metric : metrics) {
      const bool taken = std::any_of(names.begin(), names.end(),
                                     [&](const std::string& n) {
                                       return absl::EqualsIgnoreCase(n, metric);
                                     }) ||
                         metric == "point" || metric == "scope" ||
                         metric == "name" || metric == "day" ||
                         metric == "start";
      out += fmt::format(",{}{},{}_ci95", sweep_internal::CsvField(metric),
                         taken ? "_mean" : "", metric);
    }
    out += '\n';
  } else {
    out += ",metric,mean,ci95,n\n";
  }
  CCSIM_ASSIGN_OR_RETURN(
      Statement s,
      db.Prepare(fmt::format(
          "SELECT s.point{}, s.scope, s.name, s.day, s.start, s.metric, "
          "s.mean, s.ci95, s.n FROM summaries s JOIN points p "
          "ON p.point = s.point ORDER BY s.point, s.row",
          columns)));
  // Columns: point, the parameters, scope, name, day, start (the row's
  // key), then metric, mean, ci95, n.
  const int key_columns = 1 + static_cast<int>(names.size()) + 4;
  const int n_columns = key_columns + 4;
  if (layout == SweepCsvLayout::kTidy) {
    for (;;) {
      CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      for (int c = 0; c < n_columns; ++c) {
        if (c > 0) out += ',';
        out += CsvValue(s, c);
      }
      out += '\n';
    }
    return out;
  }
  // Wide: a point's rows grouped by their key, in order of first
  // appearance, one line per key.
  struct Line {
    std::string key;                  // the key columns as CSV
    std::vector<std::string> values;  // mean, ci95 per metric column
  };
  std::vector<Line> lines;
  std::map<std::string, size_t> line_of;  // key -> index into `lines`
  auto flush = [&] {
    for (const Line& line : lines) {
      out += line.key;
      for (const std::string& v : line.values) {
        out += ',';
        out += v;
      }
      out += '\n';
    }
    lines.clear();
    line_of.clear();
  };
  std::optional<int64_t> point;
  for (;;) {
    CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (point != s.Int(0)) {
      flush();
      point = s.Int(0);
    }
    std::string key;
    for (int c = 0; c < key_columns; ++c) {
      if (c > 0) key += ',';
      key += CsvValue(s, c);
    }
    const auto [found, fresh] = line_of.emplace(key, lines.size());
    if (fresh) {
      lines.push_back(
          Line{std::move(key), std::vector<std::string>(2 * metrics.size())});
    }
    Line* line = &lines[found->second];
    const auto m =
        std::find(metrics.begin(), metrics.end(), s.Text(key_columns));
    if (m == metrics.end()) continue;  // not a column (see the header)
    const size_t at = 2 * static_cast<size_t>(m - metrics.begin());
    line->values[at] = CsvValue(s, key_columns + 1);
    line->values[at + 1] = CsvValue(s, key_columns + 2);
  }
  flush();
  return out;
}

}  // namespace ccsim
