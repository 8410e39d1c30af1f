// Reading CSV files row by row, in bounded memory, with exact positions for
// error messages (call logs, forecast and staffing tables).
//
//   absl::StatusOr<std::unique_ptr<CsvReader>> r = CsvReader::Open(path);
//   int date = (*r)->Column("date");            // -1 when absent
//   while (true) {
//     absl::StatusOr<bool> more = (*r)->Next();
//     if (!more.ok()) return more.status();
//     if (!*more) break;
//     std::string_view d = (*r)->field(date);
//     ... (*r)->Error(date, "expected a date") ...
//   }
//
// Parsing is RFC 4180 by libcsv (quoted fields, doubled quotes, line
// breaks inside quotes, CRLF), strict about stray quotes. The delimiter is
// ',' unless the header line has ';' and no ',' (spreadsheets in many
// locales save ';'). A UTF-8 byte order mark before the header is dropped.
// Leading and trailing blanks of unquoted fields are dropped; empty lines are
// skipped. A field longer than kMaxFieldBytes is an error (an unclosed quote
// would otherwise read the whole file into one field). Rows are numbered as
// records, the header being row 1: as a spreadsheet numbers them when no field
// holds a line break and no line is empty.
#ifndef CCSIM_SIM_IO_CSV_READER_H_
#define CCSIM_SIM_IO_CSV_READER_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ccsim::io {

inline constexpr size_t kMaxFieldBytes = 1 << 20;

class CsvReader {
 public:
  // Opens a regular file (or a pipe) and reads its header row. An empty
  // file, or one without a header, is an error.
  static absl::StatusOr<std::unique_ptr<CsvReader>> Open(
      const std::string& path);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }
  // The index of the header column named `name` (exact, after trimming),
  // or -1.
  int Column(std::string_view name) const;

  // Moves to the next row: true, false at the end of the file, or a
  // parse error naming the row.
  absl::StatusOr<bool> Next();
  // Fields of the current row; a missing trailing field reads as "".
  size_t size() const { return row_fields_; }
  std::string_view field(int column) const;
  int64_t row() const { return row_; }
  // Bytes read so far (for progress).
  uint64_t bytes_read() const { return bytes_; }

  // "PATH: row R, column C (NAME): message" for the current row.
  absl::Status Error(int column, std::string_view message) const;
  // "PATH: row R: message".
  absl::Status RowError(std::string_view message) const;

  // libcsv's callbacks (public for the C interface only).
  void AddField(const char* data, size_t len);
  void EndRow();

 private:
  CsvReader() = default;
  absl::Status Fill();  // parses the next block into ready rows

  std::string path_;
  std::FILE* file_ = nullptr;
  struct Parser;
  std::unique_ptr<Parser> parser_;
  std::vector<std::string> header_;
  // Parsed rows not yet handed out: their fields' text back to back.
  std::string chars_;
  std::vector<uint32_t> field_ends_;  // into chars_
  std::vector<uint32_t> row_ends_;    // into field_ends_
  size_t next_row_ = 0;               // the next ready row to hand out
  // The current row: its fields are field_ends_[first - 1 .. first + n).
  size_t row_first_field_ = 0, row_fields_ = 0;
  int64_t row_ = 0;  // the last row handed out (the header is row 1)
  uint64_t bytes_ = 0;
  bool eof_ = false;
  bool too_long_ = false;
  absl::Status pending_;  // a fault found after the rows now ready
};

}  // namespace ccsim::io

#endif  // CCSIM_SIM_IO_CSV_READER_H_
