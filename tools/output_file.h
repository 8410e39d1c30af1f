// Writing command output: to stdout, or to a file that appears whole or not
// at all (written to a temporary file beside it, then renamed over it).
#ifndef CCSIM_TOOLS_OUTPUT_FILE_H_
#define CCSIM_TOOLS_OUTPUT_FILE_H_

#include <cstdio>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ccsim::tools {

// Checks, before any work is done, that `path` may receive output: it is
// not a folder, its folder exists and may be written to, and it is not one
// of `inputs` (nor a link to one), so that a command never replaces the
// file it reads and never fails only after its work. Empty or "-" (stdout)
// is fine.
absl::Status CheckOutput(const std::string& path,
                         std::span<const std::string> inputs);

// For the commands: nullopt when CheckOutput() passes for every one of
// `outputs`, else the exit status after reporting why (a usage error).
std::optional<int> CheckOutputs(std::string_view command,
                                std::initializer_list<std::string> outputs,
                                std::span<const std::string> inputs);

// For the commands: nullopt when no two of `outputs` (files; empty and "-"
// are left out) name the same file, else the exit status after reporting
// which two do (a usage error).
std::optional<int> DistinctOutputs(std::string_view command,
                                   std::initializer_list<std::string> outputs);

// For the commands: nullopt unless `path` is "-" (standard output), which
// a binary output such as an Excel workbook (`option`, "--xlsx") refuses:
// then the exit status after reporting why (a usage error).
std::optional<int> NotStandardOutput(std::string_view command,
                                     std::string_view option,
                                     const std::string& path);

// For the commands: adds (`path`, `content`) to `outputs`, or, when the
// content could not be made, reports "PATH: why" and returns the exit
// status.
std::optional<int> AddOutput(
    std::string_view command, const std::string& path,
    absl::StatusOr<std::string> content,
    std::vector<std::pair<std::string, std::string>>& outputs);

// The folder in which to build an output for `path` that a library must
// write through a file of its own (an Excel workbook) before it joins
// WriteOutputs(): the folder of a regular file or of a file to be made
// (CheckOutput() found it writable), else "" (the system's temporary
// folder; for standard output or a device).
std::string ScratchFolder(const std::string& path);

// Writes `content` to `path`; empty or "-" means stdout. A regular file
// (or a symbolic link to one, which stays a link) is replaced whole, or
// left as it was when writing fails. Anything else that exists, such as
// /dev/stdout, a terminal or a named pipe, is written to in place.
absl::Status WriteOutput(const std::string& path, const std::string& content);

// Writes several (path, content) outputs all or none: regular files go to
// temporary files beside them first, then standard output and devices are
// written, and only when all of that succeeded are the temporary files
// renamed into place. On any error no file is replaced and the temporary
// files are removed (what already went to standard output or a device
// cannot be taken back; it is written after every file is ready).
// A file written while the command works (a call log), that appears whole
// when WriteOutputs() succeeds with it among `streamed`, or not at all: a
// regular file goes to a temporary file beside it, removed again unless
// committed; a device (/dev/null) is written in place.
class StreamedOutput {
 public:
  StreamedOutput() = default;
  StreamedOutput(const StreamedOutput&) = delete;
  StreamedOutput& operator=(const StreamedOutput&) = delete;
  ~StreamedOutput();

  // Opens the file for `path` (not empty, not standard output).
  absl::Status Open(const std::string& path);
  std::FILE* file() const { return file_; }
  const std::string& path() const { return path_; }

 private:
  friend absl::Status WriteOutputs(
      const std::vector<std::pair<std::string, std::string>>&,
      std::span<StreamedOutput* const>);
  // Closes the file; false when a write or the close failed.
  bool Close();
  void Discard();

  std::string path_, target_, tmp_;  // tmp_ empty: written in place
  std::FILE* file_ = nullptr;
};

absl::Status WriteOutputs(
    const std::vector<std::pair<std::string, std::string>>& outputs,
    std::span<StreamedOutput* const> streamed = {});

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_OUTPUT_FILE_H_
