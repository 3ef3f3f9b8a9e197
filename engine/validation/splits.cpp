#include "validation/splits.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include <yaml-cpp/yaml.h>
#include "core/text_file.hpp"

#include "config/config_error.hpp"

namespace tradelab::validation {
namespace {

constexpr std::array<std::string_view, 3> kPeriodNames{"train", "validation", "holdout"};
constexpr std::array<std::string_view, 2> kEndNames{"start", "end"};

// The six dates of a split in the order the rules chain them; a date missing from a file is nullopt.
using SplitDates = std::array<std::optional<Date>, 6>;

std::string date_key(std::size_t position) {
    return fmt::format("{}.{}", kPeriodNames[position / 2], kEndNames[position % 2]);
}

struct OrderProblem {
    std::size_t position;  // of the date blamed
    std::string message;
};

// train.start < train.end < validation.start < validation.end < holdout.start < holdout.end, every step
// strict: a period's start before its end (the run config demands it) and no two periods sharing a day.
// Pairs with a missing date are left to the missing-date message.
std::vector<OrderProblem> order_problems(const SplitDates& dates) {
    std::vector<OrderProblem> problems;
    for (std::size_t i = 0; i + 1 < dates.size(); ++i) {
        const auto& first = dates[i];
        const auto& second = dates[i + 1];
        if (!first || !second || *first < *second) continue;
        problems.push_back({i + 1, fmt::format("must be after {} ({}), got {}", date_key(i),
                                               format_date(*first), format_date(*second))});
    }
    return problems;
}

SplitDates dates_of(const Split& split) {
    return {split.train.start,    split.train.end,     split.validation.start,
            split.validation.end, split.holdout.start, split.holdout.end};
}

Split split_of(std::string name, const SplitDates& dates) {
    return {std::move(name), {*dates[0], *dates[1]}, {*dates[2], *dates[3]}, {*dates[4], *dates[5]}};
}

// Problems of a splits file, each tied to the line of the node at fault.
class FileProblems {
  public:
    explicit FileProblems(std::string file) : file_(std::move(file)) {}

    void add(const YAML::Node& node, std::string key, std::string message) {
        add(line_of(node), std::move(key), std::move(message));
    }

    void add(int line, std::string key, std::string message) {
        diagnostics_.push_back({file_, line, std::move(key), std::move(message), config::Severity::Error});
    }

    bool empty() const { return diagnostics_.empty(); }

    // One message a line, in the order of the file's lines (problems of one line in the order found).
    [[noreturn]] void raise() const {
        auto sorted = diagnostics_;
        std::stable_sort(
            sorted.begin(), sorted.end(),
            [](const config::Diagnostic& a, const config::Diagnostic& b) { return a.line < b.line; });
        std::string text;
        for (const auto& diagnostic : sorted) {
            if (!text.empty()) text += '\n';
            text += config::format_diagnostic(diagnostic);
        }
        throw std::runtime_error(text);
    }

  private:
    static int line_of(const YAML::Node& node) {
        const YAML::Mark mark = node.Mark();
        return mark.is_null() || mark.line < 0 ? 0 : mark.line + 1;
    }

    std::string file_;
    std::vector<config::Diagnostic> diagnostics_;
};

// Reports the keys of `map` that are not in `known` (a typo would otherwise drop a period silently).
template <std::size_t N>
void report_unknown_keys(const YAML::Node& map, const std::string& prefix,
                         const std::array<std::string_view, N>& known, FileProblems& problems) {
    for (const auto& entry : map) {
        const std::string key = entry.first.Scalar();
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string expected;
        for (const auto name : known) expected += (expected.empty() ? "" : ", ") + std::string(name);
        problems.add(entry.first, prefix.empty() ? key : fmt::format("{}.{}", prefix, key),
                     fmt::format("unknown key (expected {})", expected));
    }
}

// Reads `start` and `end` of one period into dates[2 * period_index ..]; `nodes` keeps each date's node
// for the line of an order problem.
void read_period(const YAML::Node& entry, const std::string& prefix, std::size_t period_index,
                 SplitDates& dates, std::array<YAML::Node, 6>& nodes, FileProblems& problems) {
    const std::string key = fmt::format("{}.{}", prefix, kPeriodNames[period_index]);
    const YAML::Node period = entry[std::string(kPeriodNames[period_index])];
    if (!period) return problems.add(entry, key, "missing (a map with start and end)");
    if (!period.IsMap()) return problems.add(period, key, "expected a map with start and end");
    report_unknown_keys(period, key, kEndNames, problems);
    for (std::size_t e = 0; e < kEndNames.size(); ++e) {
        const std::string date_path = fmt::format("{}.{}", key, kEndNames[e]);
        const YAML::Node value = period[std::string(kEndNames[e])];
        if (!value) {
            problems.add(period, date_path, "missing (a date YYYY-MM-DD)");
            continue;
        }
        const std::string text = value.IsScalar() ? value.Scalar() : std::string();
        const auto date = parse_date(text);
        if (!date) {
            problems.add(value, date_path, fmt::format("'{}' is not a date YYYY-MM-DD", text));
            continue;
        }
        dates[2 * period_index + e] = date;
        nodes[2 * period_index + e] = value;
    }
}

std::optional<std::string> read_name(const YAML::Node& entry, const std::string& prefix,
                                     FileProblems& problems) {
    const YAML::Node name = entry["name"];
    if (!name) {
        problems.add(entry, prefix + ".name", "missing");
        return std::nullopt;
    }
    if (!name.IsScalar() || name.Scalar().empty()) {
        problems.add(name, prefix + ".name", "must be a non-empty text");
        return std::nullopt;
    }
    return name.Scalar();
}

std::optional<Split> read_split(const YAML::Node& entry, std::size_t index, FileProblems& problems) {
    const std::string prefix = fmt::format("splits[{}]", index);
    if (!entry.IsMap()) {
        problems.add(entry, prefix, "expected a map with name, train, validation and holdout");
        return std::nullopt;
    }
    report_unknown_keys(entry, prefix,
                        std::array<std::string_view, 4>{"name", "train", "validation", "holdout"}, problems);
    const auto name = read_name(entry, prefix, problems);
    SplitDates dates;
    std::array<YAML::Node, 6> nodes;
    for (std::size_t p = 0; p < kPeriodNames.size(); ++p)
        read_period(entry, prefix, p, dates, nodes, problems);
    const auto order = order_problems(dates);
    for (const auto& problem : order)
        problems.add(nodes[problem.position], fmt::format("{}.{}", prefix, date_key(problem.position)),
                     problem.message);
    const bool complete =
        std::all_of(dates.begin(), dates.end(), [](const auto& d) { return d.has_value(); });
    if (!name || !complete || !order.empty()) return std::nullopt;
    return split_of(*name, dates);
}

// Names identify splits in reports and in the results database, so a repeated name is an error.
void report_duplicate_names(const YAML::Node& list, FileProblems& problems) {
    std::map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node name = list[i].IsMap() ? list[i]["name"] : YAML::Node();
        if (!name || !name.IsScalar() || name.Scalar().empty()) continue;
        const auto [found, inserted] = first_index.emplace(name.Scalar(), i);
        if (!inserted)
            problems.add(name, fmt::format("splits[{}].name", i),
                         fmt::format("duplicate name '{}' (also splits[{}])", name.Scalar(), found->second));
    }
}

// The `splits` list of the document, or an undefined node after reporting why there is none.
YAML::Node splits_list(const YAML::Node& root, FileProblems& problems) {
    if (!root.IsMap()) {
        problems.add(root, "splits", "missing: the file needs a top-level list `splits:`");
        return {};
    }
    report_unknown_keys(root, "", std::array<std::string_view, 1>{"splits"}, problems);
    const YAML::Node list = root["splits"];
    if (!list) {
        problems.add(root, "splits", "missing: the file needs a top-level list `splits:`");
        return {};
    }
    if (!list.IsSequence() || list.size() == 0) {
        problems.add(list, "splits", "expected a non-empty list of splits");
        return {};
    }
    return list;
}

YAML::Node parse_yaml(const std::string& text, FileProblems& problems) {
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& error) {
        problems.add(error.mark.is_null() ? 0 : error.mark.line + 1, "", error.msg);
        return {};
    }
}

}  // namespace

std::vector<SplitProblem> split_problems(const Split& split) {
    std::vector<SplitProblem> problems;
    for (auto& problem : order_problems(dates_of(split)))
        problems.push_back({date_key(problem.position), std::move(problem.message)});
    return problems;
}

void require_valid(const Split& split) {
    const auto problems = split_problems(split);
    if (problems.empty()) return;
    std::string text = fmt::format("split '{}' is not valid:", split.name);
    for (const auto& problem : problems) text += fmt::format("\n{}: {}", problem.key, problem.message);
    throw std::invalid_argument(text);
}

Date add_months(Date date, int months) {
    const std::chrono::year_month_day ymd{date};
    const std::chrono::year_month target =
        std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const std::chrono::year_month_day_last last{target.year(), std::chrono::month_day_last{target.month()}};
    return Date{std::chrono::year_month_day{target.year(), target.month(), std::min(ymd.day(), last.day())}};
}

Split config_split(const config::RunConfig& run) {
    const auto& s = run.splits;
    return {"config_split",
            {s.train_start, s.train_end},
            {s.validation_start, s.validation_end},
            {s.holdout_start, s.holdout_end}};
}

std::vector<Split> load_splits_file(const std::filesystem::path& file) {
    FileProblems problems(file.string());
    const YAML::Node root = parse_yaml(read_text_file(file), problems);
    if (!problems.empty()) problems.raise();
    const YAML::Node list = splits_list(root, problems);
    std::vector<Split> splits;
    if (list) {
        for (std::size_t i = 0; i < list.size(); ++i)
            if (auto split = read_split(list[i], i, problems)) splits.push_back(std::move(*split));
        report_duplicate_names(list, problems);
    }
    if (!problems.empty()) problems.raise();
    return splits;
}

Split default_split(Date start, int months) {
    struct Lengths {
        int train, validation, holdout;
    };
    Lengths lengths{};
    if (months == 24)
        lengths = {15, 3, 6};
    else if (months == 18)
        lengths = {12, 3, 3};
    else
        throw std::invalid_argument(
            fmt::format("a default split spans 24 or 18 months (spec 02 §1.2), not {}", months));
    // Every boundary is counted from `start`, not from the previous boundary, so a clamped day of the month
    // (a start on the 31st) does not drift and the split spans exactly `months` months.
    const auto boundary = [&](int offset) { return add_months(start, offset); };
    const auto period = [&](int from, int to) {
        return Period{boundary(from), boundary(to) - std::chrono::days{1}};
    };
    Split split{fmt::format("default_{}m", months), {}, {}, {}};
    split.train = period(0, lengths.train);
    split.validation = period(lengths.train, lengths.train + lengths.validation);
    split.holdout = period(lengths.train + lengths.validation, months);
    return split;
}

std::vector<backtest::RunResult> run_split(const backtest::RunMarket& market, const config::RunConfig& run,
                                           const Split& split, const Progress& progress) {
    require_valid(split);
    const std::array<Period, 3> periods{split.train, split.validation, split.holdout};
    std::vector<backtest::RunResult> results;
    for (std::size_t p = 0; p < periods.size(); ++p) {
        backtest::Scenario scenario;
        scenario.period_name = std::string(kPeriodNames[p]);
        scenario.start = periods[p].start;
        scenario.end = periods[p].end;
        scenario.seed = run.random_seed;
        const auto period_progress = [&](double f) {
            return report_progress(progress, (double(p) + f) / 3.0);
        };
        results.push_back(backtest::run_backtest(market, run, scenario, {}, period_progress));
        if (results.back().cancelled) break;
    }
    return results;
}

}  // namespace tradelab::validation
