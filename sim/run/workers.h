// Running one piece of work on several threads at once (private to the
// library): the worker pools of RunScenario, sweeps and `ccsim bench`.
#ifndef CCSIM_SIM_RUN_WORKERS_H_
#define CCSIM_SIM_RUN_WORKERS_H_

#include <thread>
#include <vector>

namespace ccsim {

// Calls `work()` on `threads` threads at once and returns when every call
// has returned; with one thread (or fewer), once on the calling thread.
// `work` shares out the work itself (e.g. from an atomic counter) and must
// be safe to call concurrently.
template <typename Work>
void RunOnThreads(int threads, const Work& work) {
  if (threads <= 1) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
}

}  // namespace ccsim

#endif  // CCSIM_SIM_RUN_WORKERS_H_
