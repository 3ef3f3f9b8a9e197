#include "validation/stress.hpp"
