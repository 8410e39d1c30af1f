// The shift cover integer program, solved with CBC (COIN-OR):
//
//   minimise    sum_j cost_j x_j
//   subject to  sum_j a_ij x_j >= demand_i   for every row i
//               0 <= x_j <= upper_j, x_j integer
//
// (x_j: agents working shift template j; a_ij: how much of an agent shift j
// makes available in row i, an interval of a weekday.) CBC's branch and
// cut is used as it is: no search of the project's own.
#ifndef CCSIM_SIM_STAFF_COVER_H_
#define CCSIM_SIM_STAFF_COVER_H_

#include <vector>

#include "absl/status/statusor.h"

namespace ccsim::staff {

struct CoverProblem {
  std::vector<double> cost;    // per column
  std::vector<int> upper;      // per column; < 0: no upper bound
  std::vector<double> demand;  // per row
  struct Entry {
    int row, column;
    double value;
  };
  std::vector<Entry> entries;  // the non-zero a_ij
  double time_limit_s = 30;
  // Stop when the cover is within this relative gap of the best bound.
  double mip_gap = 0.005;
};

struct CoverSolution {
  std::vector<int> x;    // per column
  double cost = 0;       // of x
  double lp_bound = 0;   // the LP relaxation's optimum: no cover is cheaper
  double gap = 0;        // relative gap of x to CBC's best bound
  bool optimal = false;  // proven optimal (gap 0)
};

// NotFound when a row with demand has no column that covers it (the
// message says which); Internal for a solver failure.
absl::StatusOr<CoverSolution> SolveCover(const CoverProblem& p);

}  // namespace ccsim::staff

#endif  // CCSIM_SIM_STAFF_COVER_H_
