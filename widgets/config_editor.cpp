#include "config_editor.hpp"

#include "config/yaml_document_scan.hpp"
#include "core/text_file.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "config/config_loader.hpp"
#include "qt_conversions.hpp"
#include "validation/sweep.hpp"

namespace tradelab::gui {

using config::Diagnostic;
using config::KeySpec;
using config::Severity;
using config::ValueType;

namespace {

// =========================================================================================================
// Parsing. yaml-cpp 0.7 loops forever on a stray flow indicator at the top level (jbeder/yaml-cpp#1040), so
// documents are counted first, as the engine's loader does, and a parser stuck on one token is an error.

std::optional<YAML::Node> parseYaml(const std::string& text, QString* error) {
    try {
        if (const auto stuck = config::scan_yaml_documents(text).stuck) {
            if (error)
                *error =
                    ConfigEditor::tr("YAML syntax error on line %1: unexpected token").arg(stuck->line + 1);
            return std::nullopt;
        }
        return YAML::Load(text);
    } catch (const YAML::Exception& exception) {
        if (error) {
            const int line = exception.mark.is_null() ? 0 : exception.mark.line + 1;
            *error = ConfigEditor::tr("YAML syntax error on line %1: %2")
                         .arg(line)
                         .arg(QString::fromStdString(exception.msg));
        }
        return std::nullopt;
    }
}

std::vector<std::string> splitPath(const QString& keyPath) {
    std::vector<std::string> parts;
    for (const QString& part : keyPath.split(QLatin1Char('.'))) parts.push_back(part.toStdString());
    return parts;
}

// =========================================================================================================
// Text geometry: offsets of lines, and the spans of keys and values found through yaml-cpp's marks (0-based
// line and byte column of each key).

class TextLines {
  public:
    explicit TextLines(const std::string& text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    int count() const { return int(starts_.size()); }
    std::size_t start(int line) const { return starts_.at(std::size_t(line)); }
    // Where the line's content ends: before its '\n' (and a '\r' before that).
    std::size_t end(int line) const {
        std::size_t end = line + 1 < count() ? starts_[std::size_t(line) + 1] - 1 : text_.size();
        if (end > start(line) && text_[end - 1] == '\r') --end;
        return end;
    }
    std::string_view view(int line) const {
        return std::string_view(text_).substr(start(line), end(line) - start(line));
    }
    int lineOf(std::size_t offset) const {
        return int(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
    }

  private:
    const std::string& text_;
    std::vector<std::size_t> starts_;
};

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool isLineEnd(char c) {
    return c == '\n' || c == '\r';
}

// One key of the path as it stands in the text.
struct KeyHit {
    YAML::Node value;
    std::size_t offset = 0;  // of the key's first character
    int line = 0;
    int column = 0;
    bool inFlow = false;  // the mapping holding the key is a flow mapping {...}
};

// The keys of `parts` that exist, outermost first; stops at the first missing one (or at a non-mapping).
// Nodes are rebound with reset(): yaml-cpp's operator= would write into the document instead.
std::vector<KeyHit> findKeys(const YAML::Node& root, const std::vector<std::string>& parts,
                             const TextLines& lines) {
    std::vector<KeyHit> hits;
    YAML::Node node = root;
    bool inFlow = false;
    for (const auto& part : parts) {
        if (!node.IsMap()) break;
        inFlow = inFlow || node.Style() == YAML::EmitterStyle::Flow;
        bool found = false;
        for (auto entry = node.begin(); entry != node.end(); ++entry) {
            if (!entry->first.IsScalar() || entry->first.Scalar() != part) continue;
            const YAML::Mark mark = entry->first.Mark();
            hits.push_back({entry->second, lines.start(mark.line) + std::size_t(mark.column), mark.line,
                            mark.column, inFlow});
            node.reset(entry->second);
            found = true;
            break;
        }
        if (!found) break;
    }
    return hits;
}

std::size_t skipQuoted(const std::string& text, std::size_t open) {
    const char quote = text[open];
    std::size_t p = open + 1;
    while (p < text.size()) {
        if (quote == '"' && text[p] == '\\') {
            p += 2;
            continue;
        }
        if (text[p] == quote) {
            if (quote == '\'' && p + 1 < text.size() && text[p + 1] == '\'') {
                p += 2;
                continue;
            }
            return p + 1;
        }
        ++p;
    }
    return text.size();
}

// One past the bracket closing the flow collection opened at `open`; quotes and comments are skipped.
std::size_t skipFlow(const std::string& text, std::size_t open) {
    int depth = 0;
    std::size_t p = open;
    while (p < text.size()) {
        const char c = text[p];
        if (c == '"' || c == '\'') {
            p = skipQuoted(text, p);
            continue;
        }
        if (c == '#' && p > 0 && (isBlank(text[p - 1]) || isLineEnd(text[p - 1]))) {
            while (p < text.size() && text[p] != '\n') ++p;
            continue;
        }
        if (c == '[' || c == '{') ++depth;
        if ((c == ']' || c == '}') && --depth == 0) return p + 1;
        ++p;
    }
    return text.size();
}

// End of a plain scalar: the line end, a comment, or (in a flow collection) the next indicator.
std::size_t plainEnd(const std::string& text, std::size_t begin, bool inFlow) {
    std::size_t p = begin;
    while (p < text.size() && !isLineEnd(text[p])) {
        if (text[p] == '#' && p > begin && isBlank(text[p - 1])) break;
        if (inFlow && (text[p] == ',' || text[p] == ']' || text[p] == '}')) break;
        ++p;
    }
    while (p > begin && isBlank(text[p - 1])) --p;
    return p;
}

// Where the lines of a block value below the key end: more indented lines, and sequence items at the key's
// own indentation, with blank and comment lines in between (trailing ones belong to what follows).
std::size_t blockEnd(const TextLines& lines, int keyLine, int keyColumn) {
    std::size_t end = lines.end(keyLine);
    for (int line = keyLine + 1; line < lines.count(); ++line) {
        const std::string_view content = lines.view(line);
        const auto indent = content.find_first_not_of(" \t");
        if (indent == std::string_view::npos || content[indent] == '#') continue;
        const bool deeper = int(indent) > keyColumn;
        const bool sequenceItem = int(indent) == keyColumn && content[indent] == '-' &&
                                  (indent + 1 == content.size() || isBlank(content[indent + 1]));
        if (!deeper && !sequenceItem) break;
        end = lines.end(line);
    }
    return end;
}

// Where a key's value stands in the text.
struct ValueSpan {
    std::size_t colonEnd = 0;   // just after the ':' that follows the key
    std::size_t begin = 0;      // first character of the value, or where one goes
    std::size_t end = 0;        // one past the value on the key's line (== begin when it is below the key)
    std::size_t extentEnd = 0;  // end of the last line the key occupies, block lines included
    bool onKeyLine = true;      // false: empty on the key's line (null, or a block collection below)
    std::string comment;        // "# ..." after an empty value on the key's line
};

std::size_t afterKey(const std::string& text, const KeyHit& key) {
    std::size_t p = key.offset;
    if (p < text.size() && (text[p] == '"' || text[p] == '\'')) p = skipQuoted(text, p);
    while (p < text.size() && !isLineEnd(text[p])) {
        const bool lastOnLine = p + 1 >= text.size() || isLineEnd(text[p + 1]);
        if (text[p] == ':' && (lastOnLine || isBlank(text[p + 1]) || (key.inFlow && text[p + 1] == ',')))
            return p + 1;
        ++p;
    }
    return p;
}

ValueSpan scanValue(const std::string& text, const TextLines& lines, const KeyHit& key) {
    ValueSpan span;
    span.colonEnd = afterKey(text, key);
    std::size_t p = span.colonEnd;
    while (p < text.size() && isBlank(text[p])) ++p;
    span.begin = p;
    const char c = p < text.size() ? text[p] : '\n';
    const bool blockScalar = !key.inFlow && (c == '|' || c == '>');
    if (isLineEnd(c) || c == '#' || blockScalar) {
        span.onKeyLine = false;
        span.end = p;
        if (c == '#') span.comment = std::string(text.substr(p, lines.end(key.line) - p));
        span.extentEnd = blockEnd(lines, key.line, key.column);
        return span;
    }
    if (c == '"' || c == '\'')
        span.end = skipQuoted(text, p);
    else if (c == '[' || c == '{')
        span.end = skipFlow(text, p);
    else
        span.end = plainEnd(text, p, key.inFlow);
    span.extentEnd = lines.end(lines.lineOf(std::max(span.end, p + 1) - 1));
    return span;
}

std::string lineEnding(const std::string& text) {
    return text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
}

// The indentation step of the file: the column of the first key nested in a top-level block mapping.
int indentUnit(const YAML::Node& root) {
    if (!root.IsMap()) return 2;
    for (const auto& entry : root) {
        const YAML::Node& value = entry.second;
        if (!value.IsMap() || value.Style() == YAML::EmitterStyle::Flow || value.size() == 0) continue;
        const int column = value.begin()->first.Mark().column;
        if (column > 0) return column;
    }
    return 2;
}

// "key:" lines for parts[from..], nested by `unit`, the last one holding `value`; each line starts with
// `eol`.
std::string nestedLines(const std::vector<std::string>& parts, std::size_t from, const std::string& value,
                        int indent, int unit, const std::string& eol) {
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i) {
        out += eol + std::string(std::size_t(indent + int(i - from) * unit), ' ') + parts[i] + ":";
        if (i + 1 == parts.size()) out += " " + value;
    }
    return out;
}

// `key: value` for a flow mapping, nested as `a: {b: value}` when sections are missing too.
std::string flowEntry(const std::vector<std::string>& parts, std::size_t from, const std::string& value) {
    std::string entry = value;
    for (std::size_t i = parts.size(); i-- > from;)
        entry = parts[i] + ": " + (i + 1 == parts.size() ? entry : "{" + entry + "}");
    return entry;
}

struct RawEdit {
    std::string text;
    QString error;
};

RawEdit replaceValue(const std::string& text, const TextLines& lines, const KeyHit& key,
                     const std::string& value) {
    const ValueSpan span = scanValue(text, lines, key);
    if (span.onKeyLine) return {text.substr(0, span.begin) + value + text.substr(span.end), {}};
    // Empty on the key's line: the value goes there, any block below it goes away, the comment stays.
    const std::string separator = span.begin == span.colonEnd ? " " : "";
    const std::string comment = span.comment.empty() ? "" : "  " + span.comment;
    return {text.substr(0, span.begin) + separator + value + comment + text.substr(span.extentEnd), {}};
}

RawEdit insertIntoFlowMap(const std::string& text, const TextLines& lines, const KeyHit& section,
                          const std::vector<std::string>& parts, std::size_t from, const std::string& value) {
    const ValueSpan span = scanValue(text, lines, section);
    std::size_t last = span.end - 1;  // the closing '}'; the entry goes after the last one before it
    while (last > span.begin && (isBlank(text[last - 1]) || isLineEnd(text[last - 1]))) --last;
    const bool empty = text[last - 1] == '{';
    const std::string entry = (empty ? "" : ", ") + flowEntry(parts, from, value);
    return {text.substr(0, last) + entry + text.substr(last), {}};
}

RawEdit insertIntoBlockMap(const std::string& text, const TextLines& lines, const YAML::Node& root,
                           const KeyHit& section, const std::vector<std::string>& parts, std::size_t from,
                           const std::string& value) {
    // After the last key of the section, at the indentation of its keys.
    const YAML::Node& map = section.value;
    std::optional<KeyHit> last;  // emplaced, never assigned: assigning a YAML::Node writes into the document
    int column = -1;
    for (auto entry = map.begin(); entry != map.end(); ++entry) {
        const YAML::Mark mark = entry->first.Mark();
        const std::size_t offset = lines.start(mark.line) + std::size_t(mark.column);
        if (!last || offset > last->offset)
            last.emplace(KeyHit{entry->second, offset, mark.line, mark.column, false});
        column = column < 0 ? mark.column : std::min(column, mark.column);
    }
    const std::size_t at = scanValue(text, lines, *last).extentEnd;
    const std::string added = nestedLines(parts, from, value, column, indentUnit(root), lineEnding(text));
    return {text.substr(0, at) + added + text.substr(at), {}};
}

RawEdit insertIntoEmptySection(const std::string& text, const TextLines& lines, const YAML::Node& root,
                               const KeyHit& section, const std::vector<std::string>& parts, std::size_t from,
                               const std::string& value) {
    // `risk:` or `risk: null`: the written null goes, the keys follow on the lines below.
    const ValueSpan span = scanValue(text, lines, section);
    std::string head = span.onKeyLine
                           ? text.substr(0, span.colonEnd) + text.substr(span.end, span.extentEnd - span.end)
                           : text.substr(0, span.extentEnd);
    const std::string rest = text.substr(span.extentEnd);
    const int indent = section.column + indentUnit(root);
    return {head + nestedLines(parts, from, value, indent, indentUnit(root), lineEnding(text)) + rest, {}};
}

RawEdit appendTopLevel(const std::string& text, const std::vector<std::string>& parts,
                       const std::string& value, int unit) {
    const std::string eol = lineEnding(text);
    std::string out = text;
    if (!out.empty() && out.back() != '\n') out += eol;
    const bool newSection = parts.size() > 1;
    const bool endsWithBlankLine = out.empty() || out.size() < 2 * eol.size() ||
                                   out.compare(out.size() - 2 * eol.size(), 2 * eol.size(), eol + eol) == 0;
    if (newSection && !endsWithBlankLine) out += eol;
    return {out + nestedLines(parts, 0, value, 0, unit, eol).substr(eol.size()) + eol, {}};
}

RawEdit insertKey(const std::string& text, const TextLines& lines, const YAML::Node& root,
                  const std::vector<std::string>& parts, const std::vector<KeyHit>& hits,
                  const std::string& value) {
    const std::size_t found = hits.size();
    if (found == 0) {
        if (root.IsMap() && root.Style() == YAML::EmitterStyle::Flow)
            return {{}, ConfigEditor::tr("the file is one flow mapping {...}; edit it in the YAML text")};
        if (!root.IsMap() && !root.IsNull())
            return {{}, ConfigEditor::tr("the file does not hold a mapping of keys")};
        return appendTopLevel(text, parts, value, indentUnit(root));
    }
    const KeyHit& section = hits.back();
    const YAML::Node& node = section.value;
    if (node.IsMap() && (section.inFlow || node.Style() == YAML::EmitterStyle::Flow))
        return insertIntoFlowMap(text, lines, section, parts, found, value);
    if (node.IsMap() && node.size() > 0)
        return insertIntoBlockMap(text, lines, root, section, parts, found, value);
    if (node.IsNull() || node.IsMap())
        return insertIntoEmptySection(text, lines, root, section, parts, found, value);
    return {{},
            ConfigEditor::tr("'%1' holds a value, not keys; fix it in the YAML text")
                .arg(QString::fromStdString(parts[found - 1]))};
}

// The patched text must parse and hold the key, or the patch is refused.
YamlTextEdit checkedEdit(const RawEdit& edit, const std::vector<std::string>& parts, bool keyExpected) {
    if (!edit.error.isEmpty()) return {{}, edit.error};
    QString problem;
    const auto root = parseYaml(edit.text, &problem);
    if (!root) return {{}, ConfigEditor::tr("the value is not complete YAML (%1)").arg(problem)};
    const TextLines lines(edit.text);
    const bool hasKey = findKeys(*root, parts, lines).size() == parts.size();
    if (hasKey != keyExpected)
        return {{},
                ConfigEditor::tr("the value changes the structure of the file; edit it in the YAML text")};
    return {QString::fromStdString(edit.text), {}};
}

bool plainLooksTyped(const QString& value) {
    static const QRegularExpression reserved(
        QStringLiteral("^(null|~|true|false|yes|no|on|off|y|n|[-+]?\\.?[0-9].*|\\.inf|\\.nan)$"),
        QRegularExpression::CaseInsensitiveOption);
    return reserved.match(value).hasMatch();
}

bool plainIsSafe(const QString& value) {
    if (value.isEmpty() || value.trimmed() != value || plainLooksTyped(value)) return false;
    if (QStringLiteral("-?:,[]{}#&*!|>'\"%@`").contains(value.front())) return false;
    if (value.contains(QLatin1String(": ")) || value.contains(QLatin1String(" #")) ||
        value.endsWith(QLatin1Char(':')))
        return false;
    return std::none_of(value.begin(), value.end(),
                        [](QChar c) { return c.category() == QChar::Other_Control; });
}

}  // namespace

YamlTextEdit setYamlValue(const QString& text, const QString& keyPath, const QString& valueYaml) {
    const std::string utf8 = text.toStdString();
    QString problem;
    const auto root = parseYaml(utf8, &problem);
    if (!root) return {{}, problem};
    const auto parts = splitPath(keyPath);
    const TextLines lines(utf8);
    const auto hits = findKeys(*root, parts, lines);
    const std::string value = valueYaml.toStdString();
    const RawEdit edit = hits.size() == parts.size() ? replaceValue(utf8, lines, hits.back(), value)
                                                     : insertKey(utf8, lines, *root, parts, hits, value);
    return checkedEdit(edit, parts, true);
}

YamlTextEdit removeYamlKey(const QString& text, const QString& keyPath) {
    const std::string utf8 = text.toStdString();
    QString problem;
    const auto root = parseYaml(utf8, &problem);
    if (!root) return {{}, problem};
    const auto parts = splitPath(keyPath);
    const TextLines lines(utf8);
    const auto hits = findKeys(*root, parts, lines);
    if (hits.size() < parts.size()) return {text, {}};
    const KeyHit& key = hits.back();
    const std::size_t lineStart = lines.start(key.line);
    const bool aloneOnLine = std::all_of(utf8.begin() + std::ptrdiff_t(lineStart),
                                         utf8.begin() + std::ptrdiff_t(key.offset), isBlank);
    if (key.inFlow || !aloneOnLine)
        return {
            {},
            ConfigEditor::tr("%1 is inside a flow mapping or a list; edit it in the YAML text").arg(keyPath)};
    std::size_t end = scanValue(utf8, lines, key).extentEnd;
    if (end < utf8.size() && utf8[end] == '\r') ++end;
    if (end < utf8.size() && utf8[end] == '\n') ++end;
    return checkedEdit({utf8.substr(0, lineStart) + utf8.substr(end), {}}, parts, false);
}

QString writeTextAtomically(const QString& path, const QString& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ConfigEditor::tr("Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(path), file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return ConfigEditor::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

QString yamlString(const QString& value, QChar quote) {
    if (quote == QLatin1Char('\''))
        return QLatin1Char('\'') + QString(value).replace(QLatin1String("'"), QLatin1String("''")) +
               QLatin1Char('\'');
    if (quote != QLatin1Char('"') && plainIsSafe(value)) return value;
    QString escaped;
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            escaped += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            escaped += QLatin1String("\\n");
        else if (c == QLatin1Char('\t'))
            escaped += QLatin1String("\\t");
        else
            escaped += c;
    }
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// =========================================================================================================
// The editor.

namespace {

constexpr int kSweepKeyColumn = 0;
constexpr int kSweepValueColumn = 1;
constexpr int kSweepStartColumn = 2;
constexpr int kSweepStopColumn = 3;
constexpr int kSweepStepColumn = 4;
constexpr int kSweepStatusColumn = 5;
constexpr int kPathRole = Qt::UserRole;
constexpr int kValidRole = Qt::UserRole + 1;
constexpr int kDiagnosticRole = Qt::UserRole + 2;
constexpr int kShownSweepValues = 6;

const QString kGeneralSection = QStringLiteral("general");
const QString kErrorColor = QStringLiteral("#c62828");
const QString kWarningColor = QStringLiteral("#e65100");
const QColor kErrorLine(253, 231, 233);
const QColor kWarningLine(255, 243, 224);

bool isNumber(ValueType type) {
    return type == ValueType::Int || type == ValueType::Float;
}

QString unquoted(const QString& yaml) {
    if (yaml.size() >= 2 && (yaml.front() == QLatin1Char('"') || yaml.front() == QLatin1Char('\'')) &&
        yaml.back() == yaml.front())
        return yaml.mid(1, yaml.size() - 2);
    return yaml;
}

// The default as a user reads it: "csv", "8", "[20, 50, 200]", "null"; empty when the key has none.
QString defaultText(const KeySpec& spec) {
    return unquoted(toQString(spec.default_yaml));
}

// A complete value of a number or date field (typing passes through incomplete ones such as "1e").
const QRegularExpression& completeValue(ValueType type) {
    static const QRegularExpression integer(QStringLiteral("^(?:[-+]?[0-9][0-9_]*(?:\\.0*)?|null|~)$"));
    static const QRegularExpression number(
        QStringLiteral("^(?:[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|null|~|["
                       "-+]?\\.inf|\\.nan)$"));
    static const QRegularExpression date(QStringLiteral("^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|null|~)$"));
    if (type == ValueType::Int) return integer;
    return type == ValueType::Date ? date : number;
}

// A key's value as the file states it.
struct FileValue {
    bool present = false;
    QString text;  // the scalar's content, the collection as YAML flow text, or empty for an empty value
    QChar quote;   // '"' or '\'' when the scalar is quoted
};

QString flowText(const YAML::Node& node) {
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << node;
    return QString::fromUtf8(out.c_str());
}

FileValue fileValue(const std::string& text, const TextLines& lines, const YAML::Node& root,
                    const std::string& path) {
    const auto parts = splitPath(toQString(path));
    const auto hits = findKeys(root, parts, lines);
    if (hits.size() < parts.size()) return {};
    const YAML::Node& node = hits.back().value;
    const ValueSpan span = scanValue(text, lines, hits.back());
    const std::string raw = span.onKeyLine ? text.substr(span.begin, span.end - span.begin) : std::string();
    FileValue value{true, {}, {}};
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) value.quote = QLatin1Char(raw.front());
    if (node.IsScalar())
        value.text = toQString(node.Scalar());
    else if (node.IsNull())
        value.text = raw.empty() ? QStringLiteral("null") : toQString(raw);  // `key:` says null as well
    else if (!raw.empty() && (raw.front() == '[' || raw.front() == '{'))
        value.text = toQString(raw);
    else
        value.text = flowText(node);
    return value;
}

// The scalar at `path` of a parsed document; nullopt when it is absent or not a scalar.
std::optional<QString> scalarAt(const YAML::Node& root, const std::string& path) {
    std::optional<YAML::Node> node(root);
    for (const auto& part : splitPath(toQString(path))) {
        std::optional<YAML::Node> child;
        if (node->IsMap())
            for (const auto& entry : *node)
                if (!child && entry.first.IsScalar() && entry.first.Scalar() == part)
                    child.emplace(entry.second);
        if (!child) return std::nullopt;
        node.emplace(*child);
    }
    if (!node->IsScalar()) return std::nullopt;
    return toQString(node->Scalar());
}

void setGreyed(QWidget* widget, bool greyed) {
    QPalette palette = widget->parentWidget() ? widget->parentWidget()->palette() : widget->palette();
    if (greyed) {
        const QColor grey = palette.color(QPalette::PlaceholderText);
        palette.setColor(QPalette::WindowText, grey);
        palette.setColor(QPalette::ButtonText, grey);
        palette.setColor(QPalette::Text, grey);
    }
    widget->setPalette(palette);
    QFont font = widget->font();
    font.setItalic(greyed);
    widget->setFont(font);
}

// Replaces only the part of the view's text that differs, so the scroll position and the cursor stay;
// returns where the change starts, or -1 when there was none.
int replaceChangedRegion(QPlainTextEdit* view, const QString& text) {
    const QString current = view->toPlainText();
    if (current == text) return -1;
    const int shorter = int(std::min(current.size(), text.size()));
    int prefix = 0;
    while (prefix < shorter && current[prefix] == text[prefix]) ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix &&
           current[current.size() - 1 - suffix] == text[text.size() - 1 - suffix])
        ++suffix;
    QTextCursor cursor(view->document());
    cursor.setPosition(prefix);
    cursor.setPosition(int(current.size()) - suffix, QTextCursor::KeepAnchor);
    cursor.insertText(text.mid(prefix, text.size() - suffix - prefix));
    if (view->toPlainText() != text) view->setPlainText(text);  // characters the document stores differently
    return prefix;
}

QString formatProblem(const Diagnostic& diagnostic) {
    Diagnostic shown = diagnostic;
    shown.file = QFileInfo(toQString(diagnostic.file)).fileName().toStdString();
    return toQString(config::format_diagnostic(shown));
}

QString errorsText(int count) {
    return count == 1 ? ConfigEditor::tr("1 error") : ConfigEditor::tr("%1 errors").arg(count);
}

QString warningsText(int count) {
    return count == 1 ? ConfigEditor::tr("1 warning") : ConfigEditor::tr("%1 warnings").arg(count);
}

// "indicators.ma_periods[1]" -> "indicators.ma_periods".
QString withoutIndices(const std::string& keyPath) {
    static const QRegularExpression index(QStringLiteral("\\[[^\\]]*\\]"));
    return toQString(keyPath).remove(index);
}

// What the user's entry in a field asks for.
struct FieldInput {
    enum class Action { Write, Remove, Wait };
    Action action = Action::Wait;
    QString yaml;    // Write: the value's YAML text
    QString reason;  // Wait: why the entry is not written yet
};

}  // namespace

// One key of the form: its label, its editor in a frame that turns red or orange with problems, and the
// problems' text under it.
struct ConfigEditor::Field {
    std::string path;
    QString key;
    std::vector<const KeySpec*> rows;  // several for a strategy parameter that more than one type uses
    const KeySpec* spec = nullptr;     // the row of the current strategy type
    bool applies = true;               // the current strategy type uses the key
    QString section;
    QLabel* label = nullptr;
    QWidget* row = nullptr;
    QFrame* frame = nullptr;
    QWidget* editor = nullptr;
    QLineEdit* line = nullptr;
    QCheckBox* check = nullptr;
    QComboBox* combo = nullptr;
    QToolButton* browse = nullptr;
    QLabel* message = nullptr;
    QRegularExpressionValidator* validator = nullptr;
    int schemaItems = 0;  // combo items from the schema; a value the schema does not know follows them
    bool inFile = false;
    QChar quote;      // how the file quotes the value; a key written anew is double-quoted
    QString pending;  // why the typed entry is not written yet
    QStringList errors;
    QStringList warnings;
    QString decoration;  // the style last applied, so unchanged fields are not re-polished

    ValueType type() const { return spec->type; }

    void createEditor(QHBoxLayout* layout) {
        switch (type()) {
            case ValueType::Bool:
                check = new QCheckBox;
                editor = check;
                layout->addWidget(check);
                layout->addStretch();
                return;
            case ValueType::Enum:
                combo = new QComboBox;
                for (const auto& value : spec->allowed) combo->addItem(toQString(value));
                if (spec->nullable) combo->addItem(QStringLiteral("null"));
                schemaItems = combo->count();
                editor = combo;
                layout->addWidget(combo, 1);
                return;
            default:
                break;
        }
        line = new QLineEdit;
        editor = line;
        layout->addWidget(line, 1);
        if (isNumber(type()) || type() == ValueType::Date) {
            validator = new QRegularExpressionValidator(completeValue(type()), line);
            line->setValidator(validator);
        }
        if (type() == ValueType::Path) {
            browse = new QToolButton;
            browse->setText(ConfigEditor::tr("…"));
            browse->setToolTip(ConfigEditor::tr("Choose the file or folder"));
            layout->addWidget(browse);
        }
    }

    void chooseSpec(config::StrategyType strategyType) {
        const auto used = std::find_if(rows.begin(), rows.end(),
                                       [&](const KeySpec* row) { return row->applies_to(strategyType); });
        applies = used != rows.end();
        spec = applies ? *used : rows.front();
    }

    QChar quoteForWriting() const { return inFile ? quote : QLatin1Char('"'); }

    FieldInput input() const {
        const auto write = [](QString yaml) {
            return FieldInput{FieldInput::Action::Write, std::move(yaml), {}};
        };
        if (check) return write(check->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
        if (combo) {
            const QString value = combo->currentText();
            if (spec->nullable && value == QLatin1String("null")) return write(value);
            return write(yamlString(value, quoteForWriting()));
        }
        const QString text = line->text();
        if (text.trimmed().isEmpty()) return {FieldInput::Action::Remove, {}, {}};
        if (isNumber(type()) || type() == ValueType::Date) return numberOrDate(text.trimmed());
        if (spec->nullable && text.trimmed() == QLatin1String("null")) return write(QStringLiteral("null"));
        if (type() == ValueType::List || type() == ValueType::Map) return write(text.trimmed());
        return write(yamlString(text, quoteForWriting()));
    }

    FieldInput numberOrDate(const QString& text) const {
        if (!completeValue(type()).match(text).hasMatch()) {
            const QString reason = type() == ValueType::Date
                                       ? ConfigEditor::tr("Not a complete date (YYYY-MM-DD) yet")
                                       : ConfigEditor::tr("Not a complete number yet");
            return {FieldInput::Action::Wait, {}, reason};
        }
        const bool plain = isNumber(type()) || text == QLatin1String("null") || text == QLatin1String("~") ||
                           quoteForWriting().isNull();
        return {FieldInput::Action::Write, plain ? text : yamlString(text, quoteForWriting()), {}};
    }

    void show(const FileValue& value) {
        inFile = value.present;
        quote = value.quote;
        pending.clear();
        const QString shown = value.present ? value.text : defaultText(*spec);
        if (check) {
            check->setChecked(shown == QLatin1String("true"));
        } else if (combo) {
            showInCombo(shown);
        } else {
            const QString text = value.present ? value.text : QString();
            // A value the validator would refuse (written in the YAML) must stay editable.
            int position = 0;
            QString probe = text;
            const bool valid = !validator || validator->validate(probe, position) != QValidator::Invalid;
            line->setValidator(valid ? validator : nullptr);
            if (line->text() != text) line->setText(text);
            line->setPlaceholderText(placeholder());
        }
        editor->setEnabled(applies || inFile);
        if (browse) browse->setEnabled(editor->isEnabled());
    }

    void showInCombo(const QString& value) {
        while (combo->count() > schemaItems) combo->removeItem(combo->count() - 1);
        const auto sensitivity = spec->case_insensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
        int index = -1;
        for (int i = 0; i < combo->count() && index < 0; ++i)
            if (combo->itemText(i).compare(value, sensitivity) == 0) index = i;
        if (index < 0 && !value.isEmpty()) {
            combo->addItem(value);  // what the file says, though the schema does not allow it
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    }

    QString placeholder() const {
        const QString fallback = defaultText(*spec);
        if (!fallback.isEmpty()) return fallback;
        if (spec->required) return ConfigEditor::tr("required");
        return type() == ValueType::Date ? QStringLiteral("YYYY-MM-DD") : QString();
    }

    void decorate() {
        const bool error = !errors.isEmpty();
        const bool warning = !warnings.isEmpty() || !pending.isEmpty();
        QStringList lines = errors;
        for (const QString& text : warnings) lines << ConfigEditor::tr("warning: %1").arg(text);
        if (!pending.isEmpty()) lines << pending;
        const QString color = error ? kErrorColor : warning ? kWarningColor : QStringLiteral("transparent");
        const QString style = color + QLatin1Char('|') + lines.join(QLatin1Char('\n')) + QLatin1Char('|') +
                              QString::number(inFile) + QString::number(editor->isEnabled());
        if (style == decoration) return;
        decoration = style;
        frame->setStyleSheet(
            QStringLiteral("QFrame#fieldFrame { border: 1px solid %1; border-radius: 3px; }").arg(color));
        message->setText(lines.join(QLatin1Char('\n')));
        message->setStyleSheet(QStringLiteral("color: %1;").arg(error ? kErrorColor : kWarningColor));
        message->setVisible(!lines.isEmpty());
        const QString tip = tooltip();
        editor->setToolTip(tip);
        label->setToolTip(tip);
        setGreyed(label, !inFile);
        if (check || combo) setGreyed(editor, !inFile);
    }

    QString tooltip() const {
        QStringList parts;
        parts << QStringLiteral("<b>%1</b> <i>(%2)</i>")
                     .arg(key.toHtmlEscaped(), toQString(std::string(to_string(type()))));
        parts << toQString(spec->description).toHtmlEscaped();
        if (!spec->range.empty())
            parts << ConfigEditor::tr("Range: %1").arg(toQString(spec->range.to_text()));
        if (!spec->allowed.empty()) {
            QStringList allowed;
            for (const auto& value : spec->allowed) allowed << toQString(value);
            parts << ConfigEditor::tr("Allowed: %1").arg(allowed.join(QStringLiteral(", ")).toHtmlEscaped());
        }
        const QString fallback = defaultText(*spec);
        if (!fallback.isEmpty())
            parts << ConfigEditor::tr("Default: %1").arg(fallback.toHtmlEscaped());
        else if (spec->required)
            parts << ConfigEditor::tr("Required whenever its section is present");
        if (!spec->strategy_types.empty()) {
            QStringList types;
            for (const auto& rowSpec : rows)
                for (const auto strategyType : rowSpec->strategy_types)
                    types << toQString(std::string(to_string(strategyType)));
            parts << ConfigEditor::tr("Used by: %1").arg(types.join(QStringLiteral(", ")));
        }
        if (!inFile)
            parts << ConfigEditor::tr(
                "Not in the file: the default applies. Editing the field writes the key.");
        for (const QString& text : errors)
            parts
                << QStringLiteral("<span style='color:%1'>%2</span>").arg(kErrorColor, text.toHtmlEscaped());
        for (const QString& text : warnings)
            parts << QStringLiteral("<span style='color:%1'>%2</span>")
                         .arg(kWarningColor, ConfigEditor::tr("warning: %1").arg(text).toHtmlEscaped());
        return parts.join(QStringLiteral("<br/>"));
    }
};

// One page of the form: a top-level section (or the top-level keys), its nested sections as group boxes.
struct ConfigEditor::Section {
    QString name;
    int page = 0;
    QScrollArea* scroll = nullptr;
    QVBoxLayout* layout = nullptr;
    QLabel* problems = nullptr;  // problems naming the section itself (rules between keys, unknown keys)
    QListWidgetItem* item = nullptr;
    std::map<std::string, QFormLayout*> forms;  // the section and its nested sections, by path
    std::map<std::string, QVBoxLayout*> boxes;  // where a nested section's group box goes
    QStringList problemLines;
    int errors = 0;
    int warnings = 0;
};

// The text parsed, and the strategy whose keys the sweep table lists.
struct ConfigEditor::ParsedText {
    std::string utf8;
    YAML::Node root;
    std::optional<YAML::Node> sweepRoot;  // this strategy file, or the first strategy a run config enables
    config::StrategyType sweepType = config::StrategyType::Momentum;
};

// One change of the text; changes with the same merge key in a row (typing) are one command.
class ConfigTextCommand : public QUndoCommand {
  public:
    ConfigTextCommand(ConfigEditor* editor, QString before, QString after, QString mergeKey,
                      const QString& description)
        : QUndoCommand(description),
          editor_(editor),
          before_(std::move(before)),
          after_(std::move(after)),
          mergeKey_(std::move(mergeKey)) {}

    void redo() override {
        if (!firstRedo_) editor_->breakMerging();  // a redone change is never extended by typing
        firstRedo_ = false;
        editor_->applyText(after_);
    }
    void undo() override {
        editor_->breakMerging();
        editor_->applyText(before_);
    }
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const ConfigTextCommand*>(other);  // the same id: the same class
        if (mergeKey_.isEmpty() || next->mergeKey_ != mergeKey_) return false;
        after_ = next->after_;
        setObsolete(after_ == before_);  // typed back to where it was
        return true;
    }

  private:
    static constexpr int kId = 0x7e1a;
    ConfigEditor* editor_;
    QString before_;
    QString after_;
    QString mergeKey_;
    bool firstRedo_ = true;
};

ConfigEditor::ConfigEditor(QWidget* parent) : QWidget(parent), parsed_(std::make_unique<ParsedText>()) {
    setUpUndo();
    setUpLayout();
}

ConfigEditor::~ConfigEditor() = default;

void ConfigEditor::setUpUndo() {
    undoStack_ = new QUndoStack(this);
    undoAction_ = undoStack_->createUndoAction(this, tr("&Undo"));
    undoAction_->setShortcuts(QKeySequence::Undo);
    redoAction_ = undoStack_->createRedoAction(this, tr("&Redo"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    redoAction_->setShortcuts(redoKeys);
    for (QAction* action : {undoAction_, redoAction_}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit dirtyChanged(!clean); });
}

void ConfigEditor::setUpLayout() {
    fileLabel_ = new QLabel(tr("No config open"));
    fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    parseBanner_ = new QLabel;
    parseBanner_->setWordWrap(true);
    parseBanner_->setStyleSheet(
        QStringLiteral("background: #fde7e9; color: %1; padding: 4px; border-radius: 3px;").arg(kErrorColor));
    parseBanner_->hide();

    formTabs_ = new QTabWidget;
    formTabs_->addTab(createFormPane(), tr("Settings"));
    formTabs_->addTab(createSweepPane(), tr("Sweep ranges"));

    yamlView_ = new QPlainTextEdit;
    yamlView_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    yamlView_->setLineWrapMode(QPlainTextEdit::NoWrap);
    yamlView_->setUndoRedoEnabled(false);  // the editor's undo stack covers the text too
    yamlView_->installEventFilter(this);
    connect(yamlView_, &QPlainTextEdit::textChanged, this, &ConfigEditor::onYamlTextChanged);

    auto* columns = new QSplitter(Qt::Horizontal);
    columns->addWidget(formTabs_);
    columns->addWidget(yamlView_);
    columns->setStretchFactor(0, 3);
    columns->setStretchFactor(1, 2);
    auto* rows = new QSplitter(Qt::Vertical);
    rows->addWidget(columns);
    rows->addWidget(createProblemPane());
    rows->setStretchFactor(0, 4);
    rows->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(fileLabel_);
    layout->addWidget(parseBanner_);
    layout->addWidget(rows, 1);
}

QWidget* ConfigEditor::createFormPane() {
    sectionList_ = new QListWidget;
    sectionList_->setMaximumWidth(200);
    sectionList_->setIconSize(QSize(16, 16));
    sectionPages_ = new QStackedWidget;
    connect(sectionList_, &QListWidget::currentRowChanged, sectionPages_, &QStackedWidget::setCurrentIndex);
    auto* pane = new QWidget;
    auto* layout = new QHBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(sectionList_);
    layout->addWidget(sectionPages_, 1);
    return pane;
}

QWidget* ConfigEditor::createSweepPane() {
    auto* about = new QLabel(
        tr("Ranges of strategy parameters for a sensitivity run: fill in start, stop and step of the keys to "
           "sweep. Rows left empty are not swept."));
    about->setWordWrap(true);
    sweepTable_ = new QTableWidget(0, 6);
    sweepTable_->setHorizontalHeaderLabels(
        {tr("Key"), tr("Value"), tr("Start"), tr("Stop"), tr("Step"), tr("Values")});
    sweepTable_->verticalHeader()->hide();
    sweepTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    sweepTable_->horizontalHeader()->setSectionResizeMode(kSweepStatusColumn, QHeaderView::Stretch);
    connect(sweepTable_, &QTableWidget::itemChanged, this, &ConfigEditor::onSweepItemChanged);
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->addWidget(about);
    layout->addWidget(sweepTable_, 1);
    return pane;
}

QWidget* ConfigEditor::createProblemPane() {
    problemSummary_ = new QLabel;
    problemList_ = new QListWidget;
    problemList_->setWordWrap(true);
    problemList_->setIconSize(QSize(16, 16));
    connect(problemList_, &QListWidget::itemClicked, this, &ConfigEditor::activateProblem);
    connect(problemList_, &QListWidget::itemActivated, this, &ConfigEditor::activateProblem);
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(problemSummary_);
    layout->addWidget(problemList_, 1);
    return pane;
}

// --- The file ---------------------------------------------------------------------------------------------

bool ConfigEditor::openFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QString content = QString::fromUtf8(file.readAll());
    if (content.startsWith(QChar(0xFEFF))) content.remove(0, 1);
    crlf_ = content.contains(QLatin1String("\r\n"));
    content.replace(QLatin1String("\r\n"), QLatin1String("\n"));

    kind_ = config::detect_config_kind(toPath(path));
    selectedField_.clear();
    setFilePath(QFileInfo(path).absoluteFilePath());
    buildForm();
    buildSweepTable();
    undoStack_->clear();
    applyingText_ = true;
    yamlView_->setPlainText(content);
    applyingText_ = false;
    lastText_ = yamlView_->toPlainText();
    refresh();
    return true;
}

void ConfigEditor::setFilePath(const QString& path) {
    filePath_ = path;
    const QString kindName = kind_ == config::ConfigKind::Run ? tr("Run config") : tr("Strategy config");
    // The name is what tells two open configs apart; the folder is a hover away.
    fileLabel_->setText(
        QStringLiteral("<b>%1</b> &nbsp; %2").arg(kindName, QFileInfo(path).fileName().toHtmlEscaped()));
    fileLabel_->setToolTip(QDir::toNativeSeparators(path));
    emit filePathChanged(path);
}

QString ConfigEditor::text() const {
    return lastText_;
}

bool ConfigEditor::isDirty() const {
    return !undoStack_->isClean();
}

QString ConfigEditor::displayName() const {
    const QString name = filePath_.isEmpty() ? tr("untitled") : QFileInfo(filePath_).fileName();
    return isDirty() ? name + QLatin1Char('*') : name;
}

ConfigSaveResult ConfigEditor::save() {
    if (filePath_.isEmpty())
        return {false, errorCount(), warningCount(), tr("No file to save to: use Save As")};
    return writeFile(filePath_);
}

ConfigSaveResult ConfigEditor::saveAs(const QString& path) {
    const QString previous = filePath_;
    setFilePath(QFileInfo(path).absoluteFilePath());
    refresh();  // relative paths now resolve against the new folder
    ConfigSaveResult result = writeFile(filePath_);
    if (!result.saved) {
        setFilePath(previous);
        refresh();
    }
    return result;
}

ConfigSaveResult ConfigEditor::writeFile(const QString& path) {
    ConfigSaveResult result{false, errorCount(), warningCount(), {}};
    const QString shownPath = QDir::toNativeSeparators(path);
    QString content = lastText_;
    if (crlf_) content.replace(QLatin1String("\n"), QLatin1String("\r\n"));
    result.message = writeTextAtomically(path, content);
    if (!result.message.isEmpty()) return result;
    undoStack_->setClean();
    result.saved = true;
    result.message = result.errors > 0 ? tr("Saved %1 with %2").arg(shownPath, errorsText(result.errors))
                                       : tr("Saved %1").arg(shownPath);
    return result;
}

// --- The form ---------------------------------------------------------------------------------------------

void ConfigEditor::clearForm() {
    fields_.clear();
    sections_.clear();
    sectionList_->clear();
    while (sectionPages_->count() > 0) {
        QWidget* page = sectionPages_->widget(0);
        sectionPages_->removeWidget(page);
        delete page;
    }
}

void ConfigEditor::buildForm() {
    clearForm();
    addSection(kGeneralSection, tr("Top-level keys of the file."));
    for (const KeySpec& spec : config::config_schema(kind_)) {
        if (spec.type != ValueType::Object)
            addField(spec);
        else if (spec.depth() == 0)
            addSection(toQString(spec.path), toQString(spec.description));
        else
            addGroup(spec);
    }
    for (const auto& section : sections_) section->layout->addStretch(1);
    sectionList_->setCurrentRow(0);
}

void ConfigEditor::addSection(const QString& name, const QString& description) {
    auto section = std::make_unique<Section>();
    section->name = name;
    auto* content = new QWidget;
    section->layout = new QVBoxLayout(content);
    auto* about = new QLabel(description);
    about->setWordWrap(true);
    QFont italic = about->font();
    italic.setItalic(true);
    about->setFont(italic);
    section->problems = new QLabel;
    section->problems->setWordWrap(true);
    section->problems->hide();
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    section->layout->addWidget(about);
    section->layout->addWidget(section->problems);
    section->layout->addLayout(form);
    const std::string path = name == kGeneralSection ? std::string() : name.toStdString();
    section->forms[path] = form;
    section->boxes[path] = section->layout;
    section->scroll = new QScrollArea;
    section->scroll->setWidgetResizable(true);
    section->scroll->setFrameShape(QFrame::NoFrame);
    section->scroll->setWidget(content);
    section->page = sectionPages_->addWidget(section->scroll);
    section->item = new QListWidgetItem(name, sectionList_);
    section->item->setToolTip(description);
    sections_.push_back(std::move(section));
}

void ConfigEditor::addGroup(const KeySpec& spec) {
    Section& section = sectionFor(spec);
    auto* group = new QGroupBox(toQString(spec.name()));
    group->setToolTip(toQString(spec.description));
    auto* layout = new QVBoxLayout(group);
    auto* about = new QLabel(toQString(spec.description));
    about->setWordWrap(true);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(about);
    layout->addLayout(form);
    section.boxes.at(spec.parent_path())->addWidget(group);
    section.forms[spec.path] = form;
    section.boxes[spec.path] = layout;
}

ConfigEditor::Section& ConfigEditor::sectionFor(const KeySpec& spec) {
    const bool topLevelKey = spec.depth() == 0 && spec.type != ValueType::Object;
    const QString name = topLevelKey ? kGeneralSection : toQString(spec.path).section(QLatin1Char('.'), 0, 0);
    Section* section = findSection(name);
    return section ? *section : *sections_.front();
}

ConfigEditor::Section* ConfigEditor::findSection(const QString& name) const {
    for (const auto& section : sections_)
        if (section->name == name) return section.get();
    return nullptr;
}

void ConfigEditor::addField(const KeySpec& spec) {
    if (Field* existing = findField(toQString(spec.path))) {
        existing->rows.push_back(&spec);  // the same parameter of another strategy type
        return;
    }
    auto field = std::make_unique<Field>();
    field->path = spec.path;
    field->key = toQString(spec.path);
    field->rows = {&spec};
    field->spec = &spec;
    Section& section = sectionFor(spec);
    field->section = section.name;
    field->label = new QLabel(toQString(spec.name()));
    field->frame = new QFrame;
    field->frame->setObjectName(QStringLiteral("fieldFrame"));
    auto* frameLayout = new QHBoxLayout(field->frame);
    frameLayout->setContentsMargins(1, 1, 1, 1);
    field->createEditor(frameLayout);
    field->message = new QLabel;
    field->message->setWordWrap(true);
    field->message->hide();
    field->row = new QWidget;
    auto* rowLayout = new QVBoxLayout(field->row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(1);
    rowLayout->addWidget(field->frame);
    rowLayout->addWidget(field->message);
    section.forms.at(spec.parent_path())->addRow(field->label, field->row);
    connectField(*field);
    fields_.push_back(std::move(field));
}

void ConfigEditor::connectField(Field& field) {
    field.editor->setProperty("configKey", field.key);
    field.editor->installEventFilter(this);
    Field* edited = &field;  // fields live as long as their widgets
    if (field.check)
        connect(field.check, &QCheckBox::clicked, this, [this, edited] { onFieldEdited(*edited); });
    if (field.combo)
        connect(field.combo, &QComboBox::activated, this, [this, edited] { onFieldEdited(*edited); });
    if (field.line)
        connect(field.line, &QLineEdit::textEdited, this, [this, edited] { onFieldEdited(*edited); });
    if (field.browse)
        connect(field.browse, &QToolButton::clicked, this, [this, edited] { browseForPath(*edited); });
    // The label's context menu takes the key out of the file, back to its default.
    auto* reset = new QAction(tr("Reset to the default"), field.label);
    field.label->addAction(reset);
    field.label->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(reset, &QAction::triggered, this, [this, edited] {
        QString error;
        if (!resetValue(edited->key, &error)) {
            edited->pending = tr("Not reset: %1").arg(error);
            edited->decorate();
        }
    });
}

void ConfigEditor::browseForPath(Field& field) {
    const QDir base = QFileInfo(filePath_).absoluteDir();
    const QString current =
        field.line->text().isEmpty() ? base.path() : base.absoluteFilePath(field.line->text());
    const QString title = tr("Choose %1").arg(field.key);
    const bool folder = field.key.startsWith(QLatin1String("dataset."));
    const QString chosen = folder ? QFileDialog::getExistingDirectory(this, title, current)
                                  : QFileDialog::getOpenFileName(this, title, current);
    if (chosen.isEmpty()) return;
    field.line->setText(base.relativeFilePath(chosen));  // paths a run reads are relative to the config
    onFieldEdited(field);
}

ConfigEditor::Field* ConfigEditor::findField(const QString& keyPath) const {
    for (const auto& field : fields_)
        if (field->key == keyPath) return field.get();
    return nullptr;
}

ConfigEditor::Field* ConfigEditor::fieldOfProblem(const std::string& keyPath) const {
    QString path = withoutIndices(keyPath);
    while (!path.isEmpty()) {
        if (Field* field = findField(path)) return field;
        const auto dot = path.lastIndexOf(QLatin1Char('.'));
        if (dot < 0) break;
        path.truncate(dot);
    }
    return nullptr;
}

QStringList ConfigEditor::fieldPaths() const {
    QStringList paths;
    for (const auto& field : fields_) paths << field->key;
    return paths;
}

QWidget* ConfigEditor::fieldEditor(const QString& keyPath) const {
    const Field* field = findField(keyPath);
    return field ? field->editor : nullptr;
}

QString ConfigEditor::fieldMessage(const QString& keyPath) const {
    const Field* field = findField(keyPath);
    return field && field->message->isVisibleTo(field->row) ? field->message->text() : QString();
}

bool ConfigEditor::fieldHasError(const QString& keyPath) const {
    const Field* field = findField(keyPath);
    return field && !field->errors.isEmpty();
}

bool ConfigEditor::fieldIsInFile(const QString& keyPath) const {
    const Field* field = findField(keyPath);
    return field && field->inFile;
}

QString ConfigEditor::currentSection() const {
    const int page = sectionPages_->currentIndex();
    return page >= 0 && page < int(sections_.size()) ? sections_[std::size_t(page)]->name : QString();
}

bool ConfigEditor::selectField(const QString& keyPath) {
    Field* field = findField(keyPath);
    if (!field) return false;
    formTabs_->setCurrentIndex(0);
    if (const Section* section = findSection(field->section)) {
        sectionList_->setCurrentRow(section->page);
        section->scroll->ensureWidgetVisible(field->row);
    }
    field->editor->setFocus(Qt::OtherFocusReason);
    selectedField_ = keyPath;
    return true;
}

// --- Edits ------------------------------------------------------------------------------------------------

void ConfigEditor::onFieldEdited(Field& field) {
    if (refreshingForm_) return;
    const FieldInput input = field.input();
    if (input.action == FieldInput::Action::Wait) {
        field.pending = input.reason;
        field.decorate();
        return;
    }
    const YamlTextEdit edit = input.action == FieldInput::Action::Remove
                                  ? removeYamlKey(lastText_, field.key)
                                  : setYamlValue(lastText_, field.key, input.yaml);
    if (!edit.ok()) {
        field.pending = tr("Not written: %1").arg(edit.error);
        field.decorate();
        return;
    }
    field.pending.clear();
    pushTextChange(edit.text, QStringLiteral("field:") + field.key, tr("Edit %1").arg(field.key));
    field.decorate();
}

bool ConfigEditor::setValue(const QString& keyPath, const QString& valueYaml, QString* error) {
    const YamlTextEdit edit = setYamlValue(lastText_, keyPath, valueYaml);
    if (!edit.ok()) {
        if (error) *error = edit.error;
        return false;
    }
    breakMerging();
    pushTextChange(edit.text, QString(), tr("Set %1").arg(keyPath));
    return true;
}

bool ConfigEditor::resetValue(const QString& keyPath, QString* error) {
    const YamlTextEdit edit = removeYamlKey(lastText_, keyPath);
    if (!edit.ok()) {
        if (error) *error = edit.error;
        return false;
    }
    breakMerging();
    pushTextChange(edit.text, QString(), tr("Reset %1").arg(keyPath));
    return true;
}

void ConfigEditor::pushTextChange(const QString& after, const QString& mergeKey, const QString& description) {
    if (after == lastText_) return;
    const QString key =
        mergeKey.isEmpty() ? QString() : mergeKey + QLatin1Char('#') + QString::number(editSession_);
    undoStack_->push(new ConfigTextCommand(this, lastText_, after, key, description));
}

void ConfigEditor::onYamlTextChanged() {
    if (applyingText_) return;
    const QString typed = yamlView_->toPlainText();
    if (typed != lastText_) pushTextChange(typed, QStringLiteral("text"), tr("Edit the YAML text"));
}

void ConfigEditor::applyText(const QString& text) {
    applyingText_ = true;
    const int changedAt = replaceChangedRegion(yamlView_, text);
    applyingText_ = false;
    if (changedAt >= 0 && !yamlView_->hasFocus()) {
        QTextCursor cursor = yamlView_->textCursor();
        cursor.setPosition(changedAt);
        yamlView_->setTextCursor(cursor);
        yamlView_->ensureCursorVisible();
    }
    lastText_ = text;
    refresh();
}

bool ConfigEditor::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        // Editors claim Ctrl+Z for their own undo; the editor's stack must get it.
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool undoKey = key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
                             key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_Y);
        if (undoKey) {
            event->ignore();
            return true;
        }
    }
    const QString key = watched->property("configKey").toString();
    if (event->type() == QEvent::FocusIn && !key.isEmpty()) selectedField_ = key;
    if (event->type() == QEvent::FocusOut) {
        breakMerging();
        Field* field = findField(key);
        if (field && !field->pending.isEmpty()) refresh();  // drop an entry that was never written
    }
    return QWidget::eventFilter(watched, event);
}

// --- Refresh: parse, validate, show -----------------------------------------------------------------------

void ConfigEditor::refresh() {
    validate();
    parseText();
    if (textParses_) refreshFields();
    sectionPages_->setEnabled(textParses_);
    showDiagnostics();
    refreshSweepTable();
}

void ConfigEditor::validate() {
    const std::string yaml = lastText_.toStdString();
    const std::string label = filePath_.toStdString();
    const auto base = toPath(QFileInfo(filePath_).absolutePath());
    parsed_->sweepRoot.reset();
    if (kind_ == config::ConfigKind::Strategy) {
        const auto load = config::load_strategy_config_from_string(yaml, label, base);
        diagnostics_ = load.diagnostics;
        strategyType_ = load.config.strategy_type;
        parsed_->sweepType = strategyType_;
        return;
    }
    const auto load = config::load_run_config_from_string(yaml, label, base);
    diagnostics_ = load.diagnostics;
    strategyType_ = config::StrategyType::Momentum;
    for (const auto* slot : {&load.config.strategies.equity, &load.config.strategies.crypto}) {
        if (!*slot || !(*slot)->enabled || !(*slot)->config) continue;
        parsed_->sweepType = (*slot)->config->strategy_type;
        try {
            if (auto root = parseYaml(read_text_file((*slot)->config_path.resolved), nullptr))
                parsed_->sweepRoot.emplace(*root);  // else diagnosed by the loader above
        } catch (const std::runtime_error&) {
            // Unreadable: the loader above reported it; the sweep table shows the defaults.
        }
        break;
    }
}

void ConfigEditor::parseText() {
    QString problem;
    const std::string utf8 = lastText_.toStdString();
    const auto root = parseYaml(utf8, &problem);
    textParses_ = root.has_value();
    parseBanner_->setVisible(!textParses_);
    if (!textParses_) {
        parseBanner_->setText(tr("%1 — the form shows the last text that parsed; fix the YAML text to edit "
                                 "it again.")
                                  .arg(problem));
        return;
    }
    parsed_->utf8 = utf8;
    parsed_->root.reset(*root);
    if (kind_ == config::ConfigKind::Strategy) parsed_->sweepRoot.emplace(parsed_->root);
}

void ConfigEditor::refreshFields() {
    refreshingForm_ = true;
    const TextLines lines(parsed_->utf8);
    for (const auto& field : fields_) {
        field->chooseSpec(strategyType_);
        field->show(fileValue(parsed_->utf8, lines, parsed_->root, field->path));
    }
    refreshingForm_ = false;
}

int ConfigEditor::errorCount() const {
    return int(config::count_severity(diagnostics_, Severity::Error));
}

int ConfigEditor::warningCount() const {
    return int(config::count_severity(diagnostics_, Severity::Warning));
}

void ConfigEditor::showDiagnostics() {
    for (const auto& field : fields_) {
        field->errors.clear();
        field->warnings.clear();
    }
    for (const auto& section : sections_) {
        section->problemLines.clear();
        section->errors = section->warnings = 0;
    }
    problemList_->clear();
    const std::string label = filePath_.toStdString();
    for (std::size_t i = 0; i < diagnostics_.size(); ++i) {
        const Diagnostic& diagnostic = diagnostics_[i];
        if (diagnostic.file == label) placeProblem(diagnostic);
        addProblemItem(diagnostic, int(i));
    }
    for (const auto& field : fields_) field->decorate();
    for (const auto& section : sections_) decorateSection(*section);
    const int errors = errorCount();
    const int warnings = warningCount();
    problemSummary_->setText(errors + warnings == 0
                                 ? tr("No problems")
                                 : tr("%1, %2").arg(errorsText(errors), warningsText(warnings)));
    highlightProblemLines();
    emit diagnosticsChanged(errors, warnings);
}

// A problem of this file goes to the field it names, else to the page of its section.
void ConfigEditor::placeProblem(const Diagnostic& diagnostic) {
    const bool error = diagnostic.severity == Severity::Error;
    const QString key = withoutIndices(diagnostic.key_path);
    const QString message = toQString(diagnostic.message);
    if (Field* field = fieldOfProblem(diagnostic.key_path)) {
        const QString text =
            key == field->key ? message : toQString(diagnostic.key_path) + QStringLiteral(": ") + message;
        (error ? field->errors : field->warnings) << text;
        Section* section = findSection(field->section);
        if (section) ++(error ? section->errors : section->warnings);
        return;
    }
    Section* section = findSection(key.section(QLatin1Char('.'), 0, 0));
    if (!section) section = findSection(kGeneralSection);
    if (!section) return;
    const QString prefix =
        diagnostic.key_path.empty() ? QString() : toQString(diagnostic.key_path) + QStringLiteral(": ");
    section->problemLines << (error ? QString() : tr("warning: ")) + prefix + message;
    ++(error ? section->errors : section->warnings);
}

void ConfigEditor::decorateSection(Section& section) {
    section.problems->setText(section.problemLines.join(QLatin1Char('\n')));
    section.problems->setStyleSheet(QStringLiteral("color: %1;").arg(kErrorColor));
    section.problems->setVisible(!section.problemLines.isEmpty());
    const int count = section.errors + section.warnings;
    section.item->setText(count == 0 ? section.name : QStringLiteral("%1 (%2)").arg(section.name).arg(count));
    const auto icon = section.errors > 0     ? style()->standardIcon(QStyle::SP_MessageBoxCritical)
                      : section.warnings > 0 ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
                                             : QIcon();
    section.item->setIcon(icon);
}

void ConfigEditor::addProblemItem(const Diagnostic& diagnostic, int index) {
    auto* item = new QListWidgetItem(formatProblem(diagnostic), problemList_);
    item->setToolTip(toQString(config::format_diagnostic(diagnostic)));
    item->setIcon(style()->standardIcon(diagnostic.severity == Severity::Error
                                            ? QStyle::SP_MessageBoxCritical
                                            : QStyle::SP_MessageBoxWarning));
    item->setData(kDiagnosticRole, index);
}

void ConfigEditor::highlightProblemLines() {
    QList<QTextEdit::ExtraSelection> selections;
    const std::string label = filePath_.toStdString();
    for (const Diagnostic& diagnostic : diagnostics_) {
        if (diagnostic.file != label || diagnostic.line <= 0) continue;
        const QTextBlock block = yamlView_->document()->findBlockByNumber(diagnostic.line - 1);
        if (!block.isValid()) continue;
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(diagnostic.severity == Severity::Error ? kErrorLine : kWarningLine);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections << selection;
    }
    yamlView_->setExtraSelections(selections);
}

void ConfigEditor::activateProblem(QListWidgetItem* item) {
    const int index = item->data(kDiagnosticRole).toInt();
    if (index < 0 || index >= int(diagnostics_.size())) return;
    const Diagnostic& diagnostic = diagnostics_[std::size_t(index)];
    if (diagnostic.file != filePath_.toStdString()) {
        emit problemInOtherFileActivated(toQString(diagnostic.file), diagnostic.line);
        return;
    }
    if (diagnostic.line > 0) {
        const QTextBlock block = yamlView_->document()->findBlockByNumber(diagnostic.line - 1);
        if (block.isValid()) {
            yamlView_->setTextCursor(QTextCursor(block));
            yamlView_->centerCursor();
        }
    }
    const Field* field = fieldOfProblem(diagnostic.key_path);
    if (field) {
        selectField(field->key);
        return;
    }
    if (const Section* section =
            findSection(withoutIndices(diagnostic.key_path).section(QLatin1Char('.'), 0, 0))) {
        formTabs_->setCurrentIndex(0);
        sectionList_->setCurrentRow(section->page);
    }
    yamlView_->setFocus(Qt::OtherFocusReason);
}

// --- Sweep ranges -----------------------------------------------------------------------------------------

void ConfigEditor::buildSweepTable() {
    fillingSweepTable_ = true;
    sweepTable_->setRowCount(0);
    std::set<std::string> listed;
    for (const KeySpec& spec : config::strategy_config_schema()) {
        if (!isNumber(spec.type) || !listed.insert(spec.path).second) continue;
        const int row = sweepTable_->rowCount();
        sweepTable_->insertRow(row);
        for (int column = 0; column < sweepTable_->columnCount(); ++column) {
            auto* item = new QTableWidgetItem;
            const bool editable = column >= kSweepStartColumn && column <= kSweepStepColumn;
            item->setFlags(editable ? item->flags() | Qt::ItemIsEditable
                                    : item->flags() & ~Qt::ItemIsEditable);
            sweepTable_->setItem(row, column, item);
        }
        sweepTable_->item(row, kSweepKeyColumn)->setText(toQString(spec.path));
        sweepTable_->item(row, kSweepKeyColumn)->setData(kPathRole, toQString(spec.path));
        sweepTable_->item(row, kSweepKeyColumn)->setToolTip(toQString(spec.description));
    }
    fillingSweepTable_ = false;
}

void ConfigEditor::refreshSweepTable() {
    fillingSweepTable_ = true;
    const config::StrategyType type = parsed_->sweepType;
    for (int row = 0; row < sweepTable_->rowCount(); ++row) {
        const std::string path =
            sweepTable_->item(row, kSweepKeyColumn)->data(kPathRole).toString().toStdString();
        const KeySpec* spec = config::find_key(config::ConfigKind::Strategy, path, type);
        sweepTable_->setRowHidden(row, spec == nullptr);  // a parameter of another strategy type
        if (!spec) continue;
        const auto value = parsed_->sweepRoot ? scalarAt(*parsed_->sweepRoot, path) : std::nullopt;
        QTableWidgetItem* shown = sweepTable_->item(row, kSweepValueColumn);
        shown->setText(value.value_or(defaultText(*spec)));
        setGreyedItem(shown, !value);
        shown->setToolTip(value ? QString() : tr("Default (not in the strategy file)"));
    }
    fillingSweepTable_ = false;
}

void ConfigEditor::setGreyedItem(QTableWidgetItem* item, bool greyed) {
    item->setForeground(greyed ? palette().color(QPalette::PlaceholderText)
                               : palette().color(QPalette::Text));
    QFont font = item->font();
    font.setItalic(greyed);
    item->setFont(font);
}

void ConfigEditor::onSweepItemChanged(QTableWidgetItem* item) {
    if (fillingSweepTable_ || item->column() < kSweepStartColumn || item->column() > kSweepStepColumn) return;
    evaluateSweepRow(item->row());
}

QString ConfigEditor::sweepAxisText(int row) const {
    const QString path = sweepTable_->item(row, kSweepKeyColumn)->data(kPathRole).toString();
    // parse_axis reads a key the run config also has as a run key; the prefix makes it the strategy's.
    const bool runKeyToo = config::find_key(config::ConfigKind::Run, path.toStdString()) != nullptr;
    const QString key = runKeyToo ? QStringLiteral("strategy.") + path : path;
    const auto cell = [&](int column) { return sweepTable_->item(row, column)->text().trimmed(); };
    return QStringLiteral("%1=%2:%3:%4")
        .arg(key, cell(kSweepStartColumn), cell(kSweepStopColumn), cell(kSweepStepColumn));
}

void ConfigEditor::evaluateSweepRow(int row) {
    fillingSweepTable_ = true;
    QTableWidgetItem* status = sweepTable_->item(row, kSweepStatusColumn);
    const auto cell = [&](int column) { return sweepTable_->item(row, column)->text().trimmed(); };
    const int filled = int(!cell(kSweepStartColumn).isEmpty()) + int(!cell(kSweepStopColumn).isEmpty()) +
                       int(!cell(kSweepStepColumn).isEmpty());
    QString text;
    QString color;
    bool valid = false;
    if (filled == 3) {
        try {
            const validation::ParameterAxis axis = validation::parse_axis(sweepAxisText(row).toStdString());
            valid = true;
            text = describeAxis(row, axis, color);
        } catch (const std::invalid_argument& problem) {
            text = QString::fromUtf8(problem.what());
            color = kErrorColor;
        }
    } else if (filled > 0) {
        text = tr("Fill in start, stop and step");
        color = kWarningColor;
    }
    status->setText(text);
    status->setToolTip(text);
    status->setData(kValidRole, valid);
    status->setForeground(color.isEmpty() ? palette().color(QPalette::Text) : QColor(color));
    fillingSweepTable_ = false;
}

// "5 values: 2, 2.5, 3, 3.5, 4", with a warning when values leave the key's range or an integer key gets
// fractions (the sweep would then list those points as invalid).
QString ConfigEditor::describeAxis(int row, const validation::ParameterAxis& axis, QString& color) const {
    const std::string path =
        sweepTable_->item(row, kSweepKeyColumn)->data(kPathRole).toString().toStdString();
    const KeySpec* spec = config::find_key(config::ConfigKind::Strategy, path, parsed_->sweepType);
    QStringList labels;
    bool outside = false;
    bool fractional = false;
    for (const auto& value : axis.values) {
        const double number = toQString(value.label).toDouble();
        outside = outside || (spec && !spec->range.contains(number));
        fractional = fractional || (spec && spec->type == ValueType::Int && number != std::floor(number));
        if (labels.size() < kShownSweepValues) labels << toQString(value.label);
    }
    if (int(axis.values.size()) > kShownSweepValues) labels << QStringLiteral("…");
    const QString values = labels.join(QStringLiteral(", "));
    QString text = axis.values.size() == 1 ? tr("1 value: %1").arg(values)
                                           : tr("%1 values: %2").arg(axis.values.size()).arg(values);
    if (outside) text += tr(" — some outside %1").arg(toQString(spec->range.to_text()));
    if (fractional) text += tr(" — not whole numbers");
    if (outside || fractional) color = kWarningColor;
    return text;
}

int ConfigEditor::sweepRow(const QString& keyPath) const {
    for (int row = 0; row < sweepTable_->rowCount(); ++row)
        if (sweepTable_->item(row, kSweepKeyColumn)->data(kPathRole).toString() == keyPath) return row;
    return -1;
}

QStringList ConfigEditor::sweepRanges() const {
    QStringList ranges;
    for (int row = 0; row < sweepTable_->rowCount(); ++row) {
        if (sweepTable_->isRowHidden(row)) continue;
        if (sweepTable_->item(row, kSweepStatusColumn)->data(kValidRole).toBool())
            ranges << sweepAxisText(row);
    }
    return ranges;
}

bool ConfigEditor::setSweepRange(const QString& keyPath, const QString& start, const QString& stop,
                                 const QString& step) {
    const int row = sweepRow(keyPath);
    if (row < 0) return false;
    sweepTable_->item(row, kSweepStartColumn)->setText(start);
    sweepTable_->item(row, kSweepStopColumn)->setText(stop);
    sweepTable_->item(row, kSweepStepColumn)->setText(step);  // each change re-evaluates the row
    return true;
}

QString ConfigEditor::sweepRangeStatus(const QString& keyPath) const {
    const int row = sweepRow(keyPath);
    return row < 0 ? QString() : sweepTable_->item(row, kSweepStatusColumn)->text();
}

bool ConfigEditor::sweepRangeIsValid(const QString& keyPath) const {
    const int row = sweepRow(keyPath);
    return row >= 0 && sweepTable_->item(row, kSweepStatusColumn)->data(kValidRole).toBool();
}

}  // namespace tradelab::gui
