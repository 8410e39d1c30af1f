// ccsim sweep / merge / export.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/status_macros.h"
#include "ccsim/sweep.h"
#include "ccsim/xlsx.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"
#include "output_file.h"
#include "progress.h"

namespace po = boost::program_options;

namespace ccsim::tools {

namespace {

// Set by SIGINT / SIGTERM. std::atomic<bool> is lock-free here, so the
// handler may store to it.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnStopSignal(int sig) {
  if (g_stop.load()) {
    // A second signal: stop at once. Every finished point is committed
    // already and a transaction in progress is rolled back by SQLite on
    // the next open, so the database stays consistent.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_signal.store(sig);
  g_stop.store(true);
}

// Installs the handler for the life of a sweep and restores the previous
// ones after. A signal that was ignored when ccsim started (a background
// job of a non-interactive shell ignores SIGINT) stays ignored, as is the
// convention.
class StopSignals {
 public:
  StopSignals() {
    Install(SIGINT, &old_int_);
    Install(SIGTERM, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  static void Install(int sig, struct sigaction* old) {
    sigaction(sig, nullptr, old);
    if (old->sa_handler == SIG_IGN) return;
    struct sigaction sa {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// A shell word: quoted when it holds anything but plain characters.
std::string ShellWord(const std::string& s) {
  if (!s.empty() &&
      s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          "0123456789_-./=:+,@%") == std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

int SweepCommand(int argc, char** argv) {
  po::options_description visible("options");
  int threads = 0;
  std::string output;
  std::string shard_text;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("threads,t", po::value<int>(&threads)->default_value(0),
       "worker threads; 0 = one per core (results do not depend on it)")
      ("output,o", po::value<std::string>(&output),
       "the SQLite database to write (default results.sqlite, or "
       "results.shard-K-of-N.sqlite for a shard)")
      ("resume", "continue the database's sweep where it stopped (starts it "
       "when the file does not exist yet)")
      ("shard", po::value<std::string>(&shard_text),
       "run only slice K of N of the points, e.g. 2/8 (default: "
       "SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT when set)")
      ("quiet,q", "no progress bar and no summary line (an interrupted "
       "sweep still says how to continue)");
  // clang-format on
  po::options_description hidden;
  std::string sweep_path;
  hidden.add_options()("sweep", po::value<std::string>(&sweep_path));
  po::positional_options_description positional;
  positional.add("sweep", 1);
  const CommandSpec spec{
      .name = "sweep",
      .usage =
          "usage: ccsim sweep SWEEP.yaml [--threads T] [--output FILE] "
          "[--resume] [--shard K/N]\n\n"
          "Runs a base scenario at every point of a parameter sweep (see "
          "docs/sweeps.md)\nand writes each point's summary (mean and 95% "
          "CI per metric) and its\nreplications into an SQLite database, one "
          "transaction per point. An\ninterrupted sweep (Ctrl-C, kill, a "
          "crash) keeps its finished points;\n--resume continues it. Results "
          "do not depend on the thread count or on\nsharding; 'ccsim merge' "
          "combines shards (see docs/scale-out.md) and\n'ccsim export' "
          "writes a CSV.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (sweep_path.empty()) {
    return Fail("sweep", "missing SWEEP file (see 'ccsim sweep --help')",
                kExitUsageError);
  }
  if (threads < 0) {
    return Fail("sweep", "--threads must not be negative", kExitUsageError);
  }
  SweepShard shard;
  bool sharded = false;
  if (vm.count("shard")) {
    absl::StatusOr<SweepShard> s = ParseShard(shard_text);
    if (!s.ok()) {
      return Fail("sweep", fmt::format("--shard: {}", MessageOf(s.status())),
                  kExitUsageError);
    }
    shard = *s;
    sharded = true;
  } else {
    absl::StatusOr<std::optional<SweepShard>> s =
        ShardFromSlurm([](const char* name) { return std::getenv(name); });
    if (!s.ok()) return Fail("sweep", MessageOf(s.status()), kExitUsageError);
    if (s->has_value()) {
      shard = **s;
      sharded = true;
    }
  }
  if (output.empty()) {
    output = sharded && shard.count > 1
                 ? fmt::format("results.shard-{}-of-{}.sqlite", shard.index,
                               shard.count)
                 : "results.sqlite";
  }
  const bool resume = vm.count("resume") > 0;
  if (std::optional<int> bad =
          CheckOutputs("sweep", {output}, std::span(&sweep_path, 1))) {
    return *bad;
  }

  absl::StatusOr<Sweep> sweep;
  {
    // Checking a million points through YAML takes a while: say so.
    ProgressBar checking("sweep: checking", "points", vm.count("quiet") == 0);
    sweep = Sweep::Load(sweep_path, shard,
                        [&checking](int64_t done, int64_t total) {
                          checking.Update(done, total);
                        });
  }
  if (!sweep.ok()) {
    std::cerr << sweep.status().message() << "\n";
    return kExitFailure;
  }

  ProgressBar bar("sweep", "points", vm.count("quiet") == 0);
  SweepRunOptions options;
  options.database = output;
  options.resume = resume;
  options.threads = threads;
  options.shard = shard;
  options.on_progress = [&bar](int64_t done, int64_t total) {
    bar.Update(done, total);
  };
  g_stop.store(false);
  options.stop = &g_stop;

  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<SweepRunResult> result;
  {
    StopSignals signals;
    result = RunSweep(*sweep, options);
  }
  bar.Finish();
  if (!result.ok()) return Fail("sweep", MessageOf(result.status()));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  const std::string shard_note =
      shard.count > 1 ? fmt::format(" of shard {}/{}", shard.index, shard.count)
                      : "";
  const int64_t have = result->already_done + result->finished;
  if (result->stopped) {
    std::string again = fmt::format("ccsim sweep {} --output {} --resume",
                                    ShellWord(sweep_path), ShellWord(output));
    if (vm.count("shard")) again += fmt::format(" --shard {}", shard_text);
    std::cerr << fmt::format(
        "ccsim sweep: interrupted: {} of {} points{} are saved in {}; "
        "continue with:\n  {}\n",
        have, result->shard_points, shard_note, output, again);
    const int sig = g_signal.load();
    return sig != 0 ? 128 + sig : kExitFailure;
  }
  if (vm.count("quiet") > 0) return 0;
  std::cerr << fmt::format(
      "ccsim sweep: {} points{} done ({} now, {} before) x {} replications "
      "in {:.1f} s, {:.2f} points/s, {:.2f} M calls/s -> {}\n",
      have, shard_note, result->finished, result->already_done,
      sweep->replications(), wall, wall > 0 ? result->finished / wall : 0.0,
      wall > 0 ? result->calls / wall / 1e6 : 0.0, output);
  return 0;
}

int MergeCommand(int argc, char** argv) {
  po::options_description visible("options");
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("allow-incomplete", "merge even when points are missing (the result "
       "can be finished with 'ccsim sweep --resume')");
  // clang-format on
  po::options_description hidden;
  std::vector<std::string> paths;
  hidden.add_options()("db", po::value<std::vector<std::string>>(&paths));
  po::positional_options_description positional;
  positional.add("db", -1);
  const CommandSpec spec{
      .name = "merge",
      .usage =
          "usage: ccsim merge OUT.sqlite SHARD.sqlite... "
          "[--allow-incomplete]\n\n"
          "Combines the databases of a sharded sweep into OUT.sqlite, which "
          "then holds\nexactly what one run of the whole sweep on one machine "
          "writes. Every\npoint must be in exactly one input. OUT.sqlite must "
          "not exist.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (paths.size() < 2) {
    return Fail("merge",
                "expected OUT.sqlite and at least one SHARD.sqlite (see "
                "'ccsim merge --help')",
                kExitUsageError);
  }
  const std::vector<std::string> inputs(paths.begin() + 1, paths.end());
  if (std::optional<int> bad = CheckOutputs("merge", {paths[0]}, inputs)) {
    return *bad;
  }
  absl::StatusOr<int64_t> merged =
      MergeSweepDatabases(paths[0], inputs, vm.count("allow-incomplete") > 0);
  if (!merged.ok()) return Fail("merge", MessageOf(merged.status()));
  absl::StatusOr<SweepDatabaseInfo> info = InspectSweepDatabase(paths[0]);
  if (!info.ok()) return Fail("merge", MessageOf(info.status()));
  std::cerr << fmt::format(
      "ccsim merge: {} of {} points from {} databases -> "
      "{}\n",
      *merged, info->points, inputs.size(), paths[0]);
  return 0;
}

int ExportCommand(int argc, char** argv) {
  po::options_description visible("options");
  std::string csv;
  std::string output;
  std::string xlsx_path;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("csv", po::value<std::string>(&csv),
       "write a tidy CSV, one row per point, scope and metric, to this file "
       "('-' for standard output)")
      ("output,o", po::value<std::string>(&output),
       "the same as --csv, as -o is for the other commands")
      ("xlsx", po::value<std::string>(&xlsx_path),
       "write an Excel workbook to this file: the points with their "
       "parameters and metrics, a sheet per scope (see docs/excel.md)")
      ("wide", "one row per point and scope instead, with a mean and a "
       "CI column per metric (for spreadsheets)");
  // clang-format on
  po::options_description hidden;
  std::string db;
  hidden.add_options()("db", po::value<std::string>(&db));
  po::positional_options_description positional;
  positional.add("db", 1);
  const CommandSpec spec{
      .name = "export",
      .usage =
          "usage: ccsim export RESULTS.sqlite [--csv FILE | -o FILE] "
          "[--wide] [--xlsx FILE]\n\n"
          "Writes a sweep database's summaries as CSV with the columns\n"
          "  point,<parameters...>,scope,name,day,start,metric,mean,ci95,n\n"
          "or, with --wide, one row per point and scope with the columns\n"
          "  point,<parameters...>,scope,name,day,start,<m>,<m>_ci95,...\n"
          "(see docs/sweeps.md); --xlsx writes an Excel workbook of the\n"
          "points (see docs/excel.md). The files appear whole or not at "
          "all.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (db.empty()) {
    return Fail("export", "missing RESULTS.sqlite (see 'ccsim export --help')",
                kExitUsageError);
  }
  if (vm.count("output") && vm.count("csv")) {
    return Fail("export",
                "--csv and -o name the same output (the CSV): give one of them",
                kExitUsageError);
  }
  if (vm.count("output")) csv = output;
  if (csv.empty() && xlsx_path.empty()) {
    return Fail("export",
                "nothing to write: give --csv FILE (or -o FILE) or --xlsx FILE",
                kExitUsageError);
  }
  if (std::optional<int> bad =
          CheckOutputs("export", {csv, xlsx_path}, std::span(&db, 1))) {
    return *bad;
  }
  if (std::optional<int> bad = DistinctOutputs("export", {csv, xlsx_path})) {
    return *bad;
  }
  if (std::optional<int> bad =
          NotStandardOutput("export", "--xlsx", xlsx_path)) {
    return *bad;
  }
  absl::StatusOr<SweepDatabaseInfo> info = InspectSweepDatabase(db);
  if (!info.ok()) return Fail("export", MessageOf(info.status()));
  // All outputs or none.
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!csv.empty()) {
    absl::StatusOr<std::string> text = ExportSweepCsv(
        db, vm.count("wide") ? SweepCsvLayout::kWide : SweepCsvLayout::kTidy);
    if (!text.ok()) return Fail("export", MessageOf(text.status()));
    outputs.push_back({csv, *std::move(text)});
  }
  if (!xlsx_path.empty()) {
    XlsxOptions options;
    options.scratch_dir = ScratchFolder(xlsx_path);
    if (std::optional<int> bad = AddOutput(
            "export", xlsx_path, ExportSweepXlsx(db, options), outputs)) {
      return *bad;
    }
  }
  absl::Status written = WriteOutputs(outputs);
  if (!written.ok()) return Fail("export", MessageOf(written));
  if (info->points_done < info->shard_points()) {
    std::cerr << fmt::format(
        "ccsim export: warning: {} holds {} of its {} points (the sweep is "
        "not finished)\n",
        db, info->points_done, info->shard_points());
  }
  return 0;
}

}  // namespace ccsim::tools
