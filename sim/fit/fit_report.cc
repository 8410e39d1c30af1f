// The fit report (ccsim fit --report): per fitted quantity the data
// against the fitted families, the parameters with their intervals, and
// every assumption the fit made.
#include <algorithm>
#include <cmath>
#include <string>

#include "ccsim/fit.h"
#include "fmt/format.h"
#include "sim/fit/estimators.h"
#include "sim/report/page.h"
#include "sim/report/svg.h"

namespace ccsim {

namespace {

using svg::Escape;

// The CDF of a candidate family at t.
double CandidateCdf(const FittedDuration::Candidate& c, double t) {
  fit::FamilyFit f;
  f.family = c.family;
  f.params = c.params;
  return fit::Cdf(f, t);
}

std::string Params(const FittedDuration::Candidate& c) {
  std::string out;
  for (size_t i = 0; i < c.params.size(); ++i) {
    const auto& [name, v] = c.params[i];
    const double hw = i < c.half_widths.size() ? c.half_widths[i] : NAN;
    const bool seconds = name != "shape";
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {:.4g}{}", name, v, seconds ? " s" : "");
    if (std::isfinite(hw)) {
      out += fmt::format(" ± {:.2g}{}", hw, seconds ? " s" : "");
    }
  }
  return out;
}

// Data against the fitted families: the empirical CDF (uncensored data)
// or the Kaplan-Meier survival (censored), with each family's curve.
std::string DurationChart(const std::string& id, const std::string& what,
                          const FittedDuration& d) {
  const bool censored = !d.kaplan_meier.empty();
  double hi = 0;
  if (censored) {
    hi = d.kaplan_meier.back().first;
  } else if (!d.observed.empty()) {
    // Up to the 99th percentile: a long tail would squash the body.
    hi = d.observed[d.observed.size() * 99 / 100];
  }
  if (!(hi > 0)) return "";
  svg::LineChart chart;
  chart.id = id;
  chart.title = what;
  const svg::Ticks ticks = svg::NiceTicks(0, hi, 8);
  chart.x.lo = 0;
  chart.x.hi = ticks.values.back();
  for (double t : ticks.values) {
    chart.x.ticks.push_back({.x = t,
                             .label = svg::FormatNumber(t, ticks.decimals),
                             .sublabel = "",
                             .major = false,
                             .grid = true});
  }
  chart.x.title = "seconds";
  svg::Panel p;
  p.caption = censored ? "share still waiting (survival), %"
                       : "share at most this long (cumulative), %";
  p.y_min = 0;
  p.y_max = 100;
  svg::Series data;
  data.label = censored ? "data (Kaplan-Meier)" : "data";
  data.style = 0;
  if (censored) {
    for (const auto& [t, s] : d.kaplan_meier) {
      if (t > chart.x.hi) break;
      data.x.push_back(t);
      data.y.push_back(100 * s);
    }
  } else {
    const size_t n = d.observed.size();
    for (size_t i = 0; i < n; ++i) {
      if (d.observed[i] > chart.x.hi) break;
      data.x.push_back(d.observed[i]);
      data.y.push_back(100.0 * static_cast<double>(i + 1) /
                       static_cast<double>(n));
    }
  }
  p.series.push_back(std::move(data));
  int style = 1;
  for (const FittedDuration::Candidate& c : d.candidates) {
    svg::Series s;
    s.label = c.family + (c.chosen ? " (chosen)" : "");
    s.style = style++;
    for (int i = 0; i <= 120; ++i) {
      const double t = chart.x.hi * i / 120;
      const double cdf = CandidateCdf(c, t);
      s.x.push_back(t);
      s.y.push_back(100 * (censored ? 1 - cdf : cdf));
    }
    p.series.push_back(std::move(s));
  }
  chart.panels.push_back(std::move(p));
  chart.panel_height = 200;
  chart.description = what + ": the data against each fitted family";
  return svg::RenderLineChart(chart);
}

void AppendDuration(std::string& out, const std::string& id,
                    const std::string& what, const FittedDuration& d) {
  if (!d.fitted) return;
  out += fmt::format("<h3>{}</h3>\n<p>{}: <strong>{}</strong>. {} values",
                     Escape(what), Escape(what), Escape(d.summary), d.n);
  if (d.events < d.n) {
    out += fmt::format(
        ", {} of them observed and {:.0f}% censored (the mean of the "
        "observed ones alone is {:.1f} s, which censoring biases low)",
        d.events, 100.0 * (d.n - d.events) / d.n, d.mean_observed);
  } else {
    out += fmt::format(", mean {:.1f} s", d.mean_observed);
  }
  out += ".</p>\n";
  out +=
      "<table><thead><tr><th>family</th><th>parameters (95% interval)"
      "</th><th>AIC</th><th>distance</th><th>fits</th></tr></thead>"
      "<tbody>\n";
  for (const FittedDuration::Candidate& c : d.candidates) {
    out += fmt::format(
        "<tr><td>{}{}</td><td>{}</td><td>{:.1f}</td><td>{:.4f}</td>"
        "<td>{}</td></tr>\n",
        Escape(c.family), c.chosen ? " (chosen)" : "", Escape(Params(c)), c.aic,
        c.distance, c.fits ? "yes" : "no");
  }
  out += "</tbody></table>\n";
  out += DurationChart(id, what, d);
}

std::string Pct(double v) { return fmt::format("{:.1f}%", 100 * v); }

}  // namespace

std::string FormatFitHtml(const FitResult& r, const FitOptions& o) {
  std::string out;
  const std::string& source =
      o.calls_path.empty() ? o.intervals_path : o.calls_path;
  report::AppendPageStart(out, "Fit: " + source);
  out += fmt::format("<h1>Fit of {}</h1>\n", Escape(source));
  out += "<table class=\"meta\">\n";
  report::AppendMetaRow(
      out, o.calls_path.empty() ? "Interval report" : "Call export",
      Escape(source));
  if (!o.agents_path.empty()) {
    report::AppendMetaRow(out, "Agent export", Escape(o.agents_path));
  }
  report::AppendMetaRow(
      out, "Period",
      fmt::format("{} to {} ({} days)", r.first_date, r.last_date, r.days));
  report::AppendMetaRow(out, "Rows",
                        fmt::format("{} read, {} used", r.rows, r.used));
  out += "</table>\n";
  if (!r.excluded.empty()) {
    out +=
        "<h2>Rows left out</h2>\n<table><thead><tr><th>reason</th>"
        "<th>rows</th><th>first at row</th></tr></thead><tbody>\n";
    for (size_t i = 0; i < r.excluded.size(); ++i) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         Escape(r.excluded[i].first), r.excluded[i].second,
                         r.excluded_first_row[i]);
    }
    out += "</tbody></table>\n";
  }
  out += "<h2>Assumptions and notes</h2>\n<ul>\n";
  out +=
      "<li>Families are chosen by AIC among exponential, Weibull, "
      "lognormal (and gamma without censoring); a family fits when its "
      "distance to the data is at most max(1.63/√n, 0.03) "
      "(Kolmogorov-Smirnov, or the gap to the Kaplan-Meier curve where "
      "enough remain at risk). Intervals are 95%, from the observed "
      "information.</li>\n";
  out +=
      "<li>Arrivals: each date's first calls spread over the day by the "
      "intraday profile of its class of day (Monday to Friday, Saturday, "
      "Sunday); repeats come from the fitted redials and returns.</li>\n";
  for (const std::string& n : r.notes) out += "<li>" + Escape(n) + "</li>\n";
  out += "</ul>\n";
  for (size_t i = 0; i < r.call_types.size(); ++i) {
    const FittedCallType& t = r.call_types[i];
    out += fmt::format("<h2>Call type {}</h2>\n", Escape(t.name));
    out += "<table class=\"meta\">\n";
    report::AppendMetaRow(
        out, "Calls",
        fmt::format("{:.0f}, of them {:.0f} first calls", t.calls, t.fresh));
    report::AppendMetaRow(
        out, "Day to day",
        fmt::format("daily_cv {:.3f}; weekday factors {:.2f}", t.daily_cv,
                    fmt::join(t.weekday_factor, ", ")));
    if (t.ivr_to_queue > 0 || t.ivr_hang_up > 0) {
      report::AppendMetaRow(
          out, "IVR",
          fmt::format("to a queue {}, hung up {}, self service {}, informed "
                      "{}, sent elsewhere {}",
                      Pct(t.ivr_to_queue), Pct(t.ivr_hang_up),
                      Pct(t.ivr_contained), Pct(t.ivr_informed),
                      Pct(t.ivr_transferred_out)));
    }
    report::AppendMetaRow(
        out, "Repeats",
        fmt::format("redial after abandoning {}, after a busy signal {}, "
                    "after an IVR hang-up {}; fcr {:.3f}",
                    Pct(t.redial_after_abandon), Pct(t.redial_after_busy),
                    Pct(t.redial_after_ivr), t.fcr));
    report::AppendMetaRow(out, "Short abandons",
                          Pct(t.short_abandons) + " of abandons within 5 s");
    out += "</table>\n";
    const std::string id = fmt::format("type{}", i);
    AppendDuration(out, id + "-talk", "Handle time", t.talk);
    AppendDuration(out, id + "-wrap", "After-call work", t.wrap);
    AppendDuration(out, id + "-patience", "Patience", t.patience);
    AppendDuration(out, id + "-redial", "Redial delay", t.redial_delay);
    AppendDuration(out, id + "-return", "Return delay", t.return_delay);
  }
  out +=
      "<h2>Agent groups</h2>\n<table><thead><tr><th>group</th><th>skills"
      "</th><th>agents when staffed</th><th>from</th><th>unlabelled "
      "unavailable time</th></tr></thead><tbody>\n";
  for (const FittedGroup& g : r.groups) {
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{:.1f}</td><td>{}</td><td>{}</td>"
        "</tr>\n",
        Escape(g.name), Escape(fmt::format("{}", fmt::join(g.skills, ", "))),
        g.mean_agents,
        g.from_agent_log ? "agent export" : "agents seen answering calls",
        g.from_agent_log ? Pct(g.unlabelled_share) : "-");
  }
  out += "</tbody></table>\n";
  report::AppendPageEnd(out);
  return out;
}

}  // namespace ccsim
