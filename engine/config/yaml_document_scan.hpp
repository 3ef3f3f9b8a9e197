#pragma once
// yaml-cpp 0.7 never consumes a stray flow indicator such as a ',' at the top level: it then reports one
// empty document after another forever, allocating as it goes (jbeder/yaml-cpp#1040, the loop that
// YAML::LoadAll runs into). Scanning the document starts first finds such a token before YAML::Load
// meets it.
#include <optional>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace tradelab::config {

struct YamlDocumentScan {
    std::optional<YAML::Mark> stuck;            // a document starting where the previous one started
    std::optional<YAML::Mark> second_document;  // where a second document starts, if one does
};

// Scans the first documents of `text` without building them. Syntax errors propagate as
// YAML::Exception.
YamlDocumentScan scan_yaml_documents(std::string_view text);

}  // namespace tradelab::config
