#include "ui_language.hpp"

#include <QLibraryInfo>

namespace tradelab::gui {
namespace {

// Where qt_add_translations puts the compiled .qm files among the resources.
const QString kTranslationResources = QStringLiteral(":/i18n");

std::unique_ptr<QTranslator> loadedTranslator(const QLocale& locale, const QString& name,
                                              const QString& folder) {
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), folder)) return nullptr;
    return translator;
}

}  // namespace

std::unique_ptr<QTranslator> tradeLabTranslator(const QLocale& locale) {
    return loadedTranslator(locale, QStringLiteral("tradelab"), kTranslationResources);
}

std::unique_ptr<QTranslator> qtTranslator(const QLocale& locale) {
    return loadedTranslator(locale, QStringLiteral("qtbase"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

QString requestedLanguage(const QStringList& arguments) {
    const QString option = QStringLiteral("--lang");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == option && i + 1 < arguments.size()) return arguments[i + 1];
        if (arguments[i].startsWith(option + QLatin1Char('='))) return arguments[i].mid(option.size() + 1);
    }
    return {};
}

}  // namespace tradelab::gui
