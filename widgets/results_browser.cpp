#include "results_browser.hpp"
