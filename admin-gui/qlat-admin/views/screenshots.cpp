#include "views/screenshots.h"

#include <array>

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDir>
#include <QTabWidget>
#include <QTableView>

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
  grab(&window, dir + QStringLiteral("/main-window-after.png"), written, error);
  return written;
}

}  // namespace qlat::admin
