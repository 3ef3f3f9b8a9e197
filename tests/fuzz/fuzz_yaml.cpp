// libFuzzer harness: any bytes given to the config loaders become diagnostics, never a crash, an
// exception or a hang. Relative paths resolve against a folder that does not exist.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(bytes), size);
    const std::filesystem::path folder = "/nonexistent-fuzz-folder";
    tradelab::config::load_run_config_from_string(text, "fuzz.yaml", folder);
    tradelab::config::load_strategy_config_from_string(text, "fuzz.yaml", folder);
    return 0;
}
