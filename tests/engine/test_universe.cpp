#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "data/universe.hpp"

namespace tradelab::data {
namespace {

const std::filesystem::path kBundled = TRADELAB_BUNDLED_DATA_DIR;
const std::filesystem::path kTestData = TRADELAB_TEST_DATA_DIR;

TEST(Universe, NamedListResolvedFromUniverseFolder) {
    const auto result = resolve_universe({"SP500", {}}, {kBundled / "equity" / "universe"});
    EXPECT_TRUE(result.issues.empty());
    ASSERT_GT(result.symbols.size(), 20u);
    EXPECT_EQ(result.symbols[0], "AAPL");
    EXPECT_EQ(result.symbols[7], "BRK.B");
}

TEST(Universe, NamedListAgainstBundledDataFlagsEverySymbolWithoutFile) {
    const auto folder = kBundled / "equity" / "daily";
    const auto result = resolve_universe({"SP500", {}}, {kBundled / "equity" / "universe"}, folder);
    // The bundled data holds 9 of the list's symbols (TSLA is not in it); every other one is an error.
    std::size_t with_file = 0;
    for (const auto& symbol : result.symbols)
        with_file += std::filesystem::exists(folder / (symbol + ".csv"));
    EXPECT_EQ(with_file, 9u);
    EXPECT_EQ(result.issues.size(), result.symbols.size() - 9u);
    EXPECT_EQ(result.issues[0].message, "universe symbol GOOG has no data file in " + folder.string());
}

TEST(Universe, SpellingsOfSp500AreOneList) {
    const std::vector<std::filesystem::path> dirs{kBundled / "equity" / "universe"};
    const auto canonical = resolve_universe({"SP500", {}}, dirs);
    EXPECT_EQ(resolve_universe({"S&P500", {}}, dirs).symbols, canonical.symbols);
    EXPECT_EQ(resolve_universe({"S&P_500", {}}, dirs).symbols, canonical.symbols);
}

TEST(Universe, Nasdaq100FromFixtures) {
    const auto result = resolve_universe({"NASDAQ-100", {}}, {kTestData / "fixtures"});
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.symbols, (std::vector<std::string>{"AAPL", "MSFT", "GOOGL"}));
}

TEST(Universe, CryptoIsTheFixedTen) {
    const auto result = resolve_universe({"crypto", {}}, {}, kBundled / "crypto" / "daily");
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.symbols.size(), 10u);
    EXPECT_EQ(result.symbols.front(), "BTC");
    EXPECT_EQ(result.symbols.back(), "LINK");
}

TEST(Universe, ExplicitListIsNormalised) {
    const auto result = resolve_universe({"", {" aapl", "MSFT ", "aapl"}}, {});
    EXPECT_EQ(result.symbols, (std::vector<std::string>{"AAPL", "MSFT"}));
}

TEST(Universe, SymbolWithoutFileIsAnErrorNamingSymbolAndFolder) {
    const auto folder = kBundled / "equity" / "daily";
    const auto result = resolve_universe({"", {"AAPL", "ZZZZ"}}, {}, folder);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, IssueKind::MissingSymbolFile);
    EXPECT_EQ(result.issues[0].severity, Severity::Error);
    EXPECT_EQ(result.issues[0].message, "universe symbol ZZZZ has no data file in " + folder.string());
}

TEST(Universe, UnknownListNameIsAnError) {
    const auto result = resolve_universe({"RUSSELL-2000", {}}, {kBundled / "equity" / "universe"});
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, IssueKind::BadUniverse);
    EXPECT_NE(result.issues[0].message.find("no universe list RUSSELL-2000.csv"), std::string::npos);
}

TEST(Universe, FileWithoutHeaderUsesFirstColumn) {
    const auto path = std::filesystem::temp_directory_path() / "tradelab_universe_plain.txt";
    std::ofstream(path) << "nvda\n\namd, extra\n";
    const auto result = resolve_universe({path.string(), {}}, {});
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.symbols, (std::vector<std::string>{"NVDA", "AMD"}));
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace tradelab::data
