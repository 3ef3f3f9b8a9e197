// libFuzzer harness: any byte string given to the CSV parser yields issues, never a crash, and a
// series that satisfies the bar invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "data/csv_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(bytes), size);
    const auto result = tradelab::data::parse_csv(text, "fuzz.csv");
    const auto& s = result.series;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool valid = s.low[i] > 0 && s.low[i] <= s.high[i] && s.open[i] >= s.low[i] &&
                           s.open[i] <= s.high[i] && s.close[i] >= s.low[i] && s.close[i] <= s.high[i] &&
                           s.volume[i] >= 0 && (i == 0 || s.date[i - 1] < s.date[i]);
        if (!valid) std::abort();
    }
    return 0;
}
