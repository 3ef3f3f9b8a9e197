#include "backtest/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "backtest/loop_parts.hpp"
#include "backtest/ranking.hpp"
#include "backtest/reference_loop.hpp"
#include "calendar/trading_calendar.hpp"
#include "execution/slippage_inputs.hpp"
#include "portfolio/correlation_guard.hpp"
#include "portfolio/portfolio.hpp"
#include "portfolio/sizing.hpp"
#include "portfolio/volatility_scaler.hpp"

namespace tradelab::backtest {
namespace {

constexpr double kGapThreshold = 0.10;  // |open / previous close - 1| flagged as a gap (MASTER_FILE)
constexpr int kMissingDaysForExit = 2;  // consecutive missing trading days that force an exit
constexpr std::size_t kProgressEveryDays = 32;
constexpr double kSlippageAllowance = 1.05;  // slippage is clipped at 500 bps: 5 % covers any draw

bool is_finite(double value) {
    return std::isfinite(value);
}

// One tradeable symbol of one strategy, with its read position in the bars.
struct Instrument {
    int book = 0;
    data::SymbolId id = 0;
    const data::BarSeries* bars = nullptr;
    const indicators::FeatureTable* features = nullptr;
    const std::vector<std::uint32_t>* signal_rows = nullptr;  // the rows with an entry signal
    // Bars dated on or before the day the instrument was last brought to (sync_to). Only the
    // instruments a day reads are brought to it: the held and queued ones and those that signal.
    std::size_t cursor = 0;
    bool bar_today = false;
    int missing_days = 0;
    Date last_missing{};

    std::size_t row() const { return cursor - 1; }  // the latest bar; valid when cursor > 0
    // Brings the cursor to `day` (days only move forward). `known_rows`: a count of rows already known
    // to be dated on or before `day`, to skip to. The result depends on `day` alone, so it is the
    // same whether the instrument was brought to every earlier day or not.
    void sync_to(Date day, std::size_t known_rows = 0) {
        const auto& dates = bars->date;
        cursor = std::max(cursor, known_rows);
        while (cursor < dates.size() && dates[cursor] <= day) ++cursor;
        bar_today = cursor > 0 && dates[cursor - 1] == day;
    }
    strategies::SymbolView view() const { return {*bars, *features}; }
    // The symbol's dates and 1-day returns up to the current day: a return window ending today reads
    // no later row, and searching this prefix from its end finds the window's rows at once.
    std::span<const Date> dates_so_far() const { return std::span<const Date>(bars->date).first(cursor); }
    std::span<const double> returns_so_far() const { return features->returns_1d().first(cursor); }
};

// An entry signal: the instrument's bar `row` carries one.
struct SignalRow {
    std::uint32_t instrument = 0;
    std::uint32_t row = 0;
};

struct PendingExit {
    std::size_t instrument = 0;
    ExitReason reason = ExitReason::HardStop;
    std::size_t decision_row = 0;
    Date decision_date{};
};

struct PendingEntry {
    std::size_t instrument = 0;
    Date execution_date{};
    double quantity = 0.0;
    double stop = 0.0;
    double reserved = 0.0;
    int window = 0;
    std::size_t decision_row = 0;
    Date decision_date{};
};

struct Candidate {
    std::size_t instrument = 0;
    double correlation = std::numeric_limits<double>::quiet_NaN();  // to the held positions
    strategies::Breakout breakout;
    double stop = 0.0;
    double close = 0.0;
    double adv = 0.0;
    ScoreComponents components;
    double score = 0.0;
};

std::vector<Date> loop_calendar(const RunMarket& market, Date last_day) {
    Date first = last_day;
    bool any_bar = false;
    for (const auto& book : market.books) {
        for (const auto id : book.symbols) {
            const auto& bars = market.data->bars(id);
            if (!bars.empty()) {
                first = std::min(first, bars.date.front());
                any_bar = true;
            }
        }
    }
    std::vector<Date> days;
    if (!any_bar) return days;
    for (Date day = first; day <= last_day; day += std::chrono::days{1}) {
        const bool trades =
            std::any_of(market.books.begin(), market.books.end(), [&](const StrategyBook& book) {
                return calendar::calendar_for(book.strategy.asset_class()).is_trading_day(day);
            });
        if (trades) days.push_back(day);
    }
    return days;
}

// `execution.slippage_model`: full = the seeded model of spec 01 §11.3, simple = its base only, none = 0.
std::unique_ptr<execution::SlippageModel> configured_slippage(const RunMarket& market,
                                                              config::SlippageModel model,
                                                              std::uint64_t seed) {
    std::vector<config::CostsConfig> costs;
    for (const auto& book : market.books) costs.push_back(book.strategy.config().costs);
    switch (model) {
        case config::SlippageModel::None:
            return std::make_unique<execution::NoSlippage>();
        case config::SlippageModel::Simple:
            return std::make_unique<execution::BaseSlippage>(std::move(costs));
        case config::SlippageModel::Full:
            break;
    }
    return std::make_unique<execution::NormalSlippage>(std::move(costs), seed);
}

class DailyLoop {
  public:
    DailyLoop(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
              const RunOptions& options)
        : market_(market),
          scenario_(scenario),
          portfolio_(run.portfolio.starting_equity, max_positions() + 4),
          scaler_(run.volatility_scaling, run.portfolio.starting_equity, periods_per_year(market)),
          guard_(run.correlation_guard, std::size_t(corr_lookback())),
          scorer_(run.scoring.weights) {
        slippage_ = options.slippage;
        if (slippage_ == nullptr) {
            owned_slippage_ = configured_slippage(market, run.execution.slippage_model, scenario.seed);
            slippage_ = owned_slippage_.get();
        }
        build_instruments();
        result_ = result_for(scenario, run.portfolio.starting_equity);
    }

    RunResult run(const Progress& progress) {
        const std::vector<Date> days = loop_calendar(market_, scenario_.end);
        const std::size_t trading_days = std::size_t(
            std::count_if(days.begin(), days.end(), [&](Date d) { return d >= scenario_.start; }));
        result_.equity_curve.reserve(trading_days);
        index_signals(days);
        std::size_t done = 0;
        for (std::size_t index = 0; index < days.size(); ++index) {
            const Date day = days[index];
            remember_day(day);
            if (day < scenario_.start) continue;
            const bool last_day = index + 1 == days.size();
            process_day(day, index, last_day);
            if (++done % kProgressEveryDays == 0 &&
                !report_progress(progress, double(done) / double(trading_days))) {
                result_.cancelled = true;
                break;
            }
        }
        finish();
        report_progress(progress, 1.0);
        return std::move(result_);
    }

  private:
    int max_positions() const {
        int total = 0;
        for (const auto& book : market_.books) total += book.strategy.config().risk.max_positions;
        return total;
    }

    int corr_lookback() const {
        return market_.books.empty() ? 20 : market_.books.front().strategy.windows().corr_lookback;
    }

    void build_instruments() {
        for (std::size_t b = 0; b < market_.books.size(); ++b) {
            const auto& book = market_.books[b];
            for (std::size_t s = 0; s < book.symbols.size(); ++s) {
                Instrument instrument;
                instrument.book = int(b);
                instrument.id = book.symbols[s];
                instrument.bars = &market_.data->bars(book.symbols[s]);
                instrument.features = &(*book.features)[s];
                instrument.signal_rows = &book.entry_signal_rows[s];
                instruments_.push_back(instrument);
            }
        }
        for (const auto& book : market_.books) {
            const auto periods = book.strategy.windows().entry_ma_periods();
            breakout_mas_.emplace_back(periods.front(), periods.back());
        }
        instrument_of_symbol_.assign(market_.data->symbol_count(), kNone);
        for (std::size_t i = 0; i < instruments_.size(); ++i) instrument_of_symbol_[instruments_[i].id] = i;
        candidates_.reserve(instruments_.size());
        pending_entries_.reserve(instruments_.size());
        pending_exits_.reserve(instruments_.size());
        scores_.reserve(instruments_.size());
        components_.reserve(instruments_.size());
        window_values_.resize(instruments_.size() * std::size_t(corr_lookback()));
        held_moments_.resize(instruments_.size());
        held_deviations_.resize(indicators::deviation_stride(instruments_.size()) *
                                std::size_t(corr_lookback()));
        candidate_returns_.resize(std::size_t(corr_lookback()));
        recent_days_.reserve(std::size_t(corr_lookback()) + 1);
    }

    // Buckets every entry signal on a processed day by loop day, in instrument order: a day then
    // visits only the instruments that signal that day, and no day has to bring every instrument to
    // itself to find them. A signal on a date that is no processed loop day never fires, as before.
    void index_signals(const std::vector<Date>& days) {
        signals_on_day_.assign(days.size() + 1, 0);
        signals_.clear();
        if (days.empty()) return;
        constexpr std::uint32_t kNoDay = std::numeric_limits<std::uint32_t>::max();
        const Date first = days.front();
        const Date last = days.back();
        std::vector<std::uint32_t> day_of_date(std::size_t((last - first).count()) + 1, kNoDay);
        for (std::size_t d = 0; d < days.size(); ++d) {
            if (days[d] >= scenario_.start)
                day_of_date[std::size_t((days[d] - first).count())] = std::uint32_t(d);
        }
        // Counting sort. First each signal's day (its date read once) and the bucket sizes, ...
        std::size_t total = 0;
        for (const Instrument& instrument : instruments_) total += instrument.signal_rows->size();
        std::vector<std::uint32_t> day_of_signal(total);
        std::size_t n = 0;
        for (const Instrument& instrument : instruments_) {
            const Date* const dates = instrument.bars->date.data();
            for (const std::uint32_t row : *instrument.signal_rows) {
                const Date date = dates[row];
                const std::uint32_t day =
                    date < first || date > last ? kNoDay : day_of_date[std::size_t((date - first).count())];
                day_of_signal[n++] = day;
                if (day != kNoDay) ++signals_on_day_[day + 1];
            }
        }
        // ... then the buckets' starts, and the signals in instrument order, each bucket's start moving
        // up as it fills (ending at the next bucket's start: shifted back after).
        for (std::size_t d = 0; d < days.size(); ++d) signals_on_day_[d + 1] += signals_on_day_[d];
        signals_.resize(signals_on_day_.back());
        n = 0;
        for (std::size_t i = 0; i < instruments_.size(); ++i) {
            for (const std::uint32_t row : *instruments_[i].signal_rows) {
                const std::uint32_t day = day_of_signal[n++];
                if (day != kNoDay) signals_[signals_on_day_[day]++] = {std::uint32_t(i), row};
            }
        }
        for (std::size_t d = days.size(); d > 0; --d) signals_on_day_[d] = signals_on_day_[d - 1];
        signals_on_day_[0] = 0;
    }

    void remember_day(Date day) {
        recent_days_.push_back(day);
        if (recent_days_.size() > std::size_t(corr_lookback())) recent_days_.erase(recent_days_.begin());
    }

    // Brings every instrument the day's fills, marks and exits read to `day`: the held and the queued.
    void sync_open_instruments(Date day) {
        for (const PendingExit& exit : pending_exits_) instruments_[exit.instrument].sync_to(day);
        for (const PendingEntry& entry : pending_entries_) instruments_[entry.instrument].sync_to(day);
        for (const portfolio::Position& position : portfolio_.positions())
            instruments_[instrument_of_symbol_[position.symbol]].sync_to(day);
    }

    bool trades_today(const Instrument& instrument, Date day) const {
        return calendar::calendar_for(book_of(instrument).strategy.asset_class()).is_trading_day(day);
    }

    const StrategyBook& book_of(const Instrument& instrument) const {
        return market_.books[std::size_t(instrument.book)];
    }

    void process_day(Date day, std::size_t day_index, bool last_day) {
        sync_open_instruments(day);
        fill_exits(day);
        fill_entries(day);
        mark(day);
        scaler_.update(portfolio_.equity());
        decide_exits(day);
        update_correlations();
        if (!last_day) queue_entries(day, day_index);
        record(day);
    }

    // ---- open ----

    execution::FillContext fill_context(const Instrument& instrument, std::size_t decision_row,
                                        Date decision_date, Date day, bool is_entry, double quantity) const {
        const auto& book = book_of(instrument);
        const FillSource source{
            instrument.id,       book.strategy.asset_class(),
            instrument.book,     instrument.bars,
            instrument.features, book.benchmark ? &market_.data->bars(*book.benchmark) : nullptr};
        // Slippage inputs come from the decision date: no peeking at the execution day (decisions.md).
        const FillTiming timing{decision_row, instrument.row(), day, decision_date};
        const bool crash =
            std::binary_search(scenario_.crash_dates.begin(), scenario_.crash_dates.end(), day);
        return make_fill_context(source, timing, is_entry, quantity, crash, scenario_.slippage_multiplier);
    }

    void fill_exits(Date day) {
        std::size_t kept = 0;
        for (const PendingExit& exit : pending_exits_) {
            const Instrument& instrument = instruments_[exit.instrument];
            const portfolio::Position* position = portfolio_.find(instrument.id);
            if (position == nullptr) continue;
            if (!instrument.bar_today) {
                pending_exits_[kept++] = exit;  // retried at the next open with a bar
                continue;
            }
            auto context = fill_context(instrument, exit.decision_row, exit.decision_date, day, false,
                                        position->quantity);
            context.hard_stop_exit = exit.reason == ExitReason::HardStop;
            const auto fill = execution::simulate_fill(*slippage_, context, fee_bps(instrument), fill_ids_);
            TradeRecord trade = portfolio_.close(fill, exit.reason);
            trade.symbol_name = market_.data->info(instrument.id).symbol;
            result_.trades.push_back(std::move(trade));
        }
        pending_exits_.resize(kept);
    }

    double fee_bps(const Instrument& instrument) const {
        return book_of(instrument).strategy.config().costs.fee_bps;
    }

    void fill_entries(Date day) {
        std::size_t kept = 0;
        for (const PendingEntry& entry : pending_entries_) {
            if (entry.execution_date > day) {
                pending_entries_[kept++] = entry;
                continue;
            }
            portfolio_.release_cash(entry.reserved);
            const Instrument& instrument = instruments_[entry.instrument];
            if (entry.execution_date < day || !instrument.bar_today)
                continue;  // no bar that day: the order lapses
            fill_entry(instrument, entry, day);
        }
        pending_entries_.resize(kept);
    }

    void fill_entry(const Instrument& instrument, const PendingEntry& entry, Date day) {
        const auto& bars = *instrument.bars;
        const std::size_t row = instrument.row();
        auto context =
            fill_context(instrument, entry.decision_row, entry.decision_date, day, true, entry.quantity);
        // A gap up can make the order dearer than the cash set aside: buy what the cash affords.
        const double fee_rate = fee_bps(instrument) / 1e4;
        const double affordable = std::floor(portfolio_.available_cash() /
                                             (context.open_price * (1.0 + fee_rate) * kSlippageAllowance));
        context.quantity = std::min(entry.quantity, affordable);
        if (context.quantity < 1.0) return;
        const auto fill = execution::simulate_fill(*slippage_, context, fee_bps(instrument), fill_ids_);
        double stop = entry.stop;
        if (stop >= fill.price) {
            // The open gapped through the planned stop: re-base it below the fill (spec 01 §9.3 step 4).
            const double atr = instrument.features->atr()[entry.decision_row];
            const double mult = book_of(instrument).strategy.config().exit.hard_stop_atr_mult;
            stop = is_finite(atr) ? fill.price - mult * atr : fill.price * 0.98;
            if (stop <= 0.0) stop = fill.price * 0.5;
        }
        const bool gap = row > 0 && std::abs(bars.open[row] / bars.close[row - 1] - 1.0) > kGapThreshold;
        portfolio_.open(
            fill, {instrument.book, stop, entry.window, instrument.features->adv()[entry.decision_row], gap});
    }

    // ---- close ----

    void mark(Date day) {
        portfolio_.mark_to_market(day, [&](data::SymbolId symbol) {
            const Instrument& instrument = instruments_[instrument_of_symbol_[symbol]];
            return instrument.cursor > 0 ? instrument.bars->close[instrument.row()]
                                         : std::numeric_limits<double>::quiet_NaN();
        });
        require_accounting(portfolio_, day);
    }

    bool exit_pending(std::size_t instrument) const {
        return std::any_of(pending_exits_.begin(), pending_exits_.end(),
                           [&](const PendingExit& exit) { return exit.instrument == instrument; });
    }

    bool entry_pending(std::size_t instrument) const {
        return std::any_of(pending_entries_.begin(), pending_entries_.end(),
                           [&](const PendingEntry& entry) { return entry.instrument == instrument; });
    }

    void decide_exits(Date day) {
        const bool crash =
            std::binary_search(scenario_.crash_dates.begin(), scenario_.crash_dates.end(), day);
        for (const portfolio::Position& position : portfolio_.positions()) {
            const std::size_t index = instrument_of_symbol_[position.symbol];
            Instrument& instrument = instruments_[index];
            if (exit_pending(index)) continue;
            if (!instrument.bar_today) {
                if (count_missing_day(instrument, day)) schedule_exit(index, ExitReason::DataMissing, day);
                continue;
            }
            instrument.missing_days = 0;
            strategies::StopState stop{position.entry_price, position.stop_price, position.tightened_stop};
            const auto signal =
                book_of(instrument).strategy.update_and_check_exit(instrument.view(), instrument.row(), stop);
            if (stop.stop_price != position.stop_price)
                portfolio_.update_stop(position.symbol, stop.stop_price, stop.tightened);
            if (crash || signal == strategies::ExitSignal::HardStop) {
                schedule_exit(index, ExitReason::HardStop, day);
            } else if (signal == strategies::ExitSignal::TrailingMaCross) {
                schedule_exit(index, ExitReason::TrailingMaCross, day);
            }
        }
    }

    // Counts each missing trading day once; true when the position should be closed.
    bool count_missing_day(Instrument& instrument, Date day) {
        if (!trades_today(instrument, day) || instrument.last_missing == day) return false;
        instrument.last_missing = day;
        return ++instrument.missing_days >= kMissingDaysForExit;
    }

    void schedule_exit(std::size_t instrument, ExitReason reason, Date day) {
        const Instrument& in = instruments_[instrument];
        pending_exits_.push_back({instrument, reason, in.cursor > 0 ? in.row() : 0, day});
    }

    // The held positions' returns over the last corr_lookback loop days, one row each, prepared once
    // (row moments and deviations) for every correlation of the day: the guard's pairs, then each
    // candidate against the positions. Kept for the candidates: the held positions and the window do
    // not change between the end-of-day guard update and the entry queue.
    void update_correlations() {
        const std::size_t days = recent_days_.size();
        std::size_t rows = 0;
        for (const portfolio::Position& position : portfolio_.positions()) {
            const Instrument& instrument = instruments_[instrument_of_symbol_[position.symbol]];
            const auto row = std::span<double>(window_values_).subspan(rows * days, days);
            indicators::gather_returns(recent_days_, instrument.dates_so_far(), instrument.returns_so_far(),
                                       row);
            ++rows;
        }
        held_ =
            indicators::prepare_rows({std::span<const double>(window_values_).first(rows * days), rows, days},
                                     held_moments_, held_deviations_);
        guard_.update(portfolio_.position_count(), held_);
    }

    void queue_entries(Date day, std::size_t day_index) {
        if (!any_free_slot()) return;
        collect_candidates(day, day_index);
        if (candidates_.empty()) return;
        components_.clear();
        for (const auto& candidate : candidates_) components_.push_back(candidate.components);
        scores_.resize(candidates_.size());
        scorer_.score(components_, scores_);
        for (std::size_t i = 0; i < candidates_.size(); ++i) candidates_[i].score = scores_[i];
        // Best score first; ties keep generation order (strategy, then universe order). std::sort with the
        // index as tie-break is that stable order without stable_sort's temporary buffer.
        std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
            return a.score != b.score ? a.score > b.score : a.instrument < b.instrument;
        });
        select_and_size(day);
    }

    void collect_candidates(Date day, std::size_t day_index) {
        candidates_.clear();
        const indicators::ReturnWindow& held = held_;
        for (std::size_t k = signals_on_day_[day_index]; k < signals_on_day_[day_index + 1]; ++k) {
            const SignalRow signal = signals_[k];
            const std::size_t index = signal.instrument;
            Instrument& instrument = instruments_[index];
            instrument.sync_to(day, std::size_t(signal.row) + 1);  // the signal's bar is dated `day`
            if (instrument.row() != signal.row || portfolio_.holds(instrument.id) || entry_pending(index))
                continue;
            const auto& strategy = book_of(instrument).strategy;
            const std::size_t row = instrument.row();
            const auto breakout = strategy.breakout(instrument.view(), row);  // a signal row: it fires
            Candidate candidate;
            candidate.instrument = index;
            candidate.breakout = *breakout;
            candidate.close = instrument.bars->close[row];
            candidate.adv = instrument.features->adv()[row];
            candidate.stop = strategy.initial_stop(candidate.close, instrument.features->atr()[row]);
            if (!(candidate.stop < candidate.close) || !passes_capacity(instrument, candidate)) continue;
            candidate.components = components(instrument, candidate, held);
            candidates_.push_back(candidate);
        }
    }

    // Spec 01 §11.5: the estimated order must stay within max_order_pct_adv of the average dollar volume.
    bool passes_capacity(const Instrument& instrument, const Candidate& candidate) const {
        const auto& config = book_of(instrument).strategy.config();
        const double quantity = portfolio::capacity_estimate_quantity(
            portfolio_.equity(), candidate.close, candidate.stop, scaler_.multiplier(), config.risk);
        return is_finite(candidate.adv) && candidate.adv > 0.0 &&
               candidate.close * quantity <= config.capacity.max_order_pct_adv * candidate.adv;
    }

    ScoreComponents components(const Instrument& instrument, Candidate& candidate,
                               const indicators::ReturnWindow& held) {
        const auto& features = *instrument.features;
        const std::size_t row = instrument.row();
        ScoreComponents c;
        const auto& [fast_ma, slow_ma] = breakout_mas_[std::size_t(instrument.book)];
        const bool fast = candidate.breakout.window == book_of(instrument).strategy.windows().breakout_fast;
        const double ma = features.ma(fast ? fast_ma : slow_ma)[row];
        const double atr = features.atr()[row];
        c.breakout = (is_finite(atr) && atr > 0 && is_finite(ma)) ? (candidate.close - ma) / atr : 0.0;
        const double roc = features.roc()[row];
        const double benchmark_roc = features.benchmark_roc()[row];
        c.momentum = !is_finite(roc) ? 0.0 : is_finite(benchmark_roc) ? roc - benchmark_roc : roc;
        c.diversification = 0.5;
        if (held.rows > 0) {
            indicators::gather_returns(recent_days_, instrument.dates_so_far(), instrument.returns_so_far(),
                                       candidate_returns_);
            candidate.correlation = indicators::correlation_to_portfolio(candidate_returns_, held);
            if (is_finite(candidate.correlation)) c.diversification = 1.0 - candidate.correlation;
        }
        return c;
    }

    void select_and_size(Date day) {
        auto& selected_per_book = selected_per_book_;
        selected_per_book.assign(market_.books.size(), 0);
        double committed = 0.0;
        for (const Candidate& candidate : candidates_) {
            const Instrument& instrument = instruments_[candidate.instrument];
            const auto& book = book_of(instrument);
            const auto& risk = book.strategy.config().risk;
            const int open =
                int(book_positions(instrument.book)) + selected_per_book[std::size_t(instrument.book)];
            if (open >= risk.max_positions) continue;
            // The candidate's correlation was computed once for its diversification score.
            const std::size_t held = portfolio_.position_count();
            if (!guard_.decide(held, guard_.avg_pairwise_correlation(), candidate.correlation).allowed)
                continue;
            portfolio::SizingRequest request{portfolio_.equity(),
                                             portfolio_.available_cash(),
                                             portfolio_.gross_exposure(),
                                             committed,
                                             candidate.close,
                                             candidate.stop,
                                             scaler_.multiplier()};
            const auto sized = portfolio::size_position(request, risk);
            if (sized.quantity < 1.0) continue;
            const Date execution_day =
                calendar::calendar_for(book.strategy.asset_class()).next_trading_day(day);
            const double reserved = candidate.close * sized.quantity;
            portfolio_.reserve_cash(reserved);
            committed += reserved;
            pending_entries_.push_back({candidate.instrument, execution_day, sized.quantity, candidate.stop,
                                        reserved, candidate.breakout.window, instrument.row(), day});
            ++selected_per_book[std::size_t(instrument.book)];
        }
    }

    bool any_free_slot() const {
        for (std::size_t b = 0; b < market_.books.size(); ++b) {
            if (int(book_positions(int(b))) < market_.books[b].strategy.config().risk.max_positions)
                return true;
        }
        return false;
    }

    std::size_t book_positions(int book) const {
        return std::size_t(
            std::count_if(portfolio_.positions().begin(), portfolio_.positions().end(),
                          [&](const portfolio::Position& p) { return p.strategy_index == book; }));
    }

    void record(Date day) {
        result_.equity_curve.push_back(equity_point(day, portfolio_, scaler_.multiplier(),
                                                    scaler_.volatility(), guard_.avg_pairwise_correlation()));
    }

    void finish() {
        for (const auto& entry : pending_entries_) portfolio_.release_cash(entry.reserved);
        pending_entries_.clear();
        result_.open_at_end = open_positions(portfolio_, *market_.data);
    }

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    const RunMarket& market_;
    const Scenario& scenario_;
    portfolio::Portfolio portfolio_;
    portfolio::VolatilityScaler scaler_;
    portfolio::CorrelationGuard guard_;
    Scorer scorer_;
    execution::SlippageModel* slippage_ = nullptr;
    std::unique_ptr<execution::SlippageModel> owned_slippage_;
    execution::FillIdSequence fill_ids_;
    std::vector<Instrument> instruments_;
    std::vector<std::size_t> instrument_of_symbol_;
    std::vector<PendingExit> pending_exits_;
    std::vector<PendingEntry> pending_entries_;
    std::vector<Candidate> candidates_;
    std::vector<SignalRow> signals_;           // every processed day's signals, day after day
    std::vector<std::size_t> signals_on_day_;  // loop day d's signals: [d], [d + 1] of signals_
    std::vector<ScoreComponents> components_;
    std::vector<double> scores_;
    std::vector<int> selected_per_book_;
    std::vector<std::pair<int, int>>
        breakout_mas_;  // per book: MAs of the fast and the slow breakout strength
    std::vector<Date> recent_days_;
    std::vector<double> window_values_;
    std::vector<indicators::RowMoments> held_moments_;
    std::vector<double> held_deviations_;
    indicators::ReturnWindow held_;  // today's, from update_correlations()
    std::vector<double> candidate_returns_;
    RunResult result_;
};

}  // namespace

RunResult run_backtest(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
                       const RunOptions& options, const Progress& progress) {
    if (scenario.end < scenario.start) {
        throw std::invalid_argument(fmt::format("period {} ends ({}) before it starts ({})",
                                                scenario.period_name, format_date(scenario.end),
                                                format_date(scenario.start)));
    }
    if (options.compatibility.reference_day_cycle)
        return run_reference_loop(market, run, scenario, options, progress);
    if (options.compatibility.any())
        throw std::invalid_argument(
            "reference compatibility switches only exist in the reference day cycle: set "
            "reference_day_cycle too");
    return DailyLoop(market, run, scenario, options).run(progress);
}

Scenario period_scenario(const config::RunConfig& run, const std::string& period) {
    Scenario scenario;
    scenario.period_name = period;
    scenario.seed = run.random_seed;
    const auto& splits = run.splits;
    if (period == "train") {
        scenario.start = splits.train_start;
        scenario.end = splits.train_end;
    } else if (period == "validation") {
        scenario.start = splits.validation_start;
        scenario.end = splits.validation_end;
    } else if (period == "holdout") {
        scenario.start = splits.holdout_start;
        scenario.end = splits.holdout_end;
    } else {
        throw std::invalid_argument("unknown period '" + period + "' (train, validation or holdout)");
    }
    return scenario;
}

double periods_per_year(const RunMarket& market) {
    const bool all_equity = std::all_of(
        market.books.begin(), market.books.end(),
        [](const StrategyBook& book) { return book.strategy.asset_class() == AssetClass::Equity; });
    return all_equity ? 252.0 : 365.0;
}

}  // namespace tradelab::backtest
