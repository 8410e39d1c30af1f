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

}  // namespace

absl::StatusOr<std::vector<double>> ReadDatedTable(
    const YamlValue& file, const Scenario& s,
    const DatedTableRequest& request) {
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
  io::CsvReader& csv = **opened;

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
