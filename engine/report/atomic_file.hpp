#pragma once
#include <filesystem>
#include <string_view>

namespace tradelab::report {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over `path`, so a
// crash never leaves a truncated file. Throws std::runtime_error naming the file on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace tradelab::report
