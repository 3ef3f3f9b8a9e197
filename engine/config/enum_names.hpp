#pragma once
// Internal: enum <-> name tables shared by the config enums. Each table lists the names in enum order.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>

namespace tradelab::config::detail {

template <typename Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view("?");
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(std::string_view text, const std::array<std::string_view, N>& names,
                               bool ignore_case = false) {
    const auto same_char = [ignore_case](char a, char b) {
        if (!ignore_case) return a == b;
        return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
    };
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i].size() == text.size() &&
            std::equal(names[i].begin(), names[i].end(), text.begin(), same_char)) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

}  // namespace tradelab::config::detail
