#include "output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "fmt/format.h"

namespace ccsim::tools {

absl::Status WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    if (std::fwrite(content.data(), 1, content.size(), stdout) !=
            content.size() ||
        std::fflush(stdout) != 0) {
      return absl::InternalError("cannot write to standard output");
    }
    return absl::OkStatus();
  }
  const std::string tmp = fmt::format("{}.tmp.{}", path, getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return absl::InvalidArgumentError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  const bool written =
      std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    return absl::InvalidArgumentError(
        fmt::format("{}: cannot write: {}", path, std::strerror(err)));
  }
  return absl::OkStatus();
}

}  // namespace ccsim::tools
