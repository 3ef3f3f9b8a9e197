#include "sensitivity_heatmap.hpp"
