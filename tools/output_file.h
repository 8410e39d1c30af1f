// Writing command output: to stdout, or to a file that appears whole or not
// at all (written to FILE.tmp.PID, then renamed over FILE).
#ifndef CCSIM_TOOLS_OUTPUT_FILE_H_
#define CCSIM_TOOLS_OUTPUT_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace ccsim::tools {

// `path` empty or "-" means stdout.
absl::Status WriteOutput(const std::string& path, const std::string& content);

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_OUTPUT_FILE_H_
