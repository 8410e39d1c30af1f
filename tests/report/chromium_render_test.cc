// Renders HTML reports with headless Chromium: the page must draw (a
// screenshot with the charts' colours in it) and its DOM must hold every
// chart. Skipped when Chromium is not installed.
#include <png.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
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

}  // namespace
}  // namespace ccsim
