#pragma once
#include <optional>
#include <string_view>

namespace tradelab {

enum class AssetClass { Equity, Crypto };

constexpr std::string_view to_string(AssetClass asset_class) {
    return asset_class == AssetClass::Equity ? "equity" : "crypto";
}

constexpr std::optional<AssetClass> parse_asset_class(std::string_view text) {
    if (text == "equity") return AssetClass::Equity;
    if (text == "crypto") return AssetClass::Crypto;
    return std::nullopt;
}

}  // namespace tradelab
