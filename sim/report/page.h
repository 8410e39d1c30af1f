// The frame of every HTML page ccsim writes (run, compare and staff
// reports): one self-contained document, with its style sheet inline and no
// scripts.
#ifndef CCSIM_SIM_REPORT_PAGE_H_
#define CCSIM_SIM_REPORT_PAGE_H_

#include <string>
#include <string_view>

namespace ccsim::report {

// The doctype, head (title, inline style) and the opening of <main>.
void AppendPageStart(std::string& out, std::string_view title);
// The closing note and the end of the document.
void AppendPageEnd(std::string& out);
// A <tr> of a two-column table of facts: name, then HTML.
void AppendMetaRow(std::string& out, std::string_view name,
                   std::string_view html_value);

}  // namespace ccsim::report

#endif  // CCSIM_SIM_REPORT_PAGE_H_
