#include "validation/walk_forward.hpp"
