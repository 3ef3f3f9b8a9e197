// The CSV loader against the malformed-file corpus in tests/data/bad (one file per issue kind),
// the accepted variants in tests/data/good and the reference fixtures.
#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>
#include <string>

#include "core/random.hpp"
#include "data/csv_loader.hpp"

namespace tradelab::data {
namespace {

const std::filesystem::path kTestData = TRADELAB_TEST_DATA_DIR;

struct ExpectedIssue {
    const char* file;
    IssueKind kind;
    Severity severity;
    int line;
    const char* field;
    const char* message;
    std::size_t bars_kept;
};

void PrintTo(const ExpectedIssue& expected, std::ostream* os) {
    *os << expected.file;
}

class MalformedFile : public testing::TestWithParam<ExpectedIssue> {};

TEST_P(MalformedFile, ReportsExactIssueAndLine) {
    const ExpectedIssue& expected = GetParam();
    const auto path = kTestData / "bad" / expected.file;
    const LoadResult result = load_csv(path);
    ASSERT_EQ(result.issues.size(), 1u) << format_issue(result.issues.front());
    const DataIssue& issue = result.issues.front();
    EXPECT_EQ(issue.kind, expected.kind);
    EXPECT_EQ(issue.severity, expected.severity);
    EXPECT_EQ(issue.file, path.string());
    EXPECT_EQ(issue.line, expected.line);
    EXPECT_EQ(issue.field, expected.field);
    EXPECT_EQ(issue.message, expected.message);
    EXPECT_EQ(result.series.size(), expected.bars_kept);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, MalformedFile,
    testing::Values(
        ExpectedIssue{"missing_column.csv", IssueKind::BadHeader, Severity::Error, 1, "volume",
                      "required column is missing (need date, open, high, low, close, volume)", 0},
        ExpectedIssue{"duplicate_column.csv", IssueKind::BadHeader, Severity::Error, 1, "close",
                      "column appears twice", 0},
        ExpectedIssue{"wrong_column_count.csv", IssueKind::WrongColumnCount, Severity::Error, 3, "",
                      "expected 6 fields, found 4; row skipped", 2},
        ExpectedIssue{"bad_number.csv", IssueKind::BadNumber, Severity::Error, 3, "high",
                      "'abc' is not a finite number; row skipped", 1},
        ExpectedIssue{"nan_number.csv", IssueKind::BadNumber, Severity::Error, 2, "close",
                      "'nan' is not a finite number; row skipped", 0},
        ExpectedIssue{"non_monotonic_date.csv", IssueKind::NonMonotonicDate, Severity::Warning, 4, "date",
                      "2024-01-03 comes after 2024-01-04; rows sorted by date", 3},
        ExpectedIssue{"duplicate_date.csv", IssueKind::DuplicateDate, Severity::Error, 4, "date",
                      "2024-01-03 already appears on line 3; row dropped", 2},
        ExpectedIssue{"high_below_low.csv", IssueKind::HighBelowLow, Severity::Error, 3, "high",
                      "high 9 is below low 11; bar dropped", 1},
        ExpectedIssue{"open_outside_range.csv", IssueKind::OpenOutsideRange, Severity::Error, 3, "open",
                      "open 12 is outside [low 9, high 11]; bar dropped", 1},
        ExpectedIssue{"close_outside_range.csv", IssueKind::CloseOutsideRange, Severity::Error, 3, "close",
                      "close 8 is outside [low 9, high 11]; bar dropped", 1},
        ExpectedIssue{"negative_volume.csv", IssueKind::NegativeVolume, Severity::Error, 3, "volume",
                      "volume -5 is negative; bar dropped", 1},
        ExpectedIssue{"extreme_move.csv", IssueKind::ExtremeMove, Severity::Warning, 3, "close",
                      "close moved +60.0% from 10 to 16 (threshold 50%); bar kept", 2},
        ExpectedIssue{"empty.csv", IssueKind::EmptyFile, Severity::Error, 0, "", "the file is empty", 0},
        ExpectedIssue{"header_only.csv", IssueKind::EmptyFile, Severity::Error, 0, "",
                      "the file has a header but no data rows", 0}));

TEST(CsvLoader, BadDateReportsEachRow) {
    const LoadResult result = load_csv(kTestData / "bad" / "bad_date.csv");
    ASSERT_EQ(result.issues.size(), 2u);
    EXPECT_EQ(result.issues[0].line, 3);
    EXPECT_EQ(result.issues[0].message, "'2024/01/03' is not a date (YYYY-MM-DD); row skipped");
    EXPECT_EQ(result.issues[1].line, 4);  // 2024-02-30 does not exist
    EXPECT_EQ(result.series.size(), 1u);
}

TEST(CsvLoader, NonPositivePriceReportsEveryField) {
    const LoadResult result = load_csv(kTestData / "bad" / "non_positive_price.csv");
    ASSERT_EQ(result.issues.size(), 2u);
    EXPECT_EQ(result.issues[0].field, "open");
    EXPECT_EQ(result.issues[1].field, "low");
    EXPECT_EQ(format_issue(result.issues[1]), (kTestData / "bad" / "non_positive_price.csv").string() +
                                                  ":3: low: price 0 is not positive; bar dropped");
}

TEST(CsvLoader, DropSymbolPolicyRejectsTheSeries) {
    CsvOptions options;
    options.invalid_bar_policy = InvalidBarPolicy::DropSymbol;
    const LoadResult result = load_csv(kTestData / "bad" / "high_below_low.csv", options);
    EXPECT_TRUE(result.rejected);
    EXPECT_TRUE(result.series.empty());
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].message, "high 9 is below low 11; symbol rejected");
}

TEST(CsvLoader, MissingFileIsAFileError) {
    const LoadResult result = load_csv(kTestData / "bad" / "no_such_file.csv");
    EXPECT_TRUE(result.rejected);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, IssueKind::FileError);
    EXPECT_EQ(result.issues[0].message, "no such file");
}

TEST(CsvLoader, YahooHeaderWithBomAndCrlf) {
    const LoadResult result = load_csv(kTestData / "good" / "yahoo_bom_crlf.csv");
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.series.size(), 2u);
    EXPECT_EQ(result.series.date[0], make_date(2024, 1, 2));
    EXPECT_DOUBLE_EQ(result.series.open[0], 187.15);
    EXPECT_DOUBLE_EQ(result.series.low[0], 183.885);
    EXPECT_DOUBLE_EQ(result.series.close[0], 185.64);  // Close, not Adj Close
    EXPECT_DOUBLE_EQ(result.series.volume[1], 58414460.0);
    EXPECT_DOUBLE_EQ(result.series.dollar_volume[0], 185.64 * 82488674.0);
}

TEST(CsvLoader, DetectsSemicolonAndTabDelimiters) {
    for (const char* file : {"semicolon.csv", "tab.csv"}) {
        const LoadResult result = load_csv(kTestData / "good" / file);
        EXPECT_TRUE(result.issues.empty()) << file;
        ASSERT_EQ(result.series.size(), 2u) << file;
        EXPECT_DOUBLE_EQ(result.series.high[1], 11.5) << file;
        EXPECT_DOUBLE_EQ(result.series.volume[1], 200.0) << file;
    }
}

TEST(CsvLoader, ZiplineColumnsAreAccepted) {
    const LoadResult result = load_csv(kTestData / "good" / "zipline.csv");
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.series.size(), 2u);
    EXPECT_DOUBLE_EQ(result.series.close[1], 11.0);
}

TEST(CsvLoader, DollarVolumeColumnUsedWhenPositive) {
    const LoadResult result = load_csv(kTestData / "good" / "dollar_volume.csv");
    ASSERT_EQ(result.series.size(), 2u);
    EXPECT_DOUBLE_EQ(result.series.dollar_volume[0], 999.0);
    EXPECT_DOUBLE_EQ(result.series.dollar_volume[1], 11.0 * 200.0);  // 0 means "not given"
}

TEST(CsvLoader, QuotedFieldsAndTimePartsAreNormalised) {
    const LoadResult result = load_csv(kTestData / "good" / "quoted_with_time.csv");
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.series.size(), 2u);
    EXPECT_EQ(result.series.date[0], make_date(2024, 1, 2));
    EXPECT_EQ(result.series.date[1], make_date(2024, 1, 3));
    EXPECT_DOUBLE_EQ(result.series.close[1], 11.0);
}

TEST(CsvLoader, QuotedFieldMayContainTheDelimiter) {
    const std::string text =
        "date,open,high,low,close,volume,note\n2024-01-02,10,11,9,10.5,100,\"a, \"\"b\"\"\"\n";
    const LoadResult result = parse_csv(text, "inline.csv");
    EXPECT_TRUE(result.issues.empty());
    ASSERT_EQ(result.series.size(), 1u);
    EXPECT_DOUBLE_EQ(result.series.volume[0], 100.0);
}

TEST(CsvLoader, DescendingFileIsSortedWithOneWarning) {
    const LoadResult result = load_csv(kTestData / "good" / "descending.csv");
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, IssueKind::NonMonotonicDate);
    ASSERT_EQ(result.series.size(), 3u);
    EXPECT_EQ(result.series.date.front(), make_date(2024, 1, 2));
    EXPECT_EQ(result.series.date.back(), make_date(2024, 1, 4));
}

TEST(CsvLoader, DateRangeFilterIsInclusive) {
    CsvOptions options;
    options.start = make_date(2024, 1, 3);
    options.end = make_date(2024, 1, 3);
    const LoadResult result = load_csv(kTestData / "good" / "descending.csv", options);
    ASSERT_EQ(result.series.size(), 1u);
    EXPECT_EQ(result.series.date[0], make_date(2024, 1, 3));
}

TEST(CsvLoader, ProgressCanCancel) {
    std::string text = "date,open,high,low,close,volume\n";
    Date day = make_date(2000, 1, 1);
    for (int i = 0; i < 100000; ++i, day += std::chrono::days{1})
        text += format_date(day) + ",10,11,9,10.5,100\n";
    int calls = 0;
    const LoadResult result = parse_csv(text, "big.csv", {}, [&](double) { return ++calls < 2; });
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(calls, 2);
}

// The one-pass decimal reader must give exactly what std::from_chars gives, for every shape of
// plain decimal (1 to 15 digits, 0 to 8 of them after the point, leading zeros) and fall back for
// the rest (exponents, 16+ digits, a leading '+').
TEST(CsvLoader, FastDecimalPathEqualsFromChars) {
    Random random(2024);
    std::vector<std::string> texts = {"1.", ".5", "+3.25", "1e3", "0.1", "0.30000000000000004",
                                      "1234567890.12345", "9007199254740993", "000123.4500"};
    for (int i = 0; i < 3000; ++i) {
        const int digits = 1 + int(random.below(15));
        const int fraction = int(random.below(std::uint64_t(std::min(digits, 8) + 1)));
        std::string text;
        for (int d = 0; d < digits; ++d) {
            if (d == digits - fraction) text += d == 0 ? "0." : ".";
            text += char('0' + random.below(10));
        }
        texts.push_back(text);
    }
    std::string csv = "date,open,high,low,close,volume\n";
    Date day = make_date(2000, 1, 3);
    std::vector<double> expected;
    for (const auto& text : texts) {
        double value = 0.0;
        const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
        ASSERT_EQ(std::from_chars(begin, text.data() + text.size(), value).ec, std::errc{}) << text;
        if (!(value > 0.0)) continue;  // prices must be positive
        expected.push_back(value);
        csv += format_date(day) + "," + text + "," + text + "," + text + "," + text + "," + text + "\n";
        day += std::chrono::days{1};
    }
    const LoadResult result = parse_csv(csv, "decimals.csv");
    ASSERT_FALSE(has_errors(result.issues));  // random prices make extreme-move warnings, no errors
    ASSERT_EQ(result.series.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(result.series.close[i], expected[i]) << "row " << i;
        ASSERT_EQ(result.series.volume[i], expected[i]) << "row " << i;
    }
}

// Reference fixtures: what the loader says about each.
TEST(ReferenceFixtures, InvalidOhlcDropsTheBar) {
    const auto path = kTestData / "fixtures" / "INVALID_OHLC.csv";
    const LoadResult result = load_csv(path);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(format_issue(result.issues[0]),
              path.string() + ":3: high: high 150 is below low 150.9; bar dropped");
    EXPECT_EQ(result.series.size(), 1u);
}

TEST(ReferenceFixtures, ExtremeMoveFixtureIsAlsoInvalidOhlc) {
    // The reference fixture's 160 close lies above its 103 high, so the bar is invalid before it is
    // extreme; tests/data/bad/extreme_move.csv covers a valid 60 % move.
    const LoadResult result = load_csv(kTestData / "fixtures" / "EXTREME_MOVE.csv");
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, IssueKind::CloseOutsideRange);
    EXPECT_EQ(result.issues[0].line, 3);
}

TEST(ReferenceFixtures, MissingDaysLoadCleanly) {
    for (const char* file : {"MISSING_DAY.csv", "MISSING_DAY_2PLUS.csv"}) {
        const LoadResult result = load_csv(kTestData / "fixtures" / file);
        EXPECT_TRUE(result.issues.empty()) << file;
    }
    const LoadResult two_plus = load_csv(kTestData / "fixtures" / "MISSING_DAY_2PLUS.csv");
    ASSERT_EQ(two_plus.series.size(), 4u);
    EXPECT_EQ(two_plus.series.date[2], make_date(2023, 1, 5));
}

}  // namespace
}  // namespace tradelab::data
