// Error-propagation macros over absl::Status / absl::StatusOr.
//
//   absl::Status Load() {
//     CCSIM_RETURN_IF_ERROR(Check());
//     CCSIM_ASSIGN_OR_RETURN(Time t, ParseDuration(text));
//     ...
//   }
#ifndef CCSIM_STATUS_MACROS_H_
#define CCSIM_STATUS_MACROS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ccsim {

// The status message as a std::string_view (the installed Abseil's
// absl::string_view is a distinct type that fmt cannot format).
inline std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

}  // namespace ccsim

#define CCSIM_RETURN_IF_ERROR(expr)                                 \
  do {                                                              \
    if (absl::Status ccsim_status_ = (expr); !ccsim_status_.ok()) { \
      return ccsim_status_;                                         \
    }                                                               \
  } while (false)

#define CCSIM_CONCAT_INNER_(a, b) a##b
#define CCSIM_CONCAT_(a, b) CCSIM_CONCAT_INNER_(a, b)

#define CCSIM_ASSIGN_OR_RETURN(lhs, expr)                                     \
  CCSIM_ASSIGN_OR_RETURN_IMPL_(CCSIM_CONCAT_(ccsim_statusor_, __LINE__), lhs, \
                               expr)

#define CCSIM_ASSIGN_OR_RETURN_IMPL_(var, lhs, expr) \
  auto var = (expr);                                 \
  if (!var.ok()) return std::move(var).status();     \
  lhs = std::move(var).value()

#endif  // CCSIM_STATUS_MACROS_H_
