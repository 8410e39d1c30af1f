// Drawing the heatmaps of sim/report/heatmap.h: legend, hour labels, row
// labels, cells with tooltips, and marks.
#include "sim/report/heatmap.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "fmt/format.h"
#include "sim/report/svg.h"

namespace ccsim::svg {

namespace {

constexpr double kLeft = 92;  // room for the row labels ("Wed 31 Jan")
constexpr double kRight = 16;
constexpr double kPlotWidth = kChartWidth - kLeft - kRight;
constexpr double kLegendTop = 38;
constexpr double kLegendRow = 18;
constexpr double kLabelFont = 10.5;
constexpr double kLegendFont = 11.5;

// Rows are as high as fits a month in about 560 pixels, at least 3 and at
// most 18 pixels.
double RowHeight(size_t rows) {
  if (rows <= 20) return 18;
  return std::clamp(560.0 / static_cast<double>(rows), 3.0, 16.0);
}

void AppendMark(std::string& out, HeatMark mark, double x, double y, double r) {
  switch (mark) {
    case HeatMark::kNone:
      break;
    case HeatMark::kDot:
      out +=
          fmt::format("<circle class=\"mk-dot\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                      Coord(x), Coord(y), Coord(r));
      break;
    case HeatMark::kRise:
      out += fmt::format("<path class=\"mk-rise\" d=\"M{},{}L{},{} {},{}Z\"/>",
                         Coord(x), Coord(y - 1.2 * r), Coord(x + 1.2 * r),
                         Coord(y + 0.9 * r), Coord(x - 1.2 * r),
                         Coord(y + 0.9 * r));
      break;
    case HeatMark::kFall:
      out += fmt::format("<path class=\"mk-fall\" d=\"M{},{}L{},{} {},{}Z\"/>",
                         Coord(x), Coord(y + 1.2 * r), Coord(x + 1.2 * r),
                         Coord(y - 0.9 * r), Coord(x - 1.2 * r),
                         Coord(y - 0.9 * r));
      break;
  }
}

constexpr std::string_view kMarkGroup =
    "<g class=\"marks\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"0.9\">";

// The legend in rows from the top; returns the y below it.
double AppendHeatLegend(std::string& out, const Heatmap& h) {
  double x = 16;
  double y = kLegendTop;
  auto place = [&](double w) {
    if (x > 16 && x + w > kChartWidth - kRight) {
      x = 16;
      y += kLegendRow;
    }
  };
  auto text = [&](double at, std::string_view label) {
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#222\">{}</text>",
        Coord(at), Coord(y + 10.5), kLegendFont, Escape(label));
  };
  out += "<g class=\"legend\">\n";
  auto swatch = [&](std::string_view colour, std::string_view label) {
    const double w = 24 + TextWidth(label, kLegendFont) + 12;
    place(w);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"12\" fill=\"{}\" "
        "stroke=\"#999\" stroke-width=\"0.5\"/>",
        Coord(x), Coord(y + 1), colour);
    text(x + 24, label);
    out += "\n";
    x += w;
  };
  for (const HeatBin& bin : h.bins) swatch(bin.colour, bin.label);
  if (!h.undefined_label.empty()) swatch(kHeatUndefined, h.undefined_label);
  for (const auto& [mark, label] : h.mark_labels) {
    const double w = 24 + TextWidth(label, kLegendFont) + 12;
    place(w);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"12\" fill=\"#f0f0f0\" "
        "stroke=\"#999\" stroke-width=\"0.5\"/>",
        Coord(x), Coord(y + 1));
    out += kMarkGroup;
    AppendMark(out, mark, x + 10, y + 7, 4);
    out += "</g>";
    text(x + 24, label);
    out += "\n";
    x += w;
  }
  out += "</g>\n";
  return y + kLegendRow;
}

// Labels of whole hours above the columns, as often as they fit.
void AppendColumnLabels(std::string& out, const Heatmap& h, double y,
                        double cw) {
  const double per_hour = 3600 / h.column_seconds;
  int step = 0;
  for (int hours : {1, 2, 3, 4, 6, 12, 24}) {
    const double columns = per_hour * hours;
    if (columns >= 1 && columns == std::floor(columns) && columns * cw >= 42) {
      step = static_cast<int>(columns);
      break;
    }
  }
  if (step == 0) step = std::max(1, h.columns);
  for (int col = 0; col <= h.columns; col += step) {
    const double x = kLeft + col * cw;
    const long minutes = std::lround(col * h.column_seconds / 60) % 1440;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" "
        "fill=\"#333\">{:02}:{:02}</text>",
        Coord(std::clamp(x, kLeft + 14, kChartWidth - kRight - 14)),
        Coord(y - 4), kLabelFont, minutes / 60, minutes % 60);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>\n",
        Coord(x), Coord(y - 2), Coord(x), Coord(y + 1));
  }
}

}  // namespace

std::string RenderHeatmap(const Heatmap& h) {
  std::string body;
  const double legend_end = AppendHeatLegend(body, h);
  const double top = legend_end + 20;
  const double rh = RowHeight(h.rows.size());
  const double cw = kPlotWidth / std::max(1, h.columns);
  AppendColumnLabels(body, h, top, cw);

  // Row labels: every row when they fit, else every k-th.
  const int every = std::max(1, static_cast<int>(std::ceil(11 / rh)));
  for (size_t r = 0; r < h.rows.size(); ++r) {
    const HeatRow& row = h.rows[r];
    const double y = top + r * rh;
    if (row.week_start && r > 0 && rh >= 5) {
      body += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\" "
          "stroke-width=\"1\"/>\n",
          Coord(kLeft - 4), Coord(y), Coord(kChartWidth - kRight), Coord(y));
    }
    if (r % every != 0) continue;
    body += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"end\" "
        "fill=\"{}\"{}>{}</text>\n",
        Coord(kLeft - 6), Coord(y + std::min(rh, 11.0) / 2 + 3.8), kLabelFont,
        row.weekend ? "#9e1f63" : "#222",
        row.weekend ? " font-weight=\"bold\"" : "", Escape(row.label));
  }

  // Cells with a gap between them when they are large enough.
  const double gap_x = cw >= 6 ? 1 : 0;
  const double gap_y = rh >= 6 ? 1 : 0;
  std::string marks;
  const double r_mark = std::min(cw, rh) * 0.3;
  body += "<g class=\"cells\">\n";
  for (const HeatCell& cell : h.cells) {
    const double x = kLeft + cell.column * cw;
    const double y = top + cell.row * rh;
    const bool defined =
        cell.bin >= 0 && cell.bin < static_cast<int>(h.bins.size());
    body += fmt::format(
        "<rect class=\"cell{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "fill=\"{}\">",
        defined ? "" : " na", Coord(x), Coord(y), Coord(cw - gap_x),
        Coord(rh - gap_y), defined ? h.bins[cell.bin].colour : kHeatUndefined);
    if (!cell.tip.empty()) {
      body += fmt::format("<title>{}</title>", Escape(cell.tip));
    }
    body += "</rect>\n";
    if (cell.mark != HeatMark::kNone) {
      AppendMark(marks, cell.mark, x + (cw - gap_x) / 2, y + (rh - gap_y) / 2,
                 std::max(1.2, r_mark));
      marks += "\n";
    }
  }
  body += "</g>\n";
  body += kMarkGroup;
  body += "\n" + marks + "</g>\n";
  const double height = top + h.rows.size() * rh + 12;
  return WrapSvg(h.id, h.title, h.description, height, body);
}

}  // namespace ccsim::svg
