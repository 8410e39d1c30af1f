// Number and text formatting shared by the report writers (private to the
// library): JSON and CSV values, and readable table values per metric.
#ifndef CCSIM_SIM_RUN_TEXT_FORMAT_H_
#define CCSIM_SIM_RUN_TEXT_FORMAT_H_

#include <string>
#include <string_view>

#include "ccsim/metrics.h"

namespace ccsim::report_internal {

// Shortest text that reads back exactly; "null" when not finite.
std::string JsonNumber(double v);
// A JSON string literal, quotes included.
std::string JsonString(std::string_view s);
// Shortest text that reads back exactly; "" when not finite.
std::string CsvNumber(double v);
// The field, quoted when it holds a comma, quote or newline.
std::string CsvField(std::string_view s);
// Readable number for tables: counts with one decimal, seconds, hours and
// calls per caller with two, rates and shares as percentages; "-" when not
// finite.
std::string TableValue(Metric metric, double v);

}  // namespace ccsim::report_internal

#endif  // CCSIM_SIM_RUN_TEXT_FORMAT_H_
