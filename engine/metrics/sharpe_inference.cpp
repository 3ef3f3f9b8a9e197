#include "metrics/sharpe_inference.hpp"
