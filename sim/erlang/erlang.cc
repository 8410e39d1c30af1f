#include "ccsim/erlang.h"

#include "absl/status/status.h"

namespace ccsim {

double ErlangB(int, double) { return 0; }
double ErlangC(int, double) { return 0; }
absl::StatusOr<ErlangResult> ErlangQueue(const ErlangInput&) {
  return absl::UnimplementedError("not built yet");
}
absl::StatusOr<int> AgentsForServiceLevel(const ErlangInput&, double, int) {
  return absl::UnimplementedError("not built yet");
}

}  // namespace ccsim
