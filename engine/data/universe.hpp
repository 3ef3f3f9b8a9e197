#pragma once
// Universe lists: a named list (NASDAQ-100, SP500, crypto), an explicit list of symbols, or a file.
#include <filesystem>
#include <string>
#include <vector>

#include "data/data_issue.hpp"

namespace tradelab::data {

struct UniverseSpec {
    std::string name;                  // "NASDAQ-100", "SP500", "crypto", a file path, or empty
    std::vector<std::string> symbols;  // explicit symbols (used when name is empty)
};

struct ResolvedUniverse {
    std::vector<std::string> symbols;  // upper-cased, trimmed, de-duplicated, in list order
    std::vector<DataIssue> issues;
};

// The ten coins of the reference's fixed crypto universe.
const std::vector<std::string>& default_crypto_universe();

// Reads a universe file: a CSV with a `symbol` column (else the first column), or one symbol a line.
ResolvedUniverse read_universe_file(const std::filesystem::path& path);

// Where named universe lists of a data folder are looked for, in order: <data_dir>/../universe (the
// bundled layout), <data_dir>/universe, and <equity_dir>/../universe (shared by both asset classes).
std::vector<std::filesystem::path> universe_folders(const std::filesystem::path& data_dir,
                                                    const std::filesystem::path& equity_dir);

// Resolves `spec`. Named lists are looked up as <NAME>.csv in `universe_dirs` (first hit wins).
// When `data_dir` is given, every symbol without <data_dir>/<SYMBOL>.csv is an error naming the
// symbol and the folder.
ResolvedUniverse resolve_universe(const UniverseSpec& spec,
                                  const std::vector<std::filesystem::path>& universe_dirs,
                                  const std::filesystem::path& data_dir = {});

}  // namespace tradelab::data
