#include "trade_histogram.hpp"
