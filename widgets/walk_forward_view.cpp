#include "walk_forward_view.hpp"
