#pragma once
// Walk-forward splits (spec 02 §1): a named train / validation / holdout triple of inclusive date
// ranges, from the run config, from a multi-split YAML file or from the default generator, and the
// three independent backtests of one split.
#include <filesystem>
#include <string>
#include <vector>

#include "backtest/backtest.hpp"
#include "config/run_config.hpp"
#include "core/date.hpp"
#include "core/progress.hpp"

namespace tradelab::validation {

// An inclusive date range.
struct Period {
    Date start{};
    Date end{};
    bool operator==(const Period&) const = default;
};

struct Split {
    std::string name;
    Period train;
    Period validation;
    Period holdout;
    bool operator==(const Split&) const = default;
};

// One broken rule of a split: the key at fault ("validation.start") and what is wrong with it.
struct SplitProblem {
    std::string key;
    std::string message;
};

// The rules of spec 02 §1.1, as the run config states them: each period's start strictly before its
// end, and train.end < validation.start, validation.end < holdout.start (gaps allowed). The later date
// of a pair out of order is blamed. Empty when the split is valid.
std::vector<SplitProblem> split_problems(const Split& split);

// Throws std::invalid_argument naming the split and listing its problems.
void require_valid(const Split& split);

// `date` moved by `months` calendar months, the day of the month clamped to the length of the target
// month: 2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28.
Date add_months(Date date, int months);

// The run config's splits block, named "config_split" as the reference runner names it. The loader has
// already checked its order.
Split config_split(const config::RunConfig& run);

// The multi-split file `splits: [{name, train: {start, end}, validation: {...}, holdout: {...}}, ...]`.
// Every problem of the file (syntax, missing or unknown keys, dates that do not parse, broken order,
// duplicate names) is collected and thrown as one std::runtime_error, one line each, as
// "file:line: splits[i].train.start: message".
std::vector<Split> load_splits_file(const std::filesystem::path& file);

// Spec 02 §1.2 (3): 24 months = train 15, validation 3, holdout 6; 18 months = 12 / 3 / 3. Each period
// starts the day after the previous one ends and ends at its start + N months - 1 day, the months
// counted from `start` (add_months(start, 15) - 1 day ends the train period, add_months(start, 18) - 1
// day the validation period), so a start on the 31st does not drift and the split spans exactly
// `months` months. 2023-01-01 over 24 months gives 2023-01-01..2024-03-31, 2024-04-01..2024-06-30,
// 2024-07-01..2024-12-31. Named "default_24m" / "default_18m". Other lengths: std::invalid_argument.
Split default_split(Date start, int months);

// Train, validation and holdout as three independent backtests (spec 02 §1.3), in that order: each
// starts flat at the starting equity with the config's seed and indicators warmed up on the loaded data
// before its start. The scenarios are named "train", "validation" and "holdout". A cancel through
// `progress` stops the running period; the result then holds the periods done and that one, marked
// cancelled.
std::vector<backtest::RunResult> run_split(const backtest::RunMarket& market, const config::RunConfig& run,
                                           const Split& split, const Progress& progress = {});

}  // namespace tradelab::validation
