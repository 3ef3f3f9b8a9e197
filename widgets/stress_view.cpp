#include "stress_view.hpp"
