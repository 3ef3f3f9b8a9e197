// Runs a fuzz harness without libFuzzer (for compilers that lack it): every corpus file as given,
// then seeded byte-level mutations of each (flip, insert, delete, duplicate a slice), so the normal
// test run exercises the harness too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size);

namespace {

std::string read(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

std::string mutate(std::string text, std::mt19937_64& random) {
    const auto pick = [&](std::size_t bound) { return bound == 0 ? 0 : std::size_t(random() % bound); };
    const int edits = 1 + int(random() % 8);
    static const std::string interesting = ",;\t\"\r\n-+.eE0123456789 nanif\xEF\xBB\xBF";
    for (int e = 0; e < edits; ++e) {
        switch (random() % 4) {
            case 0:
                if (!text.empty()) text[pick(text.size())] = interesting[pick(interesting.size())];
                break;
            case 1:
                text.insert(pick(text.size() + 1), 1, interesting[pick(interesting.size())]);
                break;
            case 2:
                if (!text.empty()) text.erase(pick(text.size()), 1 + pick(8));
                break;
            default: {
                const std::size_t at = pick(text.size() + 1);
                text.insert(at, text.substr(pick(text.size() + 1), pick(64)));
            }
        }
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR MUTATIONS_PER_FILE\n", argv[0]);
        return 2;
    }
    const int mutations = std::atoi(argv[2]);
    std::mt19937_64 random(12345);
    std::size_t runs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        const std::string seed = read(entry.path());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(seed.data()), seed.size());
        ++runs;
        for (int m = 0; m < mutations; ++m, ++runs) {
            const std::string input = mutate(seed, random);
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        }
    }
    std::printf("%zu inputs ran without a crash\n", runs);
    return runs > 0 ? 0 : 1;
}
