// qlat-admin against the real `qlatctl serve` (QProcess) on a fake configfs/sysfs: the
// hello handshake, errors with their cause, the main window's refresh, the wizard run by
// --script's driver with its preview equal to the core's plan, a lost connection that keeps
// the pending edits, and a server of another protocol version refused.
#include <QAction>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "connection/protocol.h"
#include "connection/serveclient.h"
#include "fakesan.h"
#include "models/backstoresmodel.h"
#include "models/pendingchangesmodel.h"
#include "models/portsmodel.h"
#include "models/roles.h"
#include "models/sessionsmodel.h"
#include "models/targetsmodel.h"
#include "qlat/plan.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"
#include "state/coreplan.h"
#include "views/fixture.h"
#include "views/mainwindow.h"
#include "views/scriptrun.h"

using namespace qlat::admin;
using qlat::Config;
using qlat::NodeAcl;
using qlat::StorageObject;
using qlat::Tpg;
using qlat::test::kAclInitiator;
using qlat::test::kLoggedIn;
using qlat::test::kPort;

namespace {

/// How long a test waits for qlatctl serve or the window (ms). Generous: under the ASan
/// build on a loaded machine a serve process takes seconds to start; a wait that runs
/// out is a failure, not a measurement.
constexpr int kWait = 30000;

QStringList serveArgs(const qlat::test::TempDir& tmp) {
  QStringList out;
  for (const auto& a : qlat::test::serve_args(tmp)) {
    out << QString::fromStdString(a);
  }
  return out;
}

/// The index of `model` (a tree) whose KindRole is `kind` and KeyRole `key`, depth first.
QModelIndex findItem(const QAbstractItemModel* model, const QString& kind, const QString& key,
                     const QModelIndex& parent = {}) {
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, 0, parent);
    if (i.data(KindRole).toString() == kind && i.data(KeyRole).toString() == key) {
      return i;
    }
    if (const QModelIndex found = findItem(model, kind, key, i); found.isValid()) {
      return found;
    }
  }
  return {};
}

QAction* actionNamed(const QWidget* w, const QString& text) {
  for (QAction* a : w->actions()) {
    if (a->text().remove(QLatin1Char('&')).startsWith(text)) {
      return a;
    }
  }
  return nullptr;
}

/// Connects `w` to the fake SAN's real `qlatctl serve`; true once the first refresh worked.
bool connectToFakeSan(MainWindow& w, const qlat::test::TempDir& tmp, QSignalSpy& refreshed) {
  w.connectCommand(QStringLiteral(QLATCTL_BIN), serveArgs(tmp), QStringLiteral("fake SAN"));
  return refreshed.wait(kWait) && refreshed.last().at(0).toBool();
}

/// Sends one request and waits for its reply.
ServeReply call(ServeClient& c, const char* method, const nlohmann::json& params = nullptr) {
  ServeReply out;
  bool done = false;
  c.request(QString::fromLatin1(method), params, [&](const ServeReply& r) {
    out = r;
    done = true;
  });
  if (!QTest::qWaitFor([&] { return done; }, kWait)) {
    qFatal("no reply to %s", method);
  }
  return out;
}

const qlat::NodeAcl* findAcl(const qlat::Config& c, const std::string& wwn) {
  for (const auto& t : c.targets) {
    for (const auto& g : t.tpgs) {
      for (const auto& a : g.node_acls) {
        if (t.wwn == kPort && a.node_wwn == wwn) {
          return &a;
        }
      }
    }
  }
  return nullptr;
}

/// Someone else (targetcli) adds LUN `index` -> ramdisk/ram0 to the port's TPG.
void addLunOutside(const qlat::test::TempDir& tmp, std::uint32_t index) {
  qlat::FsBackend cfs(tmp.path() + "/target");
  const auto before = qlat::read_tree(cfs);
  auto after = before;
  for (auto& t : after.targets) {
    if (t.wwn == kPort) {
      t.tpgs.front().luns.push_back({index, "/backstores/ramdisk/ram0", {}, {}});
    }
  }
  auto plan = qlat::diff(before, after, cfs);
  if (!qlat::apply(plan, cfs).ok) {
    qFatal("cannot add LUN %u outside", index);
  }
}

bool hasLun(const qlat::Config& c, std::uint32_t index) {
  for (const auto& t : c.targets) {
    for (const auto& g : t.tpgs) {
      for (const auto& l : g.luns) {
        if (t.wwn == kPort && l.index == index) {
          return true;
        }
      }
    }
  }
  return false;
}

/// Waits for the "configuration changed" question.
QMessageBox* waitForRebaseDialog(MainWindow& w) {
  if (!QTest::qWaitFor([&] { return w.rebaseDialog() != nullptr; }, kWait)) {
    qFatal("no rebase dialog");
  }
  return w.rebaseDialog();
}

}  // namespace

class TestClient : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // QSettings here are the test binary's own (QTEST_MAIN names the application after
    // it), not qlat-admin's; start them without aliases from an earlier run.
    QSettings().remove(QStringLiteral("aliases"));
  }

  void hello_and_errors() {
    qlat::test::TempDir tmp;
    qlat::test::fake_san(tmp);
    ServeClient c;
    QSignalSpy opened(&c, &ServeClient::opened);
    c.start(QStringLiteral(QLATCTL_BIN), serveArgs(tmp));
    QVERIFY(opened.wait(kWait));
    QCOMPARE(c.hello().at("protocol").get<int>(), protocol::kVersion);

    auto r = call(c, protocol::kListPorts);
    QVERIFY(r.ok);
    std::string err;
    const auto ports = protocol::parse_ports(r.result, &err);
    QVERIFY2(ports && ports->size() == 1, err.c_str());
    QCOMPARE(ports->front().host, std::string("host3"));

    r = call(c, "frobnicate");
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("unknown_method"));
    QVERIFY(r.error.contains(QStringLiteral("unknown method 'frobnicate'")));
    r = call(c, protocol::kEnableTpg, protocol::tpg_params("../../x"));
    QCOMPARE(r.code, QStringLiteral("bad_request"));
    r = call(c, protocol::kApply,
             {{"config", {{"storage_objects", {{{"plugin", "fileio"}, {"name", "a/b"}}}}}}});
    QCOMPARE(r.code, QStringLiteral("invalid_config"));
    QVERIFY2(r.error.contains(QStringLiteral("/storage_objects/0/name: ")), qPrintable(r.error));

    // disable_tpg and enable_tpg answer as apply does, and change the tree.
    r = call(c, protocol::kDisableTpg, protocol::tpg_params(kPort));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(protocol::parse_apply(r.result, &err)->ok);
    QCOMPARE(
        qlat::test::slurp(tmp.path() + "/target/qla2xxx/21:00:00:24:ff:00:00:01/tpgt_1/enable"),
        std::string("0"));
    r = call(c, protocol::kSetPortRole, protocol::port_role_params("host3", "both"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(qlat::test::slurp(tmp.path() + "/sys/class/scsi_host/host3/role"),
             std::string("both"));
    r = call(c, protocol::kSave);
    QCOMPARE(*protocol::parse_save(r.result, &err), tmp.path() + "/saved.json");
    c.stop();
    QVERIFY(!c.isOpen());
  }

  void running_against_saved_is_shown_with_save_at_hand() {
    qlat::test::TempDir tmp;
    qlat::test::fake_san(tmp);
    MainWindow w;
    w.show();
    // The Targets tab: first the targets from list_targets (while the tree is read), then
    // the tree.
    QList<bool> loading;
    connect(w.targetsModel(), &QAbstractItemModel::modelReset, this,
            [&] { loading << w.targetsModel()->loading(); });
    QSignalSpy refreshed(&w, &MainWindow::refreshed);
    QVERIFY2(connectToFakeSan(w, tmp, refreshed), qPrintable(w.bannerText()));
    QVERIFY2(loading.size() >= 2 && loading.contains(true) && !loading.last(),
             qPrintable(QStringLiteral("loading at each reset: %1").arg(loading.size())));
    QVERIFY(w.targetsModel()->rowCount() > 0);
    // The tree was read with progress: the bar counted the fake SAN's ACLs, all of them.
    int acls = 0;
    for (const auto& t : qlat::read_tree(qlat::FsBackend(tmp.path() + "/target")).targets) {
      for (const auto& g : t.tpgs) {
        acls += static_cast<int>(g.node_acls.size());
      }
    }
    auto* bar = w.statusBar()->findChild<QProgressBar*>();
    QVERIFY(bar != nullptr && acls > 0);
    QCOMPARE(bar->maximum(), acls);
    QCOMPARE(bar->value(), acls);
    const QString file = QString::fromStdString(tmp.path() + "/saved.json");
    QCOMPARE(w.savedStateText(),
             QStringLiteral("Running configuration is not saved (no %1)").arg(file));
    auto* save = w.statusBar()->findChild<QPushButton*>();
    QVERIFY(save != nullptr && save->isVisible());
    save->click();
    QVERIFY(QTest::qWaitFor([&] { return w.savedStateText().isEmpty(); }, kWait));
    QVERIFY(std::filesystem::exists(tmp.path() + "/saved.json"));
    // A LUN added with targetcli: the next read says running differs from saved.
    addLunOutside(tmp, 5);
    w.refresh();
    QVERIFY(refreshed.wait(kWait));
    QCOMPARE(w.savedStateText(),
             QStringLiteral("Running configuration differs from the saved one (%1)").arg(file));
  }

  void apply_on_a_changed_tree_rebases_and_asks() {
    qlat::test::TempDir tmp;
    qlat::test::fake_san(tmp);
    // Before the window: a request outstanding when it goes reports to these.
    bool finished = false;
    bool ok = true;
    QString message;
    MainWindow w;
    w.show();
    QSignalSpy refreshed(&w, &MainWindow::refreshed);
    QVERIFY2(connectToFakeSan(w, tmp, refreshed), qPrintable(w.bannerText()));
    qlat::FsBackend cfs(tmp.path() + "/target");
    QCOMPARE(w.liveDigest(), qlat::digest(qlat::read_tree(cfs)));
    const auto first_digest = w.liveDigest();

    // LUN 5 is added with targetcli; the GUI does not refresh; the admin allows one initiator.
    addLunOutside(tmp, 5);
    w.addChanges({allow_initiator(kPort, kLoggedIn), MapLun{kPort, kLoggedIn, 0, 0, false}});
    auto done = [&](bool o, const QString& m) {
      finished = true;
      ok = o;
      message = m;
    };
    w.applyPending(done);
    QMessageBox* box = waitForRebaseDialog(w);
    const QString shown = box->informativeText();
    QVERIFY2(shown.contains(
                 QStringLiteral("LUN 5 of qla2xxx/naa.21000024ff000001/tpgt_1: created outside")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("New plan (2 operation(s))")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("create node ACL qla2xxx/naa.21000024ff000001/tpgt_1/"
                                           "acls/naa.21000024ff0000aa")),
             qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("remove LUN")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("Conflicts")));
    // Cancel: nothing applied, the edits stay pending on the current tree.
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(QTest::qWaitFor([&] { return finished; }, kWait));
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("your edits are kept")), qPrintable(message));
    QCOMPARE(w.pendingModel()->rowCount(), 2);
    QVERIFY(w.liveDigest() != first_digest);
    QCOMPARE(w.liveDigest(), qlat::digest(qlat::read_tree(cfs)));
    QVERIFY(findAcl(qlat::read_tree(cfs), kLoggedIn) == nullptr);

    // LUN 6 appears too; Apply asks again, and applying keeps both.
    addLunOutside(tmp, 6);
    finished = false;
    w.applyPending(done);
    box = waitForRebaseDialog(w);
    QVERIFY2(box->informativeText().contains(QStringLiteral("LUN 6 of")),
             qPrintable(box->informativeText()));
    QVERIFY(!box->informativeText().contains(QStringLiteral("LUN 5 of")));
    box->button(QMessageBox::Apply)->click();
    QVERIFY(QTest::qWaitFor([&] { return finished; }, kWait));
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(w.pendingModel()->isEmpty());
    const auto tree = qlat::read_tree(cfs);
    QVERIFY(hasLun(tree, 5));
    QVERIFY(hasLun(tree, 6));
    const qlat::NodeAcl* acl = findAcl(tree, kLoggedIn);
    QVERIFY(acl != nullptr);
    QCOMPARE(acl->mapped_luns.size(), std::size_t{1});
    QVERIFY(findAcl(tree, kAclInitiator) != nullptr);
  }

  void notifications_update_the_views_without_a_refresh() {
    qlat::test::TempDir tmp;
    qlat::test::fake_san(tmp);
    // The real serve behind a shell that also writes the notification lines the test puts
    // in `note` (the fake SAN has no event sockets): between answers, as serve does.
    const QString note = QString::fromStdString(tmp.path() + "/note");
    const QString script = QStringLiteral(
        "note=$0; exec 3<&0; \"$@\" <&3 3<&- & pid=$!; exec 3<&-; "
        "while kill -0 $pid 2>/dev/null; do "
        "if [ -e \"$note\" ]; then cat \"$note\"; rm -f \"$note\"; fi; sleep 0.05; done; "
        "wait $pid");
    auto notify = [&](const nlohmann::json& line) {
      const auto tmpname = note.toStdString() + ".tmp";
      qlat::test::write_file(tmpname, line.dump() + "\n");
      std::filesystem::rename(tmpname, note.toStdString());
    };
    MainWindow w;
    w.show();
    QSignalSpy refreshed(&w, &MainWindow::refreshed);
    QSignalSpy updated(&w, &MainWindow::liveUpdated);
    w.connectCommand(QStringLiteral("/bin/sh"),
                     QStringList{QStringLiteral("-c"), script, note, QStringLiteral(QLATCTL_BIN)} +
                         serveArgs(tmp),
                     QStringLiteral("fake SAN"));
    QVERIFY(refreshed.wait(kWait));
    QVERIFY2(refreshed.last().at(0).toBool(), qPrintable(w.bannerText()));
    QCOMPARE(w.sessionsModel()->rowCount(), 1);

    // An initiator logs in (its rport appears): the Sessions and Hosts views follow.
    const std::string cc = "naa.21000024ff0000cc";
    const auto rp = tmp.path() + "/sys/class/fc_remote_ports/rport-3:0-1";
    qlat::test::write_file(rp + "/port_name", "0x21000024ff0000cc\n");
    qlat::test::write_file(rp + "/port_id", "0x010300\n");
    qlat::test::write_file(rp + "/roles", "FCP Initiator\n");
    qlat::test::write_file(rp + "/port_state", "Online\n");
    notify({{"notification", "initiator_online"},
            {"params", {{"host", "host3"}, {"wwn", kPort}, {"port_id", "0x010300"}}}});
    QVERIFY(updated.wait(kWait));
    QCOMPARE(refreshed.count(), 1);  // no refresh
    QCOMPARE(w.sessionsModel()->rowCount(), 2);
    QCOMPARE(w.sessionsModel()->session(1)->initiator_wwpn, cc);

    // LIO refuses it (no ACL): the refused-login bar offers Allow, a pending ACL.
    QVERIFY(w.refusedText().isEmpty());
    notify({{"notification", "login_refused"},
            {"params",
             {{"key", {{"fabric", "qla2xxx"}, {"wwn", kPort}, {"tag", 1}, {"node_wwn", cc}}},
              {"nport_id", "0x010300"},
              {"errno", -13}}}});
    QVERIFY(updated.wait(kWait));
    QVERIFY2(w.refusedText().contains(QStringLiteral("21:00:00:24:ff:00:00:cc")),
             qPrintable(w.refusedText()));
    w.allowRefused();
    QVERIFY(w.refusedText().isEmpty());
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    QVERIFY(w.pendingModel()->changes().back() == allow_initiator(kPort, cc));

    // It logs out: gone from Sessions, still without a refresh.
    std::filesystem::remove_all(rp);
    notify({{"notification", "initiator_offline"},
            {"params", {{"host", "host3"}, {"wwn", kPort}, {"port_id", "0x010300"}}}});
    QVERIFY(updated.wait(kWait));
    QCOMPARE(w.sessionsModel()->rowCount(), 1);
    QCOMPARE(refreshed.count(), 1);
  }

  void every_list_sorts_and_filters() {
    MainWindow w;
    w.useFixture(fixtureConfig(), fixtureLive());
    w.show();
    w.tabs()->setCurrentIndex(1);
    auto* sessions = qobject_cast<QTableView*>(w.tabs()->widget(1));
    auto* hosts = qobject_cast<QTreeView*>(w.tabs()->widget(3));
    QVERIFY(sessions != nullptr && hosts != nullptr);
    QCOMPARE(sessions->model()->rowCount(), 3);
    // The model's order until a header is clicked; then sorted, descending here.
    QCOMPARE(sessions->model()->index(0, SessionsModel::Initiator).data().toString(),
             QStringLiteral("21:00:00:24:ff:10:00:01"));
    sessions->sortByColumn(SessionsModel::Initiator, Qt::DescendingOrder);
    QCOMPARE(sessions->model()->index(0, SessionsModel::Initiator).data().toString(),
             QStringLiteral("21:00:00:24:ff:10:00:03"));
    // The selected row is the sorted one: Allow creates the ACL of 10:00:03.
    sessions->setCurrentIndex(sessions->model()->index(0, 0));
    QAction* allow = nullptr;
    for (QAction* a : sessions->actions()) {
      allow = a->text().contains(QStringLiteral("Allow")) ? a : allow;
    }
    QVERIFY(allow != nullptr && allow->isEnabled());
    allow->trigger();
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    QVERIFY(w.pendingModel()->changes().back() ==
            allow_initiator("naa.21000024ff000001", "naa.21000024ff100003"));
    // The filter applies to every tab: one session, one host (and its group row).
    w.setFilterText(QStringLiteral("10:00:02"));
    QCOMPARE(sessions->model()->rowCount(), 1);
    QCOMPARE(hosts->model()->rowCount(), 1);
    QCOMPARE(hosts->model()->rowCount(hosts->model()->index(0, 0)), 1);
    w.setFilterText(QString());
    QCOMPARE(sessions->model()->rowCount(), 3);
  }

  void editing_what_exists_makes_checked_pending_edits() {
    MainWindow w;
    w.useFixture(fixtureConfig(), fixtureLive());
    w.show();
    w.tabs()->setCurrentIndex(2);
    auto* targets = qobject_cast<QTreeView*>(w.tabs()->widget(2));
    QVERIFY(targets != nullptr);
    QSignalSpy errors(&w, &MainWindow::errorShown);
    const QString kRo = QStringLiteral("naa.21000024ff100001/1");  // mapped read-only
    auto select = [&](const QString& kind, const QString& key) {
      const QModelIndex i = findItem(targets->model(), kind, key);
      QVERIFY(i.isValid());
      targets->setCurrentIndex(i);
    };

    // Read-only: the action shows the mapped LUN's state; a click is the opposite edit.
    select(QStringLiteral("mapped_lun"), kRo);
    QAction* ro = actionNamed(targets, QStringLiteral("Read-only"));
    QVERIFY(ro != nullptr && ro->isEnabled() && ro->isCheckable());
    QVERIFY(ro->isChecked());
    ro->trigger();
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    QVERIFY(w.pendingModel()->changes().back() ==
            Change(SetWriteProtect{kPort, "naa.21000024ff100001", 1, false}));
    select(QStringLiteral("mapped_lun"), kRo);
    QVERIFY(!ro->isChecked());  // the desired state, with the edit

    // The LUN number: a number the initiator already has is refused, naming it.
    QVERIFY(!w.renumberSelected(0));
    QVERIFY(errors.last().at(0).toString().contains(QStringLiteral("already has a LUN 0")));
    QVERIFY(!w.renumberSelected(256));
    QVERIFY(errors.last().at(0).toString().contains(QStringLiteral("0..255")));
    QVERIFY(w.renumberSelected(7));
    QVERIFY(w.pendingModel()->changes().back() ==
            Change(RenumberMappedLun{kPort, "naa.21000024ff100001", 1, 7}));
    // The renumbered LUN keeps the read-only edit made before.
    select(QStringLiteral("mapped_lun"), QStringLiteral("naa.21000024ff100001/7"));
    QVERIFY(!ro->isChecked());

    // A TPG attribute, checked against configfs-schema/'s type and range.
    select(QStringLiteral("tpg"), QString::fromLatin1(kPort));
    QVERIFY(actionNamed(targets, QStringLiteral("Edit TPG attribute"))->isEnabled());
    QVERIFY(!w.setSelectedTpgAttribute("demo_mode_login_only", "2"));
    QVERIFY(errors.last().at(0).toString().contains(QStringLiteral("out of range")));
    QVERIFY(!w.setSelectedTpgAttribute("prod_mode_write_protect", "yes"));
    QVERIFY(errors.last().at(0).toString().contains(QStringLiteral("not a number")));
    QVERIFY(!w.setSelectedTpgAttribute("no_such_attribute", "1"));
    QVERIFY(errors.last().at(0).toString().contains(QStringLiteral("no attribute")));
    QCOMPARE(w.pendingModel()->rowCount(), 2);  // nothing refused was added
    QVERIFY(w.setSelectedTpgAttribute("prod_mode_write_protect", "1"));
    QVERIFY(w.pendingModel()->changes().back() ==
            Change(SetTpgAttribute{kPort, "prod_mode_write_protect", "1"}));

    // The core plans exactly these three edits.
    const Folded f = fold(fixtureConfig(), w.pendingModel()->changes());
    QVERIFY(!f.error);
    const Tpg* tpg = f.desired.fc_tpg(kPort);
    QVERIFY(tpg != nullptr);
    QVERIFY(tpg->attributes.at("prod_mode_write_protect") == qlat::AttrValue(std::int64_t{1}));
    const auto* m = tpg->find_acl("naa.21000024ff100001")->find_mapped(7);
    QVERIFY(m != nullptr && !m->write_protect && m->tpg_lun == 1);
    QVERIFY(tpg->find_acl("naa.21000024ff100001")->find_mapped(1) == nullptr);
  }

  void demo_mode_shows_and_applies_the_cores_plan() {
    MainWindow w;
    w.useFixture(fixtureConfig(), fixtureLive());
    QVERIFY(w.bannerText().isEmpty());  // the demo data loads into the in-memory configfs
    const std::string cc = "naa.21000024ff100003";
    QVERIFY(w.addChanges({allow_initiator(kPort, cc), MapLun{kPort, cc, 0, 0, true}}));
    QStringList lines;
    QString error;
    bool done = false;
    w.requestPlan({}, [&](const QStringList& l, const QString& e) {
      lines = l;
      error = e;
      done = true;
    });
    QVERIFY(done);  // no server: answered at once
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The core's operations on configfs paths, not the edits' previews.
    const QString all = lines.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("qla2xxx/naa.21000024ff000001/tpgt_1/acls/"
                                         "naa.21000024ff100003")),
             qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("allow initiator")), qPrintable(all));
    bool ok = false;
    QString message;
    w.applyPending([&](bool o, const QString& m) {
      ok = o;
      message = m;
    });
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(w.pendingModel()->rowCount(), 0);
    // Applied: nothing left to plan.
    done = false;
    w.requestPlan({}, [&](const QStringList& l, const QString& e) {
      lines = l;
      error = e;
      done = true;
    });
    QVERIFY(done && error.isEmpty() && lines.isEmpty());
  }

  void an_alias_is_shown_and_filtered_by() {
    MainWindow w;
    w.useFixture(fixtureConfig(), fixtureLive());
    w.show();
    w.tabs()->setCurrentIndex(1);
    auto* sessions = qobject_cast<QTableView*>(w.tabs()->widget(1));
    QVERIFY(sessions != nullptr);
    // The initiator without an ACL, selected: Set alias applies to it.
    for (int r = 0; r < sessions->model()->rowCount(); ++r) {
      const QModelIndex i = sessions->model()->index(r, SessionsModel::Initiator);
      if (i.data().toString() == QLatin1String("21:00:00:24:ff:10:00:03")) {
        sessions->setCurrentIndex(i);
      }
    }
    QAction* alias = actionNamed(sessions, QStringLiteral("Set alias"));
    QVERIFY(alias != nullptr && alias->isEnabled());
    QVERIFY(!w.setAlias("naa.21000024ff100003", QString(70, QLatin1Char('x'))));
    QVERIFY(w.setAlias("naa.21000024ff100003", QStringLiteral("backup-host")));
    w.setFilterText(QStringLiteral("backup-host"));
    QCOMPARE(sessions->model()->rowCount(), 1);
    QCOMPARE(sessions->model()->index(0, SessionsModel::Initiator).data().toString(),
             QStringLiteral("21:00:00:24:ff:10:00:03"));
    w.setFilterText(QString());
    // Kept in the settings: a new window shows it; "" removes it from both.
    {
      MainWindow again;
      QCOMPARE(QString::fromStdString(again.aliases().user_alias("naa.21000024ff100003")),
               QStringLiteral("backup-host"));
    }
    QVERIFY(w.setAlias("naa.21000024ff100003", QString()));
    MainWindow after;
    QVERIFY(after.aliases().user().empty());
  }

  void confirmations_title_and_size() {
    MainWindow w;
    // The default size fits the screen (offscreen: 800x600).
    const QRect avail = w.screen()->availableGeometry();
    QVERIFY2(w.width() <= avail.width() && w.height() <= avail.height(),
             qPrintable(QStringLiteral("%1x%2 on %3x%4")
                            .arg(w.width())
                            .arg(w.height())
                            .arg(avail.width())
                            .arg(avail.height())));
    QStringList asked;
    bool answer = false;
    w.setConfirm([&](const QString& title, const QString& text, const QString& yes) {
      asked << title + QStringLiteral(": ") + text + QStringLiteral(" [") + yes + QLatin1Char(']');
      return answer;
    });
    w.useFixture(fixtureConfig(), fixtureLive());
    QCOMPARE(w.windowTitle(), QStringLiteral("Demo data - qlat-admin"));
    w.show();

    // Unmapping a LUN from a logged-in host asks first, naming both.
    bool ok = false;
    QString message;
    auto done = [&](bool o, const QString& m) {
      ok = o;
      message = m;
    };
    w.addChanges({UnmapLun{kPort, "naa.21000024ff100001", 1}});
    QCOMPARE(w.destructiveEffects().size(), 1);
    w.applyPending(done);
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.last().contains(
                 QStringLiteral("LUN 1 is taken from 21:00:00:24:ff:10:00:01, logged in to port "
                                "21:00:00:24:ff:00:00:01")),
             qPrintable(asked.last()));
    QVERIFY(!ok);
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    // Removing LUN 0, which both logged-in esx hosts use, names both.
    w.addChanges({DeleteLun{kPort, 0}});
    QVERIFY2(w.destructiveEffects()
                 .join(QLatin1Char('\n'))
                 .contains(QStringLiteral("LUN 0 of port 21:00:00:24:ff:00:00:01 is removed; "
                                          "logged-in host(s) use it: 21:00:00:24:ff:10:00:01, "
                                          "21:00:00:24:ff:10:00:02")),
             qPrintable(w.destructiveEffects().join(QLatin1Char('\n'))));
    // Discard asks; "no" keeps the edits.
    w.discardPending();
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.last().startsWith(QStringLiteral("Discard edits: Discard 2 pending edit(s)?")));
    QCOMPARE(w.pendingModel()->rowCount(), 2);
    // Quitting with pending edits asks; "no" keeps the window.
    QVERIFY(!w.close());
    QCOMPARE(asked.size(), 3);
    QVERIFY(asked.last().contains(QStringLiteral("2 pending edit(s) have not been applied")));
    QVERIFY(w.isVisible());
    // "Yes": applied (to the demo data); with nothing pending, quitting does not ask.
    answer = true;
    w.applyPending(done);
    QCOMPARE(asked.size(), 4);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(w.pendingModel()->isEmpty());
    QVERIFY(w.close());
    QCOMPARE(asked.size(), 4);
  }

  void a_failed_connect_says_so_and_clears_the_tables() {
    MainWindow w;
    w.show();
    w.useFixture(fixtureConfig(), fixtureLive());
    QVERIFY(w.portsModel()->rowCount() > 0);
    QVERIFY(w.targetsModel()->rowCount() > 0);
    QSignalSpy lost(&w.client(), &ServeClient::lost);
    w.connectCommand(QStringLiteral("/bin/sh"),
                     {QStringLiteral("-c"),
                      QStringLiteral("echo 'ssh: connect to host nowhere port 22: Connection "
                                     "refused' >&2; exit 255")},
                     QStringLiteral("ssh://nowhere"));
    QCOMPARE(w.windowTitle(), QStringLiteral("ssh://nowhere - qlat-admin"));
    QVERIFY(lost.wait(kWait));
    QVERIFY2(w.bannerText().startsWith(QStringLiteral("Could not connect to ssh://nowhere")),
             qPrintable(w.bannerText()));
    QVERIFY2(w.bannerText().contains(QStringLiteral("Connection refused")),
             qPrintable(w.bannerText()));
    QCOMPARE(w.portsModel()->rowCount(), 0);
    QCOMPARE(w.sessionsModel()->rowCount(), 0);
    QCOMPARE(w.targetsModel()->rowCount(), 0);
    QCOMPARE(w.backstoresModel()->rowCount(), 0);
  }

  void refused_servers() {
    // A server of another protocol version is stopped, with the reason.
    ServeClient c;
    QSignalSpy lost(&c, &ServeClient::lost);
    QSignalSpy opened(&c, &ServeClient::opened);
    c.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("read l; echo '{\"id\":1,\"ok\":true,\"result\":{\"protocol\":2,"
                            "\"version\":\"9.0\"}}'; cat >/dev/null")});
    QVERIFY(lost.wait(kWait));
    QVERIFY2(lost.at(0).at(0).toString().contains(QStringLiteral("protocol version 2")),
             qPrintable(lost.at(0).at(0).toString()));
    QCOMPARE(opened.count(), 0);
    QVERIFY(!c.isOpen());
    // A program that exits: its status and stderr are the cause.
    c.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("echo 'no configfs here' >&2; exit 3")});
    QVERIFY(lost.wait(kWait));
    const QString cause = lost.last().at(0).toString();
    QVERIFY2(cause.contains(QStringLiteral("exited with status 3")) &&
                 cause.contains(QStringLiteral("no configfs here")),
             qPrintable(cause));
  }

  void main_window_runs_the_wizard_on_real_serve() {
    qlat::test::TempDir tmp;
    qlat::test::fake_san(tmp);
    MainWindow w;
    w.show();
    QSignalSpy refreshed(&w, &MainWindow::refreshed);
    QVERIFY2(connectToFakeSan(w, tmp, refreshed), qPrintable(w.bannerText()));
    QCOMPARE(w.portsModel()->rowCount(), 1);
    const Port* port = w.portsModel()->port(0);
    QCOMPARE(port->host, std::string("host3"));
    QCOMPARE(port->role, std::string("target"));
    QVERIFY(port->target_enabled);
    bool logged_in = false;
    for (int i = 0; i < w.sessionsModel()->rowCount(); ++i) {
      const Session* s = w.sessionsModel()->session(i);
      if (s->initiator_wwpn == kLoggedIn) {
        logged_in = true;
        QCOMPARE(s->nport_id, std::string("0x010200"));
        QVERIFY(!w.sessionsModel()->allowed(i));
      }
    }
    QVERIFY(logged_in);

    // What the core plans for the wizard's edits, before they are applied.
    WizardScript script;
    script.choices.targets = {kPort};
    script.choices.existing_backstores = {"/backstores/ramdisk/ram0"};
    script.choices.new_backstores = {{"ramdisk", "r9", "", 8 << 20}};
    script.choices.initiators = {kLoggedIn};
    script.choices.new_group = "hosts";
    script.require_logged_in = true;

    ScriptRunner runner(&w, script, QString::fromStdString(tmp.path() + "/shots"), 60000);
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    runner.start();
    emit w.refreshed(true);  // the runner starts from a refresh, as after connecting
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(runner.log().join(QLatin1Char('\n'))));
    QCOMPARE(runner.screenshots().size(), 8);

    // The preview the wizard showed came from serve's plan; the tree now has the group.
    QVERIFY(runner.log()
                .join(QLatin1Char('\n'))
                .contains(QStringLiteral("create node ACL qla2xxx/naa.21000024ff000001/tpgt_1/"
                                         "acls/naa.21000024ff0000aa")));
    qlat::test::fill_ramdisk_info(tmp.path() + "/target");
    qlat::FsBackend cfs(tmp.path() + "/target");
    const auto tree = qlat::read_tree(cfs);
    const qlat::NodeAcl* acl = findAcl(tree, kLoggedIn);
    QVERIFY(acl != nullptr);
    QCOMPARE(acl->tag.value_or(""), std::string("hosts"));
    QCOMPARE(acl->mapped_luns.size(), std::size_t{2});
    QVERIFY(findAcl(tree, kAclInitiator) != nullptr);
    QVERIFY(w.pendingModel()->isEmpty());

    // A lost connection keeps the pending edits; reconnecting re-reads and keeps them.
    w.addChanges({MapLun{kPort, kAclInitiator, 5, 0, true}});
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    auto* proc = w.client().findChild<QProcess*>();
    QVERIFY(proc != nullptr);
    QSignalSpy lost(&w.client(), &ServeClient::lost);
    proc->kill();
    QVERIFY(lost.wait(kWait));
    QVERIFY(!w.bannerText().isEmpty());
    QCOMPARE(w.pendingModel()->rowCount(), 1);
    w.reconnect();
    QVERIFY(refreshed.wait(kWait));
    QVERIFY(refreshed.last().at(0).toBool());
    QCOMPARE(w.pendingModel()->rowCount(), 1);

    // The plan panel's lines are serve's plan, which is the core's diff of live and desired.
    QStringList shown;
    bool got = false;
    w.requestPlan({}, [&](const QStringList& lines, const QString& error) {
      QVERIFY2(error.isEmpty(), qPrintable(error));
      shown = lines;
      got = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return got; }, kWait));
    std::string err;
    const auto core = core_plan(nlohmann::json::parse(qlat::dump_config(tree)).get<Config>(),
                                w.desired(), cfs, &err);
    QVERIFY2(core.has_value(), err.c_str());
    QStringList expected;
    for (const auto& l : *core) {
      expected << QString::fromStdString(l);
    }
    QCOMPARE(shown, expected);
    QCOMPARE(shown.size(), 1);
  }
};

QTEST_MAIN(TestClient)
#include "test_admin_client.moc"
