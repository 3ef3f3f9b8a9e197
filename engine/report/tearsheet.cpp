#include "report/tearsheet.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace tradelab::report {
namespace {

using backtest::EquityPoint;
using backtest::RunResult;
using store::StoredRun;

std::string number(double value, int decimals = 2) {
    if (std::isnan(value)) return "&ndash;";
    if (std::isinf(value)) return value > 0 ? "&infin;" : "-&infin;";
    return fmt::format("{:.{}f}", value, decimals);
}

std::string money(double value) {
    return std::isfinite(value) ? fmt::format("{:.2f}", value) : number(value);
}

std::string percent(double fraction, int decimals = 2) {
    return std::isfinite(fraction) ? fmt::format("{:.{}f}%", fraction * 100.0, decimals) : number(fraction);
}

// Ticks at 1, 2 or 5 × 10^k, about `wanted` of them across [low, high].
std::vector<double> nice_ticks(double low, double high, int wanted) {
    const double raw = (high - low) / wanted;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double ratio = raw / magnitude;
    const double step = magnitude * (ratio < 1.5 ? 1.0 : ratio < 3.5 ? 2.0 : ratio < 7.5 ? 5.0 : 10.0);
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    return ticks;
}

// One time-series chart in SVG: values against their index, dates under the x axis and value
// gridlines with labels on the left. Coordinates are in a fixed viewBox; the page scales it.
class SvgChart {
  public:
    SvgChart(std::vector<Date> dates, double low, double high)
        : dates_(std::move(dates)), low_(low), high_(high > low ? high : low + 1.0) {}

    std::string render(const std::vector<std::string>& series,
                       const std::function<std::string(double)>& label) const {
        std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" class="chart" role="img">)", width, height);
        svg += gridlines(label) + date_labels();
        for (const auto& element : series) svg += element;
        return svg + "</svg>\n";
    }

    std::string polyline(const std::vector<double>& values, std::string_view css_class) const {
        return fmt::format(R"(<polyline class="{}" points="{}"/>)", css_class, points(values));
    }

    // The area between the series and `baseline`, closed along the baseline.
    std::string area(const std::vector<double>& values, double baseline, std::string_view css_class) const {
        if (values.empty()) return {};
        const std::string base =
            fmt::format("{:.1f},{:.1f} {:.1f},{:.1f}", x(values.size() - 1), y(baseline), x(0), y(baseline));
        return fmt::format(R"(<polygon class="{}" points="{} {}"/>)", css_class, points(values), base);
    }

  private:
    static constexpr double width = 1160, height = 300;
    static constexpr double left = 90, right = 20, top = 15, bottom = 35;

    double x(std::size_t index) const {
        const double span = dates_.size() > 1 ? double(dates_.size() - 1) : 1.0;
        return left + (width - left - right) * double(index) / span;
    }
    double y(double value) const { return top + (height - top - bottom) * (high_ - value) / (high_ - low_); }

    std::string points(const std::vector<double>& values) const {
        std::string text;
        for (std::size_t i = 0; i < values.size(); ++i)
            text += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x(i), y(values[i]));
        return text;
    }

    std::string gridlines(const std::function<std::string(double)>& label) const {
        std::string svg;
        for (const double tick : nice_ticks(low_, high_, 5)) {
            svg += fmt::format(R"(<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>)", left,
                               width - right, y(tick), y(tick));
            svg += fmt::format(R"(<text class="ylabel" x="{}" y="{:.1f}">{}</text>)", left - 8, y(tick) + 4,
                               label(tick));
        }
        return svg;
    }

    std::string date_labels() const {
        std::string svg;
        if (dates_.empty()) return svg;
        const std::size_t labels = std::min<std::size_t>(7, dates_.size());
        for (std::size_t k = 0; k < labels; ++k) {
            const std::size_t index = labels > 1 ? k * (dates_.size() - 1) / (labels - 1) : 0;
            const char* anchor = k == 0 ? "start" : k + 1 == labels ? "end" : "middle";
            svg += fmt::format(R"(<text class="xlabel" x="{:.1f}" y="{}" text-anchor="{}">{}</text>)",
                               x(index), height - 10, anchor, format_date(dates_[index]));
        }
        return svg;
    }

    std::vector<Date> dates_;
    double low_, high_;
};

std::vector<Date> curve_dates(const RunResult& run) {
    std::vector<Date> dates;
    for (const auto& point : run.equity_curve) dates.push_back(point.date);
    return dates;
}

// Each point's fall from the highest equity so far (the starting equity counts), as a negative
// fraction: the "underwater" curve.
std::vector<double> underwater(const RunResult& run) {
    std::vector<double> drawdowns;
    double peak = run.starting_equity;
    for (const auto& point : run.equity_curve) {
        peak = std::max(peak, point.equity);
        drawdowns.push_back(peak > 0.0 ? point.equity / peak - 1.0 : 0.0);
    }
    return drawdowns;
}

std::string equity_chart(const RunResult& run) {
    std::vector<double> equity;
    for (const auto& point : run.equity_curve) equity.push_back(point.equity);
    if (equity.empty()) return "<p class=\"note\">The run has no equity curve.</p>\n";
    const auto [low, high] = std::minmax_element(equity.begin(), equity.end());
    const double pad = (*high - *low) * 0.05 + 1.0;
    const SvgChart chart(curve_dates(run), *low - pad, *high + pad);
    return chart.render({chart.polyline(equity, "equity")},
                        [](double v) { return fmt::format("{:.0f}", v); });
}

std::string drawdown_chart(const RunResult& run) {
    const std::vector<double> drawdowns = underwater(run);
    if (drawdowns.empty()) return {};
    const double deepest = *std::min_element(drawdowns.begin(), drawdowns.end());
    const SvgChart chart(curve_dates(run), std::min(deepest * 1.1, -0.01), 0.0);
    return chart.render({chart.area(drawdowns, 0.0, "underwater"), chart.polyline(drawdowns, "drawdown")},
                        [](double v) { return percent(v, 0); });
}

std::string row(std::initializer_list<std::string> cells, std::string_view tag = "td") {
    std::string html = "<tr>";
    for (const auto& cell : cells) html += fmt::format("<{0}>{1}</{0}>", tag, cell);
    return html + "</tr>\n";
}

std::string header_section(const StoredRun& run) {
    const auto& r = run.record;
    const auto& d = r.description;
    std::string html = fmt::format("<h1>{} <span class=\"period\">{}</span></h1>\n",
                                   escape_html(d.config_name.empty() ? d.config_path : d.config_name),
                                   escape_html(r.period));
    html += "<table class=\"facts\">\n";
    html += row({"Run", fmt::format("#{} ({}, {})", r.id, escape_html(store::to_string(d.kind)),
                                    escape_html(store::to_string(r.status)))});
    html += row({"Dates", fmt::format("{} &rarr; {}", format_date(r.start), format_date(r.end))});
    html += row({"Seed", std::to_string(r.seed)});
    html += row({"Digest", fmt::format("<code>{}</code>{}", escape_html(r.digest),
                                       run.digest_verified ? " (verified)" : " (not verified)")});
    html += row({"Config hash", fmt::format("<code>{}</code>", escape_html(d.config_hash))});
    html += row({"Data fingerprint", fmt::format("<code>{}</code>", escape_html(d.data_fingerprint))});
    html += row({"Strategies", escape_html(fmt::format("{}", fmt::join(d.strategies, ", ")))});
    html += row({"TradeLab version", escape_html(d.tradelab_version)});
    html += row({"Stored", escape_html(r.created_at)});
    return html + "</table>\n";
}

std::string metrics_section(const StoredRun& run) {
    const auto& m = run.metrics;
    std::string html = "<h2>Headline metrics</h2>\n<table class=\"metrics\">\n";
    html +=
        row({"Starting equity", money(run.result.starting_equity), "Final equity", money(run.final_equity)});
    html += row({"Total return", percent(m.total_return), "CAGR", percent(m.cagr)});
    html += row({"Sharpe ratio", number(m.sharpe_ratio), "Volatility", percent(m.volatility)});
    html += row({"Max drawdown", percent(m.max_drawdown), "Calmar ratio", number(m.calmar_ratio)});
    html += row({"Trades", std::to_string(m.total_trades), "Win rate", percent(m.win_rate, 1)});
    html += row({"Expectancy (R)", number(m.expectancy), "Profit factor", number(m.profit_factor)});
    html += row({"Recovery factor", number(m.recovery_factor), "Longest drawdown (days)",
                 std::to_string(m.drawdown_duration)});
    html += row({"Turnover (trades/month)", number(m.turnover), "Avg holding (days)",
                 number(m.average_holding_period, 1)});
    html += row({"Max consecutive losses", std::to_string(m.max_consecutive_losses), "99th pct daily loss",
                 percent(m.percentile_99_daily_loss)});
    return html + "</table>\n";
}

// Red for losses, green for gains; stronger for larger moves, saturating at ±10 % a month. Moves that
// round to 0.0 % stay grey so a flat month does not read as a gain.
std::string return_cell(double value) {
    if (std::abs(value) < 0.0005) return fmt::format("<td class=\"flat\">{}</td>", percent(value, 1));
    const double strength = std::min(std::abs(value) / 0.10, 1.0);
    const int alpha = int(std::lround(15 + 70 * strength));
    const char* rgb = value >= 0.0 ? "22,163,74" : "220,38,38";
    return fmt::format(R"html(<td style="background:rgba({},{:.2f})">{}</td>)html", rgb, alpha / 100.0,
                       percent(value, 1));
}

std::string monthly_section(const RunResult& run) {
    std::map<int, std::map<unsigned, double>> by_year;
    for (const auto& month : monthly_returns(run)) by_year[month.year][month.month] = month.value;
    std::string html = "<h2>Monthly returns</h2>\n<table class=\"monthly\">\n<tr><th>Year</th>";
    for (const char* name :
         {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"})
        html += fmt::format("<th>{}</th>", name);
    html += "<th>Year</th></tr>\n";
    for (const auto& [year, months] : by_year) {
        html += fmt::format("<tr><th>{}</th>", year);
        double compounded = 1.0;
        for (unsigned month = 1; month <= 12; ++month) {
            const auto found = months.find(month);
            if (found == months.end()) {
                html += "<td class=\"empty\"></td>";
                continue;
            }
            compounded *= 1.0 + found->second;
            html += return_cell(found->second);
        }
        html += return_cell(compounded - 1.0) + "</tr>\n";
    }
    return html + "</table>\n";
}

std::string trade_row(const backtest::TradeRecord& t) {
    const char* sign = t.realized_pnl >= 0.0 ? "gain" : "loss";
    return fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>\n",
        t.trade_id, escape_html(t.symbol_name), format_date(t.entry_date), money(t.entry_price),
        format_date(t.exit_date), money(t.exit_price), number(t.quantity, 0), sign, money(t.realized_pnl),
        number(t.r_multiple()), escape_html(backtest::to_string(t.exit_reason)));
}

std::string trades_section(const RunResult& run) {
    std::string html = fmt::format("<h2>Trades ({})</h2>\n", run.trades.size());
    if (run.trades.empty()) return html + "<p class=\"note\">No closed trades.</p>\n";
    html +=
        "<table class=\"trades\">\n<thead><tr><th>#</th><th>Symbol</th><th>Entry date</th>"
        "<th>Entry price</th><th>Exit date</th><th>Exit price</th><th>Qty</th><th>P&amp;L</th>"
        "<th>R</th><th>Exit reason</th></tr></thead>\n<tbody>\n";
    for (const auto& trade : run.trades) html += trade_row(trade);
    return html + "</tbody>\n</table>\n";
}

// A go/no-go verdict, when a validation stored one among the run's figures.
std::string verdict_section(const StoredRun& run) {
    std::string html = "<h2>Go / no-go verdict</h2>\n";
    if (!run.metrics_json.empty()) {
        const auto figures = nlohmann::json::parse(run.metrics_json);
        if (const auto found = figures.find("verdict"); found != figures.end() && found->is_string())
            return html +
                   fmt::format("<p class=\"verdict\">{}</p>\n", escape_html(found->get<std::string>()));
    }
    return html + "<p class=\"note\">No validation verdict stored for this run.</p>\n";
}

constexpr std::string_view style = R"(<style>
body { font: 14px/1.4 "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 24px 40px; }
h1 { font-size: 24px; margin: 0 0 8px; } h1 .period { color: #52606d; font-weight: normal; }
h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
table { border-collapse: collapse; }
td, th { padding: 3px 10px; }
.facts td:first-child { color: #52606d; }
.metrics td:nth-child(odd) { color: #52606d; }
.metrics td:nth-child(even) { text-align: right; font-weight: bold; padding-right: 36px; }
.monthly td, .monthly th { text-align: right; min-width: 48px; border: 1px solid #fff; }
.monthly td.empty { background: #f5f7fa; } .monthly td.flat { background: #eef1f4; }
.trades { font-size: 12px; } .trades th { background: #f0f4f8; text-align: right; }
.trades td { text-align: right; border-bottom: 1px solid #f0f4f8; }
.trades td:nth-child(2), .trades td:last-child,
.trades th:nth-child(2), .trades th:last-child { text-align: left; }
td.gain { color: #15803d; } td.loss { color: #b91c1c; }
.chart { width: 100%; max-width: 1160px; height: auto; display: block; }
.chart .grid { stroke: #e4e7eb; stroke-width: 1; }
.chart .ylabel { font-size: 12px; fill: #52606d; text-anchor: end; }
.chart .xlabel { font-size: 12px; fill: #52606d; }
.chart .equity { fill: none; stroke: #2563eb; stroke-width: 1.5; }
.chart .drawdown { fill: none; stroke: #b91c1c; stroke-width: 1; }
.chart .underwater { fill: rgba(220,38,38,0.25); stroke: none; }
.note { color: #7b8794; font-style: italic; } .verdict { font-weight: bold; font-size: 16px; }
footer { margin-top: 30px; color: #9aa5b1; font-size: 12px; }
</style>
)";

}  // namespace

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                escaped += "&amp;";
                break;
            case '<':
                escaped += "&lt;";
                break;
            case '>':
                escaped += "&gt;";
                break;
            case '"':
                escaped += "&quot;";
                break;
            case '\'':
                escaped += "&#39;";
                break;
            default:
                escaped += c;
        }
    }
    return escaped;
}

std::vector<MonthlyReturn> monthly_returns(const RunResult& run) {
    std::vector<MonthlyReturn> months;
    double previous_close = run.starting_equity;
    for (std::size_t i = 0; i < run.equity_curve.size(); ++i) {
        const std::chrono::year_month_day day{run.equity_curve[i].date};
        const bool last_of_month =
            i + 1 == run.equity_curve.size() ||
            std::chrono::year_month_day{run.equity_curve[i + 1].date}.month() != day.month();
        if (!last_of_month) continue;
        const double close = run.equity_curve[i].equity;
        const double value = previous_close > 0.0 ? close / previous_close - 1.0 : 0.0;
        months.push_back({int(day.year()), unsigned(day.month()), value});
        previous_close = close;
    }
    return months;
}

std::string tearsheet_html(const StoredRun& run) {
    const auto& r = run.record;
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += fmt::format("<title>TradeLab tear sheet: {} {} (run #{})</title>\n",
                        escape_html(r.description.config_name), escape_html(r.period), r.id);
    html += std::string(style) + "</head>\n<body>\n";
    html += header_section(run) + metrics_section(run);
    html += "<h2>Equity curve</h2>\n" + equity_chart(run.result);
    html += "<h2>Drawdown</h2>\n" + drawdown_chart(run.result);
    html += monthly_section(run.result) + verdict_section(run) + trades_section(run.result);
    html += fmt::format("<footer>TradeLab {} &middot; run #{}</footer>\n</body>\n</html>\n",
                        escape_html(r.description.tradelab_version), r.id);
    return html;
}

}  // namespace tradelab::report
