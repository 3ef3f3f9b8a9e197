#include "run_compare_view.hpp"
