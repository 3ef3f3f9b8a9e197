#include "config_editor.hpp"
