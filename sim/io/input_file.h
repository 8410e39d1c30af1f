// Opening input files (scenarios, sweeps, CSV tables and logs) with the
// same checks and messages everywhere.
#ifndef CCSIM_SIM_IO_INPUT_FILE_H_
#define CCSIM_SIM_IO_INPUT_FILE_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ccsim::io {

// "PATH: cannot read file: REASON" for errno value `error`.
absl::Status CannotRead(const std::string& path, int error);

// Opens `path` for reading: a regular file or a pipe. A folder, or a
// device or socket (/dev/zero, /dev/urandom, a terminal: read without
// end), is refused with a message naming the path.
absl::StatusOr<std::FILE*> OpenInput(const std::string& path);

}  // namespace ccsim::io

#endif  // CCSIM_SIM_IO_INPUT_FILE_H_
