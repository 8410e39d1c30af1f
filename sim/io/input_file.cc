#include "sim/io/input_file.h"

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "fmt/format.h"

namespace ccsim::io {

absl::Status CannotRead(const std::string& path, int error) {
  return absl::NotFoundError(
      fmt::format("{}: cannot read file: {}", path,
                  std::error_code(error, std::generic_category()).message()));
}

absl::StatusOr<std::FILE*> OpenInput(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return CannotRead(path, EISDIR);
  const std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (!ec && st.type() != std::filesystem::file_type::regular &&
      st.type() != std::filesystem::file_type::fifo) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: cannot read file: not a regular file (a device or socket)", path));
  }
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return CannotRead(path, errno);
  return f;
}

}  // namespace ccsim::io
