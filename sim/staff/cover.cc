#include "sim/staff/cover.h"

#include <coin/Cbc_C_Interface.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "fmt/format.h"

namespace ccsim::staff {

namespace {

struct ModelDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};
using Model = std::unique_ptr<Cbc_Model, ModelDeleter>;

// The problem in CBC's column-major form; integer columns when `integer`.
Model Build(const CoverProblem& p, bool integer) {
  const int rows = static_cast<int>(p.demand.size());
  const int cols = static_cast<int>(p.cost.size());
  std::vector<std::vector<std::pair<int, double>>> by_column(cols);
  for (const CoverProblem::Entry& e : p.entries) {
    by_column[e.column].push_back({e.row, e.value});
  }
  std::vector<CoinBigIndex> start(1, 0);
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& column : by_column) {
    for (const auto& [row, v] : column) {
      index.push_back(row);
      value.push_back(v);
    }
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  std::vector<double> col_lb(cols, 0.0), col_ub(cols), row_lb(p.demand),
      row_ub(rows, std::numeric_limits<double>::infinity());
  for (int j = 0; j < cols; ++j) {
    col_ub[j] =
        p.upper[j] >= 0 ? p.upper[j] : std::numeric_limits<double>::infinity();
  }
  Model m(Cbc_newModel());
  Cbc_loadProblem(m.get(), cols, rows, start.data(), index.data(), value.data(),
                  col_lb.data(), col_ub.data(), p.cost.data(), row_lb.data(),
                  row_ub.data());
  Cbc_setObjSense(m.get(), 1);  // minimise
  Cbc_setLogLevel(m.get(), 0);
  if (integer) {
    for (int j = 0; j < cols; ++j) Cbc_setInteger(m.get(), j);
  }
  return m;
}

}  // namespace

absl::StatusOr<CoverSolution> SolveCover(const CoverProblem& p) {
  const int rows = static_cast<int>(p.demand.size());
  const int cols = static_cast<int>(p.cost.size());
  std::vector<bool> covered(rows, false);
  for (const CoverProblem::Entry& e : p.entries) {
    if (e.value > 0) covered[e.row] = true;
  }
  for (int i = 0; i < rows; ++i) {
    if (p.demand[i] > 0 && !covered[i]) {
      return absl::NotFoundError(fmt::format("row {} is not covered", i));
    }
  }
  CoverSolution out;
  out.x.assign(cols, 0);
  if (rows == 0 || cols == 0) {
    out.optimal = true;
    return out;
  }
  // The linear relaxation: a bound no cover beats.
  Model lp = Build(p, /*integer=*/false);
  Cbc_solve(lp.get());
  if (!Cbc_isProvenOptimal(lp.get())) {
    return absl::InternalError(
        "the shift cover's linear relaxation has no optimum (the demand "
        "cannot be covered within the shifts' upper bounds)");
  }
  out.lp_bound = Cbc_getObjValue(lp.get());
  Model mip = Build(p, /*integer=*/true);
  Cbc_setMaximumSeconds(mip.get(), std::min(p.time_limit_s, 1e6));
  Cbc_setAllowableFractionGap(mip.get(), p.mip_gap);
  Cbc_setParameter(mip.get(), "threads", "1");  // deterministic
  Cbc_solve(mip.get());
  if (Cbc_numberSavedSolutions(mip.get()) < 1 &&
      !Cbc_isProvenOptimal(mip.get())) {
    return absl::InternalError(
        fmt::format("CBC found no integer shift cover (status {}, {})",
                    Cbc_status(mip.get()), Cbc_secondaryStatus(mip.get())));
  }
  const double* x = Cbc_getColSolution(mip.get());
  for (int j = 0; j < cols; ++j) {
    out.x[j] = static_cast<int>(std::lround(x[j]));
    out.cost += out.x[j] * p.cost[j];
  }
  const double bound = Cbc_getBestPossibleObjValue(mip.get());
  out.gap = out.cost > 0 && bound < out.cost
                ? (out.cost - std::max(bound, out.lp_bound)) / out.cost
                : 0.0;
  if (out.gap < 1e-9) out.gap = 0;
  out.optimal = out.gap == 0;
  return out;
}

}  // namespace ccsim::staff
