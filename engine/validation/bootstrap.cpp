#include "validation/bootstrap.hpp"
