#include "output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "ccsim/status_macros.h"
#include "cli.h"
#include "fmt/format.h"

namespace ccsim::tools {

namespace fs = std::filesystem;

namespace {

bool IsStdout(const std::string& path) { return path.empty() || path == "-"; }

absl::Status CannotWrite(const std::string& path, int error) {
  return absl::InvalidArgumentError(
      fmt::format("{}: cannot write: {}", path, std::strerror(error)));
}

// Writes `content` to `file` (opened with fopen), closing it.
bool WriteAndClose(std::FILE* file, const std::string& content) {
  const bool written =
      std::fwrite(content.data(), 1, content.size(), file) == content.size();
  return std::fclose(file) == 0 && written;
}

}  // namespace

absl::Status CheckOutput(const std::string& path,
                         std::span<const std::string> inputs) {
  if (IsStdout(path)) return absl::OkStatus();
  std::error_code ec;
  if (fs::is_directory(path, ec) || path.back() == '/') {
    return absl::InvalidArgumentError(fmt::format(
        "{}: cannot write: it is a folder (give a file name)", path));
  }
  for (const std::string& input : inputs) {
    if (fs::exists(path, ec) && fs::exists(input, ec) &&
        fs::equivalent(path, input, ec)) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: cannot write: it is the input {}; choose another output file",
          path, input));
    }
  }
  return absl::OkStatus();
}

std::optional<int> CheckOutputs(std::string_view command,
                                std::initializer_list<std::string> outputs,
                                std::span<const std::string> inputs) {
  for (const std::string& output : outputs) {
    absl::Status ok = CheckOutput(output, inputs);
    if (!ok.ok()) return Fail(command, MessageOf(ok), kExitUsageError);
  }
  return std::nullopt;
}

absl::Status WriteOutput(const std::string& path, const std::string& content) {
  if (IsStdout(path)) {
    if (std::fwrite(content.data(), 1, content.size(), stdout) !=
            content.size() ||
        std::fflush(stdout) != 0) {
      return absl::InternalError("cannot write to standard output");
    }
    return absl::OkStatus();
  }
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);  // follows links
  if (fs::is_directory(status)) return CannotWrite(path, EISDIR);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device, a terminal or a pipe: there is nothing to replace.
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return CannotWrite(path, errno);
    if (!WriteAndClose(f, content)) return CannotWrite(path, errno);
    return absl::OkStatus();
  }
  // Replace the file a link points to, not the link.
  // (A chain of links is followed; a link to nothing yet is written
  // through.)
  fs::path target = path;
  for (int hops = 0;
       hops < 40 && fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) break;
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  const std::string tmp = fmt::format("{}.tmp.{}", target.string(), getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return CannotWrite(path, errno);
  if (!WriteAndClose(f, content) ||
      std::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    return CannotWrite(path, err);
  }
  return absl::OkStatus();
}

}  // namespace ccsim::tools
