#include "backtest/reference_loop.hpp"

#include "backtest/loop_parts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "backtest/ranking.hpp"
#include "calendar/trading_calendar.hpp"
#include "execution/slippage_inputs.hpp"
#include "portfolio/correlation_guard.hpp"
#include "portfolio/portfolio.hpp"
#include "portfolio/sizing.hpp"
#include "portfolio/volatility_scaler.hpp"

namespace tradelab::backtest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
constexpr int kMissingDaysForExit = 2;
constexpr double kReservationBuffer = 1.01;  // the reference reserved 1 % above the expected cost
constexpr double kGapThreshold = 0.10;
constexpr std::size_t kProgressEveryCalls = 32;
// The reference's correlation rules (§2.3): pairwise needs 20 returns per list, a candidate 10.
constexpr std::size_t kCorrelationLookback = 20;
constexpr std::size_t kCandidateMinReturns = 10;

// The reference's hard-coded US market holidays (spec 01 §12.2); other years have none.
constexpr std::array<Date, 30> kReferenceHolidays{
    make_date(2024, 1, 1),   make_date(2024, 1, 15),  make_date(2024, 2, 19),  make_date(2024, 3, 29),
    make_date(2024, 5, 27),  make_date(2024, 6, 19),  make_date(2024, 7, 4),   make_date(2024, 9, 2),
    make_date(2024, 11, 28), make_date(2024, 12, 25), make_date(2025, 1, 1),   make_date(2025, 1, 20),
    make_date(2025, 2, 17),  make_date(2025, 4, 18),  make_date(2025, 5, 26),  make_date(2025, 6, 19),
    make_date(2025, 7, 4),   make_date(2025, 9, 1),   make_date(2025, 11, 27), make_date(2025, 12, 25),
    make_date(2026, 1, 1),   make_date(2026, 1, 19),  make_date(2026, 2, 16),  make_date(2026, 4, 3),
    make_date(2026, 5, 25),  make_date(2026, 6, 19),  make_date(2026, 7, 3),   make_date(2026, 9, 7),
    make_date(2026, 11, 26), make_date(2026, 12, 25)};

double to_float32(double value) {
    return double(static_cast<float>(value));
}

// The reference kept OHLCV as float32 and derived dollar volume from those columns, in float32.
data::BarSeries float32_bars(const data::BarSeries& bars) {
    data::BarSeries rounded = bars;
    for (auto* column : {&rounded.open, &rounded.high, &rounded.low, &rounded.close, &rounded.volume})
        for (double& value : *column) value = to_float32(value);
    for (std::size_t i = 0; i < rounded.size(); ++i)
        rounded.dollar_volume[i] =
            double(static_cast<float>(rounded.close[i]) * static_cast<float>(rounded.volume[i]));
    return rounded;
}

// The reference's loop calendar and next_trading_day (spec 01 §12.1, §12.2).
class ReferenceCalendar {
  public:
    ReferenceCalendar(const data::MarketData& data, bool holiday_list) : holiday_list_(holiday_list) {
        for (data::SymbolId id = 0; id < data.symbol_count(); ++id) {
            const auto& dates = data.bars(id).date;
            dates_.insert(dates_.end(), dates.begin(), dates.end());
        }
        std::sort(dates_.begin(), dates_.end());
        dates_.erase(std::unique(dates_.begin(), dates_.end()), dates_.end());
    }

    const std::vector<Date>& dates() const { return dates_; }

    // An equity business day: a weekday off the hard-coded list, or (switch off) an NYSE trading day.
    bool is_business_day(Date day) const {
        if (!holiday_list_) return calendar::calendar_for(AssetClass::Equity).is_trading_day(day);
        return !is_weekend(day) &&
               !std::binary_search(kReferenceHolidays.begin(), kReferenceHolidays.end(), day);
    }

    bool is_trading_day(Date day, AssetClass asset_class) const {
        return asset_class == AssetClass::Crypto || is_business_day(day);
    }

    // The first loop-calendar date after `day` that is a business day; past the data, the next
    // business day by the rule alone. The same for every asset class.
    Date next_trading_day(Date day) const {
        for (auto it = std::upper_bound(dates_.begin(), dates_.end(), day); it != dates_.end(); ++it)
            if (is_business_day(*it)) return *it;
        Date next = day + std::chrono::days{1};
        while (!is_business_day(next)) next += std::chrono::days{1};
        return next;
    }

  private:
    std::vector<Date> dates_;
    bool holiday_list_;
};

struct Instrument {
    int book = 0;
    data::SymbolId id = 0;
    AssetClass asset_class = AssetClass::Equity;
    const data::BarSeries* bars = nullptr;
    const indicators::FeatureTable* features = nullptr;
    int missing_days = 0;

    std::size_t row_on(Date day) const {
        const std::ptrdiff_t row = bars->find(day);
        return row < 0 ? kNoRow : std::size_t(row);
    }
    bool has_bars_up_to(Date day) const { return !bars->empty() && bars->date.front() <= day; }
    strategies::SymbolView view() const { return {*bars, *features}; }
};

struct Candidate {
    std::size_t instrument = 0;
    std::size_t row = 0;
    strategies::Breakout breakout;
    double close = 0.0;
    double stop = 0.0;
    ScoreComponents components;
    double score = 0.0;
};

struct EntryOrder {
    std::size_t instrument = 0;
    std::size_t signal_row = 0;
    double quantity = 0.0;
    double stop = 0.0;
    double reserved = 0.0;
    int window = 0;
};

struct ExitOrder {
    std::size_t instrument = 0;
    ExitReason reason = ExitReason::HardStop;
};

// Pearson over list tails of equal length (the reference aligned return lists by their ends).
double tail_pearson(const std::vector<double>& a, const std::vector<double>& b, std::size_t length) {
    return indicators::pearson(std::span(a).last(length), std::span(b).last(length));
}

class ReferenceLoop {
  public:
    ReferenceLoop(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
                  const RunOptions& options)
        : market_(market),
          run_(run),
          scenario_(scenario),
          compat_(options.compatibility),
          calendar_(*market.data, compat_.reference_holiday_list),
          portfolio_(run.portfolio.starting_equity, position_capacity(),
                     compat_.slippage_charged_twice ? execution::CostRule::Reference
                                                    : execution::CostRule::TradeLab),
          scaler_(scaler_config(), run.portfolio.starting_equity,
                  compat_.vol_scaling_reference ? 252.0 : periods_per_year(market),
                  compat_.vol_scaling_reference ? portfolio::VolScalingRule::Reference
                                                : portfolio::VolScalingRule::TradeLab),
          guard_(compat_.correlation_guard_always_on
                     ? portfolio::CorrelationGuard::reference()
                     : portfolio::CorrelationGuard(run.correlation_guard, kCorrelationLookback)),
          scorer_(run.scoring.weights) {
        slippage_ = options.slippage;
        if (slippage_ == nullptr) {
            std::vector<config::CostsConfig> costs;
            for (const auto& book : market.books) costs.push_back(book.strategy.config().costs);
            owned_slippage_ = std::make_unique<execution::NormalSlippage>(std::move(costs), scenario.seed);
            slippage_ = owned_slippage_.get();
        }
        build_instruments();
        result_ = result_for(scenario, run.portfolio.starting_equity);
    }

    RunResult run(const Progress& progress) {
        const std::vector<Date> days = loop_days();
        result_.equity_curve.reserve(days.size());
        for (std::size_t index = 0; index < days.size(); ++index) {
            process_call(days[index]);
            if ((index + 1) % kProgressEveryCalls == 0 &&
                !report_progress(progress, double(index + 1) / double(days.size()))) {
                result_.cancelled = true;
                break;
            }
        }
        finish();
        report_progress(progress, 1.0);
        return std::move(result_);
    }

  private:
    // ---- set-up ----

    std::size_t position_capacity() const {
        std::size_t total = 4;
        for (const auto& book : market_.books)
            total += std::size_t(book.strategy.config().risk.max_positions);
        // Re-signalled held symbols never add positions, so this bound holds under every switch.
        return total;
    }

    config::VolatilityScalingConfig scaler_config() const {
        // The reference ignored the config block and always ran continuous 20 / 252 / 0.33 / 1.0.
        return compat_.vol_scaling_reference ? config::VolatilityScalingConfig{} : run_.volatility_scaling;
    }

    const StrategyBook& book_of(const Instrument& instrument) const {
        return market_.books[std::size_t(instrument.book)];
    }

    const config::RiskConfig& risk_of(const Instrument& instrument) const {
        return book_of(instrument).strategy.config().risk;
    }

    // The risk limits the queue and the fill check apply (§8.2: the first strategy's, for everyone).
    const config::RiskConfig& limits_of(const Instrument& instrument) const {
        return compat_.first_strategy_queue_limits ? market_.books.front().strategy.config().risk
                                                   : risk_of(instrument);
    }

    void build_instruments() {
        const bool own_tables = compat_.float32_features || compat_.no_benchmark_features;
        for (std::size_t b = 0; b < market_.books.size(); ++b) {
            const auto& book = market_.books[b];
            const indicators::FeatureTable* benchmark_table = nullptr;
            const data::BarSeries* benchmark_bars = nullptr;
            if (own_tables && book.benchmark && !compat_.no_benchmark_features) {
                benchmark_bars = &own_bars(market_.data->bars(*book.benchmark));
                owned_features_.push_back(
                    indicators::FeatureTable::compute(*benchmark_bars, book.strategy.windows()));
                benchmark_table = &owned_features_.back();
            }
            for (std::size_t s = 0; s < book.symbols.size(); ++s) {
                Instrument instrument{int(b), book.symbols[s], book.strategy.asset_class(),
                                      &market_.data->bars(book.symbols[s]), &(*book.features)[s]};
                if (own_tables) {
                    instrument.bars = &own_bars(*instrument.bars);
                    owned_features_.push_back(
                        indicators::FeatureTable::compute(*instrument.bars, book.strategy.windows()));
                    if (benchmark_table)
                        owned_features_.back().attach_benchmark(instrument.bars->date, benchmark_bars->date,
                                                                *benchmark_table);
                    instrument.features = &owned_features_.back();
                }
                instruments_.push_back(instrument);
            }
        }
        instrument_of_symbol_.assign(market_.data->symbol_count(), kNoRow);
        for (std::size_t i = 0; i < instruments_.size(); ++i) instrument_of_symbol_[instruments_[i].id] = i;
        cached_returns_.resize(instruments_.size());
        returns_cached_.assign(instruments_.size(), false);
        candidates_.reserve(instruments_.size());
        entry_orders_.reserve(instruments_.size());
        exit_orders_.reserve(instruments_.size());
        window_values_.resize(instruments_.size() * kCorrelationLookback);
        candidate_returns_.resize(kCorrelationLookback);
        updated_dates_.assign(calendar_.dates().size(), false);
    }

    const data::BarSeries& own_bars(const data::BarSeries& bars) {
        owned_bars_.push_back(compat_.float32_features ? float32_bars(bars) : bars);
        return owned_bars_.back();
    }

    // The dates the loop visits: every date of any loaded series (benchmarks included), or only the
    // days on which one of the strategies' asset classes trades.
    std::vector<Date> loop_days() const {
        std::vector<Date> days;
        for (const Date day : calendar_.dates()) {
            if (day < scenario_.start || day > scenario_.end) continue;
            if (compat_.calendar_day_rows || any_strategy_trades(day)) days.push_back(day);
        }
        return days;
    }

    bool any_strategy_trades(Date day) const {
        return std::any_of(market_.books.begin(), market_.books.end(), [&](const StrategyBook& book) {
            return book.strategy.asset_class() == AssetClass::Crypto || calendar_.is_business_day(day);
        });
    }

    // ---- one call ----

    void process_call(Date t) {
        const Date n1 = calendar_.next_trading_day(t);
        const Date n2 = calendar_.next_trading_day(n1);
        count_missing_days(t);
        remember_day(t);
        collect_candidates(t);
        rank_candidates();
        if (!create_entry_orders(t, n1)) return;  // the reference aborted the call (Errata F3)
        fill_entries(n1);
        count_missing_days(n1);
        check_exits(n1, n2);
        count_missing_days(n2);
        fill_exits(n2);
        value_and_record(t, n1);
    }

    // Step 1/5/8 bookkeeping, once per date (the reference cached feature updates by date): a bar resets
    // the symbol's count, a missing trading day adds one; symbols without any bar yet are ignored (F14).
    void count_missing_days(Date day) {
        const auto& dates = calendar_.dates();
        const auto it = std::lower_bound(dates.begin(), dates.end(), day);
        if (it == dates.end() || *it != day) return;  // past the data: no symbol has a bar
        const std::size_t index = std::size_t(it - dates.begin());
        if (updated_dates_[index]) return;
        updated_dates_[index] = true;
        for (Instrument& instrument : instruments_) {
            if (!instrument.has_bars_up_to(day)) continue;
            if (instrument.row_on(day) != kNoRow) {
                instrument.missing_days = 0;
            } else if (calendar_.is_trading_day(day, instrument.asset_class)) {
                ++instrument.missing_days;
            }
        }
    }

    void remember_day(Date t) {
        recent_days_.push_back(t);
        if (recent_days_.size() > kCorrelationLookback) recent_days_.erase(recent_days_.begin());
    }

    // ---- step 2: signals at the close of t ----

    void collect_candidates(Date t) {
        candidates_.clear();
        for (std::size_t index = 0; index < instruments_.size(); ++index) {
            const Instrument& instrument = instruments_[index];
            const std::size_t row = instrument.row_on(t);
            if (row == kNoRow) continue;
            if (!compat_.resignal_held_symbols && portfolio_.holds(instrument.id)) continue;
            const auto& strategy = book_of(instrument).strategy;
            if (strategy.eligibility(instrument.view(), row) != strategies::Ineligibility::None) continue;
            const auto breakout = strategy.breakout(instrument.view(), row);
            if (!breakout) continue;
            Candidate candidate;
            candidate.instrument = index;
            candidate.row = row;
            candidate.breakout = *breakout;
            candidate.close = instrument.bars->close[row];
            candidate.stop = strategy.initial_stop(candidate.close, instrument.features->atr()[row]);
            if (!(candidate.stop < candidate.close) || !passes_capacity(instrument, candidate)) continue;
            candidate.components = components(instrument, candidate);
            candidates_.push_back(candidate);
        }
        // The reference fetched (and so cached) every signal's return list while scoring it, before
        // looking at the portfolio: a list is frozen at the symbol's first signal of the run.
        if (compat_.stale_correlation_returns)
            for (const Candidate& candidate : candidates_) cached_returns(candidate.instrument, t);
        for (Candidate& candidate : candidates_)
            candidate.components.diversification = diversification(instruments_[candidate.instrument], t);
    }

    // §11.5 with the size estimate of §9.2 A.
    bool passes_capacity(const Instrument& instrument, const Candidate& candidate) const {
        const auto& config = book_of(instrument).strategy.config();
        const double adv = instrument.features->adv()[candidate.row];
        const double quantity =
            portfolio::capacity_estimate_quantity(portfolio_.equity(), candidate.close, candidate.stop,
                                                  scaler_.multiplier(), config.risk, sizing_rule());
        return std::isfinite(adv) && adv > 0.0 &&
               candidate.close * quantity <= config.capacity.max_order_pct_adv * adv;
    }

    portfolio::SizingRule sizing_rule() const {
        return compat_.reference_sizing ? portfolio::SizingRule::Reference : portfolio::SizingRule::TradeLab;
    }

    ScoreComponents components(const Instrument& instrument, const Candidate& candidate) const {
        const auto& features = *instrument.features;
        const auto& windows = book_of(instrument).strategy.windows();
        const auto entry_mas = windows.entry_ma_periods();
        const bool fast = candidate.breakout.window == windows.breakout_fast;
        const double ma = features.ma(fast ? entry_mas.front() : entry_mas.back())[candidate.row];
        const double atr = features.atr()[candidate.row];
        ScoreComponents c;
        c.breakout =
            (std::isfinite(atr) && atr > 0 && std::isfinite(ma)) ? (candidate.close - ma) / atr : 0.0;
        const double roc = features.roc()[candidate.row];
        const double benchmark_roc = features.benchmark_roc()[candidate.row];
        c.momentum = !std::isfinite(roc) ? 0.0 : std::isfinite(benchmark_roc) ? roc - benchmark_roc : roc;
        return c;
    }

    void rank_candidates() {
        if (candidates_.empty()) return;
        components_.clear();
        for (const auto& candidate : candidates_) components_.push_back(candidate.components);
        scores_.resize(candidates_.size());
        scorer_.score(components_, scores_);
        for (std::size_t i = 0; i < candidates_.size(); ++i) candidates_[i].score = scores_[i];
        std::stable_sort(candidates_.begin(), candidates_.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    }

    // ---- correlations: stale tail-aligned lists (reference) or date-aligned windows (TradeLab) ----

    // The symbol's return list as the reference cached it: all 1-day returns up to `day` the first
    // time it is asked for in the run, never extended afterwards.
    const std::vector<double>& cached_returns(std::size_t index, Date day) {
        if (!returns_cached_[index]) {
            const auto& bars = *instruments_[index].bars;
            auto& list = cached_returns_[index];
            const std::size_t rows =
                std::size_t(std::upper_bound(bars.date.begin(), bars.date.end(), day) - bars.date.begin());
            list.assign(rows, kNaN);
            for (std::size_t i = 1; i < rows; ++i) list[i] = bars.close[i] / bars.close[i - 1] - 1.0;
            returns_cached_[index] = true;
        }
        return cached_returns_[index];
    }

    // §2.3 correlation_to_portfolio on cached lists: windows of the last 20 (a position with 10..19
    // uses all it has), each pair trimmed to the shorter tail; mean of the defined correlations.
    double stale_correlation_to_portfolio(std::size_t candidate, Date day) {
        const auto& own = cached_returns(candidate, day);
        if (own.size() < kCandidateMinReturns) return kNaN;
        const std::size_t own_window = std::min(own.size(), kCorrelationLookback);
        double sum = 0.0;
        int count = 0;
        for (const portfolio::Position& position : portfolio_.positions()) {
            const std::size_t other_index = instrument_of_symbol_[position.symbol];
            if (other_index == candidate) continue;
            const auto& other = cached_returns(other_index, day);
            if (other.size() < kCandidateMinReturns) continue;
            const std::size_t length = std::min({own_window, other.size(), kCorrelationLookback});
            if (length < kCandidateMinReturns) continue;
            const double correlation = tail_pearson(own, other, length);
            if (std::isnan(correlation)) continue;
            sum += correlation;
            ++count;
        }
        return count > 0 ? sum / count : kNaN;
    }

    // §2.3 avg_pairwise_correlation on cached lists of the held positions.
    double stale_average_pairwise(Date day) {
        const auto min_positions = std::size_t(guard_.config().min_positions);
        if (portfolio_.position_count() < min_positions) return kNaN;
        qualifying_.clear();
        for (const portfolio::Position& position : portfolio_.positions()) {
            const std::size_t index = instrument_of_symbol_[position.symbol];
            if (cached_returns(index, day).size() >= kCorrelationLookback) qualifying_.push_back(index);
        }
        if (qualifying_.size() < 2) return kNaN;
        double sum = 0.0;
        int count = 0;
        for (std::size_t i = 0; i < qualifying_.size(); ++i) {
            for (std::size_t j = i + 1; j < qualifying_.size(); ++j) {
                const double correlation = tail_pearson(
                    cached_returns_[qualifying_[i]], cached_returns_[qualifying_[j]], kCorrelationLookback);
                if (std::isnan(correlation)) continue;
                sum += correlation;
                ++count;
            }
        }
        return count > 0 ? sum / count : kNaN;
    }

    // The held positions' date-aligned returns over the last loop days, one row each.
    indicators::ReturnWindow position_returns() {
        return held_returns(portfolio_, recent_days_, window_values_, [&](data::SymbolId symbol) {
            const Instrument& instrument = instruments_[instrument_of_symbol_[symbol]];
            return std::pair{instrument.bars, instrument.features};
        });
    }

    std::span<const double> candidate_window(const Instrument& instrument) {
        const std::span<double> out(candidate_returns_.data(), recent_days_.size());
        indicators::gather_returns(recent_days_, instrument.bars->date, instrument.features->returns_1d(),
                                   out);
        return out;
    }

    double candidate_correlation(std::size_t index, Date day) {
        if (compat_.stale_correlation_returns) return stale_correlation_to_portfolio(index, day);
        const auto held = position_returns();
        return indicators::correlation_to_portfolio(candidate_window(instruments_[index]), held, {},
                                                    held_row(instruments_[index].id));
    }

    std::size_t held_row(data::SymbolId symbol) const {
        const auto positions = portfolio_.positions();
        for (std::size_t row = 0; row < positions.size(); ++row)
            if (positions[row].symbol == symbol) return row;
        return indicators::kNoRow;
    }

    // §8.1 step 3: 0.5 when flat or undefined, else 1 - mean correlation to the positions.
    double diversification(const Instrument& instrument, Date day) {
        if (portfolio_.position_count() == 0) return 0.5;
        const double correlation = candidate_correlation(instrument_of_symbol_[instrument.id], day);
        return std::isfinite(correlation) ? 1.0 - correlation : 0.5;
    }

    bool guard_allows(std::size_t index, Date day) {
        const std::size_t held = portfolio_.position_count();
        const double portfolio_correlation =
            compat_.stale_correlation_returns ? stale_average_ : guard_.avg_pairwise_correlation();
        // Rules 1 and 2 first: the candidate's correlation is only computed (and, in the reference,
        // its return list only cached) when they do not already allow it.
        const auto by_portfolio = guard_.decide(held, portfolio_correlation, kNaN);
        if (by_portfolio.reason != portfolio::GuardReason::CandidateCorrelationUndefined)
            return by_portfolio.allowed;
        return guard_.decide(held, portfolio_correlation, candidate_correlation(index, day)).allowed;
    }

    void update_correlation_metrics(Date day) {
        if (compat_.stale_correlation_returns) {
            stale_average_ = stale_average_pairwise(day);
        } else {
            guard_.update(portfolio_.position_count(), position_returns());
        }
    }

    // ---- step 3: queue, sizing, orders ----

    // Returns false when the reference would have raised while creating an order (a gap-adjusted stop
    // <= 0): the rest of the call is skipped and the reservations made so far are never returned.
    bool create_entry_orders(Date t, Date n1) {
        entry_orders_.clear();
        selected_.clear();
        selected_per_book_.assign(market_.books.size(), 0);
        double selected_notional = 0.0;
        for (const Candidate& candidate : candidates_) {
            if (!queue_accepts(candidate, t, selected_notional)) continue;
            selected_.push_back(candidate);
            ++selected_per_book_[std::size_t(instruments_[candidate.instrument].book)];
        }
        double committed = 0.0;
        for (const Candidate& candidate : selected_) {
            const Instrument& instrument = instruments_[candidate.instrument];
            portfolio::SizingRequest request{portfolio_.equity(),
                                             portfolio_.available_cash(),
                                             portfolio_.gross_exposure(),
                                             committed,
                                             candidate.close,
                                             candidate.stop,
                                             scaler_.multiplier()};
            const auto sized = portfolio::size_position(request, risk_of(instrument), sizing_rule());
            if (sized.quantity < 1.0) continue;
            const std::size_t next_row = instrument.row_on(n1);
            if (next_row == kNoRow) continue;
            const double expected = instrument.bars->open[next_row];
            double stop = candidate.stop;
            if (stop >= expected) {
                // §9.3 step 4: the next open gapped through the stop; re-base it on that open.
                const double atr = instrument.features->atr()[candidate.row];
                const double mult = book_of(instrument).strategy.config().exit.hard_stop_atr_mult;
                stop = std::isfinite(atr) ? expected - mult * atr : expected * 0.98;
                if (stop <= 0.0) return false;
            }
            const double reserved = compat_.reference_sizing ? kReservationBuffer * expected * sized.quantity
                                                             : candidate.close * sized.quantity;
            portfolio_.reserve_cash(reserved);
            committed += candidate.close * sized.quantity;
            entry_orders_.push_back({candidate.instrument, candidate.row, sized.quantity, stop, reserved,
                                     candidate.breakout.window});
        }
        return true;
    }

    // §8.2: max positions, the exposure estimate (reference sizing only: TradeLab clamps the size to
    // the exposure headroom instead), capacity (already checked), the correlation guard.
    bool queue_accepts(const Candidate& candidate, Date t, double& selected_notional) {
        const Instrument& instrument = instruments_[candidate.instrument];
        const auto& limits = limits_of(instrument);
        const std::size_t open = compat_.first_strategy_queue_limits
                                     ? portfolio_.position_count() + selected_.size()
                                     : book_positions(instrument.book) +
                                           std::size_t(selected_per_book_[std::size_t(instrument.book)]);
        if (open >= std::size_t(limits.max_positions)) return false;
        double notional = 0.0;
        if (compat_.reference_sizing) {
            const double estimate = portfolio::queue_estimate_quantity(
                portfolio_.equity(), candidate.close, candidate.stop, scaler_.multiplier(), limits);
            notional = candidate.close * estimate;
            if (portfolio_.gross_exposure() + selected_notional + notional >
                portfolio_.equity() * limits.max_exposure)
                return false;
        }
        if (!guard_allows(candidate.instrument, t)) return false;
        selected_notional += notional;
        return true;
    }

    std::size_t book_positions(int book) const {
        return std::size_t(
            std::count_if(portfolio_.positions().begin(), portfolio_.positions().end(),
                          [&](const portfolio::Position& p) { return p.strategy_index == book; }));
    }

    // ---- step 4: entry fills at the open of n1 ----

    execution::FillContext fill_context(const Instrument& instrument, std::size_t input_row,
                                        std::size_t execution_row, Date day, bool is_entry,
                                        double quantity) const {
        const auto& book = book_of(instrument);
        const FillSource source{
            instrument.id,       instrument.asset_class,
            instrument.book,     instrument.bars,
            instrument.features, book.benchmark ? &market_.data->bars(*book.benchmark) : nullptr};
        // The reference reads the benchmark week up to the execution day itself (spec 01 §11.3).
        const FillTiming timing{input_row, execution_row, day, day};
        return make_fill_context(source, timing, is_entry, quantity, is_crash_date(day),
                                 scenario_.slippage_multiplier);
    }

    bool is_crash_date(Date day) const {
        return std::binary_search(scenario_.crash_dates.begin(), scenario_.crash_dates.end(), day);
    }

    double fee_bps(const Instrument& instrument) const {
        return book_of(instrument).strategy.config().costs.fee_bps;
    }

    void fill_entries(Date n1) {
        // The reference checked each fill against its portfolio's equity and gross exposure fields: the
        // last valuation, then after every successful fill the half-updated view of Errata F1.
        portfolio::ReferenceValuation basis{portfolio_.equity(), portfolio_.gross_exposure()};
        for (const EntryOrder& order : entry_orders_) {
            const Instrument& instrument = instruments_[order.instrument];
            const std::size_t row = instrument.row_on(n1);
            auto context = fill_context(instrument, order.signal_row, row, n1, true, order.quantity);
            if (!compat_.reference_sizing) context.quantity = affordable_quantity(instrument, order, context);
            if (context.quantity < 1.0) {
                portfolio_.release_cash(order.reserved);
                continue;
            }
            const auto fill = execution::simulate_fill(*slippage_, context, fee_bps(instrument), fill_ids_,
                                                       portfolio_.cost_rule());
            if (!accepts_fill(instrument, fill, basis)) {
                portfolio_.release_cash(order.reserved);
                continue;
            }
            const bool gap =
                row > 0 &&
                std::abs(instrument.bars->open[row] / instrument.bars->close[row - 1] - 1.0) > kGapThreshold;
            portfolio_.open(fill, {instrument.book, order.stop, order.window,
                                   instrument.features->adv()[order.signal_row], gap});
            if (compat_.reference_sizing) basis = portfolio_.reference_valuation_after_entry(fill);
            portfolio_.release_cash(order.reserved);
        }
    }

    // TradeLab: a gap up can make the order dearer than the cash set aside; buy what the cash affords.
    double affordable_quantity(const Instrument& instrument, const EntryOrder& order,
                               const execution::FillContext& context) const {
        const double fee_rate = fee_bps(instrument) / 1e4;
        const double available = portfolio_.available_cash() + order.reserved;
        return std::min(order.quantity,
                        std::floor(available / (context.open_price * (1.0 + fee_rate) * 1.05)));
    }

    // The reference rejected a fill for a symbol already held and, with its sizing, a fill breaking the
    // first strategy's limits; the slippage draw was made either way.
    bool accepts_fill(const Instrument& instrument, const execution::Fill& fill,
                      const portfolio::ReferenceValuation& basis) const {
        if (portfolio_.holds(instrument.id)) return false;
        if (!compat_.reference_sizing) return true;
        return portfolio::check_fill_limits_reference(basis, fill.notional(), limits_of(instrument)) ==
               portfolio::FillLimitCheck::Ok;
    }

    // ---- steps 6-8: exits decided at the close of n1, filled at the open of n2 ----

    void check_exits(Date n1, Date n2) {
        exit_orders_.clear();
        const bool crash = is_crash_date(n1);
        for (const portfolio::Position& position : portfolio_.positions()) {
            const std::size_t index = instrument_of_symbol_[position.symbol];
            Instrument& instrument = instruments_[index];
            const std::size_t row = instrument.row_on(n1);
            if (row == kNoRow) {
                handle_missing_bar(index, n2);
                continue;
            }
            const auto& strategy =
                compat_.first_strategy_exits ? market_.books.front().strategy : book_of(instrument).strategy;
            strategies::StopState stop{position.entry_price, position.stop_price, position.tightened_stop};
            const auto signal = strategy.update_and_check_exit(instrument.view(), row, stop);
            if (stop.stop_price != position.stop_price)
                portfolio_.update_stop(position.symbol, stop.stop_price, stop.tightened);
            if (crash || signal == strategies::ExitSignal::HardStop) {
                exit_orders_.push_back({index, ExitReason::HardStop});
            } else if (signal == strategies::ExitSignal::TrailingMaCross) {
                exit_orders_.push_back({index, ExitReason::TrailingMaCross});
            }
        }
        close_forced_positions(n1);
    }

    // §13 #2: with two missing trading days the position leaves at the next open with a bar. The
    // reference counted the exit-check day again (no trading-day test), and when the data had ended it
    // closed at once at the dataset's last close (Errata F2).
    void handle_missing_bar(std::size_t index, Date n2) {
        Instrument& instrument = instruments_[index];
        if (compat_.missing_day_double_count) ++instrument.missing_days;
        if (instrument.missing_days < kMissingDaysForExit) return;
        if (instrument.row_on(n2) != kNoRow) {
            exit_orders_.push_back({index, ExitReason::DataMissing});
        } else if (compat_.missing_day_double_count) {
            forced_closes_.push_back(index);
        }
    }

    // Errata F2: exit dated the exit-check day, at the last close of the whole data set, no costs.
    void close_forced_positions(Date n1) {
        for (const std::size_t index : forced_closes_) {
            const Instrument& instrument = instruments_[index];
            const portfolio::Position* position = portfolio_.find(instrument.id);
            if (position == nullptr || instrument.bars->empty()) continue;
            execution::FillContext context;
            context.symbol = instrument.id;
            context.asset_class = instrument.asset_class;
            context.side = execution::Side::Sell;
            context.is_entry = false;
            context.execution_date = n1;
            context.quantity = position->quantity;
            const auto fill =
                execution::cost_free_fill(context, instrument.bars->close.back(), fill_ids_.next());
            record_trade(instrument, portfolio_.close(fill, ExitReason::DataMissing));
        }
        forced_closes_.clear();
    }

    void fill_exits(Date n2) {
        for (const ExitOrder& order : exit_orders_) {
            const Instrument& instrument = instruments_[order.instrument];
            const portfolio::Position* position = portfolio_.find(instrument.id);
            if (position == nullptr) continue;
            const std::size_t row = instrument.row_on(n2);
            if (row == kNoRow) continue;  // rejected: the position stays open
            auto context = fill_context(instrument, row, row, n2, false, position->quantity);
            context.hard_stop_exit = order.reason == ExitReason::HardStop;
            const auto fill = execution::simulate_fill(*slippage_, context, fee_bps(instrument), fill_ids_,
                                                       portfolio_.cost_rule());
            record_trade(instrument, portfolio_.close(fill, order.reason));
        }
    }

    void record_trade(const Instrument& instrument, TradeRecord trade) {
        trade.symbol_name = market_.data->info(instrument.id).symbol;
        result_.trades.push_back(std::move(trade));
    }

    // ---- step 9: valuation at the close of n1, stored under t ----

    void value_and_record(Date t, Date n1) {
        portfolio_.mark_to_market(n1, [&](data::SymbolId symbol) {
            const Instrument& instrument = instruments_[instrument_of_symbol_[symbol]];
            const std::size_t row = instrument.row_on(n1);
            // No bar: the last known close (compatibility.hpp says why no entry-price switch exists).
            return row != kNoRow ? instrument.bars->close[row] : kNaN;
        });
        require_accounting(portfolio_, t);
        scaler_.update(portfolio_.equity());
        update_correlation_metrics(t);
        record(t);
    }

    void record(Date day) {
        const double average =
            compat_.stale_correlation_returns ? stale_average_ : guard_.avg_pairwise_correlation();
        result_.equity_curve.push_back(
            equity_point(day, portfolio_, scaler_.multiplier(), scaler_.volatility(), average));
    }

    void finish() { result_.open_at_end = open_positions(portfolio_, *market_.data); }

    const RunMarket& market_;
    const config::RunConfig& run_;
    const Scenario& scenario_;
    ReferenceCompatibility compat_;
    ReferenceCalendar calendar_;
    portfolio::Portfolio portfolio_;
    portfolio::VolatilityScaler scaler_;
    portfolio::CorrelationGuard guard_;
    Scorer scorer_;
    execution::SlippageModel* slippage_ = nullptr;
    std::unique_ptr<execution::SlippageModel> owned_slippage_;
    execution::FillIdSequence fill_ids_;

    std::deque<data::BarSeries> owned_bars_;  // float32 copies (deque: stable addresses)
    std::deque<indicators::FeatureTable> owned_features_;
    std::vector<Instrument> instruments_;
    std::vector<std::size_t> instrument_of_symbol_;
    std::vector<bool> updated_dates_;  // parallel to calendar_.dates(): bookkeeping done

    std::vector<Candidate> candidates_;
    std::vector<Candidate> selected_;
    std::vector<int> selected_per_book_;
    std::vector<ScoreComponents> components_;
    std::vector<double> scores_;
    std::vector<EntryOrder> entry_orders_;
    std::vector<ExitOrder> exit_orders_;
    std::vector<std::size_t> forced_closes_;

    std::vector<std::vector<double>> cached_returns_;
    std::vector<bool> returns_cached_;
    std::vector<std::size_t> qualifying_;
    double stale_average_ = kNaN;
    std::vector<Date> recent_days_;
    std::vector<double> window_values_;
    std::vector<double> candidate_returns_;

    RunResult result_;
};

}  // namespace

RunResult run_reference_loop(const RunMarket& market, const config::RunConfig& run, const Scenario& scenario,
                             const RunOptions& options, const Progress& progress) {
    if (!options.compatibility.reference_day_cycle)
        throw std::invalid_argument("run_reference_loop: reference_day_cycle is off");
    return ReferenceLoop(market, run, scenario, options).run(progress);
}

}  // namespace tradelab::backtest
