// ccsim fit: a scenario from a call export (and an agent export).
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/fit.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "ccsim/time.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"
#include "output_file.h"

namespace po = boost::program_options;

namespace ccsim::tools {

namespace {

// What the fit found, one line per quantity, for the terminal.
std::string Summary(const FitResult& r, const std::string& output) {
  std::string out =
      fmt::format("ccsim fit: {} of {} rows used, {} to {} ({} days)\n", r.used,
                  r.rows, r.first_date, r.last_date, r.days);
  for (size_t i = 0; i < r.excluded.size(); ++i) {
    out += fmt::format("  left out: {} rows: {} (first at row {})\n",
                       r.excluded[i].second, r.excluded[i].first,
                       r.excluded_first_row[i]);
  }
  for (const FittedCallType& t : r.call_types) {
    out += fmt::format(
        "call type {}: {:.0f} calls, {:.0f} of them first "
        "calls; daily_cv {:.3f}\n",
        t.name, t.calls, t.fresh, t.daily_cv);
    out += fmt::format("  handle time  {}\n", t.talk.summary);
    if (t.wrap.fitted)
      out += fmt::format("  wrap-up      {}\n", t.wrap.summary);
    if (t.patience.fitted) {
      out += fmt::format(
          "  patience     {} from {} waits, {:.0f}% censored (abandoners' "
          "mean wait {:.1f} s); {:.1f}% of abandons within 5 s\n",
          t.patience.summary, t.patience.n,
          100.0 * (t.patience.n - t.patience.events) /
              std::max(1, t.patience.n),
          t.patience.mean_observed, 100 * t.short_abandons);
    }
    if (t.redial_delay.fitted) {
      out += fmt::format(
          "  redials      after abandon {:.1f}%, busy {:.1f}%, IVR {:.1f}%; "
          "delay {}\n",
          100 * t.redial_after_abandon, 100 * t.redial_after_busy,
          100 * t.redial_after_ivr, t.redial_delay.summary);
    }
    if (t.return_delay.fitted) {
      out += fmt::format("  returns      fcr {:.3f}; delay {}\n", t.fcr,
                         t.return_delay.summary);
    }
  }
  for (const FittedGroup& g : r.groups) {
    out += fmt::format(
        "group {}: skills {}; {:.1f} agents on average when "
        "staffed ({})\n",
        g.name, fmt::join(g.skills, ", "), g.mean_agents,
        g.from_agent_log ? "agent log" : "agents seen in calls");
    if (g.from_agent_log) {
      out += fmt::format("  breaks {:.1f}%, AUX {:.1f}% of logged-in time\n",
                         100 * g.break_share, 100 * g.aux_share);
    }
    for (const auto& [type, factor] : g.handle_factors) {
      out += fmt::format("  talks {:.3f} times as long on {} as the others\n",
                         factor, type);
    }
  }
  for (const std::string& n : r.notes) out += fmt::format("note: {}\n", n);
  out += fmt::format("wrote {}\n", output);
  return out;
}

// Loads the fitted scenario from a scratch folder, with its tables beside
// it under the names the scenario gives them, before anything is written:
// a fit that `run` cannot take is a bug, and then no output is left
// behind. Without a scratch folder (no writable temporary directory) the
// check is skipped here and made on the written files.
absl::Status LoadsFromScratch(const FitResult& r, const std::string& stem,
                              bool* checked) {
  *checked = false;
  std::error_code ec;
  std::string folder =
      (std::filesystem::temp_directory_path(ec) / "ccsim-fit-XXXXXX").string();
  if (ec || mkdtemp(folder.data()) == nullptr) return absl::OkStatus();
  const std::filesystem::path dir(folder);
  const std::string scenario = (dir / (stem + ".yaml")).string();
  bool wrote = true;
  for (const auto& [name, text] :
       {std::pair{stem + ".yaml", &r.yaml},
        std::pair{stem + ".arrivals.csv", &r.arrivals_csv},
        std::pair{stem + ".staffing.csv", &r.staffing_csv}}) {
    std::ofstream out(dir / name, std::ios::binary);
    out << *text;
    wrote = wrote && static_cast<bool>(out.flush());
  }
  absl::Status loaded = absl::OkStatus();
  if (wrote) {
    loaded = LoadScenarioFile(scenario).status();
    *checked = true;
  }
  std::filesystem::remove_all(dir, ec);
  return loaded;
}

}  // namespace

int FitCommand(int argc, char** argv) {
  po::options_description visible("options");
  FitOptions o;
  std::vector<std::string> maps;
  std::string interval_text = "30m", output, report_path;
  bool quiet = false;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("calls", po::value<std::string>(&o.calls_path),
       "the call export: one row per call attempt (docs/call-logs.md)")
      ("agents", po::value<std::string>(&o.agents_path),
       "the agent state export, for staffing (optional)")
      ("intervals", po::value<std::string>(&o.intervals_path),
       "instead of --calls: interval reports (offered, answered, abandoned, "
       "aht_s, agents per interval); patience by Erlang A inversion")
      ("map", po::value<std::vector<std::string>>(&maps),
       "COLUMN=FIELD: read the file's column COLUMN as FIELD (repeatable), "
       "e.g. --map 'Start Time=arrival'")
      ("time-format", po::value<std::string>(&o.time_format)->default_value("auto"),
       "auto, iso, dmy, mdy, epoch or epoch_ms")
      ("interval", po::value<std::string>(&interval_text)->default_value("30m"),
       "the interval of the fitted tables")
      ("name", po::value<std::string>(&o.name), "the fitted scenario's name")
      ("output,o", po::value<std::string>(&output),
       "the fitted scenario (required); its tables are written beside it as "
       "NAME.arrivals.csv and NAME.staffing.csv")
      ("report", po::value<std::string>(&report_path),
       "also write an HTML page: each fit against the data, parameters with "
       "intervals, assumptions")
      ("quiet,q", po::bool_switch(&quiet), "print nothing but errors");
  // clang-format on
  const CommandSpec spec{
      .name = "fit",
      .usage =
          "usage: ccsim fit --calls CALLS.csv [--agents AGENTS.csv] "
          "-o FITTED.yaml [options]\n\n"
          "Fits a scenario to a centre's own call export: arrivals per date "
          "and\ninterval, handle and wrap-up times, patience (Kaplan-Meier "
          "and maximum\nlikelihood with censoring), redials and returns, "
          "skills and staffing.\nSee docs/calibration.md.\n",
      .visible = &visible};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (o.calls_path.empty() == o.intervals_path.empty()) {
    return Fail("fit",
                "expected exactly one of --calls FILE and --intervals FILE "
                "(see 'ccsim fit --help')",
                kExitUsageError);
  }
  if (!o.intervals_path.empty() && !o.agents_path.empty()) {
    return Fail("fit",
                "--agents goes with --calls; an interval report has its "
                "agents in its own 'agents' column",
                kExitUsageError);
  }
  if (output.empty() || output == "-") {
    return Fail("fit",
                "missing -o FITTED.yaml (the scenario and its tables are "
                "files)",
                kExitUsageError);
  }
  absl::StatusOr<Time> interval = ParseDuration(interval_text);
  if (!interval.ok() || *interval < Time::Seconds(1) ||
      Time::Days(1) % *interval != Time::Zero()) {
    return Fail("fit",
                fmt::format("--interval {}: expected a duration of at least "
                            "1s that divides 24h, e.g. 30m",
                            interval_text),
                kExitUsageError);
  }
  o.interval = *interval;
  if (std::optional<int> bad = ParseMapOptions("fit", maps, &o.map)) {
    return *bad;
  }
  // The tables go beside the scenario, named after it.
  const std::filesystem::path out_path(output);
  const std::string stem = out_path.stem().string();
  o.table_prefix = stem + ".";
  const std::string arrivals_path =
      (out_path.parent_path() / (stem + ".arrivals.csv")).string();
  const std::string staffing_path =
      (out_path.parent_path() / (stem + ".staffing.csv")).string();
  std::vector<std::string> inputs = {o.calls_path.empty() ? o.intervals_path
                                                          : o.calls_path};
  if (!o.agents_path.empty()) inputs.push_back(o.agents_path);
  if (std::optional<int> bad = CheckOutputs(
          "fit", {output, arrivals_path, staffing_path, report_path}, inputs)) {
    return *bad;
  }
  if (std::optional<int> bad = DistinctOutputs(
          "fit", {output, arrivals_path, staffing_path, report_path})) {
    return *bad;
  }

  absl::StatusOr<FitResult> r = FitCallLog(o);
  if (!r.ok()) return Fail("fit", MessageOf(r.status()));
  bool checked = false;
  if (absl::Status loads = LoadsFromScratch(*r, stem, &checked); !loads.ok()) {
    return Fail("fit", fmt::format("internal error: the fitted scenario "
                                   "does not load: {}",
                                   MessageOf(loads)));
  }
  std::vector<std::pair<std::string, std::string>> outputs = {
      {arrivals_path, r->arrivals_csv},
      {staffing_path, r->staffing_csv},
      {output, r->yaml}};
  if (!report_path.empty()) {
    outputs.push_back({report_path, FormatFitHtml(*r, o)});
  }
  absl::Status written = WriteOutputs(outputs);
  if (!written.ok()) return Fail("fit", MessageOf(written));
  if (!checked) {
    // The scenario written must load: a fit that `run` cannot take is a
    // bug.
    absl::StatusOr<Scenario> check = LoadScenarioFile(output);
    if (!check.ok()) {
      return Fail("fit", fmt::format("internal error: the fitted scenario "
                                     "does not load: {}",
                                     MessageOf(check.status())));
    }
  }
  if (!quiet) std::cout << Summary(*r, output);
  return 0;
}

}  // namespace ccsim::tools
