<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BacktestJob</name>
    <message>
        <location filename="../widgets/backtest_job.cpp" line="+99"/>
        <source>%1 is a strategy config; a backtest needs a run config, which names its strategy configs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot prepare %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The %1 backtest failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../widgets/chart_export.cpp" line="+42"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>TradeLab chart</source>
        <translation>TradeLab-Diagramm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the SVG painter did not start</source>
        <translation>die SVG-Ausgabe ließ sich nicht starten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot export to %1: the file name must end in .png, .pdf or .svg.</source>
        <translation>Export nach %1 nicht möglich: Der Dateiname muss auf .png, .pdf oder .svg enden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the file could not be created</source>
        <translation>die Datei ließ sich nicht anlegen</translation>
    </message>
</context>
<context>
    <name>MarketDataLoader</name>
    <message>
        <location filename="../widgets/market_data_loader.cpp" line="+23"/>
        <source>%1 holds no market data: expected equity/daily, crypto/daily or benchmarks folders of CSV files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 holds no CSV files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The data folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeriodResult</name>
    <message>
        <location filename="../widgets/period_result.hpp" line="+30"/>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holdout</source>
        <translation>Holdout</translation>
    </message>
</context>
<context>
    <name>ResultTables</name>
    <message>
        <location filename="../widgets/result_tables.hpp" line="+48"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>SensitivitySweep</name>
    <message>
        <location filename="../widgets/sensitivity_heatmap.cpp" line="+697"/>
        <source>Grid point %1 is not a valid config: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No point of the grid could be evaluated; the first invalid one: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No point of the grid could be evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The config enables no strategy, so there is no grid to sweep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The sensitivity sweep failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The backtest of grid point %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+86"/>
        <source>No series named %1 is loaded.</source>
        <translation>Es ist keine Reihe namens %1 geladen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The jobs did not end within %1 minutes.</source>
        <translation>Die Aufträge wurden nicht innerhalb von %1 Minuten fertig.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No market data folder was found. Looked in:
%1

Start TradeLab with --data DIR, or use File &gt; Open Data Folder.</source>
        <translation>Kein Marktdatenordner gefunden. Gesucht in:
%1

Starten Sie TradeLab mit --data ORDNER oder wählen Sie Datei &gt; Datenordner öffnen.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Loading was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Cannot save the screenshot to %1.</source>
        <translation>Das Bildschirmfoto kann nicht unter %1 gespeichert werden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The wizard&apos;s data check of %1 did not finish.</source>
        <translation>Die Datenprüfung des Assistenten für %1 wurde nicht beendet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The wizard did not reach its splits page.</source>
        <translation>Der Assistent hat die Seite mit den Zeiträumen nicht erreicht.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Research workstation for systematic daily-bar trading strategies.</source>
        <translation>Forschungsarbeitsplatz für systematische Handelsstrategien auf Tageskursen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load the market data in &lt;dir&gt; (equity/daily, crypto/daily, benchmarks).</source>
        <translation>Die Marktdaten in &lt;ordner&gt; laden (equity/daily, crypto/daily, benchmarks).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dir</source>
        <translation>ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a 1400×900 picture of the main window to &lt;file&gt; and exit.</source>
        <translation>Ein 1400×900-Bild des Hauptfensters in &lt;datei&gt; speichern und beenden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the run config &lt;file&gt;.</source>
        <translation>Die Laufkonfiguration &lt;datei&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the train, validation and holdout periods of the opened config (with --view heatmap: its sensitivity sweep; validation: its validation suite; walkforward: its walk-forward optimisation on the schedule suggested for its data; stress: its stress tests).</source>
        <translation>Die Trainings-, Validierungs- und Holdout-Zeiträume der geöffneten Konfiguration ausführen (mit --view heatmap: ihren Sensitivitätslauf; validation: ihre Validierung; walkforward: ihre Walk-Forward-Optimierung nach dem für ihre Daten vorgeschlagenen Plan; stress: ihre Stresstests).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the &lt;view&gt;: price, equity, drawdown, monthly, trades, heatmap, browser, compare, config, validation, walkforward, stress or wizard.</source>
        <translation>Die &lt;Ansicht&gt; zeigen: price, equity, drawdown, monthly, trades, heatmap, browser, compare, config, validation, walkforward, stress oder wizard.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>view</source>
        <translation>ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart the series &lt;symbol&gt; (default: the first listed).</source>
        <translation>Die Reihe &lt;symbol&gt; zeigen (sonst die erste der Liste).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>symbol</source>
        <translation>symbol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the language &lt;lang&gt; (en, de) instead of the system&apos;s.</source>
        <translation>Die Sprache &lt;sprache&gt; (en, de) statt der des Systems verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lang</source>
        <translation>sprache</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unknown view &apos;%1&apos;: use price, equity, drawdown, monthly, trades, heatmap, browser, compare, config, validation, walkforward, stress or wizard.</source>
        <translation>Unbekannte Ansicht „%1“: price, equity, drawdown, monthly, trades, heatmap, browser, compare, config, validation, walkforward, stress oder wizard verwenden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--run needs a config: add --open-config FILE.</source>
        <translation>--run braucht eine Konfiguration: --open-config DATEI angeben.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No Market Data</source>
        <translation>Keine Marktdaten</translation>
    </message>
</context>
<context>
    <name>StressJob</name>
    <message>
        <location filename="../widgets/stress_view.cpp" line="+72"/>
        <source>Flash crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1× slippage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2× slippage: Sharpe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2× slippage: expectancy (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3× slippage: Calmar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bear months: max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flash crash: max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The stress tests failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WalkForwardJob</name>
    <message>
        <location filename="../widgets/walk_forward_view.cpp" line="+57"/>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n folds</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stitched return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-forward efficiency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profitable folds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Largest fold&apos;s share of the profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stitched max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The config enables no strategy, so there is no grid to optimise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The walk-forward optimisation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::AssetClassPage</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="+172"/>
        <source>Asset classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which markets the new strategy trades. Each asset class gets its own breakout momentum strategy config; the run config ties them together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Equity — stocks, benchmark SPY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Crypto — coins with the staged exit, benchmark BTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Both — one strategy per asset class in the same run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ConfigBrowser</name>
    <message>
        <location filename="../widgets/config_browser.cpp" line="+36"/>
        <source>Double-click a config to open it in the editor</source>
        <translation>Doppelklick öffnet eine Konfiguration im Editor</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No config folder</source>
        <translation>Kein Konfigurationsordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the configs of another folder</source>
        <translation>Die Konfigurationen eines anderen Ordners zeigen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Config Folder</source>
        <translation>Konfigurationsordner</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ConfigEditor</name>
    <message>
        <location filename="../widgets/config_editor.cpp" line="+76"/>
        <source>YAML syntax error on line %1: unexpected token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>YAML syntax error on line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+315"/>
        <source>the file is one flow mapping {...}; edit it in the YAML text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file does not hold a mapping of keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; holds a value, not keys; fix it in the YAML text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the value is not complete YAML (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the value changes the structure of the file; edit it in the YAML text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 is inside a flow mapping or a list; edit it in the YAML text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+179"/>
        <source>1 error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not a complete date (YYYY-MM-DD) yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a complete number yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+51"/>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Range: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allowed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required whenever its section is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Used by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in the file: the default applies. Editing the field writes the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+82"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No config open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Ranges of strategy parameters for a sensitivity run: fill in start, stop and step of the keys to sweep. Rows left empty are not swept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Sweep ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Run config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Strategy config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No file to save to: use Save As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-618"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+639"/>
        <source>Saved %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+413"/>
        <source>%1, %2</source>
        <translation type="unfinished">%1 %2: %2 {1,?}</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>1 value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 values: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-616"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Top-level keys of the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Reset to the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not reset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit the YAML text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+84"/>
        <source>%1 — the form shows the last text that parsed; fix the YAML text to edit it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>warning: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Default (not in the strategy file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Fill in start, stop and step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source> — some outside %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — not whole numbers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::DataBrowser</name>
    <message>
        <location filename="../widgets/data_browser.cpp" line="+32"/>
        <source>Filter by symbol or class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Issues for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No issues: every row of this file was read as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::DataFolderPage</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="+52"/>
        <source>Market data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data root: equity/daily, crypto/daily and benchmarks folders of daily bars, one &lt;SYMBOL&gt;.csv each. Every file is loaded and checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder holding equity/, crypto/ and benchmarks/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <source>Choose the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Problems (errors first):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No equity data: equity/daily holds no usable CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No equity benchmark: benchmarks/SPY.csv is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No crypto data: crypto/daily holds no usable CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No crypto benchmark: benchmarks/BTC.csv is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking the data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Files checked: %1. Errors: %2. Warnings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crypto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::EquityChart</name>
    <message>
        <location filename="../widgets/equity_chart.cpp" line="+28"/>
        <source>&amp;Logarithmic equity scale</source>
        <translation>&amp;Logarithmische Kapitalskala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show &amp;benchmark</source>
        <translation>&amp;Benchmark zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The benchmark bought and held with the run&apos;s starting equity</source>
        <translation>Die Benchmark, mit dem Startkapital des Laufs gekauft und gehalten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No backtest results yet</source>
        <translation>Noch keine Backtest-Ergebnisse</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Equity</source>
        <translation>Kapital</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drawdown (%)</source>
        <translation>Drawdown (%)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1  Equity %2  Drawdown %3 %  (%4)</source>
        <translation>%1  Kapital %2  Drawdown %3 %  (%4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  Benchmark %1</source>
        <translation>  Benchmark %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Benchmark (%1, buy and hold)</source>
        <translation>Benchmark (%1, Kaufen und Halten)</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+64"/>
        <source>%1 %2 failed: %3</source>
        <translation>%1 %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 failed: %3 (and %4 more in the run queue)</source>
        <translation>%1 %2 fehlgeschlagen: %3 (und %4 weitere in der Warteschlange)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>an unknown compiler</source>
        <translation>ein unbekannter Compiler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+919"/>
        <source>TradeLab</source>
        <translation>TradeLab</translation>
    </message>
    <message>
        <location line="-894"/>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity &amp;&amp; Drawdown</source>
        <translation>Kapital &amp;&amp; Drawdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly Returns</source>
        <translation>Monatsrenditen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trades</source>
        <translation>Trades</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sensitivity</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-Forward</source>
        <translation>Walk-Forward</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stress</source>
        <translation>Stress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backtest results yet: File &gt; Open Config…, then Run &gt; Backtest (F5)</source>
        <translation>Noch keine Backtest-Ergebnisse: Datei &gt; Konfiguration öffnen…, dann Ausführen &gt; Backtest (F5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sensitivity sweep yet: File &gt; Open Config…, then Run &gt; Sensitivity Sweep (Ctrl+F5)</source>
        <translation>Noch keine Sensitivitätsanalyse: Datei &gt; Konfiguration öffnen…, dann Ausführen &gt; Sensitivitätsanalyse (Strg+F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stress tests yet: File &gt; Open Config…, then Run &gt; Stress Tests (Ctrl+Shift+F5)</source>
        <translation>Noch keine Stresstests: Datei &gt; Konfiguration öffnen…, dann Ausführen &gt; Stresstests (Strg+Umschalt+F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No walk-forward yet: File &gt; Open Config…, then Run &gt; Walk-Forward… (Alt+F5)</source>
        <translation>Noch kein Walk-Forward: Datei &gt; Konfiguration öffnen…, dann Ausführen &gt; Walk-Forward… (Alt+F5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open &amp;Config…</source>
        <translation>&amp;Konfiguration öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the run config that Run &gt; Backtest runs</source>
        <translation>Die Laufkonfiguration wählen, die Ausführen &gt; Backtest rechnet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open Data Folder…</source>
        <translation>&amp;Datenordner öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the market data of another folder</source>
        <translation>Die Marktdaten eines anderen Ordners laden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Clear Recent Files</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Export Chart…</source>
        <translation>Diagramm &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart of the current tab as a PNG, PDF or SVG file</source>
        <translation>Das Diagramm des aktuellen Reiters als PNG-, PDF- oder SVG-Datei speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Backtest</source>
        <translation>&amp;Backtest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the train, validation and holdout periods of the open config</source>
        <translation>Trainings-, Validierungs- und Holdout-Zeitraum der offenen Konfiguration rechnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sensitivity Sweep</source>
        <translation>&amp;Sensitivitätsanalyse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the open config&apos;s parameter grid over the train period and show it as a heatmap</source>
        <translation>Das Parameterraster der offenen Konfiguration über den Trainingszeitraum rechnen und als Heatmap zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Validate</source>
        <translation>&amp;Validieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the validation suite of the open config (bootstraps, permutation test, stress, verdict)</source>
        <translation>Die Validierung der offenen Konfiguration ausführen (Bootstraps, Permutationstest, Stress, Urteil)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Walk-Forward…</source>
        <translation>&amp;Walk-Forward…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimise the open config&apos;s grid on rolling in-sample windows and trade each winner out of sample</source>
        <translation>Das Raster der offenen Konfiguration auf rollierenden In-Sample-Fenstern optimieren und jeden Gewinner out of sample handeln</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;tress Tests</source>
        <translation>S&amp;tresstests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rerun the open config&apos;s train and validation span with doubled and tripled slippage and flash crashes; judge bear and range months</source>
        <translation>Trainings- und Validierungszeitraum der offenen Konfiguration mit doppeltem und dreifachem Slippage und Flash-Crashs wiederholen; Bären- und Seitwärtsmonate beurteilen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag &amp;abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the job selected in the run queue, or every running job</source>
        <translation>Den in der Warteschlange ausgewählten Auftrag abbrechen, sonst alle laufenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Logarithmic Equity Scale</source>
        <translation>&amp;Logarithmische Kapitalskala</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Candles</source>
        <translation>&amp;Kerzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;OHLC Bars</source>
        <translation>&amp;OHLC-Balken</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show &amp;All Bars</source>
        <translation>&amp;Alle Balken zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About TradeLab</source>
        <translation>&amp;Über TradeLab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Compare Selected Runs</source>
        <translation>Ausgewählte Läufe &amp;vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the 2 to 4 runs selected in the Results dock side by side</source>
        <translation>Die 2 bis 4 in den Ergebnissen ausgewählten Läufe nebeneinanderstellen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Configs</source>
        <translation>Konfigurationen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Run Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select 2 to 4 runs in the Results dock, then Run &gt; Compare Selected Runs</source>
        <translation>2 bis 4 Läufe in den Ergebnissen auswählen, dann Ausführen &gt; Ausgewählte Läufe vergleichen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Job starts and ends, loads and their problems appear here.</source>
        <translation>Hier erscheinen Start und Ende der Aufträge, Ladevorgänge und ihre Probleme.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+458"/>
        <source>No data loaded</source>
        <translation>Keine Daten geladen</translation>
    </message>
    <message>
        <location line="-453"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No price data for this selection</source>
        <translation>Keine Kursdaten für diese Auswahl</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 %2 queued (job %3)</source>
        <translation>%1 %2 eingereiht (Auftrag %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 started (job %3)</source>
        <translation>%1 %2 gestartet (Auftrag %3)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2 finished in %3: %4</source>
        <translation>%1 %2 fertig nach %3: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 cancelled after %3</source>
        <translation>%1 %2 abgebrochen nach %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 failed after %3: %4</source>
        <translation>%1 %2 fehlgeschlagen nach %3: %4</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot edit %1: %2</source>
        <translation>%1 kann nicht bearbeitet werden: %2</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>validation suite</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot Run a Walk-Forward</source>
        <translation>Walk-Forward nicht möglich</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>walk-forward</source>
        <translation>Walk-Forward</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>stress tests</source>
        <translation>Stresstests</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>%1
%2 of %3 (%4)</source>
        <translation>%1
%2 aus %3 (%4)</translation>
    </message>
    <message>
        <location line="-433"/>
        <source>Open Run Config</source>
        <translation>Laufkonfiguration öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run configs (*.yaml *.yml);;All files (*)</source>
        <translation>Laufkonfigurationen (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+565"/>
        <source>%1 — TradeLab</source>
        <translation>%1 — TradeLab</translation>
    </message>
    <message>
        <location line="-545"/>
        <source>Opened %1. Run &gt; Backtest (F5) runs its periods.</source>
        <translation>%1 geöffnet. Ausführen &gt; Backtest (F5) rechnet ihre Zeiträume.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened config %1</source>
        <translation>Konfiguration %1 geöffnet</translation>
    </message>
    <message>
        <location line="+135"/>
        <location line="+424"/>
        <source>Open a run config first (File &gt; Open Config…).</source>
        <translation>Zuerst eine Laufkonfiguration öffnen (Datei &gt; Konfiguration öffnen…).</translation>
    </message>
    <message>
        <location line="-544"/>
        <source>sweep</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>point %1</source>
        <translation>Punkt %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running grid point %1: %2…</source>
        <translation>Rasterpunkt %1 wird gerechnet: %2…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 %2: cancelled.</source>
        <translation>%1 %2: abgebrochen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+134"/>
        <source>%1 %2 finished: %3</source>
        <translation>%1 %2 fertig: %3</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Equity — %1</source>
        <translation>Kapital — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly returns — %1</source>
        <translation>Monatsrenditen — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trades — %1</source>
        <translation>Trades — %1</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>%1 sweep finished: %2 of %3 points evaluated in %4 s. Click a cell to run its best point.</source>
        <translation>Analyse von %1 fertig: %2 von %3 Punkten in %4 s bewertet. Ein Klick auf eine Zelle rechnet ihren besten Punkt.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 — grid point %2 (%3), %4</source>
        <translation>%1 — Rasterpunkt %2 (%3), %4</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Still loading the previous folder; cancel it or wait.</source>
        <translation>Der vorige Ordner wird noch geladen; abbrechen oder warten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Data Folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading %1 was cancelled.</source>
        <translation>Das Laden von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading %1 failed: %2</source>
        <translation>Das Laden von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot Load Market Data</source>
        <translation>Marktdaten können nicht geladen werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No symbol selected</source>
        <translation>Kein Symbol ausgewählt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 symbols, %2 bars loaded from %3, %4</source>
        <translation>%1 Symbole, %2 Kurse aus %3 geladen, %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 issue</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 issues</source>
        <translation>%1 Probleme</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1 trade</source>
        <translation>1 Trade</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 trades</source>
        <translation>%1 Trades</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — no bars</source>
        <translation>%1 — keine Kurse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2 — %3 bars from %4 to %5</source>
        <translation>%1 — %2 — %3 Kurse vom %4 bis %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About TradeLab</source>
        <translation>Über TradeLab</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (built with %2)</source>
        <translation>%1 (erstellt mit %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compiler</source>
        <translation>Compiler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build type</source>
        <translation>Build-Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unspecified</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;TradeLab %1&lt;/h3&gt;&lt;p&gt;A research workstation for systematic daily-bar trading strategies.&lt;/p&gt;&lt;table cellspacing=&quot;2&quot; cellpadding=&quot;2&quot;&gt;%2&lt;/table&gt;</source>
        <translation>&lt;h3&gt;TradeLab %1&lt;/h3&gt;&lt;p&gt;Ein Forschungsarbeitsplatz für systematische Handelsstrategien auf Tageskursen.&lt;/p&gt;&lt;table cellspacing=&quot;2&quot; cellpadding=&quot;2&quot;&gt;%2&lt;/table&gt;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The current tab has no chart to export.</source>
        <translation>Der aktuelle Reiter hat kein Diagramm zum Exportieren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported the chart to %1.</source>
        <translation>Diagramm nach %1 exportiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported the %1 chart to %2</source>
        <translation>Diagramm %1 nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot Export the Chart</source>
        <translation>Diagramm kann nicht exportiert werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;New Strategy…</source>
        <translation>&amp;Neue Strategie…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a run config and its strategy configs step by step</source>
        <translation>Eine Laufkonfiguration und ihre Strategiekonfigurationen Schritt für Schritt anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save Config</source>
        <translation>Konfiguration &amp;speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Config &amp;As…</source>
        <translation>Konfiguration speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Config As</source>
        <translation>Konfiguration speichern unter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>YAML configs (*.yaml *.yml)</source>
        <translation>YAML-Konfigurationen (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has unsaved changes. Save them before closing?</source>
        <translation>%1 hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (data folder)</source>
        <translation>%1 (Datenordner)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;%1 %2 — %3</source>
        <translation>&amp;%1 %2 — %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 no longer exists; removed it from the recent files.</source>
        <translation>%1 existiert nicht mehr und wurde aus der Liste entfernt.</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::MonthlyReturnsChart</name>
    <message>
        <location filename="../widgets/monthly_returns_chart.cpp" line="+71"/>
        <source>No backtest results yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Monthly return (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 — no complete month to show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::OutputPage</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="+484"/>
        <source>Save the configs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run config and its strategy configs are written into this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Choose the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-16"/>
        <source>&amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Files to write: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::PriceChart</name>
    <message>
        <location filename="../widgets/price_chart.cpp" line="+56"/>
        <source>stop hit</source>
        <translation>Stopp erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>close below the exit MA</source>
        <translation>Schluss unter dem Ausstiegs-GD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>data missing</source>
        <translation>Daten fehlen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>end of period</source>
        <translation>Ende des Zeitraums</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no R (no initial risk)</source>
        <translation>kein R (kein Anfangsrisiko)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 R</source>
        <translation>%1 R</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entry %1 at %2</source>
        <translation>Einstieg %1 zu %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exit %1 at %2 (%3)</source>
        <translation>Ausstieg %1 zu %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Initial stop %1</source>
        <translation>Anfangsstopp %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No symbol selected</source>
        <translation>Kein Symbol ausgewählt</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+3"/>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+3"/>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Entry</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit</source>
        <translation>Ausstieg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Initial stop</source>
        <translation>Anfangsstopp</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1  O %2  H %3  L %4  C %5</source>
        <translation>%1  E %2  H %3  T %4  S %5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  Vol %1</source>
        <translation>  Vol %1</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ProgressDelegate</name>
    <message>
        <location filename="../widgets/run_queue_view.cpp" line="+28"/>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ResultsBrowser</name>
    <message>
        <location filename="../widgets/results_browser.cpp" line="+439"/>
        <source>Filter by config, period, kind, tags, notes or variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backtest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sensitivity point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-forward fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stress scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Group by config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the runs of a config together, its periods in the order train, validation, holdout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No results store chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No runs stored yet: %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Cannot open the results store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot read the runs of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 of 1 run shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 runs shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 runs selected: select at most %2 to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 runs selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 run selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ResultsTableModel</name>
    <message>
        <location line="-487"/>
        <source>run %1 is no longer in the store; reload the list</source>
        <translation>Lauf %1 ist nicht mehr gespeichert; Liste neu laden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(rollback failed: %1)</source>
        <translation>(Zurücksetzen fehlgeschlagen: %1)</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Double-click to edit; separate tags with commas</source>
        <translation>Doppelklick zum Bearbeiten; Tags durch Kommas trennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to edit</source>
        <translation>Doppelklick zum Bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return</source>
        <translation>Rendite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sharpe</source>
        <translation>Sharpe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max DD</source>
        <translation>Max. DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calmar</source>
        <translation>Calmar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trades</source>
        <translation>Trades</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Win %</source>
        <translation>Gewinn %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Config file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot save the tags of run %1: %2</source>
        <translation>Die Tags von Lauf %1 können nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot save the notes of run %1: %2</source>
        <translation>Die Notizen von Lauf %1 können nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::RiskPage</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="-150"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position sizing and exposure limits. They are frozen: decide them now, never tune them on results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Risk per &amp;trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum &amp;positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum &amp;exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 Range %2, default %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Each trade risks %1 % of equity at its stop. Open positions: at most %2. Invested: at most %3 % of equity.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::RunCompareView</name>
    <message>
        <location filename="../widgets/run_compare_view.cpp" line="+108"/>
        <source>%1 pp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>#%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the stored figures of run %1 are not a JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Select up to %1 stored runs to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Calendar dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place the curves on their dates instead of aligning their first days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Equity (start = 100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Select between 1 and %1 runs to compare; %2 were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The results store %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot load runs %1 from %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Baseline: run #%1 (%2, %3, %4 to %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Δ: value minus the baseline&apos;s. Worse %: how much worse than the baseline, in % of its value (negative: better).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Go / no-go verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, %2 to %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Δ vs %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worse %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No verdict stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No runs to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity of runs %1, each normalised to 100 at its start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Days since start (curve points)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::RunManager</name>
    <message>
        <location filename="../widgets/run_manager.cpp" line="+18"/>
        <source>1 trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return %1 %, Sharpe %2, max drawdown %3 %, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+133"/>
        <source>; stored as run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; not stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled at %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job ended without a result.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::RunQueueModel</name>
    <message>
        <location filename="../widgets/run_queue_model.cpp" line="+38"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1:%2 min</source>
        <translation>%1:%2 min</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Elapsed</source>
        <translation>Vergangen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1, ~%2 left</source>
        <translation>%1, noch ~%2</translation>
    </message>
</context>
<context>
    <name>tradelab::gui::SensitivityHeatmapView</name>
    <message>
        <location filename="../widgets/sensitivity_heatmap.cpp" line="-695"/>
        <location line="+173"/>
        <source>No sensitivity sweep yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Mean over the other axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best over the other axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The metric the cells show and the best points are chosen by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Y axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ells:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Objective:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+154"/>
        <source>This sweep has no two parameters with two or more values each to map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Best point: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Best stable point: %1, worst neighbour %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source> (at %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, mean over the other axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, best over the other axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 points: %2 evaluated, %3 invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (cancelled: partial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; cells too small for their values: point at one to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+227"/>
        <source>No evaluated point; invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No evaluated point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 over %3 of %4 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click to run the best: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::SplitsPage</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="-189"/>
        <source>Walk-forward split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tune on train, check on validation, and look at the holdout once, at the very end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Suggest from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holdout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The data folder has no bars for the chosen asset classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The data is too short for a split; enter the periods by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The data runs from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It covers 24 months: the 24-month default split is suggested (train 15 months, validation 3, holdout 6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It covers 18 months but not 24: the 18-month default split is suggested (train 12 months, validation 3, holdout 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It covers less than 18 months: train, validation and holdout are suggested in the 12 : 3 : 3 proportion of the 18-month split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The loaded data must start before it ends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::StrategyWizard</name>
    <message>
        <location line="-626"/>
        <source>%1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no equity/daily, crypto/daily or benchmarks folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+947"/>
        <source>New strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 already exists; choose another name or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The written configs do not load:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::StressView</name>
    <message>
        <location filename="../widgets/stress_view.cpp" line="+48"/>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sharpe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calmar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expectancy (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No stress tests yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drawdown (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%1: stress tests cancelled — partial results: %n stressed run(s) finished, the gates of the others do not apply</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1: stress tests FAILED — %n gate(s) failed: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: stress tests passed — no gate applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: stress tests PASSED — all %n applicable gate(s) passed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: equity from %2 to %3, baseline and stressed runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+186"/>
        <source>Baseline (1× slippage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Flash-crash dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1: %2 (drawdown %3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>the continuous train+validation run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>every fill&apos;s slippage × %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Flash crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never back at its peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>back at its peak after %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n crash date(s); %1; %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>survived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>did not survive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Crash dates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bear months (baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Range months (baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n month(s), </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Benchmark months: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Correlation stress (baseline): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; increase in drawdown %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correlation stress (baseline): average pairwise correlation of the positions held %1 on normal days (%2 days), %3 on drawdown days (%4 days)%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No warnings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warnings:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::SymbolTableModel</name>
    <message>
        <location filename="../widgets/symbol_table_model.cpp" line="+89"/>
        <source>(no file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Crypto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 warnings, %2 errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was rejected; select it to read why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Err.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date of the first bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of the last bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of daily bars loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warnings: the file was read, but something in it looks wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors: rows (or the whole file) that could not be used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::TradeHistogram</name>
    <message>
        <location filename="../widgets/trade_histogram.cpp" line="+39"/>
        <source>No backtest results yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>R multiple: price move over the initial risk (bins of 0.5 R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 — no closed trades with a defined R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1
%2 trades, win rate %3 %, mean %4 R</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source> (%n without a defined R left out)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>mean %1 R</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::UniverseBox</name>
    <message>
        <location filename="../widgets/strategy_wizard.cpp" line="-799"/>
        <source>Named list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Universe file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AAPL, MSFT, NVDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BTC, ETH, SOL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV with a symbol column, or one symbol a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <source>Choose the universe file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-56"/>
        <source>Every symbol in the data folder (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The ten default coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (built-in universe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%1 (list of %n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Universe lists (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The universe has no symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 symbol, with a data file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 symbols, each with a data file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tradelab::gui::UniversePage</name>
    <message>
        <location line="+24"/>
        <source>Universe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The symbols each strategy may trade. Every symbol needs a data file in the data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity universe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crypto universe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::ValidationView</name>
    <message>
        <location filename="../widgets/validation_view.cpp" line="+51"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: %2 — %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (cancelled: partial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::WalkForwardSettingsDialog</name>
    <message>
        <location filename="../widgets/walk_forward_view.cpp" line="+45"/>
        <source>Walk-Forward Optimisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also the step from one fold to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolling: the in-sample window keeps its length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anchored: the in-sample window grows from the first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;In sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Out of sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Windows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each in-sample sweep picks the grid point with the highest value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mean out-of-sample annual return over mean in-sample annual return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pass rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minimum walk-forward &amp;efficiency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum share of &amp;profitable folds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of the profit from one &amp;fold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum stitched &amp;drawdown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>O&amp;bjective:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 from %2 to %3; out of sample from %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tradelab::gui::WalkForwardView</name>
    <message>
        <location line="+29"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No walk-forward optimisation yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stitched equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DD (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stitched out-of-sample equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>WFE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WFE undefined (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PASSED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (partial: cancelled after %1 of %2 folds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: walk-forward %2%3 — stitched out-of-sample return %4, Sharpe %5, max DD %6, %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — stitched out-of-sample equity, %2 (%3 + %4 months, %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>anchored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1  Equity %2  Drawdown %3 %  (fold %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Out of sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In-sample
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Out-of-sample
return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out-of-sample
max DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The winner&apos;s %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The winner&apos;s %1 on its in-sample window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
