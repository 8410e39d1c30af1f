// Drawing inline SVG charts for the HTML report: "nice" axis ticks, series
// styles that stay distinguishable when printed in greyscale, and three
// chart kinds built from plain data:
//
//   * RenderLineChart: one or more stacked panels sharing an x axis (time),
//     each with its own y axis, lines broken wherever a value is NaN;
//   * RenderBarChart: horizontal grouped bars with 95% CI whiskers;
//   * RenderDiffChart: differences (dot and 95% CI whisker) around zero, one
//     row per metric with its own scale.
//
// Everything returned is a complete <svg> element with the given id,
// role="img" and an aria-label, ready to be pasted into HTML. Text passed in
// is escaped here; callers pass plain text.
#ifndef CCSIM_SIM_REPORT_SVG_H_
#define CCSIM_SIM_REPORT_SVG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::svg {

// Axis ticks at multiples of a step of 1, 2 or 5 times a power of ten,
// covering [lo, hi]: values.front() <= lo and values.back() >= hi.
struct Ticks {
  double step = 1;
  std::vector<double> values;  // ascending, at least two
  int decimals = 0;            // digits after the point the step needs
};

// The 1-2-5 step nearest above `raw` (raw > 0).
double NiceStep(double raw);

// About `target` intervals (target >= 1) covering [lo, hi]. A degenerate or
// non-finite range is widened (e.g. [0, 0] gives 0 ... 1).
Ticks NiceTicks(double lo, double hi, int target);

// `v` with `decimals` digits after the point and thousands separated by
// commas: FormatNumber(12345.678, 1) == "12,345.7". "-0" is written "0".
std::string FormatNumber(double v, int decimals);

// As FormatNumber, with a "+" before a positive value that does not round
// to zero: SignedNumber(2.5, 1) == "+2.5", SignedNumber(0.01, 1) == "0.0".
std::string SignedNumber(double v, int decimals);

// A coordinate with at most one decimal and no trailing ".0", to keep long
// series compact.
std::string Coord(double v);

// Escapes & < > " ' for HTML text and attribute values (and SVG).
std::string Escape(std::string_view text);

// Approximate rendered width of `text` in a sans-serif font of `font_size`
// pixels (no font metrics are available; errs on the wide side so that
// labels laid out with it do not collide).
double TextWidth(std::string_view text, double font_size);

// A complete <svg> element `kChartWidth` wide and `height` high: white
// background, the title in bold at the top left, then `body` (drawn first,
// since its height is known only at the end).
std::string WrapSvg(std::string_view id, std::string_view title,
                    std::string_view description, double height,
                    const std::string& body);

enum class Marker { kCircle, kSquare, kTriangle, kDiamond, kInvertedTriangle };
enum class Hatch { kNone, kDiagonal, kDots, kCross, kHorizontal };

// How series number i is drawn. Consecutive styles alternate dark and light
// colours and differ in dash pattern, marker and bar hatching as well, so
// that they can be told apart without colour.
struct Style {
  std::string_view colour;
  std::string_view dash;  // stroke-dasharray; empty for a solid line
  Marker marker;
  Hatch hatch;
};
inline constexpr int kNumStyles = 5;
const Style& SeriesStyle(int index);  // index modulo kNumStyles

// Every chart is drawn in a user space this wide (the page scales it), and
// a line chart's plot area spans these x coordinates.
inline constexpr double kChartWidth = 960;
inline constexpr double kLinePlotLeft = 68;
inline constexpr double kLinePlotWidth = kChartWidth - kLinePlotLeft - 24;

// ---- Line charts ----------------------------------------------------------

struct XTick {
  double x = 0;
  std::string label;     // first line under the axis; may be empty
  std::string sublabel;  // optional second line (e.g. the date)
  bool major = false;    // drawn with a stronger grid line
  bool grid = true;      // false: a label only, without grid line
};

struct XAxis {
  double lo = 0;
  double hi = 1;
  std::vector<XTick> ticks;
  std::vector<double> minor_grid;  // faint grid lines without labels
  std::string title;
};

struct Series {
  std::string label;
  int style = 0;
  std::vector<double> x;  // ascending
  std::vector<double> y;  // NaN breaks the line
};

// A horizontal reference line, e.g. the service-level target.
struct RefLine {
  double y = 0;
  std::string label;
};

struct Panel {
  std::string caption;  // above the panel: what is plotted, with its unit
  std::vector<Series> series;
  std::vector<RefLine> refs;
  // Fixed ends of the y axis; otherwise the data's range (with the ticks
  // rounding outwards).
  std::optional<double> y_min;
  std::optional<double> y_max;
};

struct LineChart {
  std::string id;
  std::string title;
  std::string description;  // aria-label
  XAxis x;
  std::vector<Panel> panels;
  double panel_height = 220;
};

// The legend lists each distinct (label, style) of the series once, in
// order of first appearance, then each distinct reference line.
std::string RenderLineChart(const LineChart& chart);

// ---- Bar charts -----------------------------------------------------------

struct BarCategory {
  std::string label;
  bool indent = false;  // a part of the category above it
};

struct BarGroup {
  std::string label;
  int style = 0;
  std::vector<double> value;  // one per category; NaN: no bar
  std::vector<double> ci95;   // half-widths; NaN: no whisker
};

struct BarChart {
  std::string id;
  std::string title;
  std::string description;
  std::string x_title;
  std::vector<BarCategory> categories;
  std::vector<BarGroup> groups;
  int decimals = 1;
};

std::string RenderBarChart(const BarChart& chart);

// ---- Difference charts ----------------------------------------------------

struct DiffPoint {
  double mean = 0;  // NaN: undefined, nothing drawn
  double ci95 = 0;  // NaN: no whisker
  bool significant = false;
};

struct DiffRow {
  std::string label;
  std::string unit;  // e.g. "percentage points"
  int decimals = 1;
  std::vector<DiffPoint> points;  // one per variant
};

struct DiffChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> variant_labels;
  std::vector<int> variant_styles;
  std::vector<DiffRow> rows;
};

// Each whisker is a <line class="ci-bar">; a significant point's group has
// class "diff sig" (filled marker, value marked with *), others "diff"
// (hollow marker).
std::string RenderDiffChart(const DiffChart& chart);

}  // namespace ccsim::svg

#endif  // CCSIM_SIM_REPORT_SVG_H_
