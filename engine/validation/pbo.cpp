#include "validation/pbo.hpp"
