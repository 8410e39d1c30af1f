// The back-test as text (table, JSON, CSV) and as an HTML page.
#include <cmath>
#include <string>

#include "ccsim/backtest.h"
#include "fmt/format.h"
#include "sim/report/page.h"
#include "sim/report/svg.h"
#include "sim/run/text_format.h"

namespace ccsim {

namespace {

using report_internal::JsonNumber;
using report_internal::JsonString;

// Counts with one decimal; shares as percentages; seconds with two.
std::string Value(const BacktestMetric& m, double v) {
  if (!std::isfinite(v)) return "-";
  if (m.is_count) return fmt::format("{:.1f}", v);
  if (m.name == "asa_s") return fmt::format("{:.2f}", v);
  return fmt::format("{:.2f}%", 100 * v);
}

// Differences (signed) and their sizes: rates in percentage points.
std::string Diff(const BacktestMetric& m, double v, bool sign = true) {
  if (!std::isfinite(v)) return "-";
  const bool points = !m.is_count && m.name != "asa_s";
  const double x = points ? 100 * v : v;
  const char* unit = points ? " pp" : "";
  return sign ? fmt::format("{:+.2f}{}", x, unit)
              : fmt::format("{:.2f}{}", x, unit);
}

std::string Start(const BacktestResult& r, size_t i) {
  const int64_t minutes =
      r.interval.ticks() / Time::Minutes(1).ticks() *
      static_cast<int64_t>(i % static_cast<size_t>(r.intervals_per_day));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string Table(const BacktestResult& r) {
  std::string out = fmt::format(
      "backtest of {} against {}{}: {} to {} ({} days), {} replications, "
      "seed {}\n\n",
      r.scenario, r.calls_path,
      r.agents_path.empty() ? "" : " and " + r.agents_path, r.first_date,
      r.last_date, r.days, r.replications, r.seed);
  out += fmt::format("{:<15} {:>12} {:>12} {:>25} {:>11} {:>11} {:>10} {:>9}\n",
                     "metric", "observed", "simulated", "95% prediction band",
                     "bias", "MAE", "in band", "intervals");
  for (const BacktestMetric& m : r.metrics) {
    out += fmt::format(
        "{:<15} {:>12} {:>12} {:>25} {:>11} {:>11} {:>9.1f}% {:>9}\n", m.name,
        Value(m, m.observed_total), Value(m, m.sim_total),
        fmt::format("{} .. {}", Value(m, m.band_total_lo),
                    Value(m, m.band_total_hi)),
        Diff(m, m.bias), Diff(m, m.mae, false), 100 * m.coverage, m.intervals);
  }
  out +=
      "\nbias and MAE are per interval (simulated mean - observed); "
      "'in band' is the share of intervals whose observed value lies in "
      "the simulation's 95% prediction band.\n";
  for (const std::string& n : r.notes) out += "note: " + n + "\n";
  return out;
}

std::string Json(const BacktestResult& r) {
  std::string out = "{";
  out += fmt::format(
      "\"scenario\": {}, \"calls\": {}, \"agents\": {}, \"first_date\": {}, "
      "\"last_date\": {}, \"days\": {}, \"replications\": {}, \"seed\": {}, "
      "\"metrics\": {{",
      JsonString(r.scenario), JsonString(r.calls_path),
      JsonString(r.agents_path), JsonString(r.first_date),
      JsonString(r.last_date), r.days, r.replications, r.seed);
  for (size_t k = 0; k < r.metrics.size(); ++k) {
    const BacktestMetric& m = r.metrics[k];
    auto list = [](const std::vector<double>& v) {
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) {
        if (i > 0) s += ", ";
        s += JsonNumber(v[i]);
      }
      return s + "]";
    };
    out += fmt::format(
        "{}{}: {{\"observed\": {}, \"simulated\": {}, \"band\": [{}, {}], "
        "\"bias\": {}, \"mae\": {}, \"coverage\": {}, \"intervals\": {}, "
        "\"per_interval\": {{\"observed\": {}, \"simulated\": {}, "
        "\"band_lo\": {}, \"band_hi\": {}}}}}",
        k > 0 ? ", " : "", JsonString(m.name), JsonNumber(m.observed_total),
        JsonNumber(m.sim_total), JsonNumber(m.band_total_lo),
        JsonNumber(m.band_total_hi), JsonNumber(m.bias), JsonNumber(m.mae),
        JsonNumber(m.coverage), m.intervals, list(m.observed), list(m.sim_mean),
        list(m.band_lo), list(m.band_hi));
  }
  out += "}, \"notes\": [";
  for (size_t i = 0; i < r.notes.size(); ++i) {
    out += (i > 0 ? ", " : "") + JsonString(r.notes[i]);
  }
  return out + "]}\n";
}

std::string Csv(const BacktestResult& r) {
  std::string out = "day,start,metric,observed,simulated,band_lo,band_hi\n";
  auto num = [](double v) {
    return std::isfinite(v) ? fmt::format("{}", v) : std::string();
  };
  for (const BacktestMetric& m : r.metrics) {
    out += fmt::format(",,{},{},{},{},{}\n", m.name, num(m.observed_total),
                       num(m.sim_total), num(m.band_total_lo),
                       num(m.band_total_hi));
  }
  for (const BacktestMetric& m : r.metrics) {
    for (size_t i = 0; i < m.observed.size(); ++i) {
      out +=
          fmt::format("{},{},{},{},{},{},{}\n",
                      i / static_cast<size_t>(r.intervals_per_day) + 1,
                      Start(r, i), m.name, num(m.observed[i]),
                      num(m.sim_mean[i]), num(m.band_lo[i]), num(m.band_hi[i]));
    }
  }
  return out;
}

}  // namespace

std::string FormatBacktest(const BacktestResult& r, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return Json(r);
    case OutputFormat::kCsv:
      return Csv(r);
    case OutputFormat::kTable:
      break;
  }
  return Table(r);
}

std::string FormatBacktestHtml(const BacktestResult& r) {
  std::string out;
  report::AppendPageStart(out, "Back-test: " + r.scenario);
  out += fmt::format("<h1>Back-test of {}</h1>\n", svg::Escape(r.scenario));
  out += "<table class=\"meta\">\n";
  report::AppendMetaRow(out, "Call export", svg::Escape(r.calls_path));
  if (!r.agents_path.empty()) {
    report::AppendMetaRow(out, "Agent export", svg::Escape(r.agents_path));
  }
  report::AppendMetaRow(
      out, "Period",
      fmt::format("{} to {} ({} days)", r.first_date, r.last_date, r.days));
  report::AppendMetaRow(out, "Replications",
                        fmt::format("{} (seed {})", r.replications, r.seed));
  out += "</table>\n<h2>Totals and fit per interval</h2>\n";
  out +=
      "<table><thead><tr><th>metric</th><th>observed</th><th>simulated"
      "</th><th>95% prediction band</th><th>bias per interval</th><th>MAE"
      "</th><th>intervals in band</th></tr></thead><tbody>\n";
  for (const BacktestMetric& m : r.metrics) {
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} .. {}</td><td>{}</td>"
        "<td>{}</td><td>{:.1f}% of {}</td></tr>\n",
        m.name, Value(m, m.observed_total), Value(m, m.sim_total),
        Value(m, m.band_total_lo), Value(m, m.band_total_hi), Diff(m, m.bias),
        Diff(m, m.mae, false), 100 * m.coverage, m.intervals);
  }
  out +=
      "</tbody></table>\n<p>The band is where one period's value of the "
      "simulated centre falls 95% of the time: mean ± t·sd·√(1 + 1/R) over "
      "the R replications. A good model has about 95% of the observed "
      "intervals inside it and a bias near zero.</p>\n";
  // Per metric: observed against the band, per interval.
  const double day_s = 86400;
  svg::XAxis axis;
  axis.lo = 0;
  axis.hi = r.days * day_s;
  const int step = r.days <= 14 ? 1 : 7;
  for (int d = 0; d <= r.days; d += step) {
    axis.ticks.push_back({.x = d * day_s,
                          .label = fmt::format("day {}", d + 1),
                          .sublabel = "",
                          .major = true,
                          .grid = true});
  }
  axis.title = "Day";
  const double interval_s = r.interval.seconds();
  for (const BacktestMetric& m : r.metrics) {
    svg::LineChart chart;
    chart.id = "bt-" + m.name;
    chart.title = m.name + ": observed and simulated per interval";
    chart.description = chart.title;
    chart.x = axis;
    svg::Panel p;
    const double scale = m.is_count || m.name == "asa_s" ? 1 : 100;
    p.caption = m.is_count          ? "calls per interval"
                : m.name == "asa_s" ? "seconds"
                                    : "percent";
    auto series = [&](std::string label, int style,
                      const std::vector<double>& v) {
      svg::Series s;
      s.label = std::move(label);
      s.style = style;
      for (size_t i = 0; i < v.size(); ++i) {
        s.x.push_back((static_cast<double>(i) + 0.5) * interval_s);
        s.y.push_back(v[i] * scale);
      }
      return s;
    };
    p.series.push_back(series("observed", 0, m.observed));
    p.series.push_back(series("simulated mean", 1, m.sim_mean));
    p.series.push_back(series("95% band", 2, m.band_lo));
    p.series.push_back(series("95% band", 2, m.band_hi));
    chart.panels.push_back(std::move(p));
    out += fmt::format("<h2>{}</h2>\n", svg::Escape(m.name));
    out += svg::RenderLineChart(chart);
  }
  if (!r.notes.empty()) {
    out += "<h2>Notes</h2>\n<ul>\n";
    for (const std::string& n : r.notes) {
      out += "<li>" + svg::Escape(n) + "</li>\n";
    }
    out += "</ul>\n";
  }
  report::AppendPageEnd(out);
  return out;
}

}  // namespace ccsim
