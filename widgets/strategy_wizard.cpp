#include "strategy_wizard.hpp"
