#pragma once
// Seeded random numbers that give the same sequence on every platform and standard library:
// std::mt19937_64 is fully specified; the normal transform is our own (std::normal_distribution is
// not portable across library implementations).
#include <cmath>
#include <cstdint>
#include <random>

namespace tradelab {

// SplitMix64 step: derives well-mixed independent seeds from (master seed, task index).
constexpr std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Random {
  public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(engine_() >> 11) * 0x1.0p-53; }

    // Standard normal by the Marsaglia polar method; the second value of each pair is kept.
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u = 0.0;
        double v = 0.0;
        double s = 0.0;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double factor = std::sqrt(-2.0 * std::log(s) / s);
        spare_ = v * factor;
        has_spare_ = true;
        return u * factor;
    }

    double normal(double mean, double stddev) { return mean + stddev * normal(); }

    // Uniform integer in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return static_cast<std::uint64_t>(uniform() * double(bound)); }

  private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool has_spare_ = false;
};

}  // namespace tradelab
