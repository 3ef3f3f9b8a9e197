#include "validation/splits.hpp"
