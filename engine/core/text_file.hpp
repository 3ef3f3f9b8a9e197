#pragma once
#include <filesystem>
#include <string>

namespace tradelab {

// The whole file as bytes. Throws std::runtime_error "<file>: cannot read the file".
std::string read_text_file(const std::filesystem::path& file);

}  // namespace tradelab
