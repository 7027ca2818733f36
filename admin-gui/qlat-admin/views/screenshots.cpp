#include "views/screenshots.h"

#include <array>

#include <QAbstractButton>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QPalette>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

#include "models/portsmodel.h"
#include "views/fixture.h"
#include "views/mainwindow.h"

namespace qlat::admin {

namespace {

void settle() {
  for (int i = 0; i < 5; ++i) {
    QCoreApplication::processEvents();
  }
}

bool grab(QWidget* w, const QString& path, QStringList& written, QString* error) {
  settle();
  if (!w->grab().save(path)) {
    if (error != nullptr) {
      *error = QStringLiteral("cannot write %1").arg(path);
    }
    return false;
  }
  written << path;
  return true;
}

/// A dark palette (Fusion's colour roles), as a desktop's dark theme sets one.
QPalette darkPalette() {
  const QColor window(0x2b, 0x2b, 0x2b);
  const QColor base(0x1e, 0x1e, 0x1e);
  const QColor text(0xe6, 0xe6, 0xe6);
  const QColor highlight(0x3d, 0x6f, 0xb4);
  QPalette p;
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
  return p;
}

}  // namespace

QStringList writeScreenshots(const QString& dir, QString* error) {
  QStringList written;
  if (!QDir().mkpath(dir)) {
    if (error != nullptr) {
      *error = QStringLiteral("cannot create %1").arg(dir);
    }
    return written;
  }
  MainWindow window;
  window.useFixture(fixtureConfig(), fixtureLive());
  window.resize(1280, 800);  // for the documentation, not the default size
  window.show();
  // Show the sessions of the demo SAN, with the one initiator that has no ACL selected.
  window.tabs()->setCurrentIndex(1);
  auto* sessions = qobject_cast<QTableView*>(window.tabs()->currentWidget());
  sessions->setCurrentIndex(sessions->model()->index(2, 0));
  if (!grab(&window, dir + QStringLiteral("/main-window.png"), written, error)) {
    return written;
  }
  window.tabs()->setCurrentIndex(2);
  if (!grab(&window, dir + QStringLiteral("/main-window-targets.png"), written, error)) {
    return written;
  }

  LunWizard* wizard = window.openWizard();
  WizardChoices c;
  c.targets = {"naa.21000024ff000001"};
  c.existing_backstores = {"/backstores/fileio/disk1"};
  c.new_backstores = {{"fileio", "disk2", "/var/lib/qlat/disk2.img", 8ULL << 30}};
  c.initiators = {"naa.21000024ff100003"};
  c.new_group = "backup";
  wizard->setChoices(c);
  wizard->restart();
  static constexpr std::array<const char*, 6> kNames = {"1-targets", "2-backstores", "3-initiators",
                                                        "4-luns",    "5-preview",    "6-result"};
  for (const char* name : kNames) {
    if (!grab(wizard, dir + QStringLiteral("/wizard-%1.png").arg(QLatin1String(name)), written,
              error)) {
      return written;
    }
    wizard->next();
  }
  wizard->close();
  settle();
  window.tabs()->setCurrentIndex(2);
  if (!grab(&window, dir + QStringLiteral("/main-window-after.png"), written, error)) {
    return written;
  }
  // The group view: groups across ports, each member's logins and LUNs.
  window.tabs()->setCurrentIndex(3);
  auto* hosts = qobject_cast<QTreeView*>(window.tabs()->currentWidget());
  hosts->expandAll();
  for (int c = 0; c < hosts->model()->columnCount(); ++c) {
    hosts->resizeColumnToContents(c);
  }
  if (!grab(&window, dir + QStringLiteral("/main-window-hosts.png"), written, error)) {
    return written;
  }
  // A dark theme: every colour comes from the palette.
  const QPalette light = QApplication::palette();
  QApplication::setPalette(darkPalette());
  window.tabs()->setCurrentIndex(1);
  grab(&window, dir + QStringLiteral("/main-window-dark.png"), written, error);
  QApplication::setPalette(light);
  return written;
}

}  // namespace qlat::admin
