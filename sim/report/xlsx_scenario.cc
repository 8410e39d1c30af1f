// The "Scenario" sheet of a workbook (sim/report/xlsx_sheets.h): the run's
// settings, then every key of the resolved scenario file as a key path
// ("agents[0].staffing") with its value, a list of plain values spread over
// the row, numbers as numbers.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "fmt/format.h"
#include "sim/report/xlsx_sheets.h"
#include "yaml-cpp/yaml.h"

namespace ccsim::xlsx_internal {

namespace {

// Excel's columns per row, less the key's.
constexpr int kMaxValues = 16383;

// The scalar as a number when all of it is one.
bool AsNumber(const std::string& text, double* v) {
  if (text.empty()) return false;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  *v = std::strtod(begin, &end);
  return errno == 0 && end == begin + text.size() && std::isfinite(*v) &&
         text.find_first_of("xXnN") == std::string::npos;  // no hex, nan, inf
}

class Writer {
 public:
  Writer(Book& book, lxw_worksheet* ws, int64_t row)
      : book_(book), ws_(ws), row_(row) {}

  void Node(const std::string& path, const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Map:
        if (node.size() == 0) return Row(path, "{}");
        for (const auto& kv : node) {
          const std::string key = kv.first.Scalar();
          Node(path.empty() ? key : fmt::format("{}.{}", path, key), kv.second);
        }
        return;
      case YAML::NodeType::Sequence: {
        bool scalars = true;
        for (const auto& item : node) scalars = scalars && item.IsScalar();
        if (node.size() == 0) return Row(path, "[]");
        if (scalars && node.size() <= kMaxValues) {
          book_.Text(ws_, row_, 0, path);
          int col = 1;
          for (const auto& item : node) Value(col++, item.Scalar());
          ++row_;
          return;
        }
        for (size_t i = 0; i < node.size(); ++i) {
          Node(fmt::format("{}[{}]", path, i), node[i]);
        }
        return;
      }
      case YAML::NodeType::Scalar:
        book_.Text(ws_, row_, 0, path);
        Value(1, node.Scalar());
        ++row_;
        return;
      default:
        return Row(path, "~");
    }
  }

 private:
  void Row(const std::string& path, std::string_view text) {
    book_.Text(ws_, row_, 0, path);
    book_.Text(ws_, row_++, 1, text);
  }
  void Value(int col, const std::string& text) {
    double v = 0;
    if (AsNumber(text, &v)) {
      book_.Number(ws_, row_, col, v, Style::kNumber);
    } else {
      book_.Text(ws_, row_, col, text);
    }
  }

  Book& book_;
  lxw_worksheet* ws_;
  int64_t row_;
};

}  // namespace

void WriteScenarioSheet(Book& book, lxw_worksheet* ws,
                        std::span<const Fact> facts, std::string_view yaml) {
  int64_t row = WriteFacts(book, ws, "Scenario and run settings", facts);
  worksheet_set_column(ws, 0, 0, 42, nullptr);
  worksheet_set_column(ws, 1, 1, 16, nullptr);
  if (yaml.empty()) return;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception&) {
    return;  // the text was checked when it was loaded; nothing to list
  }
  book.Text(ws, row++, 0, "The scenario file, resolved (extends merged)",
            Style::kBold);
  book.Header(ws, row++, 0, {"key", "value"});
  Writer(book, ws, row).Node("", root);
}

}  // namespace ccsim::xlsx_internal
