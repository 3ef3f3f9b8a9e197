#include "config/yaml_document_scan.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>

namespace tradelab::config {
namespace {

// Records where each document of a stream starts, without building it.
class DocumentCounter : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        stuck_ = !starts_.empty() && mark.pos == starts_.back().pos;
        starts_.push_back(mark);
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

    std::size_t count() const { return starts_.size(); }
    bool stuck() const { return stuck_; }
    const YAML::Mark& start(std::size_t index) const { return starts_.at(index); }

  private:
    std::vector<YAML::Mark> starts_;
    bool stuck_ = false;
};

}  // namespace

YamlDocumentScan scan_yaml_documents(std::string_view text) {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    DocumentCounter counter;
    // Three documents tell a real second document from a parser stuck on the token after the first.
    while (counter.count() < 3 && !counter.stuck() && parser.HandleNextDocument(counter)) {
    }
    YamlDocumentScan scan;
    if (counter.stuck()) scan.stuck = counter.start(counter.count() - 1);
    if (counter.count() > 1) scan.second_document = counter.start(1);
    return scan;
}

}  // namespace tradelab::config
