#pragma once
// What a sweep says about its parameters (spec 02 §6.3, with a real neighbourhood test): the best and
// worst points, the spread of the objective, whether the best is a sharp peak, the best *stable* point
// (the one whose worst grid neighbour is best), and a heatmap for every pair of axes.
//
// Neighbours of a point are the points one step away along one axis (the others fixed). A point's
// "floor" is the lowest objective among itself and its evaluated neighbours: choosing by floor picks a
// plateau over a spike. Points without an evaluated neighbour have no floor.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/sweep.hpp"

namespace tradelab::validation {

// The objective over one pair of axes; the other axes are aggregated (mean and max over the evaluated
// points in each cell; NaN where none). Rows are y values, columns x values.
struct Heatmap {
    std::string x_axis;
    std::string y_axis;
    std::vector<std::string> x_labels;
    std::vector<std::string> y_labels;
    std::vector<double> mean;  // y-major: mean[y * x_labels.size() + x]
    std::vector<double> max;
    std::vector<int> count;
    double at_mean(std::size_t x, std::size_t y) const { return mean[y * x_labels.size() + x]; }
};

struct SweepAnalysis {
    std::size_t total = 0;
    std::size_t evaluated = 0;  // valid, done and with a finite objective
    std::size_t invalid = 0;
    double mean = 0.0;
    double std = 0.0;  // population
    double min = 0.0;
    double max = 0.0;
    double median = 0.0;
    std::optional<std::size_t> best;  // first in grid order on ties
    std::optional<std::size_t> worst;
    // Spec 02 §6.3 as the reference defined it: z = (max - mean) / std > 2 (false when std = 0), and the
    // points within 10 % of the range of the best (metric closeness, not adjacency).
    double peak_z = 0.0;
    bool has_sharp_peaks = false;
    std::vector<std::size_t> near_best;
    // Neighbourhood view: the drop from the best to the mean of its neighbours, as a fraction of the
    // objective's range; a sharp peak when above 0.5.
    double best_neighbour_drop = 0.0;
    bool best_is_sharp_peak = false;
    std::optional<std::size_t> best_stable;  // highest floor
    double best_stable_floor = 0.0;
    std::vector<std::size_t> plateau;  // points whose floor is within 10 % of the range of the best
    std::vector<Heatmap> heatmaps;     // every pair of axes with >= 2 values each
};

SweepAnalysis analyse_sweep(const SweepResult& sweep);

// The evaluated neighbours of point `index` (one step along one axis).
std::vector<std::size_t> grid_neighbours(const SweepResult& sweep, std::size_t index);

// sensitivity_summary.json: spec 02 §6.4 keys plus the neighbourhood analysis, the invalid points with
// their reasons, and whether the sweep was cancelled (partial).
nlohmann::ordered_json sensitivity_summary_json(const SweepResult& sweep, const SweepAnalysis& analysis);

// One row per point: axis labels, status (ok | invalid | not_run), the objective and headline metrics,
// the reason when invalid.
std::string sensitivity_results_csv(const SweepResult& sweep);

// Writes sensitivity_summary.json, sensitivity_results.csv and heatmap_<x>_vs_<y>.{csv,json} (dots in
// axis names become '_') into `folder`, each file atomically. Returns the files written.
std::vector<std::filesystem::path> write_sensitivity_outputs(const std::filesystem::path& folder,
                                                             const SweepResult& sweep,
                                                             const SweepAnalysis& analysis);

}  // namespace tradelab::validation
