#pragma once
// The language of the workstation: TradeLab's own translations are compiled into the binary (the
// German one: translations/tradelab_de.ts); Qt's, for the buttons of its standard dialogs, come from
// the Qt installation when it has them. English, the source language, needs neither.
#include <QLocale>
#include <QStringList>
#include <QTranslator>
#include <memory>

namespace tradelab::gui {

// The translation of TradeLab's texts for `locale`; null when there is none (English among them).
std::unique_ptr<QTranslator> tradeLabTranslator(const QLocale& locale);
// Qt's translation of its own texts for `locale`; null when the Qt installation has none.
std::unique_ptr<QTranslator> qtTranslator(const QLocale& locale);

// The value of `--lang LANG` or `--lang=LANG` in `arguments`, empty when absent. Read before the
// command line parser runs, so that the parser's help texts are already translated.
QString requestedLanguage(const QStringList& arguments);

}  // namespace tradelab::gui
