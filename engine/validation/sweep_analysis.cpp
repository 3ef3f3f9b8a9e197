#include "validation/sweep_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "metrics/metrics_json.hpp"
#include "report/atomic_file.hpp"

namespace tradelab::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool evaluated(const SweepPoint& point) {
    return point.valid && point.done && std::isfinite(point.objective);
}

std::size_t index_of(const SweepGrid& grid, const std::vector<std::size_t>& coordinates) {
    std::size_t index = 0;
    for (std::size_t a = 0; a < grid.axes.size(); ++a)
        index = index * grid.axes[a].values.size() + coordinates[a];
    return index;
}

void describe_spread(const SweepResult& sweep, SweepAnalysis& analysis) {
    std::vector<double> values;
    for (const auto& point : sweep.points) {
        if (!point.valid) ++analysis.invalid;
        if (!evaluated(point)) continue;
        values.push_back(point.objective);
        if (!analysis.best || point.objective > sweep.points[*analysis.best].objective)
            analysis.best = point.index;
        if (!analysis.worst || point.objective < sweep.points[*analysis.worst].objective)
            analysis.worst = point.index;
    }
    analysis.evaluated = values.size();
    if (values.empty()) return;
    analysis.mean = metrics::mean(values);
    analysis.std = metrics::population_std(values);
    analysis.min = *std::min_element(values.begin(), values.end());
    analysis.max = *std::max_element(values.begin(), values.end());
    analysis.median = metrics::percentile(values, 50.0);
    analysis.peak_z = analysis.std > 0.0 ? (analysis.max - analysis.mean) / analysis.std : 0.0;
    analysis.has_sharp_peaks = analysis.std > 0.0 && analysis.peak_z > 2.0;
    const double tolerance = 0.1 * (analysis.max - analysis.min);
    for (const auto& point : sweep.points)
        if (evaluated(point) && analysis.max - point.objective <= tolerance)
            analysis.near_best.push_back(point.index);
}

void describe_neighbourhoods(const SweepResult& sweep, SweepAnalysis& analysis) {
    if (!analysis.best) return;
    const double range = analysis.max - analysis.min;
    const auto best_neighbours = grid_neighbours(sweep, *analysis.best);
    if (!best_neighbours.empty() && range > 0.0) {
        double sum = 0.0;
        for (const auto n : best_neighbours) sum += sweep.points[n].objective;
        analysis.best_neighbour_drop = (analysis.max - sum / double(best_neighbours.size())) / range;
        analysis.best_is_sharp_peak = analysis.best_neighbour_drop > 0.5;
    }
    std::vector<double> floors(sweep.points.size(), kNaN);
    for (const auto& point : sweep.points) {
        if (!evaluated(point)) continue;
        const auto neighbours = grid_neighbours(sweep, point.index);
        if (neighbours.empty()) continue;
        double floor = point.objective;
        for (const auto n : neighbours) floor = std::min(floor, sweep.points[n].objective);
        floors[point.index] = floor;
        if (!analysis.best_stable || floor > analysis.best_stable_floor) {
            analysis.best_stable = point.index;
            analysis.best_stable_floor = floor;
        }
    }
    for (std::size_t i = 0; i < floors.size(); ++i)
        if (std::isfinite(floors[i]) && analysis.max - floors[i] <= 0.1 * range)
            analysis.plateau.push_back(i);
}

Heatmap heatmap_for(const SweepResult& sweep, std::size_t x_axis, std::size_t y_axis) {
    const auto& grid = sweep.grid;
    Heatmap map;
    map.x_axis = grid.axes[x_axis].name;
    map.y_axis = grid.axes[y_axis].name;
    for (const auto& v : grid.axes[x_axis].values) map.x_labels.push_back(v.label);
    for (const auto& v : grid.axes[y_axis].values) map.y_labels.push_back(v.label);
    const std::size_t cells = map.x_labels.size() * map.y_labels.size();
    std::vector<double> sum(cells, 0.0);
    map.max.assign(cells, kNaN);
    map.count.assign(cells, 0);
    for (const auto& point : sweep.points) {
        if (!evaluated(point)) continue;
        const auto c = grid.coordinates(point.index);
        const std::size_t cell = c[y_axis] * map.x_labels.size() + c[x_axis];
        sum[cell] += point.objective;
        ++map.count[cell];
        if (!(map.max[cell] >= point.objective)) map.max[cell] = point.objective;
    }
    map.mean.resize(cells);
    for (std::size_t cell = 0; cell < cells; ++cell)
        map.mean[cell] = map.count[cell] > 0 ? sum[cell] / double(map.count[cell]) : kNaN;
    return map;
}

nlohmann::json number_or_null(double value) {
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

nlohmann::ordered_json labels_json(const SweepResult& sweep, std::size_t index) {
    nlohmann::ordered_json params;
    for (std::size_t a = 0; a < sweep.grid.axes.size(); ++a)
        params[sweep.grid.axes[a].name] = sweep.points[index].labels[a];
    return params;
}

nlohmann::ordered_json point_json(const SweepResult& sweep, std::optional<std::size_t> index) {
    if (!index) return nullptr;
    return {{"index", *index},
            {"params", labels_json(sweep, *index)},
            {"objective", sweep.points[*index].objective}};
}

std::string file_stem(const Heatmap& map) {
    std::string name = fmt::format("heatmap_{}_vs_{}", map.x_axis, map.y_axis);
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
}

std::string csv_number(double value) {
    return std::isfinite(value) ? fmt::format("{:.17g}", value) : "";
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string heatmap_csv(const Heatmap& map) {
    std::string text = csv_field(map.y_axis + " \\ " + map.x_axis);
    for (const auto& x : map.x_labels) text += "," + csv_field(x);
    text += "\n";
    for (std::size_t y = 0; y < map.y_labels.size(); ++y) {
        text += csv_field(map.y_labels[y]);
        for (std::size_t x = 0; x < map.x_labels.size(); ++x) text += "," + csv_number(map.at_mean(x, y));
        text += "\n";
    }
    return text;
}

nlohmann::ordered_json heatmap_json(const Heatmap& map, const std::string& objective) {
    const auto matrix = [&](const std::vector<double>& values) {
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t y = 0; y < map.y_labels.size(); ++y) {
            nlohmann::json row = nlohmann::json::array();
            for (std::size_t x = 0; x < map.x_labels.size(); ++x)
                row.push_back(number_or_null(values[y * map.x_labels.size() + x]));
            rows.push_back(row);
        }
        return rows;
    };
    nlohmann::json counts = nlohmann::json::array();
    for (std::size_t y = 0; y < map.y_labels.size(); ++y)
        counts.push_back(std::vector<int>(map.count.begin() + long(y * map.x_labels.size()),
                                          map.count.begin() + long((y + 1) * map.x_labels.size())));
    return {{"objective", objective},   {"x_axis", map.x_axis},     {"y_axis", map.y_axis},
            {"x_values", map.x_labels}, {"y_values", map.y_labels}, {"mean", matrix(map.mean)},
            {"max", matrix(map.max)},   {"count", counts}};
}

}  // namespace

std::vector<std::size_t> grid_neighbours(const SweepResult& sweep, std::size_t index) {
    std::vector<std::size_t> neighbours;
    const auto& grid = sweep.grid;
    auto coordinates = grid.coordinates(index);
    for (std::size_t a = 0; a < grid.axes.size(); ++a) {
        const std::size_t own = coordinates[a];
        for (const int step : {-1, 1}) {
            if ((step < 0 && own == 0) || (step > 0 && own + 1 >= grid.axes[a].values.size())) continue;
            coordinates[a] = std::size_t(long(own) + step);
            const std::size_t n = index_of(grid, coordinates);
            if (evaluated(sweep.points[n])) neighbours.push_back(n);
        }
        coordinates[a] = own;
    }
    return neighbours;
}

SweepAnalysis analyse_sweep(const SweepResult& sweep) {
    SweepAnalysis analysis;
    analysis.total = sweep.points.size();
    describe_spread(sweep, analysis);
    describe_neighbourhoods(sweep, analysis);
    const auto& axes = sweep.grid.axes;
    for (std::size_t x = 0; x < axes.size(); ++x)
        for (std::size_t y = x + 1; y < axes.size(); ++y)
            if (axes[x].values.size() >= 2 && axes[y].values.size() >= 2)
                analysis.heatmaps.push_back(heatmap_for(sweep, x, y));
    return analysis;
}

nlohmann::ordered_json sensitivity_summary_json(const SweepResult& sweep, const SweepAnalysis& analysis) {
    nlohmann::ordered_json ranges;
    for (const auto& axis : sweep.grid.axes) {
        std::vector<std::string> labels;
        for (const auto& v : axis.values) labels.push_back(v.label);
        ranges[axis.name] = labels;
    }
    nlohmann::ordered_json invalid = nlohmann::json::array();
    for (const auto& point : sweep.points)
        if (!point.valid)
            invalid.push_back({{"index", point.index},
                               {"params", labels_json(sweep, point.index)},
                               {"reason", point.invalid_reason}});
    const auto indices = [](const std::vector<std::size_t>& v) { return nlohmann::json(v); };
    nlohmann::ordered_json summary;
    summary["metric_name"] = sweep.objective;
    summary["slot"] = sweep.grid.slot;
    summary["period"] = {
        {"name", sweep.period}, {"start", format_date(sweep.start)}, {"end", format_date(sweep.end)}};
    summary["parameter_ranges"] = ranges;
    summary["best_params"] = analysis.best ? labels_json(sweep, *analysis.best) : nlohmann::ordered_json();
    summary["worst_params"] = analysis.worst ? labels_json(sweep, *analysis.worst) : nlohmann::ordered_json();
    summary["metric_stats"] = {{"mean", analysis.mean},
                               {"std", analysis.std},
                               {"min", analysis.min},
                               {"max", analysis.max},
                               {"median", analysis.median}};
    summary["has_sharp_peaks"] = analysis.has_sharp_peaks;
    summary["peak_z"] = analysis.peak_z;
    summary["stable_neighborhoods_count"] = analysis.near_best.size();
    summary["total_combinations"] = analysis.total;
    summary["evaluated"] = analysis.evaluated;
    summary["invalid_count"] = analysis.invalid;
    summary["partial"] = sweep.partial;
    summary["best"] = point_json(sweep, analysis.best);
    summary["best_stable"] = point_json(sweep, analysis.best_stable);
    summary["best_stable_floor"] =
        analysis.best_stable ? nlohmann::json(analysis.best_stable_floor) : nlohmann::json();
    summary["best_neighbour_drop"] = analysis.best_neighbour_drop;
    summary["best_is_sharp_peak"] = analysis.best_is_sharp_peak;
    summary["plateau"] = indices(analysis.plateau);
    summary["invalid_combinations"] = invalid;
    return summary;
}

std::string sensitivity_results_csv(const SweepResult& sweep) {
    std::string text = "index";
    for (const auto& axis : sweep.grid.axes) text += "," + csv_field(axis.name);
    text += ",status," + csv_field(sweep.objective) +
            ",total_return,sharpe_ratio,max_drawdown,total_trades,digest,reason\n";
    for (const auto& point : sweep.points) {
        text += std::to_string(point.index);
        for (const auto& label : point.labels) text += "," + csv_field(label);
        const char* status = !point.valid ? "invalid" : point.done ? "ok" : "not_run";
        text += fmt::format(",{},", status);
        if (point.done) {
            text +=
                fmt::format("{},{},{},{},{},{},", csv_number(point.objective),
                            csv_number(point.metrics.total_return), csv_number(point.metrics.sharpe_ratio),
                            csv_number(point.metrics.max_drawdown), point.metrics.total_trades, point.digest);
        } else {
            text += ",,,,,,";
        }
        text += csv_field(point.invalid_reason) + "\n";
    }
    return text;
}

std::vector<std::filesystem::path> write_sensitivity_outputs(const std::filesystem::path& folder,
                                                             const SweepResult& sweep,
                                                             const SweepAnalysis& analysis) {
    std::filesystem::create_directories(folder);
    std::vector<std::filesystem::path> written;
    const auto write = [&](const std::string& name, const std::string& content) {
        report::write_file_atomically(folder / name, content);
        written.push_back(folder / name);
    };
    write("sensitivity_summary.json", sensitivity_summary_json(sweep, analysis).dump(2) + "\n");
    write("sensitivity_results.csv", sensitivity_results_csv(sweep));
    for (const auto& map : analysis.heatmaps) {
        write(file_stem(map) + ".csv", heatmap_csv(map));
        write(file_stem(map) + ".json", heatmap_json(map, sweep.objective).dump(2) + "\n");
    }
    return written;
}

}  // namespace tradelab::validation
