#pragma once
// How the commands that read stored runs find the results store (--db FILE, else the default file).
#include <filesystem>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "store/results_store.hpp"

namespace tradelab::cli {

inline std::filesystem::path store_path(const std::string& db_option) {
    return db_option.empty() ? store::ResultsStore::default_path() : std::filesystem::path(db_option);
}

// Opens the store for a command that only reads or changes existing runs: a missing file is an error
// (a mistyped --db must not quietly create an empty store).
inline store::ResultsStore open_existing_store(const std::string& db_option) {
    const std::filesystem::path path = store_path(db_option);
    if (!std::filesystem::exists(path))
        throw std::runtime_error(fmt::format("no results store at {}", path.string()));
    return store::ResultsStore(path);
}

}  // namespace tradelab::cli
