// Renders HTML reports with headless Chromium: the page must draw (a
// screenshot with the charts' colours in it), its DOM must hold every
// chart, and in a window 900 pixels wide nothing may be cut off (a copy of
// the report with a measuring script, which the report itself never has),
// the heatmaps must have their cells and marks, and the cell of an
// interval that is certainly understaffed must be drawn in the darkest red
// with its dot. Skipped when Chromium is not installed.
#include <png.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/html_report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::WriteFile;

// The executable `name` on PATH, or "".
std::string FindOnPath(std::string_view name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string_view rest = path;
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
    if (dir.empty()) continue;
    const std::string candidate = std::string(dir) + "/" + std::string(name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string FindChromium() {
  for (std::string_view name : {"chromium", "chromium-browser"}) {
    std::string found = FindOnPath(name);
    if (!found.empty()) return found;
  }
  return "";
}

// A fresh directory, removed with everything in it at the end. Chromium
// gets it as HOME and for its profile, so that it touches nothing else.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ccsim-chromium-XXXXXX")
            .string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Chromium {
  std::string binary;
  std::string dir;  // HOME and profile
};

// Runs headless Chromium with `args` (at most two minutes); returns what it
// printed on stdout (its stderr, e.g. harmless D-Bus complaints, is
// dropped) and sets `*exit_status`.
std::string RunChromium(const Chromium& c, const std::string& args,
                        int* exit_status) {
  const std::string command =
      "HOME='" + c.dir + "' timeout 120 '" + c.binary +
      "' --headless --no-sandbox --disable-gpu --hide-scrollbars "
      "--no-first-run --user-data-dir='" +
      c.dir + "/profile' " + args + " 2>/dev/null";
  const testing::Outcome o = testing::RunShell(command);
  *exit_status = o.status;
  return o.out;
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;  // 3 bytes a pixel, rows top down

  const unsigned char* pixel(size_t i) const { return &rgb[3 * i]; }
  size_t pixels() const { return rgb.size() / 3; }
};

bool ReadPng(const std::string& path, Image* out) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return false;
  image.format = PNG_FORMAT_RGB;
  out->rgb.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out->rgb.data(), 0, nullptr)) {
    png_image_free(&image);
    return false;
  }
  out->width = static_cast<int>(image.width);
  out->height = static_cast<int>(image.height);
  return true;
}

// Pixels within `tolerance` (sum of channel differences) of colour
// 0xRRGGBB.
int PixelsNear(const Image& img, unsigned colour, int tolerance) {
  const int r = (colour >> 16) & 0xFF;
  const int g = (colour >> 8) & 0xFF;
  const int b = colour & 0xFF;
  int n = 0;
  for (size_t i = 0; i < img.pixels(); ++i) {
    const unsigned char* p = img.pixel(i);
    if (std::abs(p[0] - r) + std::abs(p[1] - g) + std::abs(p[2] - b) <=
        tolerance) {
      ++n;
    }
  }
  return n;
}

Scenario SmallScenario(Time horizon) {
  return testing::SmallReportScenario(horizon);
}

class ChromiumRenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_.binary = FindChromium();
    if (chromium_.binary.empty()) {
      GTEST_SKIP() << "chromium not installed; install it (tools/setup.sh) "
                      "to check that HTML reports render";
    }
    ASSERT_FALSE(dir_.path().empty()) << "could not make a temp directory";
    chromium_.dir = dir_.path();
  }

  // Writes `html` to NAME in the temp directory; returns its file:// URL.
  std::string WriteReport(const std::string& name, const std::string& html) {
    const std::string path = dir_.path() + "/" + name;
    WriteFile(path, html);
    return "file://" + path;
  }

  // The DOM of `html` with the layout probe (WithProbe, for the heatmap
  // `map` and its cell of Monday 10:00) in a window 900 pixels wide, after
  // checking that the page fits it and nothing is cut off.
  std::string DumpNarrow(const std::string& name, const std::string& html,
                         std::string_view map);

  TempDir dir_;
  Chromium chromium_;
};

TEST_F(ChromiumRenderTest, ScreenshotShowsTheCharts) {
  const Scenario s = SmallScenario(Time::Days(2));
  RunOptions options;
  options.threads = 2;
  absl::StatusOr<RunResult> r = RunScenario(s, options);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string url = WriteReport("run.html", FormatHtmlReport(*r, s));
  const std::string png = dir_.path() + "/run.png";
  int status = 0;
  RunChromium(
      chromium_,
      "--screenshot='" + png + "' --window-size=1280,4000 '" + url + "'",
      &status);
  EXPECT_EQ(status, 0);
  ASSERT_TRUE(std::filesystem::exists(png)) << "no screenshot";

  Image img;
  ASSERT_TRUE(ReadPng(png, &img));
  EXPECT_EQ(img.width, 1280);
  EXPECT_EQ(img.height, 4000);

  // Not blank: text, grid and lines cover a few percent of the page, in
  // many colours.
  size_t ink = 0;
  std::set<int> colours;
  for (size_t i = 0; i < img.pixels(); ++i) {
    const unsigned char* p = img.pixel(i);
    if (p[0] < 235 || p[1] < 235 || p[2] < 235) ++ink;
    colours.insert((p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4));
  }
  EXPECT_GT(static_cast<double>(ink) / img.pixels(), 0.03);
  EXPECT_GE(colours.size(), 8u);
  // The series colours and the target line were drawn: navy (offered,
  // service level, ...), amber (answered, ...) and the red target.
  EXPECT_GT(PixelsNear(img, 0x1a2b4c, 40), 200);
  EXPECT_GT(PixelsNear(img, 0xe69500, 40), 200);
  EXPECT_GT(PixelsNear(img, 0xb2182b, 40), 20);
}

TEST_F(ChromiumRenderTest, RenderedDomHoldsEveryChart) {
  const Scenario base = SmallScenario(Time::Days(2));
  Scenario variant = base;
  variant.name = "one more agent";
  for (int& a : variant.agent_groups[0].staffing) a += 1;
  const std::vector<Scenario> variants = {variant};
  CompareOptions options;
  options.threads = 2;
  absl::StatusOr<Comparison> c = CompareScenarios(base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string url =
      WriteReport("compare.html", FormatHtmlComparison(*c, base, variants));

  int status = 0;
  const std::string dom =
      RunChromium(chromium_, "--dump-dom '" + url + "'", &status);
  EXPECT_EQ(status, 0);
  ASSERT_TRUE(Contains(dom, "<svg")) << dom.substr(0, 500);
  for (std::string_view id :
       {"chart-offered-answered", "chart-service-level", "chart-wait-abandon",
        "chart-agents", "chart-offered-answered-day", "chart-service-level-day",
        "chart-wait-abandon-day", "chart-agents-day", "chart-call-flow",
        "chart-differences"}) {
    EXPECT_TRUE(Contains(dom, "id=\"" + std::string(id) + "\"")) << id;
  }
  // The parser kept the SVG content (e.g. the difference chart's whiskers
  // and the escaped legend labels).
  EXPECT_TRUE(Contains(dom, "class=\"ci-bar\""));
  EXPECT_TRUE(Contains(dom, "one more agent"));
}

// ---- A window 900 pixels wide ---------------------------------------------

constexpr int kNarrow = 900;  // as kNarrowWindow

// Measures the laid-out page and writes the results into <pre
// id="probe">, one "name value" a line: `fits` (1 when the page is no
// wider than the window), `cut` (elements reaching past the window's right
// edge outside a box that scrolls, with the first few named), `cells` and
// `rises` of the heatmap `map`, and the box of the cell whose tooltip
// starts with `cell` (left top width height).
std::string WithProbe(const std::string& html, std::string_view map,
                      std::string_view cell) {
  const std::string script = fmt::format(
      R"JS(<script>
(function() {{
  const W = document.documentElement.clientWidth;
  const cut = [];
  for (const e of document.body.querySelectorAll('*')) {{
    if (e.parentElement.closest('.scroll')) continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 0.5)
      cut.push(e.tagName + '#' + e.id + '.' + e.className);
  }}
  const map = document.getElementById('{0}');
  const lines = [
    'fits ' + (document.documentElement.scrollWidth <= W ? 1 : 0),
    'cut ' + cut.length + ' ' + cut.slice(0, 4).join(' '),
    'cells ' + map.querySelectorAll('g.cells > rect.cell').length,
    'rises ' + map.querySelectorAll('g.cells + g.marks > .mk-rise').length,
    'dots ' + map.querySelectorAll('g.cells + g.marks > .mk-dot').length];
  for (const t of map.querySelectorAll('rect.cell > title')) {{
    if (!t.textContent.startsWith('{1}:')) continue;
    const b = t.parentElement.getBoundingClientRect();
    lines.push('box ' + [b.left, b.top, b.width, b.height].join(' '));
  }}
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = '\n' + lines.join('\n') + '\n';
  document.body.appendChild(pre);
}})();
</script>)JS",
      map, cell);
  std::string out = html;
  out.insert(out.rfind("</body>"), script);
  return out;
}

// The value after "\nNAME " in the probe's output, up to the line's end.
std::string Probe(const std::string& dom, std::string_view name) {
  const std::string key = "\n" + std::string(name) + " ";
  const size_t at = dom.find(key);
  if (at == std::string::npos) return "";
  const size_t start = at + key.size();
  return dom.substr(start, dom.find('\n', start) - start);
}

constexpr std::string_view kNarrowWindow = "--window-size=900,2400";

std::string ChromiumRenderTest::DumpNarrow(const std::string& name,
                                           const std::string& html,
                                           std::string_view map) {
  int status = 0;
  const std::string dom = RunChromium(
      chromium_,
      std::string(kNarrowWindow) + " --dump-dom '" +
          WriteReport(name, WithProbe(html, map, "Mon 1 Jan 10:00")) + "'",
      &status);
  EXPECT_EQ(status, 0);
  const size_t probe = std::min(dom.find("<pre"), dom.size());
  EXPECT_EQ(Probe(dom, "fits"), "1") << dom.substr(probe);
  EXPECT_EQ(Probe(dom, "cut"), "0 ") << dom.substr(probe);
  return dom;
}

// The small report queue with one agent from 10:00 to 11:00: its service
// level there is near zero in every replication.
Scenario UnderstaffedAtTen() {
  Scenario s = SmallScenario(Time::Days(2));
  for (int i : {20, 21}) s.agent_groups[0].staffing[i] = 1;
  return s;
}

TEST_F(ChromiumRenderTest, RunReportFits900PixelsAndMarksTheUnderstaffedHour) {
  const Scenario s = UnderstaffedAtTen();
  RunOptions options;
  options.threads = 2;
  absl::StatusOr<RunResult> r = RunScenario(s, options);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string html = FormatHtmlReport(*r, s);
  const std::string dom =
      DumpNarrow("probe.html", html, "heatmap-service-level");
  EXPECT_EQ(Probe(dom, "cells"), std::to_string(r->intervals.size()));
  int below = 0;
  for (const IntervalEstimates& ie : r->intervals) {
    const Estimate& e = ie.metrics[static_cast<int>(Metric::kServiceLevel)];
    if (std::isfinite(e.ci95) && e.mean + e.ci95 < 0.8) ++below;
  }
  EXPECT_GE(below, 4);
  EXPECT_EQ(Probe(dom, "dots"), std::to_string(below));

  // The cell of Monday 10:00 on a screenshot of the report itself: dark red
  // near its corner, the dark dot at its centre.
  double left = 0, top = 0, width = 0, height = 0;
  ASSERT_EQ(std::sscanf(Probe(dom, "box").c_str(), "%lf %lf %lf %lf", &left,
                        &top, &width, &height),
            4)
      << dom.substr(dom.find("<pre"));
  EXPECT_GT(width, 8);
  const std::string png = dir_.path() + "/narrow.png";
  int status = 0;
  RunChromium(chromium_,
              "--screenshot='" + png + "' " + std::string(kNarrowWindow) +
                  " '" + WriteReport("narrow.html", html) + "'",
              &status);
  Image img;
  ASSERT_TRUE(ReadPng(png, &img));
  ASSERT_EQ(img.width, kNarrow);
  auto rgb = [&](double x, double y) {
    const unsigned char* p =
        img.pixel(static_cast<size_t>(y) * img.width + static_cast<size_t>(x));
    return (p[0] << 16) | (p[1] << 8) | p[2];
  };
  auto near = [](int got, unsigned want) {
    int d = 0;
    for (int shift : {16, 8, 0}) {
      d += std::abs(((got >> shift) & 0xFF) -
                    static_cast<int>((want >> shift) & 0xFF));
    }
    return d <= 40;
  };
  ASSERT_LT(top + height, img.height);
  EXPECT_TRUE(near(rgb(left + 2, top + 2), 0x99000d))
      << std::hex << rgb(left + 2, top + 2);
  EXPECT_TRUE(
      near(rgb(left + width / 2 - 0.5, top + height / 2 - 0.5), 0x111111))
      << std::hex << rgb(left + width / 2 - 0.5, top + height / 2 - 0.5);
}

TEST_F(ChromiumRenderTest, ComparisonOfThreeVariantsFits900Pixels) {
  const Scenario base = UnderstaffedAtTen();
  std::vector<Scenario> variants;
  for (int v = 1; v <= 3; ++v) {
    Scenario s = base;
    s.name = fmt::format("ten o'clock staffed with {} agents", 2 * v + 3);
    for (int i : {20, 21}) s.agent_groups[0].staffing[i] = 2 * v + 3;
    variants.push_back(s);
  }
  CompareOptions options;
  options.threads = 2;
  absl::StatusOr<Comparison> c = CompareScenarios(base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string html = FormatHtmlComparison(*c, base, variants);
  const std::string dom =
      DumpNarrow("compare-probe.html", html, "heatmap-diff-service-level-3");
  const VariantComparison& vc = c->variants[2];
  EXPECT_EQ(Probe(dom, "cells"), std::to_string(vc.intervals.size()));
  int rises = 0;
  for (const IntervalComparison& row : vc.intervals) {
    const PairedEstimate& p =
        row.metrics[static_cast<int>(Metric::kServiceLevel)];
    if (p.significant && p.difference.mean > 0) ++rises;
  }
  EXPECT_GE(rises, 4);
  EXPECT_EQ(Probe(dom, "rises"), std::to_string(rises));
  // Every heatmap, and the summary table whole in the DOM.
  for (int v = 1; v <= 3; ++v) {
    EXPECT_TRUE(
        Contains(dom, fmt::format("id=\"heatmap-diff-service-level-{}\"", v)));
  }
  EXPECT_TRUE(Contains(dom, "id=\"comparison-table\""));
}

}  // namespace
}  // namespace ccsim
