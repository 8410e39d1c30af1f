// Heatmaps for the HTML reports: a grid of days (rows) by intervals of the
// day (columns), each cell filled with the colour of its value's bin and
// optionally marked (a dot, or a triangle up or down).
//
//   svg::Heatmap h;
//   h.id = "heatmap-service-level";
//   h.rows = {{"Mon 1 Jan"}, {"Tue 2 Jan"}};
//   h.columns = 48;
//   h.column_seconds = 1800;
//   h.bins = {{"#99000d", "below"}, {"#0b4a8b", "above"}};
//   h.cells.push_back({.row = 0, .column = 20, .bin = 0,
//                      .mark = svg::HeatMark::kDot, .tip = "10:00 ..."});
//   std::string svg_text = svg::RenderHeatmap(h);
//
// Each cell is a <rect class="cell"> (class "cell na" without a value)
// holding a <title> tooltip; each mark is an element of class "mk-dot",
// "mk-rise" or "mk-fall" inside <g class="marks">. Text is escaped here.
#ifndef CCSIM_SIM_REPORT_HEATMAP_H_
#define CCSIM_SIM_REPORT_HEATMAP_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ccsim::svg {

enum class HeatMark { kNone, kDot, kRise, kFall };

struct HeatBin {
  std::string_view colour;  // "#rrggbb"
  std::string label;        // in the legend
};

struct HeatCell {
  int row = 0;
  int column = 0;
  int bin = -1;  // index into Heatmap::bins; -1: no value (grey)
  HeatMark mark = HeatMark::kNone;
  std::string tip;  // tooltip, plain text
};

struct HeatRow {
  std::string label;  // e.g. the date
  bool weekend = false;
  bool week_start = false;  // a line above the row (a Monday)
};

struct Heatmap {
  std::string id;
  std::string title;
  std::string description;  // aria-label
  std::vector<HeatRow> rows;
  int columns = 1;               // intervals of the day
  double column_seconds = 1800;  // column 0 starts at 00:00
  std::vector<HeatBin> bins;     // legend order
  std::string undefined_label;   // legend of the grey cells
  // Legend of the marks used.
  std::vector<std::pair<HeatMark, std::string>> mark_labels;
  std::vector<HeatCell> cells;
};

// The colour of cells without a value.
inline constexpr std::string_view kHeatUndefined = "#d4d4d4";

std::string RenderHeatmap(const Heatmap& h);

}  // namespace ccsim::svg

#endif  // CCSIM_SIM_REPORT_HEATMAP_H_
