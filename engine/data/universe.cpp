#include "data/universe.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>

#include "data/csv_loader.hpp"

namespace tradelab::data {
namespace {

std::string normalise_symbol(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    std::string symbol(text);
    std::transform(symbol.begin(), symbol.end(), symbol.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    return symbol;
}

std::string first_field(const std::string& line) {
    const std::size_t end = line.find_first_of(",;\t");
    return end == std::string::npos ? line : line.substr(0, end);
}

// The reference accepts these spellings for the S&P 500 list.
std::string canonical_list_name(const std::string& name) {
    if (name == "S&P500" || name == "S&P_500" || name == "SP500") return "SP500";
    return name;
}

bool looks_like_file(const std::string& name) {
    return name.find('/') != std::string::npos || name.ends_with(".csv") || name.ends_with(".txt");
}

void add_unique(std::vector<std::string>& symbols, std::unordered_set<std::string>& seen,
                std::string symbol) {
    if (!symbol.empty() && seen.insert(symbol).second) symbols.push_back(std::move(symbol));
}

}  // namespace

const std::vector<std::string>& default_crypto_universe() {
    static const std::vector<std::string> symbols = {"BTC", "ETH", "BNB",   "XRP", "ADA",
                                                     "SOL", "DOT", "MATIC", "LTC", "LINK"};
    return symbols;
}

ResolvedUniverse read_universe_file(const std::filesystem::path& path) {
    ResolvedUniverse result;
    std::ifstream stream(path);
    if (!stream) {
        result.issues.push_back(DataIssue{IssueKind::BadUniverse, Severity::Error, path.string(), 0, "",
                                          "cannot open the universe file"});
        return result;
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    if (!lines.empty() && lines.front().starts_with("\xEF\xBB\xBF")) lines.front().erase(0, 3);

    // A header with a `symbol` column selects it; otherwise the first column of every line is a symbol.
    std::size_t first_row = 0;
    std::size_t column = 0;
    if (!lines.empty()) {
        std::vector<std::string> header;
        std::stringstream fields(lines.front());
        for (std::string field; std::getline(fields, field, ',');) header.push_back(normalise_symbol(field));
        const auto symbol_column = std::find(header.begin(), header.end(), "SYMBOL");
        if (symbol_column != header.end()) {
            column = static_cast<std::size_t>(symbol_column - header.begin());
            first_row = 1;
        }
    }
    std::unordered_set<std::string> seen;
    for (std::size_t i = first_row; i < lines.size(); ++i) {
        std::vector<std::string> fields;
        std::stringstream row(lines[i]);
        for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
        if (column < fields.size())
            add_unique(result.symbols, seen, normalise_symbol(fields[column]));
        else if (column == 0)
            add_unique(result.symbols, seen, normalise_symbol(first_field(lines[i])));
    }
    if (result.symbols.empty()) {
        result.issues.push_back(DataIssue{IssueKind::BadUniverse, Severity::Error, path.string(), 0, "",
                                          "the universe file lists no symbols"});
    }
    return result;
}

ResolvedUniverse resolve_universe(const UniverseSpec& spec,
                                  const std::vector<std::filesystem::path>& universe_dirs,
                                  const std::filesystem::path& data_dir) {
    ResolvedUniverse result;
    const std::string name = canonical_list_name(spec.name);
    if (name.empty()) {
        std::unordered_set<std::string> seen;
        for (const auto& symbol : spec.symbols) add_unique(result.symbols, seen, normalise_symbol(symbol));
    } else if (name == "crypto") {
        result.symbols = default_crypto_universe();
    } else if (looks_like_file(name)) {
        result = read_universe_file(name);
    } else {
        const auto dir = std::find_if(universe_dirs.begin(), universe_dirs.end(), [&](const auto& folder) {
            return std::filesystem::exists(folder / (name + ".csv"));
        });
        if (dir == universe_dirs.end()) {
            std::string searched;
            for (const auto& folder : universe_dirs)
                searched += (searched.empty() ? "" : ", ") + folder.string();
            result.issues.push_back(
                DataIssue{IssueKind::BadUniverse, Severity::Error, name, 0, "universe",
                          fmt::format("no universe list {}.csv in {}", name,
                                      searched.empty() ? "(no folder given)" : searched)});
            return result;
        }
        result = read_universe_file(*dir / (name + ".csv"));
    }
    if (data_dir.empty()) return result;
    for (const auto& symbol : result.symbols) {
        const auto file = data_dir / (symbol + ".csv");
        if (!std::filesystem::exists(file)) {
            result.issues.push_back(DataIssue{
                IssueKind::MissingSymbolFile, Severity::Error, file.string(), 0, "symbol",
                fmt::format("universe symbol {} has no data file in {}", symbol, data_dir.string())});
        }
    }
    return result;
}

std::vector<std::filesystem::path> universe_folders(const std::filesystem::path& data_dir,
                                                    const std::filesystem::path& equity_dir) {
    return {data_dir.parent_path() / "universe", data_dir / "universe",
            equity_dir.parent_path() / "universe"};
}

}  // namespace tradelab::data
