#include "sim/report/svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"

namespace ccsim::svg {

namespace {

// Layout constants are in user-space pixels (see kChartWidth).
constexpr double kWidth = kChartWidth;
constexpr double kSideMargin = 16;
constexpr double kTitleFont = 16;
constexpr double kLegendFont = 12;
constexpr double kTickFont = 11;
constexpr double kLabelFont = 12;

constexpr std::string_view kFontFamily =
    "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

// The reference line (target) has its own look, unlike any series: dark red
// with a dash-dot-dot pattern.
constexpr std::string_view kRefColour = "#b2182b";
constexpr std::string_view kRefDash = "10 3 2 3 2 3";

// Colours alternate dark and light (navy, amber, mid blue, light green,
// dark magenta), so neighbours in a legend differ in grey level too; dash
// patterns, markers and hatching tell them apart without any colour.
constexpr std::array<Style, kNumStyles> kStyles = {{
    {"#1a2b4c", "", Marker::kCircle, Hatch::kNone},
    {"#e69500", "7 4", Marker::kSquare, Hatch::kDiagonal},
    {"#2c7fb8", "2 3", Marker::kTriangle, Hatch::kDots},
    {"#5aae61", "14 5", Marker::kDiamond, Hatch::kCross},
    {"#9e1f63", "8 3 2 3", Marker::kInvertedTriangle, Hatch::kHorizontal},
}};

bool Finite(double v) { return std::isfinite(v); }

void AppendText(std::string& out, double x, double y, std::string_view text,
                std::string_view attributes) {
  out += fmt::format("<text x=\"{}\" y=\"{}\" {}>{}</text>\n", Coord(x),
                     Coord(y), attributes, Escape(text));
}

void AppendLine(std::string& out, double x1, double y1, double x2, double y2,
                std::string_view attributes) {
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>\n",
                     Coord(x1), Coord(y1), Coord(x2), Coord(y2), attributes);
}

// A marker of half-size `r` centred on (x, y); fill and stroke come from
// the enclosing group or `attributes`.
void AppendMarker(std::string& out, Marker marker, double x, double y, double r,
                  std::string_view attributes = "") {
  switch (marker) {
    case Marker::kCircle:
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>", Coord(x),
                         Coord(y), Coord(r), attributes);
      break;
    case Marker::kSquare:
      out +=
          fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
                      Coord(x - 0.9 * r), Coord(y - 0.9 * r), Coord(1.8 * r),
                      Coord(1.8 * r), attributes);
      break;
    case Marker::kTriangle:
      out += fmt::format("<path d=\"M{},{}L{},{} {},{}Z\" {}/>", Coord(x),
                         Coord(y - 1.2 * r), Coord(x + 1.1 * r),
                         Coord(y + 0.8 * r), Coord(x - 1.1 * r),
                         Coord(y + 0.8 * r), attributes);
      break;
    case Marker::kInvertedTriangle:
      out += fmt::format("<path d=\"M{},{}L{},{} {},{}Z\" {}/>", Coord(x),
                         Coord(y + 1.2 * r), Coord(x + 1.1 * r),
                         Coord(y - 0.8 * r), Coord(x - 1.1 * r),
                         Coord(y - 0.8 * r), attributes);
      break;
    case Marker::kDiamond:
      out += fmt::format("<path d=\"M{},{}L{},{} {},{} {},{}Z\" {}/>", Coord(x),
                         Coord(y - 1.3 * r), Coord(x + 1.3 * r), Coord(y),
                         Coord(x), Coord(y + 1.3 * r), Coord(x - 1.3 * r),
                         Coord(y), attributes);
      break;
  }
}

std::string DashAttribute(std::string_view dash) {
  if (dash.empty()) return "";
  return fmt::format(" stroke-dasharray=\"{}\"", dash);
}

// The id of the hatch pattern of `style` within chart `chart_id`.
std::string PatternId(std::string_view chart_id, int style) {
  return fmt::format("{}-hatch{}", chart_id, style % kNumStyles);
}

// <pattern> definitions for bar fills: the style's colour with white
// hatching, so that bars differ in texture as well as in grey level.
void AppendPatterns(std::string& out, std::string_view chart_id,
                    const std::vector<int>& styles) {
  out += "<defs>\n";
  for (int style : styles) {
    const Style& s = SeriesStyle(style);
    if (s.hatch == Hatch::kNone) continue;
    const bool rotated =
        s.hatch == Hatch::kDiagonal || s.hatch == Hatch::kCross;
    out += fmt::format(
        "<pattern id=\"{}\" width=\"6\" height=\"6\" "
        "patternUnits=\"userSpaceOnUse\"{}>"
        "<rect width=\"6\" height=\"6\" fill=\"{}\"/>",
        PatternId(chart_id, style),
        rotated ? " patternTransform=\"rotate(45)\"" : "", s.colour);
    switch (s.hatch) {
      case Hatch::kDiagonal:
        out += "<rect width=\"2\" height=\"6\" fill=\"#fff\"/>";
        break;
      case Hatch::kDots:
        out += "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/>";
        break;
      case Hatch::kCross:
        out +=
            "<rect width=\"1.5\" height=\"6\" fill=\"#fff\"/>"
            "<rect width=\"6\" height=\"1.5\" fill=\"#fff\"/>";
        break;
      case Hatch::kHorizontal:
        out += "<rect width=\"6\" height=\"2\" fill=\"#fff\"/>";
        break;
      case Hatch::kNone:
        break;
    }
    out += "</pattern>\n";
  }
  out += "</defs>\n";
}

std::string BarFill(std::string_view chart_id, int style) {
  const Style& s = SeriesStyle(style);
  if (s.hatch == Hatch::kNone) return std::string(s.colour);
  return fmt::format("url(#{})", PatternId(chart_id, style));
}

enum class LegendKind { kLine, kRef, kBar, kPoint, kHollowPoint, kWhisker };

struct LegendItem {
  std::string label;
  LegendKind kind = LegendKind::kLine;
  int style = 0;
  // A point drawn as a dark grey circle whatever the style: it explains a
  // marker fill, not a series.
  bool neutral = false;
};

// Legend labels longer than this are cut (with an ellipsis) to keep the
// legend on a few rows; the full text stays in a <title> tooltip.
constexpr size_t kMaxLegendChars = 48;

std::string Shorten(std::string_view text, size_t max_chars) {
  // Counts code points, not bytes, and never cuts one in half.
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count == max_chars - 1) {
      return std::string(text.substr(0, i)) + "\u2026";
    }
    ++count;
  }
  return std::string(text);
}

// Draws the legend in rows starting at (x0, y0) within `width`; returns its
// height.
double AppendLegend(std::string& out, std::string_view chart_id,
                    const std::vector<LegendItem>& items, double x0, double y0,
                    double width) {
  if (items.empty()) return 0;
  constexpr double kRowHeight = 20;
  constexpr double kSwatch = 30;
  double x = x0;
  double y = y0;
  out += "<g class=\"legend\">\n";
  for (const LegendItem& item : items) {
    const std::string label = Shorten(item.label, kMaxLegendChars);
    const double w = kSwatch + 6 + TextWidth(label, kLegendFont) + 20;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += kRowHeight;
    }
    const double cy = y + kRowHeight / 2;
    constexpr Style kNeutral = {"#444", "", Marker::kCircle, Hatch::kNone};
    const Style& s = item.neutral ? kNeutral : SeriesStyle(item.style);
    out += "<g>";
    if (label != item.label) {
      out += fmt::format("<title>{}</title>", Escape(item.label));
    }
    switch (item.kind) {
      case LegendKind::kLine:
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
            "stroke-width=\"2.2\"{}/>",
            Coord(x), Coord(cy), Coord(x + kSwatch), Coord(cy), s.colour,
            DashAttribute(s.dash));
        AppendMarker(out, s.marker, x + kSwatch / 2, cy, 3.6,
                     fmt::format("fill=\"{}\" stroke=\"#fff\" "
                                 "stroke-width=\"0.8\"",
                                 s.colour));
        break;
      case LegendKind::kRef:
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
            "stroke-width=\"1.6\"{}/>",
            Coord(x), Coord(cy), Coord(x + kSwatch), Coord(cy), kRefColour,
            DashAttribute(kRefDash));
        break;
      case LegendKind::kBar:
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\" "
            "stroke=\"{}\" stroke-width=\"0.8\"/>",
            Coord(x + 4), Coord(cy - 6), Coord(kSwatch - 8),
            BarFill(chart_id, item.style), s.colour);
        break;
      case LegendKind::kPoint:
        AppendMarker(out, s.marker, x + kSwatch / 2, cy, 4.5,
                     fmt::format("fill=\"{}\" stroke=\"{}\" "
                                 "stroke-width=\"1.4\"",
                                 s.colour, s.colour));
        break;
      case LegendKind::kHollowPoint:
        AppendMarker(out, s.marker, x + kSwatch / 2, cy, 4.5,
                     fmt::format("fill=\"#fff\" stroke=\"{}\" "
                                 "stroke-width=\"1.6\"",
                                 s.colour));
        break;
      case LegendKind::kWhisker:
        out += fmt::format(
            "<path d=\"M{},{}h{}M{},{}v8M{},{}v8\" stroke=\"#111\" "
            "stroke-width=\"1.3\" fill=\"none\"/>",
            Coord(x + 4), Coord(cy), Coord(kSwatch - 8), Coord(x + 4),
            Coord(cy - 4), Coord(x + kSwatch - 4), Coord(cy - 4));
        break;
    }
    AppendText(out, x + kSwatch + 6, cy + 4, label,
               fmt::format("font-size=\"{}\" fill=\"#222\"", kLegendFont));
    out += "</g>\n";
    x += w;
  }
  out += "</g>\n";
  return y + kRowHeight - y0;
}

void AppendSvgStart(std::string& out, std::string_view id,
                    std::string_view title, std::string_view description,
                    double height) {
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" "
      "role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" font-family=\"{}\">\n<title>{}</title>\n",
      Escape(id), Escape(description), Coord(kWidth), Coord(height),
      Coord(kWidth), Coord(height), kFontFamily, Escape(title));
  out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n",
                     Coord(kWidth), Coord(height));
  // A title wider than the chart is drawn narrower (by at most a third)
  // and beyond that cut with an ellipsis; the whole title stays in the
  // <title> above.
  constexpr double kAvailable = kWidth - 2 * kSideMargin;
  constexpr double kBold = 1.06;  // bold glyphs are a little wider
  constexpr double kMostSqueeze = 1.35;
  std::string shown(title);
  if (TextWidth(shown, kTitleFont) * kBold > kAvailable * kMostSqueeze) {
    shown = Shorten(title, static_cast<size_t>(kAvailable * kMostSqueeze /
                                               (0.62 * kTitleFont * kBold)));
  }
  std::string fit;
  if (TextWidth(shown, kTitleFont) * kBold > kAvailable) {
    fit = fmt::format(" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
                      Coord(kAvailable));
  }
  AppendText(out, kSideMargin, 24, shown,
             fmt::format("font-size=\"{}\" font-weight=\"bold\" "
                         "fill=\"#111\"{}",
                         kTitleFont, fit));
}

// x of a label of width `w` centred at `x`, kept inside the chart.
double ClampLabel(double x, double w) {
  return std::clamp(x, w / 2 + 2, kWidth - w / 2 - 2);
}

}  // namespace

std::string WrapSvg(std::string_view id, std::string_view title,
                    std::string_view description, double height,
                    const std::string& body) {
  std::string out;
  AppendSvgStart(out, id, title, description, height);
  out += body;
  out += "</svg>\n";
  return out;
}

double NiceStep(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / power;
  // A small tolerance keeps an exact 1, 2 or 5 (times a power of ten) from
  // being pushed up by rounding in log10 and the division.
  constexpr double kTol = 1e-9;
  if (f <= 1 + kTol) return power;
  if (f <= 2 + kTol) return 2 * power;
  if (f <= 5 + kTol) return 5 * power;
  return 10 * power;
}

Ticks NiceTicks(double lo, double hi, int target) {
  if (!Finite(lo) || !Finite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (lo > hi) std::swap(lo, hi);
  if (hi == lo) {
    // A flat series: show a unit range around it (or from zero).
    if (lo == 0) {
      hi = 1;
    } else {
      const double pad = std::abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  target = std::max(1, target);
  Ticks t;
  t.step = NiceStep((hi - lo) / target);
  // Indices of the first and last tick; the tolerance keeps a bound that is
  // a multiple of the step (up to rounding) from adding an extra tick.
  const double first = std::floor(lo / t.step + 1e-9);
  const double last = std::ceil(hi / t.step - 1e-9);
  for (double k = first; k <= last; ++k) {
    double v = k * t.step;
    if (v == 0) v = 0;  // no -0
    t.values.push_back(v);
  }
  if (t.values.size() < 2) t.values.push_back((last + 1) * t.step);
  t.decimals =
      std::max(0, -static_cast<int>(std::floor(std::log10(t.step) + 1e-9)));
  return t;
}

std::string FormatNumber(double v, int decimals) {
  if (!Finite(v)) return "\u2013";  // en dash: undefined
  std::string s = fmt::format("{:.{}f}", std::abs(v), decimals);
  const size_t point = s.find('.');
  const size_t int_end = point == std::string::npos ? s.size() : point;
  std::string grouped;
  for (size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) grouped += ',';
    grouped += s[i];
  }
  grouped += s.substr(int_end);
  const bool zero = grouped.find_first_not_of("0.,") == std::string::npos;
  return (v < 0 && !zero) ? "-" + grouped : grouped;
}

std::string SignedNumber(double v, int decimals) {
  std::string s = FormatNumber(v, decimals);
  if (Finite(v) && v > 0 && s.find_first_not_of("0.,") != std::string::npos) {
    s.insert(s.begin(), '+');
  }
  return s;
}

std::string Coord(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() >= 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
    s.resize(s.size() - 2);
  }
  if (s == "-0") s = "0";
  return s;
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

double TextWidth(std::string_view text, double font_size) {
  // DejaVu Sans, the usual sans-serif on Linux, averages a little under
  // 0.6 em per character for mixed text; 0.62 leaves room for wide letters.
  double chars = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) chars += 1;
  }
  return chars * 0.62 * font_size;
}

const Style& SeriesStyle(int index) {
  return kStyles[((index % kNumStyles) + kNumStyles) % kNumStyles];
}

// ---- Line charts ----------------------------------------------------------

std::string RenderLineChart(const LineChart& chart) {
  constexpr double kLeft = kLinePlotLeft;
  constexpr double kPlotWidth = kLinePlotWidth;
  constexpr double kPanelGap = 26;
  std::string body;

  // Legend: distinct series (label and style), then reference lines.
  std::vector<LegendItem> legend;
  for (const Panel& panel : chart.panels) {
    for (const Series& s : panel.series) {
      const bool seen = std::any_of(
          legend.begin(), legend.end(), [&](const LegendItem& item) {
            return item.label == s.label && item.style == s.style;
          });
      if (!seen) legend.push_back({s.label, LegendKind::kLine, s.style});
    }
  }
  for (const Panel& panel : chart.panels) {
    for (const RefLine& r : panel.refs) {
      const bool seen = std::any_of(
          legend.begin(), legend.end(), [&](const LegendItem& item) {
            return item.kind == LegendKind::kRef && item.label == r.label;
          });
      if (!seen) legend.push_back({r.label, LegendKind::kRef, 0});
    }
  }
  double y = 36;
  y += AppendLegend(body, chart.id, legend, kSideMargin, y,
                    kWidth - 2 * kSideMargin);
  y += 8;

  const double x_span = chart.x.hi > chart.x.lo ? chart.x.hi - chart.x.lo : 1;
  auto px = [&](double x) {
    return kLeft + (x - chart.x.lo) / x_span * kPlotWidth;
  };

  double bottom = y;
  for (size_t p = 0; p < chart.panels.size(); ++p) {
    const Panel& panel = chart.panels[p];
    body += "<g class=\"panel\">\n";
    AppendText(body, kLeft, y + 12, panel.caption,
               "font-size=\"12.5\" font-weight=\"bold\" fill=\"#333\"");
    const double top = y + 20;
    bottom = top + chart.panel_height;

    // y range: the data, the reference lines and the fixed ends.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const Series& s : panel.series) {
      for (double v : s.y) {
        if (!Finite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
    for (const RefLine& r : panel.refs) {
      lo = std::min(lo, r.y);
      hi = std::max(hi, r.y);
    }
    if (panel.y_min)
      lo = Finite(lo) ? std::min(lo, *panel.y_min) : *panel.y_min;
    if (panel.y_max)
      hi = Finite(hi) ? std::max(hi, *panel.y_max) : *panel.y_max;
    const Ticks ticks = NiceTicks(
        lo, hi, std::max(2, static_cast<int>(chart.panel_height / 45)));
    const double y_lo = ticks.values.front();
    const double y_span = ticks.values.back() - y_lo;
    auto py = [&](double v) {
      return bottom - (v - y_lo) / y_span * chart.panel_height;
    };

    // Grid and axes.
    for (double g : chart.x.minor_grid) {
      if (g < chart.x.lo || g > chart.x.hi) continue;
      AppendLine(body, px(g), top, px(g), bottom,
                 "stroke=\"#f1f1f1\" stroke-width=\"1\"");
    }
    for (double v : ticks.values) {
      AppendLine(body, kLeft, py(v), kLeft + kPlotWidth, py(v),
                 "stroke=\"#e2e2e2\" stroke-width=\"1\"");
      AppendText(body, kLeft - 6, py(v) + 4, FormatNumber(v, ticks.decimals),
                 fmt::format("font-size=\"{}\" text-anchor=\"end\" "
                             "fill=\"#333\"",
                             kTickFont));
    }
    for (const XTick& t : chart.x.ticks) {
      if (!t.grid) continue;
      AppendLine(body, px(t.x), top, px(t.x), bottom + 4,
                 t.major ? "stroke=\"#bdbdbd\" stroke-width=\"1\""
                         : "stroke=\"#e2e2e2\" stroke-width=\"1\"");
    }
    AppendLine(body, kLeft, bottom, kLeft + kPlotWidth, bottom,
               "stroke=\"#555\" stroke-width=\"1\"");
    AppendLine(body, kLeft, top, kLeft, bottom,
               "stroke=\"#555\" stroke-width=\"1\"");

    // Series: one polyline per run of defined values, so that an undefined
    // value (NaN) leaves a gap instead of a misleading line.
    for (const Series& s : panel.series) {
      const Style& style = SeriesStyle(s.style);
      const size_t n = std::min(s.x.size(), s.y.size());
      // A series with more points than about one per 1.5 pixels (a month
      // of half hours) is drawn thinner, so that overlaid series stay
      // apart.
      const bool dense = static_cast<double>(n) > kPlotWidth / 1.5;
      body += fmt::format(
          "<g class=\"series\" fill=\"none\" stroke=\"{}\" "
          "stroke-width=\"{}\" stroke-linejoin=\"round\"{}>\n",
          style.colour, dense ? "1.2" : "1.8", DashAttribute(style.dash));
      std::vector<size_t> isolated;
      size_t i = 0;
      while (i < n) {
        if (!Finite(s.y[i])) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < n && Finite(s.y[j])) ++j;
        if (j - i == 1) {
          isolated.push_back(i);
        } else {
          body += "<polyline points=\"";
          for (size_t k = i; k < j; ++k) {
            if (k > i) body += ' ';
            body += Coord(px(s.x[k]));
            body += ',';
            body += Coord(py(s.y[k]));
          }
          body += "\"/>\n";
        }
        i = j;
      }
      body += "</g>\n";
      // About 14 markers identify the series without colour. The series is
      // cut into windows, and each style owns its own slice of every window,
      // so that markers of overlapping series (a variant that matches the
      // base) do not hide each other; within its slice a marker goes on the
      // highest point, where it is seen, rather than on a zero baseline.
      body += fmt::format(
          "<g class=\"markers\" fill=\"{}\" stroke=\"#fff\" "
          "stroke-width=\"0.8\">",
          style.colour);
      const size_t every = std::max<size_t>(1, (n + 13) / 14);
      const size_t slice = std::max<size_t>(1, every / kNumStyles);
      const size_t offset =
          (every * static_cast<size_t>(s.style % kNumStyles)) / kNumStyles;
      for (size_t w = 0; w < n; w += every) {
        size_t best = n;
        for (size_t k = w + offset; k < std::min(n, w + offset + slice); ++k) {
          if (Finite(s.y[k]) && (best == n || s.y[k] > s.y[best])) best = k;
        }
        if (best < n) {
          AppendMarker(body, style.marker, px(s.x[best]), py(s.y[best]), 3.6);
        }
      }
      for (size_t k : isolated) {
        body += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.2\"/>",
                            Coord(px(s.x[k])), Coord(py(s.y[k])));
      }
      body += "</g>\n";
    }

    for (const RefLine& r : panel.refs) {
      AppendLine(body, kLeft, py(r.y), kLeft + kPlotWidth, py(r.y),
                 fmt::format("class=\"ref\" stroke=\"{}\" "
                             "stroke-width=\"1.6\"{}",
                             kRefColour, DashAttribute(kRefDash)));
      // White halo so that the label stays readable over the series.
      AppendText(body, kLeft + kPlotWidth - 4, py(r.y) - 5, r.label,
                 fmt::format("font-size=\"{}\" text-anchor=\"end\" "
                             "fill=\"{}\" stroke=\"#fff\" "
                             "stroke-width=\"3\" paint-order=\"stroke\"",
                             kTickFont, kRefColour));
    }
    body += "</g>\n";
    y = bottom + kPanelGap;
  }

  // x tick labels under the last panel; a label that would overlap the one
  // before it is left out.
  bool has_sublabels = false;
  double last_right = -1e9;
  double last_sub_right = -1e9;
  for (const XTick& t : chart.x.ticks) {
    const double w = TextWidth(t.label, kTickFont);
    const double x = ClampLabel(px(t.x), w);
    if (!t.label.empty() && x - w / 2 > last_right + 4) {
      AppendText(body, x, bottom + 16, t.label,
                 fmt::format("font-size=\"{}\" text-anchor=\"middle\" "
                             "fill=\"#333\"",
                             kTickFont));
      last_right = x + w / 2;
    }
    if (!t.sublabel.empty()) {
      const double sw = TextWidth(t.sublabel, kTickFont);
      const double sx = ClampLabel(px(t.x), sw);
      if (sx - sw / 2 > last_sub_right + 4) {
        AppendText(body, sx, bottom + 30, t.sublabel,
                   fmt::format("font-size=\"{}\" text-anchor=\"middle\" "
                               "fill=\"#333\" font-weight=\"bold\"",
                               kTickFont));
        last_sub_right = sx + sw / 2;
        has_sublabels = true;
      }
    }
  }
  const double title_y = bottom + (has_sublabels ? 50 : 36);
  AppendText(body, kLeft + kPlotWidth / 2, title_y, chart.x.title,
             fmt::format("font-size=\"{}\" text-anchor=\"middle\" "
                         "fill=\"#333\"",
                         kLabelFont));
  return WrapSvg(chart.id, chart.title, chart.description, title_y + 12, body);
}

// ---- Bar charts -----------------------------------------------------------

std::string RenderBarChart(const BarChart& chart) {
  constexpr double kIndent = 16;
  const size_t n_groups = chart.groups.size();
  const double bar_h = n_groups <= 1 ? 16 : 12;
  constexpr double kBarGap = 2;
  constexpr double kRowPad = 10;

  // Columns: category labels, bars, value labels.
  double label_w = 0;
  for (const BarCategory& c : chart.categories) {
    label_w = std::max(
        label_w, TextWidth(c.label, kLabelFont) + (c.indent ? kIndent : 0));
  }
  double max_end = 0;
  std::vector<std::vector<std::string>> value_text(n_groups);
  double value_w = 0;
  for (size_t g = 0; g < n_groups; ++g) {
    const BarGroup& group = chart.groups[g];
    for (size_t c = 0; c < chart.categories.size(); ++c) {
      const double v = c < group.value.size() ? group.value[c] : NAN;
      const double ci = c < group.ci95.size() ? group.ci95[c] : NAN;
      std::string text = FormatNumber(v, chart.decimals);
      if (Finite(v) && Finite(ci)) {
        text += " \u00b1 " + FormatNumber(ci, chart.decimals);
      }
      value_w = std::max(value_w, TextWidth(text, kTickFont));
      value_text[g].push_back(std::move(text));
      if (Finite(v)) max_end = std::max(max_end, v + (Finite(ci) ? ci : 0));
    }
  }
  const double left = kSideMargin + label_w + 14;
  const double right = kWidth - kSideMargin - value_w - 8;
  const Ticks ticks = NiceTicks(0, max_end, 5);
  const double x_hi = ticks.values.back();
  auto px = [&](double v) {
    return left + std::max(0.0, v) / x_hi * (right - left);
  };

  std::string body;
  std::vector<int> styles;
  std::vector<LegendItem> legend;
  for (const BarGroup& g : chart.groups) {
    styles.push_back(g.style);
    legend.push_back({g.label, LegendKind::kBar, g.style});
  }
  legend.push_back({"95% confidence interval", LegendKind::kWhisker, 0});
  AppendPatterns(body, chart.id, styles);
  double y = 36;
  y += AppendLegend(body, chart.id, legend, kSideMargin, y,
                    kWidth - 2 * kSideMargin);
  y += 10;

  const double rows_top = y;
  const double row_h = n_groups * bar_h +
                       (n_groups > 0 ? (n_groups - 1) * kBarGap : 0) + kRowPad;
  const double rows_bottom = rows_top + row_h * chart.categories.size();
  for (double v : ticks.values) {
    AppendLine(body, px(v), rows_top, px(v), rows_bottom + 4,
               "stroke=\"#e2e2e2\" stroke-width=\"1\"");
  }
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const BarCategory& cat = chart.categories[c];
    const double row_top = rows_top + c * row_h + kRowPad / 2;
    const double centre = row_top + (row_h - kRowPad) / 2;
    AppendText(body, kSideMargin + (cat.indent ? kIndent : 0), centre + 4,
               cat.label,
               fmt::format("font-size=\"{}\" fill=\"{}\"", kLabelFont,
                           cat.indent ? "#444" : "#111"));
    for (size_t g = 0; g < n_groups; ++g) {
      const BarGroup& group = chart.groups[g];
      const Style& s = SeriesStyle(group.style);
      const double v = c < group.value.size() ? group.value[c] : NAN;
      const double ci = c < group.ci95.size() ? group.ci95[c] : NAN;
      const double top = row_top + g * (bar_h + kBarGap);
      const double mid = top + bar_h / 2;
      double end = left;
      if (Finite(v)) {
        body += fmt::format(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" "
            "height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"/>",
            Coord(left), Coord(top), Coord(px(v) - left), Coord(bar_h),
            BarFill(chart.id, group.style), s.colour);
        end = px(v);
        if (Finite(ci) && ci > 0) {
          const double a = px(v - ci);
          const double b = px(v + ci);
          body += fmt::format(
              "<path class=\"whisker\" d=\"M{},{}H{}M{},{}v{}M{},{}v{}\" "
              "stroke=\"#111\" stroke-width=\"1.3\" fill=\"none\"/>",
              Coord(a), Coord(mid), Coord(b), Coord(a), Coord(mid - 4),
              Coord(8), Coord(b), Coord(mid - 4), Coord(8));
          end = std::max(end, b);
        }
      }
      AppendText(body, end + 6, mid + 4, value_text[g][c],
                 fmt::format("font-size=\"{}\" fill=\"#222\"", kTickFont));
    }
  }
  AppendLine(body, left, rows_top, left, rows_bottom,
             "stroke=\"#555\" stroke-width=\"1\"");
  AppendLine(body, left, rows_bottom, right, rows_bottom,
             "stroke=\"#555\" stroke-width=\"1\"");
  for (double v : ticks.values) {
    AppendText(body, px(v), rows_bottom + 16, FormatNumber(v, ticks.decimals),
               fmt::format("font-size=\"{}\" text-anchor=\"middle\" "
                           "fill=\"#333\"",
                           kTickFont));
  }
  const double title_y = rows_bottom + 36;
  AppendText(body, (left + right) / 2, title_y, chart.x_title,
             fmt::format("font-size=\"{}\" text-anchor=\"middle\" "
                         "fill=\"#333\"",
                         kLabelFont));
  return WrapSvg(chart.id, chart.title, chart.description, title_y + 12, body);
}

// ---- Difference charts ----------------------------------------------------

std::string RenderDiffChart(const DiffChart& chart) {
  constexpr double kVariantStep = 20;
  const size_t n_variants = chart.variant_labels.size();

  // Columns: metric label and unit, the plot, the value text.
  double label_w = 150;
  for (const DiffRow& row : chart.rows) {
    label_w = std::max(
        {label_w, TextWidth(row.label, 12.5), TextWidth(row.unit, 10.5)});
  }
  std::vector<std::vector<std::string>> texts(chart.rows.size());
  double value_w = 0;
  for (size_t r = 0; r < chart.rows.size(); ++r) {
    const DiffRow& row = chart.rows[r];
    for (const DiffPoint& p : row.points) {
      std::string text;
      if (!Finite(p.mean)) {
        text = "undefined";
      } else {
        text = SignedNumber(p.mean, row.decimals);
        if (Finite(p.ci95)) {
          text += " \u00b1 " + FormatNumber(p.ci95, row.decimals);
        }
        if (p.significant) text += " *";
      }
      value_w = std::max(value_w, TextWidth(text, 11.5));
      texts[r].push_back(std::move(text));
    }
  }
  const double left = kSideMargin + label_w + 20;
  const double right = kWidth - kSideMargin - value_w - 16;

  std::string body;
  std::vector<LegendItem> legend;
  for (size_t v = 0; v < n_variants; ++v) {
    const int style =
        v < chart.variant_styles.size() ? chart.variant_styles[v] : 0;
    legend.push_back(
        {chart.variant_labels[v] + " \u2212 base", LegendKind::kPoint, style});
  }
  legend.push_back({"95% CI of the difference", LegendKind::kWhisker, 0});
  legend.push_back({"filled: significant (CI excludes 0), marked *",
                    LegendKind::kPoint, 0, true});
  legend.push_back(
      {"hollow: not significant", LegendKind::kHollowPoint, 0, true});
  double y = 36;
  y += AppendLegend(body, chart.id, legend, kSideMargin, y,
                    kWidth - 2 * kSideMargin);
  y += 8;

  for (size_t r = 0; r < chart.rows.size(); ++r) {
    const DiffRow& row = chart.rows[r];
    // Each metric has its own scale, symmetric about zero so that the sign
    // of the difference is read at a glance.
    double extent = 0;
    for (const DiffPoint& p : row.points) {
      if (!Finite(p.mean)) continue;
      extent =
          std::max(extent, std::abs(p.mean) + (Finite(p.ci95) ? p.ci95 : 0));
    }
    if (!(extent > 0)) extent = 1;
    const Ticks ticks = NiceTicks(-extent, extent, 4);
    const double x_lo = ticks.values.front();
    const double x_span = ticks.values.back() - x_lo;
    auto px = [&](double v) {
      return left + (v - x_lo) / x_span * (right - left);
    };
    const double row_top = y;
    const double first_cy = row_top + 16;
    const double axis_y =
        first_cy + (n_variants > 0 ? (n_variants - 1) : 0) * kVariantStep + 12;
    const double row_bottom = axis_y + 20;
    body += "<g class=\"diff-row\">\n";
    if (r % 2 == 0) {
      body += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
          "fill=\"#f5f6f8\"/>\n",
          Coord(kSideMargin / 2), Coord(row_top), Coord(kWidth - kSideMargin),
          Coord(row_bottom - row_top));
    }
    AppendText(body, kSideMargin, row_top + 20, row.label,
               "font-size=\"12.5\" font-weight=\"bold\" fill=\"#111\"");
    AppendText(body, kSideMargin, row_top + 35, row.unit,
               "font-size=\"10.5\" fill=\"#555\"");
    for (double v : ticks.values) {
      AppendLine(body, px(v), row_top + 4, px(v), axis_y,
                 v == 0 ? "stroke=\"#444\" stroke-width=\"1.2\""
                        : "stroke=\"#dcdcdc\" stroke-width=\"1\"");
      AppendText(body, px(v), axis_y + 13, SignedNumber(v, ticks.decimals),
                 "font-size=\"10\" text-anchor=\"middle\" fill=\"#444\"");
    }
    AppendLine(body, left, axis_y, right, axis_y,
               "stroke=\"#888\" stroke-width=\"1\"");
    for (size_t v = 0; v < row.points.size() && v < n_variants; ++v) {
      const DiffPoint& p = row.points[v];
      const int style =
          v < chart.variant_styles.size() ? chart.variant_styles[v] : 0;
      const Style& s = SeriesStyle(style);
      const double cy = first_cy + v * kVariantStep;
      body += p.significant ? "<g class=\"diff sig\">" : "<g class=\"diff\">";
      if (Finite(p.mean)) {
        if (Finite(p.ci95)) {
          const double a = px(p.mean - p.ci95);
          const double b = px(p.mean + p.ci95);
          AppendLine(body, a, cy, b, cy,
                     "class=\"ci-bar\" stroke=\"#111\" stroke-width=\"1.4\"");
          body += fmt::format(
              "<path d=\"M{},{}v10M{},{}v10\" stroke=\"#111\" "
              "stroke-width=\"1.4\"/>",
              Coord(a), Coord(cy - 5), Coord(b), Coord(cy - 5));
        }
        AppendMarker(body, s.marker, px(p.mean), cy, 4.8,
                     p.significant ? fmt::format("fill=\"{}\" stroke=\"{}\" "
                                                 "stroke-width=\"1.4\"",
                                                 s.colour, s.colour)
                                   : fmt::format("fill=\"#fff\" stroke=\"{}\" "
                                                 "stroke-width=\"1.8\"",
                                                 s.colour));
      }
      AppendText(body, right + 14, cy + 4, texts[r][v],
                 p.significant
                     ? "font-size=\"11.5\" font-weight=\"bold\" fill=\"#111\""
                     : "font-size=\"11.5\" fill=\"#333\"");
      body += "</g>\n";
    }
    body += "</g>\n";
    y = row_bottom + 4;
  }
  return WrapSvg(chart.id, chart.title, chart.description, y + 8, body);
}

}  // namespace ccsim::svg
