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
  // The folder must be there and writable (a device such as /dev/null is
  // written in place and needs neither).
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st) || fs::is_regular_file(st)) {
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    if (!fs::is_directory(folder, ec)) {
      return absl::InvalidArgumentError(
          fmt::format("{}: cannot write: the folder {} does not exist", path,
                      folder.string()));
    }
    if (access(folder.c_str(), W_OK | X_OK) != 0 &&
        (!fs::exists(st) || access(path.c_str(), W_OK) != 0)) {
      return absl::InvalidArgumentError(
          fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
    }
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

std::optional<int> DistinctOutputs(std::string_view command,
                                   std::initializer_list<std::string> outputs) {
  std::vector<std::string> files;
  for (const std::string& o : outputs) {
    if (IsStdout(o)) continue;
    for (const std::string& f : files) {
      std::error_code ec;
      const fs::path a = fs::weakly_canonical(o, ec);
      const fs::path b = fs::weakly_canonical(f, ec);
      if (o == f || (!ec && a == b)) {
        return Fail(command,
                    fmt::format("{}: given for two outputs; each output needs "
                                "a file of its own",
                                o),
                    kExitUsageError);
      }
    }
    files.push_back(o);
  }
  return std::nullopt;
}

namespace {

// A regular file's content, written to a temporary file beside its target
// and not yet renamed over it.
struct Staged {
  std::string path;    // as given
  std::string target;  // the file to replace (links followed)
  std::string tmp;
};

void RemoveTemporaries(const std::vector<Staged>& staged) {
  for (const Staged& s : staged) std::remove(s.tmp.c_str());
}

// The file a path's links lead to (a chain of links is followed; a link to
// nothing yet is written through), so that a link stays a link.
fs::path LinkTarget(const std::string& path) {
  std::error_code ec;
  fs::path target = path;
  for (int hops = 0;
       hops < 40 && fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) break;
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  return target;
}

// A temporary file beside the target of `path` (a regular file, or none
// yet) with the old file's permissions, opened for writing.
std::FILE* OpenTemporary(const std::string& path, Staged* s) {
  const fs::path target = LinkTarget(path);
  *s = Staged{.path = path,
              .target = target.string(),
              .tmp = fmt::format("{}.tmp.{}", target.string(), getpid())};
  std::FILE* f = std::fopen(s->tmp.c_str(), "wb");
  if (f == nullptr) return nullptr;
  // A file replaced keeps its permissions (a 640 file stays 640).
  std::error_code ec;
  const fs::file_status old = fs::status(target, ec);
  if (!ec && fs::is_regular_file(old)) {
    fs::permissions(s->tmp, old.permissions(), ec);
  }
  return f;
}

}  // namespace

std::optional<int> NotStandardOutput(std::string_view command,
                                     std::string_view option,
                                     const std::string& path) {
  if (path != "-") return std::nullopt;
  return Fail(command,
              fmt::format("{} writes a file, not standard output: give a file "
                          "name",
                          option),
              kExitUsageError);
}

std::optional<int> AddOutput(
    std::string_view command, const std::string& path,
    absl::StatusOr<std::string> content,
    std::vector<std::pair<std::string, std::string>>& outputs) {
  if (!content.ok()) {
    return Fail(command,
                fmt::format("{}: {}", path, MessageOf(content.status())));
  }
  outputs.push_back({path, *std::move(content)});
  return std::nullopt;
}

std::string ScratchFolder(const std::string& path) {
  if (IsStdout(path)) return "";
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st)) return "";
  std::string folder = LinkTarget(path).parent_path().string();
  if (folder.empty()) folder.push_back('.');
  return folder;
}

absl::Status WriteOutput(const std::string& path, const std::string& content) {
  return WriteOutputs({{path, content}});
}

StreamedOutput::~StreamedOutput() { Discard(); }

absl::Status StreamedOutput::Open(const std::string& path) {
  Discard();
  path_ = path;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) return CannotWrite(path, EISDIR);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) return CannotWrite(path, errno);
    return absl::OkStatus();
  }
  Staged s;
  file_ = OpenTemporary(path, &s);
  if (file_ == nullptr) return CannotWrite(path, errno);
  target_ = s.target;
  tmp_ = s.tmp;
  return absl::OkStatus();
}

bool StreamedOutput::Close() {
  if (file_ == nullptr) return true;
  const bool ok = std::ferror(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  return ok && closed;
}

void StreamedOutput::Discard() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  if (!tmp_.empty()) std::remove(tmp_.c_str());
  tmp_.clear();
}

absl::Status WriteOutputs(
    const std::vector<std::pair<std::string, std::string>>& outputs,
    std::span<StreamedOutput* const> streamed) {
  std::vector<Staged> staged;
  // 0. Files written while the command worked: complete them.
  for (StreamedOutput* s : streamed) {
    if (!s->Close()) {
      const int err = errno;
      for (StreamedOutput* t : streamed) t->Discard();
      RemoveTemporaries(staged);  // files already taken from `streamed`
      return CannotWrite(s->path_, err != 0 ? err : EIO);
    }
    if (!s->tmp_.empty()) {
      staged.push_back(
          Staged{.path = s->path_, .target = s->target_, .tmp = s->tmp_});
      s->tmp_.clear();  // now in `staged`, removed with it on failure
    }
  }
  std::vector<const std::pair<std::string, std::string>*> direct;
  // 1. Regular files: to temporary files beside them.
  for (const auto& output : outputs) {
    const std::string& path = output.first;
    if (IsStdout(path)) {
      direct.push_back(&output);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // follows links
    if (fs::is_directory(status)) {
      RemoveTemporaries(staged);
      return CannotWrite(path, EISDIR);
    }
    if (fs::exists(status) && !fs::is_regular_file(status)) {
      // A device, a terminal or a pipe: there is nothing to replace.
      direct.push_back(&output);
      continue;
    }
    Staged s;
    std::FILE* f = OpenTemporary(path, &s);
    if (f == nullptr) {
      const int err = errno;
      RemoveTemporaries(staged);
      return CannotWrite(path, err);
    }
    staged.push_back(s);
    if (!WriteAndClose(f, output.second)) {
      const int err = errno;
      RemoveTemporaries(staged);
      return CannotWrite(path, err);
    }
  }
  // 2. Standard output and devices, written in place.
  for (const auto* output : direct) {
    const std::string& path = output->first;
    const std::string& content = output->second;
    if (IsStdout(path)) {
      if (std::fwrite(content.data(), 1, content.size(), stdout) !=
              content.size() ||
          std::fflush(stdout) != 0) {
        RemoveTemporaries(staged);
        return absl::InternalError("cannot write to standard output");
      }
      continue;
    }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || !WriteAndClose(f, content)) {
      const int err = errno;
      RemoveTemporaries(staged);
      return CannotWrite(path, err);
    }
  }
  // 3. Everything was written: the files replace their targets.
  for (size_t i = 0; i < staged.size(); ++i) {
    if (std::rename(staged[i].tmp.c_str(), staged[i].target.c_str()) != 0) {
      const int err = errno;
      RemoveTemporaries(std::vector<Staged>(
          staged.begin() + static_cast<long>(i), staged.end()));
      return CannotWrite(staged[i].path, err);
    }
  }
  return absl::OkStatus();
}

}  // namespace ccsim::tools
