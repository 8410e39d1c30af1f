// Dated tables: `{table: FILE.csv}` for an agent group's staffing and a
// call type's arrivals, one value per date and time of day (see
// docs/scenario-format.md#dated-tables).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/io/csv_reader.h"
#include "sim/io/timestamp.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {

namespace {

std::optional<double> ParseNumber(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The CSV file that `file` (a scalar value) names, a relative path taken
// from the folder of the file that says it.
absl::StatusOr<std::unique_ptr<io::CsvReader>> OpenTable(
    const YamlValue& file) {
  CCSIM_ASSIGN_OR_RETURN(std::string name, file.Text());
  if (name.empty()) {
    return file.Expected("the path of a CSV file, e.g. table: staffing.csv");
  }
  std::filesystem::path path(name);
  if (path.is_relative()) {
    const std::string_view from = file.sources().Locate(file.mark()).file;
    path = std::filesystem::path(from).parent_path() / path;
  }
  absl::StatusOr<std::unique_ptr<io::CsvReader>> opened =
      io::CsvReader::Open(path.lexically_normal().string());
  if (!opened.ok()) return file.Error(std::string(opened.status().message()));
  return opened;
}

}  // namespace

absl::StatusOr<Trace> ReadTrace(const YamlValue& file, const Scenario& s,
                                std::string_view call_type) {
  CCSIM_ASSIGN_OR_RETURN(std::unique_ptr<io::CsvReader> opened,
                         OpenTable(file));
  io::CsvReader& csv = *opened;
  auto fail = [&](const absl::Status& st) {
    return file.Error(std::string(st.message()));
  };
  const int arrival_col = csv.Column("arrival");
  const int type_col = csv.Column("call_type");
  const int talk_col = csv.Column("talk_s");
  if (arrival_col < 0) {
    return fail(csv.RowError(
        "expected a column 'arrival' (and optionally call_type and talk_s)"));
  }
  // Simulated time 0 is the start of the first warm-up day.
  const int64_t warmup_day = s.warmup / Time::Days(1);
  const int64_t day0_ms =
      (s.calendar.start_date.days_since_epoch() - warmup_day) * io::kMsPerDay;
  const Time end = s.warmup + s.horizon;
  std::vector<std::pair<Time, Time>> rows;
  while (true) {
    absl::StatusOr<bool> more = csv.Next();
    if (!more.ok()) return fail(more.status());
    if (!*more) break;
    if (type_col >= 0 && csv.field(type_col) != call_type) continue;
    const std::optional<int64_t> ms =
        io::ParseTimestamp(csv.field(arrival_col), io::TimeFormat::kAuto);
    if (!ms.has_value()) {
      return fail(csv.Error(
          arrival_col,
          fmt::format("expected a timestamp such as 2026-03-02 08:15:30.250, "
                      "got '{}'",
                      io::Printable(csv.field(arrival_col)))));
    }
    const Time t = Time::Ticks((*ms - day0_ms) * 1000);
    if (t < Time::Zero() || t >= end) continue;
    Time talk = Time::Infinite();
    if (talk_col >= 0 && !csv.field(talk_col).empty()) {
      const std::optional<double> v = ParseNumber(csv.field(talk_col));
      if (!v.has_value() || *v < 0 || *v > 1e9) {
        return fail(csv.Error(
            talk_col, fmt::format("expected seconds from 0 to 1e9, got '{}'",
                                  io::Printable(csv.field(talk_col)))));
      }
      talk = Time::Seconds(*v);
    }
    rows.emplace_back(t, talk);
  }
  if (rows.empty()) {
    return file.Error(fmt::format(
        "{}: no call of type {} arrives in the simulated time (check the "
        "dates against calendar.start_date, warmup and horizon)",
        csv.path(), call_type));
  }
  // Exports list calls in any order (the call log by leaving time).
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  Trace out;
  bool any_talk = false;
  for (const auto& [t, talk] : rows) {
    out.arrivals.push_back(t);
    out.talk.push_back(talk);
    any_talk = any_talk || !talk.is_infinite();
  }
  if (!any_talk) out.talk.clear();
  return out;
}

absl::StatusOr<std::vector<double>> ReadDatedTable(
    const YamlValue& file, const Scenario& s,
    const DatedTableRequest& request) {
  CCSIM_ASSIGN_OR_RETURN(std::unique_ptr<io::CsvReader> opened,
                         OpenTable(file));
  io::CsvReader& csv = *opened;

  auto fail = [&](const absl::Status& st) {
    return file.Error(std::string(st.message()));
  };
  const int date_col = csv.Column("date");
  const int time_col = csv.Column("time");
  const int value_col = csv.Column(request.value_column);
  const int filter_col = csv.Column(request.filter_column);
  for (auto [col, col_name] : {std::pair{date_col, std::string_view("date")},
                               std::pair{time_col, std::string_view("time")},
                               std::pair{value_col, request.value_column}}) {
    if (col < 0) {
      return fail(csv.RowError(fmt::format(
          "expected a column '{}' (the header needs date, time and {}{}{})",
          col_name, request.value_column,
          filter_col < 0 ? ", and optionally " : ", ", request.filter_column)));
    }
  }

  const int ipd = s.intervals_per_day();
  const int64_t total = s.total_intervals();
  const int64_t warmup_day = s.warmup / Time::Days(1);
  // Simulated day d is the date start + (d - warmup_day).
  const int64_t day0 = s.calendar.start_date.days_since_epoch() - warmup_day;
  const int64_t days = (total + ipd - 1) / ipd;
  std::vector<double> values(static_cast<size_t>(days * ipd), 0.0);
  std::vector<uint8_t> seen(values.size(), 0);
  std::vector<uint8_t> day_seen(static_cast<size_t>(days), 0);
  while (true) {
    absl::StatusOr<bool> more = csv.Next();
    if (!more.ok()) return fail(more.status());
    if (!*more) break;
    if (filter_col >= 0 && csv.field(filter_col) != request.filter_value) {
      continue;
    }
    const std::optional<Date> date = ParseDate(csv.field(date_col));
    if (!date.has_value()) {
      return fail(csv.Error(
          date_col, fmt::format("expected a date YYYY-MM-DD that exists, "
                                "got '{}'",
                                io::Printable(csv.field(date_col)))));
    }
    const std::optional<Time> tod =
        ParseTimeOfDay(csv.field(time_col), /*allow_end_of_day=*/false);
    if (!tod.has_value() || *tod % s.interval != Time::Zero()) {
      return fail(csv.Error(
          time_col,
          fmt::format("expected the start of a {} interval as HH:MM or "
                      "HH:MM:SS (e.g. 08:30), got '{}'",
                      FormatDuration(s.interval),
                      io::Printable(csv.field(time_col)))));
    }
    const std::optional<double> value = ParseNumber(csv.field(value_col));
    if (!value.has_value() || *value < 0 || *value > request.max_value) {
      return fail(csv.Error(
          value_col,
          fmt::format("expected a number from 0 to {}, got '{}'",
                      request.max_value, io::Printable(csv.field(value_col)))));
    }
    const int64_t d = date->days_since_epoch() - day0;
    if (d < 0 || d >= days) continue;  // outside the simulated dates
    const size_t k = static_cast<size_t>(d * ipd + *tod / s.interval);
    if (seen[k]) {
      return fail(csv.RowError(fmt::format(
          "a second row for {} {}{}", csv.field(date_col), csv.field(time_col),
          filter_col >= 0 ? fmt::format(" and {} {}", request.filter_column,
                                        request.filter_value)
                          : "")));
    }
    seen[k] = 1;
    day_seen[static_cast<size_t>(d)] = 1;
    values[k] = *value;
  }
  // Every date of the horizon has rows; warm-up dates may borrow day 1's.
  const int64_t first_reported_day = s.warmup / Time::Days(1);
  const int64_t last_day = (total - 1) / ipd;
  for (int64_t d = 0; d <= last_day; ++d) {
    if (day_seen[static_cast<size_t>(d)]) continue;
    const Date date = Date::FromDaysSinceEpoch(day0 + d);
    const bool warmup_only = Time::Days(1) * (d + 1) <= s.warmup;
    if (!warmup_only) {
      return file.Error(fmt::format(
          "{}: no row for {:04}-{:02}-{:02}{}, a date of the horizon (every "
          "date simulated needs its rows; times without a row have {} 0)",
          csv.path(), date.year, date.month, date.day,
          filter_col >= 0 ? fmt::format(" with {} {}", request.filter_column,
                                        request.filter_value)
                          : "",
          request.value_column));
    }
    for (int i = 0; i < ipd; ++i) {
      values[static_cast<size_t>(d * ipd + i)] =
          values[static_cast<size_t>(first_reported_day * ipd + i)];
    }
  }
  values.resize(static_cast<size_t>(total));
  return values;
}

std::vector<int> StaffingProfile(const std::vector<double>& by_interval,
                                 int intervals_per_day) {
  std::vector<int> out(static_cast<size_t>(intervals_per_day), 0);
  for (size_t k = 0; k < by_interval.size(); ++k) {
    int& slot = out[k % static_cast<size_t>(intervals_per_day)];
    slot = std::max(slot, static_cast<int>(std::ceil(by_interval[k])));
  }
  return out;
}

std::vector<double> MeanProfile(const std::vector<double>& by_interval,
                                int intervals_per_day, int64_t first_interval) {
  std::vector<double> sum(static_cast<size_t>(intervals_per_day), 0.0);
  std::vector<int> n(static_cast<size_t>(intervals_per_day), 0);
  for (size_t k = static_cast<size_t>(first_interval); k < by_interval.size();
       ++k) {
    sum[k % sum.size()] += by_interval[k];
    ++n[k % sum.size()];
  }
  for (size_t i = 0; i < sum.size(); ++i) {
    if (n[i] > 0) sum[i] /= n[i];
  }
  return sum;
}

}  // namespace ccsim::scenario_internal
