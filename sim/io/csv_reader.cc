#include "sim/io/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "fmt/format.h"
#include "sim/io/input_file.h"
#include "sim/io/text.h"

namespace ccsim::io {

namespace {

constexpr size_t kBlockBytes = 1 << 16;

void OnField(void* data, size_t len, void* self) {
  static_cast<CsvReader*>(self)->AddField(static_cast<const char*>(data), len);
}
void OnRowEnd(int, void* self) { static_cast<CsvReader*>(self)->EndRow(); }

// libcsv grows its field buffer with this; refusing past the limit makes
// csv_parse stop with CSV_ENOMEM.
void* BoundedRealloc(void* p, size_t n) {
  if (n > kMaxFieldBytes + kBlockBytes) return nullptr;
  return std::realloc(p, n);
}

}  // namespace

struct CsvReader::Parser {
  csv_parser p;
};

CsvReader::~CsvReader() {
  if (parser_ != nullptr) csv_free(&parser_->p);
  if (file_ != nullptr) std::fclose(file_);
}

absl::StatusOr<std::unique_ptr<CsvReader>> CsvReader::Open(
    const std::string& path) {
  absl::StatusOr<std::FILE*> opened = OpenInput(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->path_ = path;
  r->file_ = *opened;
  r->parser_ = std::make_unique<Parser>();
  if (csv_init(&r->parser_->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::ResourceExhaustedError("cannot start the CSV parser");
  }
  csv_set_realloc_func(&r->parser_->p, &BoundedRealloc);
  // The header decides the delimiter: ';' when it has ';' and no ','.
  char peek[4096];
  const size_t n = std::fread(peek, 1, sizeof peek, r->file_);
  const std::string_view head(peek, n);
  const std::string_view first_line = head.substr(0, head.find('\n'));
  if (first_line.find(';') != std::string_view::npos &&
      first_line.find(',') == std::string_view::npos) {
    csv_set_delim(&r->parser_->p, ';');
  }
  if (std::fseek(r->file_, 0, SEEK_SET) != 0) {
    // A pipe: parse what was peeked first.
    r->bytes_ += n;
    csv_parse(&r->parser_->p, peek, n, OnField, OnRowEnd, r.get());
  }
  absl::StatusOr<bool> header = r->Next();
  if (!header.ok()) return header.status();
  if (!*header) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: row 1: expected a header row with the column names, got an "
        "empty file",
        path));
  }
  r->row_ = 1;
  for (size_t i = 0; i < r->row_fields_; ++i) {
    r->header_.emplace_back(r->field(static_cast<int>(i)));
  }
  // Spreadsheets often save UTF-8 with a byte order mark: not part of the
  // first column's name.
  if (!r->header_.empty() && r->header_[0].rfind("\xEF\xBB\xBF", 0) == 0) {
    r->header_[0].erase(0, 3);
  }
  return r;
}

int CsvReader::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void CsvReader::AddField(const char* data, size_t len) {
  if (len > kMaxFieldBytes) {
    too_long_ = true;
    len = 0;
  }
  chars_.append(data, len);
  field_ends_.push_back(static_cast<uint32_t>(chars_.size()));
}

void CsvReader::EndRow() {
  row_ends_.push_back(static_cast<uint32_t>(field_ends_.size()));
}

absl::Status CsvReader::Fill() {
  // Rows handed out are dropped; the fields of a row not yet complete
  // (cut by the end of the last block) move to the front.
  const size_t done_fields = row_ends_.empty() ? 0 : row_ends_.back();
  const uint32_t done_chars =
      done_fields == 0 ? 0 : field_ends_[done_fields - 1];
  chars_.erase(0, done_chars);
  field_ends_.erase(field_ends_.begin(),
                    field_ends_.begin() + static_cast<long>(done_fields));
  for (uint32_t& e : field_ends_) e -= done_chars;
  row_ends_.clear();
  next_row_ = 0;
  char block[kBlockBytes];
  while (row_ends_.empty() && !eof_ && pending_.ok()) {
    const size_t n = std::fread(block, 1, sizeof block, file_);
    bytes_ += n;
    if (n > 0 &&
        csv_parse(&parser_->p, block, n, OnField, OnRowEnd, this) != n) {
      const int e = csv_error(&parser_->p);
      if (e == CSV_ENOMEM) too_long_ = true;
      if (!too_long_) {
        // Rows parsed before the fault are handed out first.
        pending_ = absl::InvalidArgumentError(fmt::format(
            "{}: row {}: malformed CSV: {} (a quote inside an unquoted field, "
            "or text after a closing quote)",
            path_, row_ + 1 + static_cast<int64_t>(row_ends_.size()),
            csv_strerror(e)));
        break;
      }
    }
    if (too_long_) {
      pending_ = absl::InvalidArgumentError(fmt::format(
          "{}: row {}: a field longer than {} MiB (an unclosed quote?)", path_,
          row_ + 1 + static_cast<int64_t>(row_ends_.size()),
          kMaxFieldBytes >> 20));
      break;
    }
    if (n < sizeof block) {
      if (std::ferror(file_)) {
        return CannotRead(path_, errno);
      }
      eof_ = true;
      if (csv_fini(&parser_->p, OnField, OnRowEnd, this) != 0) {
        return absl::InvalidArgumentError(fmt::format(
            "{}: row {}: malformed CSV: the file ends inside a quoted field",
            path_, row_ + 1 + static_cast<int64_t>(row_ends_.size())));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> CsvReader::Next() {
  if (next_row_ >= row_ends_.size()) {
    if (!pending_.ok()) return pending_;
    if (absl::Status st = Fill(); !st.ok()) return st;
    if (row_ends_.empty()) {
      if (!pending_.ok()) return pending_;
      return false;
    }
  }
  row_first_field_ = next_row_ == 0 ? 0 : row_ends_[next_row_ - 1];
  row_fields_ = row_ends_[next_row_] - row_first_field_;
  ++next_row_;
  ++row_;
  return true;
}

std::string_view CsvReader::field(int column) const {
  if (column < 0 || static_cast<size_t>(column) >= row_fields_) return {};
  const size_t f = row_first_field_ + static_cast<size_t>(column);
  const uint32_t begin = f == 0 ? 0 : field_ends_[f - 1];
  return std::string_view(chars_).substr(begin, field_ends_[f] - begin);
}

absl::Status CsvReader::Error(int column, std::string_view message) const {
  const std::string name =
      column >= 0 && static_cast<size_t>(column) < header_.size()
          ? fmt::format(" ({})", Printable(header_[column]))
          : "";
  return absl::InvalidArgumentError(fmt::format(
      "{}: row {}, column {}{}: {}", path_, row_, column + 1, name, message));
}

absl::Status CsvReader::RowError(std::string_view message) const {
  return absl::InvalidArgumentError(
      fmt::format("{}: row {}: {}", path_, row_, message));
}

}  // namespace ccsim::io
