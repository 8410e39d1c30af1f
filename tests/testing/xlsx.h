// Reading an .xlsx file back in tests: its parts are taken out of the zip
// with `unzip -p` (Debian's unzip), and cells, their types and their number
// formats are found in the sheet XML by plain string search (no XML
// library: the files are the ones libxlsxwriter writes).
#ifndef CCSIM_TESTS_TESTING_XLSX_H_
#define CCSIM_TESTS_TESTING_XLSX_H_

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "tests/testing/command.h"

namespace ccsim::testing {

// One cell as stored: its type ("n" number, "s" shared string, "str"
// formula text, "" when absent), its value (a shared string resolved to
// its text) and its style index (the s attribute; 0 when none).
struct XlsxCell {
  std::string type;
  std::string value;
  int style = 0;
  double number() const { return std::strtod(value.c_str(), nullptr); }
};

class XlsxFile {
 public:
  explicit XlsxFile(std::string path) : path_(std::move(path)) {
    strings_ = SharedStrings(Part("xl/sharedStrings.xml"));
    const std::string wb = Part("xl/workbook.xml");
    for (size_t at = wb.find("<sheet "); at != std::string::npos;
         at = wb.find("<sheet ", at + 1)) {
      sheets_.push_back(
          Attribute(wb.substr(at, wb.find('>', at) - at), "name"));
    }
  }

  // A part of the zip ("xl/charts/chart1.xml"); empty when it is missing.
  std::string Part(const std::string& name) const {
    return RunShell("unzip -p '" + path_ + "' '" + name + "' 2>/dev/null").out;
  }
  // The names of the zip's parts, one a line.
  std::string Parts() const {
    return RunShell("unzip -Z1 '" + path_ + "' 2>/dev/null").out;
  }
  const std::vector<std::string>& sheets() const { return sheets_; }
  // The XML of the sheet named `name` (sheets are stored in order as
  // sheet1.xml, sheet2.xml, ...); empty when there is none.
  std::string Sheet(const std::string& name) const {
    for (size_t i = 0; i < sheets_.size(); ++i) {
      if (sheets_[i] == name) {
        return Part("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
      }
    }
    return "";
  }
  // The cell at `ref` ("B3") of a sheet's XML.
  XlsxCell Cell(const std::string& sheet_xml, const std::string& ref) const {
    XlsxCell cell;
    const size_t at = sheet_xml.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return cell;
    const size_t open_end = sheet_xml.find('>', at);
    const std::string open = sheet_xml.substr(at, open_end - at);
    cell.type = Attribute(open, "t");
    if (cell.type.empty()) cell.type = "n";
    const std::string s = Attribute(open, "s");
    cell.style = s.empty() ? 0 : std::atoi(s.c_str());
    if (open.back() == '/') return cell;  // <c .../>: styled, empty
    const size_t v = sheet_xml.find("<v>", open_end);
    const size_t end = sheet_xml.find("</c>", open_end);
    if (v != std::string::npos && v < end) {
      cell.value = sheet_xml.substr(v + 3, sheet_xml.find("</v>", v) - v - 3);
      if (cell.type == "s") cell.value = strings_.at(std::stoul(cell.value));
    } else {
      cell.type.clear();
    }
    return cell;
  }
  // The number format of style index `style` ("0.0%"; "General" for 0).
  std::string NumberFormat(int style) const {
    const std::string styles = Part("xl/styles.xml");
    size_t at = styles.find("<cellXfs");
    for (int i = 0; i <= style && at != std::string::npos; ++i) {
      at = styles.find("<xf ", at + 1);
    }
    if (at == std::string::npos) return "";
    const std::string id =
        Attribute(styles.substr(at, styles.find('>', at) - at), "numFmtId");
    if (id == "0" || id.empty()) return "General";
    const size_t fmt = styles.find("<numFmt numFmtId=\"" + id + "\"");
    if (fmt == std::string::npos) return "builtin " + id;
    return Unescape(Attribute(styles.substr(fmt, styles.find('>', fmt) - fmt),
                              "formatCode"));
  }
  // The reference ("E1") of the first cell of row `row` (1-based) whose
  // text is `text`; empty when none.
  std::string Find(const std::string& sheet_xml, int row,
                   const std::string& text) const {
    const std::string row_tag = "<row r=\"" + std::to_string(row) + "\"";
    const size_t start = sheet_xml.find(row_tag);
    if (start == std::string::npos) return "";
    const size_t end = sheet_xml.find("</row>", start);
    for (size_t at = sheet_xml.find("<c r=\"", start);
         at != std::string::npos && at < end;
         at = sheet_xml.find("<c r=\"", at + 1)) {
      const std::string ref =
          sheet_xml.substr(at + 6, sheet_xml.find('"', at + 6) - at - 6);
      const XlsxCell c = Cell(sheet_xml, ref);
      if (c.type == "s" && c.value == text) return ref;
    }
    return "";
  }

  // The number (as text, "12") of the first row whose column A holds
  // `text`; empty when none of the first 1000 does.
  std::string RowOf(const std::string& sheet_xml,
                    const std::string& text) const {
    for (int row = 1; row <= 1000; ++row) {
      if (Cell(sheet_xml, "A" + std::to_string(row)).value == text) {
        return std::to_string(row);
      }
    }
    return "";
  }

  static std::string Attribute(const std::string& tag,
                               const std::string& name) {
    const size_t at = tag.find(" " + name + "=\"");
    if (at == std::string::npos) return "";
    const size_t from = at + name.size() + 3;
    return tag.substr(from, tag.find('"', from) - from);
  }

 private:
  static std::string Unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
      for (size_t at = s.find(from); at != std::string::npos;
           at = s.find(from, at + 1)) {
        s.replace(at, std::string(from).size(), to);
      }
    }
    return s;
  }
  static std::vector<std::string> SharedStrings(const std::string& xml) {
    std::vector<std::string> out;
    for (size_t at = xml.find("<si>"); at != std::string::npos;
         at = xml.find("<si>", at + 1)) {
      const size_t t = xml.find('>', xml.find("<t", at)) + 1;
      out.push_back(Unescape(xml.substr(t, xml.find("</t>", t) - t)));
    }
    return out;
  }

  std::string path_;
  std::vector<std::string> strings_;
  std::vector<std::string> sheets_;
};

// The column letters and row number of a reference ("AB12" -> "AB", 12).
inline std::string ColumnOf(const std::string& ref) {
  return ref.substr(0, ref.find_first_of("0123456789"));
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_XLSX_H_
