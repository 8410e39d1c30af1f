// Running a sweep: (point, replication) tasks on a pool of threads, each
// finished point committed to the database in one transaction.
//
// Tasks are numbered point-major (all replications of the first pending
// point, then the next), so the points in flight at any moment are few
// (about threads / replications + 1): little memory, and little work lost
// when the run is interrupted. A point's replications are merged in
// replication order as they finish (ReplicationMerger: only those that
// finish early wait), and its summary is taken by the worker that finishes
// the last one, so it is bit-identical whatever the thread count or
// completion order.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/run.h"
#include "ccsim/status_macros.h"
#include "ccsim/sweep.h"
#include "fmt/format.h"
#include "sim/run/workers.h"
#include "sim/sweep/store.h"

namespace ccsim {

namespace {

using sweep_internal::Database;
using sweep_internal::PointWriter;

// One pending point while it runs.
struct PointState {
  int64_t point = 0;
  std::once_flag built;                      // `scenario` is built once,
  std::unique_ptr<const Scenario> scenario;  // on first need; freed once
                                             // committed
  // Made when the scenario is built: the replications merged in order as
  // they finish (only early finishers are held), and each one's totals.
  std::unique_ptr<ReplicationMerger> merger;
  std::vector<MetricValues> totals;  // [replication]
  std::atomic<int> remaining{0};     // replications not yet done
};

// One run at a time per database: an exclusive flock(2) on "DB.lock"
// beside it, held for the whole run and released by the kernel however
// the process ends. The holder removes the file when it is done; a run that
// locked a file someone has just removed tries again with the new one.
class RunLock {
 public:
  static absl::StatusOr<RunLock> Take(const std::string& database) {
    const std::string path = database + ".lock";
    for (int attempt = 0; attempt < 100; ++attempt) {
      const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) {
        return absl::FailedPreconditionError(fmt::format(
            "cannot create the lock file {}: {}", path, std::strerror(errno)));
      }
      if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        close(fd);
        if (error != EWOULDBLOCK) {
          return absl::FailedPreconditionError(
              fmt::format("cannot lock {}: {}", path, std::strerror(error)));
        }
        return absl::FailedPreconditionError(fmt::format(
            "another sweep is writing {} (it holds {}); wait for it to "
            "finish, or give this one another --output",
            database, path));
      }
      struct stat held, now;
      if (fstat(fd, &held) == 0 && stat(path.c_str(), &now) == 0 &&
          held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
        return RunLock(path, fd);
      }
      close(fd);  // removed by the run that held it: lock the new file
    }
    return absl::FailedPreconditionError(
        fmt::format("cannot take the lock {}", path));
  }
  RunLock(RunLock&& o) noexcept
      : path_(std::move(o.path_)), fd_(std::exchange(o.fd_, -1)) {}
  RunLock& operator=(RunLock&&) = delete;
  ~RunLock() {
    if (fd_ < 0) return;
    unlink(path_.c_str());  // while still held: no one locks it after
    close(fd_);
  }

 private:
  RunLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

// Opens or creates the database and checks that it belongs to this sweep
// and shard.
absl::StatusOr<Database> OpenForRun(const Sweep& sweep,
                                    const SweepRunOptions& options) {
  const std::string& path = options.database;
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (exists && !options.resume) {
    return absl::AlreadyExistsError(fmt::format(
        "{} exists; continue it with --resume, or choose another --output "
        "(a sweep never overwrites results)",
        path));
  }
  CCSIM_ASSIGN_OR_RETURN(Database db,
                         Database::Open(path, Database::Mode::kCreate));
  // WAL: a commit appends to the log instead of rewriting pages through a
  // rollback journal, and readers (export, progress checks) never block
  // the writer. NORMAL sync keeps the database consistent through crashes
  // and kill -9; only a power cut may lose the last commits, which a
  // resume then redoes.
  CCSIM_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous=NORMAL"));
  CCSIM_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL"));
  CCSIM_ASSIGN_OR_RETURN(bool empty, sweep_internal::IsEmpty(db));
  if (empty) {
    absl::Status created =
        sweep_internal::CreateSchema(db, sweep, options.shard);
    if (created.ok()) return db;
    if (!exists) {
      // Leave nothing behind that a later run would take for a sweep.
      { Database closing = std::move(db); }
      sweep_internal::RemoveDatabaseFiles(path);
    }
    return created;
  }
  CCSIM_ASSIGN_OR_RETURN(SweepDatabaseInfo info, sweep_internal::ReadInfo(db));
  if (info.fingerprint != sweep.fingerprint()) {
    return absl::FailedPreconditionError(fmt::format(
        "{} holds results of a different sweep (fingerprint {}; this sweep's "
        "is {}): the sweep file, its base scenario or the ccsim version has "
        "changed since it was started. Keep the old results apart and run "
        "the changed sweep into a new --output",
        path, info.fingerprint, sweep.fingerprint()));
  }
  if (!(info.shard == options.shard)) {
    return absl::FailedPreconditionError(fmt::format(
        "{} holds shard {}/{} of this sweep, but this run is shard {}/{}", path,
        info.shard.index, info.shard.count, options.shard.index,
        options.shard.count));
  }
  return db;
}

}  // namespace

absl::StatusOr<SweepRunResult> RunSweep(const Sweep& sweep,
                                        const SweepRunOptions& options) {
  if (options.database.empty()) {
    return absl::InvalidArgumentError("no database path given");
  }
  const SweepShard shard = options.shard;
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    return absl::InvalidArgumentError(
        fmt::format("bad shard {}/{}", shard.index, shard.count));
  }
  CCSIM_ASSIGN_OR_RETURN(RunLock lock, RunLock::Take(options.database));
  CCSIM_ASSIGN_OR_RETURN(Database db, OpenForRun(sweep, options));
  // However the run ends, the database goes back to a single file: no -wal
  // and -shm files beside it, and readers such as export create none.
  // Best effort: a reader holding the file open keeps it in WAL mode,
  // which is harmless. (Declared before the writer, so it runs after the
  // writer's statements are finalized.)
  struct BackToOneFile {
    Database& db;
    ~BackToOneFile() { db.Exec("PRAGMA journal_mode=DELETE").IgnoreError(); }
  } back_to_one_file{db};

  SweepRunResult result;
  result.shard_points = shard.PointsOf(sweep.num_points());
  std::vector<bool> done(static_cast<size_t>(sweep.num_points()), false);
  {
    CCSIM_ASSIGN_OR_RETURN(sweep_internal::Statement s,
                           db.Prepare("SELECT point FROM points"));
    for (;;) {
      CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      const int64_t p = s.Int(0);
      if (p < 0 || p >= sweep.num_points() || !shard.Contains(p)) {
        return absl::FailedPreconditionError(fmt::format(
            "{}: holds point {}, which is not in shard {}/{} of this sweep",
            db.path(), p, shard.index, shard.count));
      }
      done[static_cast<size_t>(p)] = true;
      ++result.already_done;
    }
  }

  const int reps = sweep.replications();
  std::vector<int64_t> pending;
  for (int64_t p = shard.index - 1; p < sweep.num_points(); p += shard.count) {
    if (!done[static_cast<size_t>(p)]) pending.push_back(p);
  }
  if (pending.empty()) return result;
  std::vector<PointState> states(pending.size());
  for (size_t i = 0; i < pending.size(); ++i) {
    states[i].point = pending[i];
    states[i].remaining.store(reps);
  }
  CCSIM_ASSIGN_OR_RETURN(PointWriter writer, PointWriter::Create(db, sweep));

  const int64_t tasks = static_cast<int64_t>(pending.size()) * reps;
  int threads = options.threads;
  if (threads <= 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  threads = static_cast<int>(std::min<int64_t>(threads, tasks));

  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  std::atomic<uint64_t> calls{0};
  std::atomic<uint64_t> events{0};
  std::mutex db_mu;  // the writer, `first_error` and `finished`
  absl::Status first_error;
  int64_t finished = 0;
  const uint64_t seed = sweep.seed();
  const int64_t to_do = static_cast<int64_t>(pending.size());

  // A point's scenario is built by the first worker that needs it, while
  // the others simulate: building all of them first would be a serial
  // prefix (Sweep::Load has checked them all already). Each worker builds
  // from YAML trees of its own (a PointBuilder), so builds run side by
  // side too.
  auto build = [&](PointState& ps, Sweep::PointBuilder& builder) {
    std::call_once(ps.built, [&] {
      absl::StatusOr<Scenario> s = builder.Build(ps.point);
      if (s.ok()) {
        ps.scenario = std::make_unique<const Scenario>(*std::move(s));
        // Only the points in flight hold results (a sweep of a million
        // points would otherwise hold them all, empty, from the start).
        ps.merger =
            std::make_unique<ReplicationMerger>(*ps.scenario, seed, reps);
        ps.totals.resize(static_cast<size_t>(reps));
        return;
      }
      std::lock_guard<std::mutex> db_lock(db_mu);
      if (!failed.load()) first_error = s.status();
      failed.store(true);
    });
  };
  auto stopping = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (options.stop != nullptr && options.stop->load());
  };
  auto worker = [&] {
    Sweep::PointBuilder builder(sweep);
    while (!stopping()) {
      const int64_t t = next.fetch_add(1);
      if (t >= tasks) break;
      const size_t i = static_cast<size_t>(t / reps);
      PointState& ps = states[i];
      const int r = static_cast<int>(t % reps);
      build(ps, builder);
      const Scenario* scenario = ps.scenario.get();
      if (scenario == nullptr) break;
      // Whoever starts a point builds the next one's scenario too, while
      // the others simulate: otherwise, with the threads in step, they
      // would all reach the next point together and wait for one of them
      // to build it.
      if (r == 0 && i + 1 < states.size()) build(states[i + 1], builder);
      ReplicationResult rr = RunReplication(*scenario, seed, r);
      calls += rr.calls;
      events += rr.events;
      ps.totals[static_cast<size_t>(r)] = rr.total;
      ps.merger->Add(r, std::move(rr));
      // acq_rel: the worker that finishes the point sees every result.
      if (ps.remaining.fetch_sub(1, std::memory_order_acq_rel) != 1) continue;
      const RunResult summary = ps.merger->Finish();
      const std::vector<sweep_internal::SummaryRow> rows =
          sweep_internal::SummaryRows(summary, sweep.metrics(), sweep.scopes());
      {
        std::lock_guard<std::mutex> lock(db_mu);
        if (!failed.load()) {
          absl::Status st = writer.Commit(ps.point, rows, ps.totals);
          if (st.ok()) {
            ++finished;
            if (options.on_progress) options.on_progress(finished, to_do);
          } else {
            first_error = st;
            failed.store(true);
          }
        }
      }
      ps.merger.reset();
      ps.totals = {};
      ps.scenario.reset();
    }
  };
  RunOnThreads(threads, worker);
  if (failed.load()) return first_error;
  result.finished = finished;
  result.calls = calls.load();
  result.events = events.load();
  result.stopped = !result.complete();
  return result;
}

}  // namespace ccsim
