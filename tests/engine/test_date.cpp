#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/random.hpp"

namespace tradelab {
namespace {

TEST(Date, ParsesPlainAndTimedDates) {
    EXPECT_EQ(parse_date("2024-02-29"), make_date(2024, 2, 29));
    EXPECT_EQ(parse_date("2024-01-07 00:00:00"), make_date(2024, 1, 7));
    EXPECT_EQ(parse_date("2024-01-07T23:59:59Z"), make_date(2024, 1, 7));
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
    EXPECT_FALSE(parse_date("2023-02-29"));
    EXPECT_FALSE(parse_date("2024-13-01"));
    EXPECT_FALSE(parse_date("2024/01/02"));
    EXPECT_FALSE(parse_date("20240102"));
    EXPECT_FALSE(parse_date("2024-01-0x"));
    EXPECT_FALSE(parse_date("2024-01-02X"));
    EXPECT_FALSE(parse_date(""));
}

TEST(Date, FormatsAsIso) {
    EXPECT_EQ(format_date(make_date(1999, 12, 31)), "1999-12-31");
    EXPECT_EQ(format_date(make_date(2024, 1, 2)), "2024-01-02");
}

TEST(Random, SameSeedSameSequence) {
    Random a(42);
    Random b(42);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.normal(), b.normal());
}

TEST(Random, FirstDrawsOfSeed42ArePinned) {
    // The standard fixes mt19937_64's 10000th output for the default seed; our uniform is its top
    // 53 bits scaled by 2^-53, so it is pinned too.
    std::mt19937_64 engine;
    engine.discard(9999);
    EXPECT_EQ(engine(), 9981545732273789042ULL);
    std::mt19937_64 first(42);
    const double expected = double(first() >> 11) * 0x1.0p-53;
    Random random(42);
    EXPECT_EQ(random.uniform(), expected);
}

TEST(Random, NormalHasUnitMoments) {
    Random random(7);
    double sum = 0.0;
    double squares = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double x = random.normal();
        sum += x;
        squares += x * x;
    }
    EXPECT_NEAR(sum / n, 0.0, 0.01);  // 4.5 standard errors
    EXPECT_NEAR(squares / n, 1.0, 0.015);
}

TEST(Random, MixSeedSeparatesIndices) {
    EXPECT_NE(mix_seed(1, 0), mix_seed(1, 1));
    EXPECT_NE(mix_seed(1, 0), mix_seed(2, 0));
    EXPECT_EQ(mix_seed(5, 9), mix_seed(5, 9));
}

}  // namespace
}  // namespace tradelab
