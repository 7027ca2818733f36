#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>

#include <QFile>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QTimer>

#include "connection/endpoint.h"
#include "qlat/version.h"
#include "views/fixture.h"
#include "views/icon.h"
#include "views/mainwindow.h"
#include "views/screenshots.h"
#include "views/scriptrun.h"

namespace {

void setNames() {
  QCoreApplication::setApplicationName(QStringLiteral("qlat-admin"));
  QCoreApplication::setOrganizationName(QStringLiteral("qlat"));
  QCoreApplication::setApplicationVersion(
      QString::fromUtf8(qlat::version().data(), static_cast<qsizetype>(qlat::version().size())));
}

/// --help and --version need no display: they are answered before QApplication (which
/// aborts without one) is created.
bool wantsHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    for (const char* o : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
      if (std::strcmp(argv[i], o) == 0) {
        return true;
      }
    }
  }
  return false;
}

int run(int argc, char** argv) {
  std::unique_ptr<QCoreApplication> core;
  std::unique_ptr<QApplication> gui;
  if (wantsHelpOrVersion(argc, argv)) {
    core = std::make_unique<QCoreApplication>(argc, argv);
  } else {
    gui = std::make_unique<QApplication>(argc, argv);
  }
  QCoreApplication& app = gui ? *gui : *core;
  setNames();
  if (gui) {
    QApplication::setDesktopFileName(QStringLiteral("qlat-admin"));
    QApplication::setWindowIcon(qlat::admin::appIcon());
  }

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Manage LIO Fibre Channel target ports, initiator groups, ACLs and LUN "
                     "mapping through qlatctl serve."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption connect_opt(
      QStringLiteral("connect"),
      QStringLiteral("Connect at start: 'local' or 'ssh://[user@]host'."), QStringLiteral("uri"));
  const QCommandLineOption command_opt(
      QStringLiteral("serve-command"),
      QStringLiteral("Run this command line as qlatctl serve (no pkexec; for testing)."),
      QStringLiteral("command"));
  const QCommandLineOption demo_opt(QStringLiteral("demo"),
                                    QStringLiteral("Work on built-in demo data, not connected."));
  const QCommandLineOption shots_opt(
      QStringLiteral("screenshots"),
      QStringLiteral("Write screenshots of the main window and the wizard on demo data, exit. "
                     "With --script: where the script's screenshots go."),
      QStringLiteral("dir"));
  const QCommandLineOption script_opt(
      QStringLiteral("script"),
      QStringLiteral("Run the LUN wizard with the choices in this JSON file, apply, exit 0 "
                     "when it worked (see docs/qlat-admin.md)."),
      QStringLiteral("file"));
  parser.addOptions({connect_opt, command_opt, demo_opt, shots_opt, script_opt});
  parser.process(app);  // --help and --version print and exit 0 here

  std::optional<qlat::admin::WizardScript> script;
  if (parser.isSet(script_opt)) {
    QFile f(parser.value(script_opt));
    if (!f.open(QIODevice::ReadOnly)) {
      std::fprintf(stderr, "qlat-admin: cannot read %s: %s\n", qPrintable(f.fileName()),
                   qPrintable(f.errorString()));
      return 2;
    }
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    std::string err = "not JSON";
    script = j.is_discarded() ? std::nullopt : qlat::admin::parse_wizard_script(j, &err);
    if (!script) {
      std::fprintf(stderr, "qlat-admin: %s: %s\n", qPrintable(f.fileName()), err.c_str());
      return 2;
    }
  }

  if (parser.isSet(shots_opt) && !script) {
    QString error;
    const QStringList files = qlat::admin::writeScreenshots(parser.value(shots_opt), &error);
    for (const QString& f : files) {
      std::printf("%s\n", qPrintable(f));
    }
    if (!error.isEmpty()) {
      std::fprintf(stderr, "qlat-admin: %s\n", qPrintable(error));
      return 1;
    }
    return 0;
  }

  qlat::admin::MainWindow window;
  window.show();
  std::unique_ptr<qlat::admin::ScriptRunner> runner;
  if (script) {
    runner = std::make_unique<qlat::admin::ScriptRunner>(&window, *script, parser.value(shots_opt));
    QObject::connect(runner.get(), &qlat::admin::ScriptRunner::finished, &app,
                     [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
    runner->start();
  }
  if (parser.isSet(demo_opt)) {
    window.useFixture(qlat::admin::fixtureConfig(), qlat::admin::fixtureLive());
  } else if (parser.isSet(command_opt)) {
    QStringList args = QProcess::splitCommand(parser.value(command_opt));
    if (args.isEmpty()) {
      std::fprintf(stderr, "qlat-admin: --serve-command is empty\n");
      return 2;
    }
    const QString program = args.takeFirst();
    window.connectCommand(program, args, parser.value(command_opt));
  } else {
    bool ok = true;
    qlat::admin::Endpoint e;
    if (parser.isSet(connect_opt)) {
      e = qlat::admin::Endpoint::fromUri(parser.value(connect_opt), &ok);
    } else {
      QSettings settings;
      const auto recent = qlat::admin::recentEndpoints(settings);
      e = recent.isEmpty() ? qlat::admin::Endpoint{} : recent.front();
    }
    if (!ok) {
      std::fprintf(stderr, "qlat-admin: '%s' is not 'local' or 'ssh://[user@]host'\n",
                   qPrintable(parser.value(connect_opt)));
      return 2;
    }
    QTimer::singleShot(0, &window, [&window, e] { window.connectTo(e); });
  }
  return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing is meant to get here; if something does, say what rather than abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qlat-admin: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "qlat-admin: unexpected error of an unknown type\n");
  }
  return 1;
}
