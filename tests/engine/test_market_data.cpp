#include <gtest/gtest.h>

#include "data/market_data.hpp"

namespace tradelab::data {
namespace {

const std::filesystem::path kBundled = TRADELAB_BUNDLED_DATA_DIR;

TEST(MarketData, LoadsTheBundledDataSet) {
    const auto loaded = load_market_data(requests_for_data_root(kBundled));
    const MarketData& market = loaded.market;
    EXPECT_FALSE(loaded.cancelled);
    EXPECT_EQ(market.symbol_count(), 22u);  // 10 equities, 10 coins, SPY and BTC benchmarks

    const auto aapl = market.find("AAPL");
    ASSERT_TRUE(aapl);
    const BarSeries& bars = market.bars(*aapl);
    EXPECT_EQ(bars.size(), 501u);
    EXPECT_EQ(bars.date.front(), make_date(2024, 1, 2));
    EXPECT_DOUBLE_EQ(bars.open.front(), 187.15);
    EXPECT_DOUBLE_EQ(bars.close.front(), 185.64);
    EXPECT_EQ(market.info(*aapl).asset_class, AssetClass::Equity);

    const auto btc = market.find("BTC");
    const auto btc_benchmark = market.find_benchmark("BTC");
    ASSERT_TRUE(btc && btc_benchmark);
    EXPECT_NE(*btc, *btc_benchmark);
    EXPECT_EQ(market.info(*btc_benchmark).asset_class, AssetClass::Crypto);
    EXPECT_EQ(market.info(*market.find_benchmark("SPY")).asset_class, AssetClass::Equity);

    // The only finding in the bundled data: ADA's +72 % day, kept with a warning.
    ASSERT_EQ(market.issues().size(), 1u);
    EXPECT_EQ(market.issues()[0].kind, IssueKind::ExtremeMove);
    EXPECT_EQ(market.issues()[0].line, 422);
}

TEST(MarketData, SymbolsInternedToDenseIds) {
    const auto loaded = load_market_data(requests_for_data_root(kBundled));
    for (SymbolId id = 0; id < loaded.market.symbol_count(); ++id) {
        const SymbolInfo& info = loaded.market.info(id);
        const auto found =
            info.is_benchmark ? loaded.market.find_benchmark(info.symbol) : loaded.market.find(info.symbol);
        ASSERT_TRUE(found);
        EXPECT_EQ(*found, id);
    }
}

TEST(MarketData, ProgressReachesOneAndCanCancel) {
    double last = 0.0;
    const auto loaded = load_market_data(requests_for_data_root(kBundled), {}, [&](double fraction) {
        EXPECT_GE(fraction, last);
        last = fraction;
        return true;
    });
    EXPECT_DOUBLE_EQ(last, 1.0);

    int files = 0;
    const auto cancelled =
        load_market_data(requests_for_data_root(kBundled), {}, [&](double) { return ++files < 3; });
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_LT(cancelled.market.symbol_count(), 22u);
}

TEST(MarketData, MissingFileIsReportedNotSkipped) {
    const LoadRequest request{{"AAPL", "NOPE"}, kBundled / "equity" / "daily", AssetClass::Equity, false};
    const auto loaded = load_market_data({request});
    EXPECT_EQ(loaded.market.symbol_count(), 1u);
    ASSERT_EQ(loaded.market.issues().size(), 1u);
    EXPECT_EQ(loaded.market.issues()[0].kind, IssueKind::FileError);
}

TEST(MarketData, AddingASymbolTwiceThrows) {
    MarketData market;
    market.add({"AAPL", AssetClass::Equity, false, {}}, {});
    EXPECT_THROW(market.add({"AAPL", AssetClass::Equity, false, {}}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace tradelab::data
