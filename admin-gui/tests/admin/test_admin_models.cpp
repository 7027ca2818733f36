// Every qlat-admin model under QAbstractItemModelTester: on the demo SAN, on a configuration
// read from the real fixtures, and through resets, updates, appends and removals.
#include <functional>

#include <QAbstractItemModelTester>
#include <QTest>

#include "connection/protocol.h"
#include "models/backstoresmodel.h"
#include "models/hostsmodel.h"
#include "models/pendingchangesmodel.h"
#include "models/portsmodel.h"
#include "models/roles.h"
#include "models/sessionsmodel.h"
#include "models/targetsmodel.h"
#include "qlat/wwn.h"
#include "testutil.h"
#include "views/fixture.h"

using namespace qlat::admin;
using qlat::Config;
using qlat::NodeAcl;
using qlat::StorageObject;
using qlat::Tpg;

namespace {

/// The mixed fixture (iSCSI, loopback, vhost and qla2xxx targets, four backstores).
Config mixedConfig() {
  const auto j =
      nlohmann::json::parse(qlat::test::slurp(qlat::test::fixture("mixed.saveconfig.json")));
  return j.get<Config>();
}

int countRows(const QAbstractItemModel& m, const QModelIndex& parent = {}) {
  int n = m.rowCount(parent);
  for (int r = 0; r < m.rowCount(parent); ++r) {
    n += countRows(m, m.index(r, 0, parent));
  }
  return n;
}

}  // namespace

class TestModels : public QObject {
  Q_OBJECT
 private slots:
  void ports() {
    PortsModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto live = fixtureLive();
    m.setPorts(live.ports);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.data(m.index(0, 0)).toString(), QStringLiteral("21:00:00:24:ff:00:00:01"));
    live.ports[1].link_state = "Linkdown";
    m.setPorts(live.ports);  // same ports: an update
    live.ports.pop_back();
    m.setPorts(live.ports);  // one fewer: a reset
    QCOMPARE(m.rowCount(), 1);
    m.setPorts({});
    QCOMPARE(m.rowCount(), 0);
  }

  void sessions() {
    SessionsModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto live = fixtureLive();
    m.setConfig(fixtureConfig());
    m.setSessions(live.sessions);
    QCOMPARE(m.rowCount(), 3);
    QVERIFY(m.allowed(0));
    QVERIFY(!m.allowed(2));
    // Titled by initiator, with the LUNs it sees through the port.
    QCOMPARE(m.data(m.index(0, SessionsModel::Initiator)).toString(),
             QStringLiteral("21:00:00:24:ff:10:00:01"));
    QCOMPARE(m.data(m.index(0, SessionsModel::Luns)).toInt(), 2);
    QCOMPARE(m.data(m.index(2, SessionsModel::Luns)).toInt(), 0);
    // Aliases: the ACL's group where the admin gave none, the admin's where given.
    QCOMPARE(m.data(m.index(0, SessionsModel::Alias)).toString(), QStringLiteral("esx"));
    QCOMPARE(m.data(m.index(2, SessionsModel::Alias)).toString(), QString());
    Aliases aliases;
    QVERIFY(!aliases.set("naa.21000024ff100001", "  esx-01 "));
    QVERIFY(!aliases.set("naa.21000024ff100003", "backup"));
    m.setAliases(aliases);
    QCOMPARE(m.data(m.index(0, SessionsModel::Alias)).toString(), QStringLiteral("esx-01"));
    QCOMPARE(m.data(m.index(2, SessionsModel::Alias)).toString(), QStringLiteral("backup"));
    m.setConfig(mixedConfig());  // the ACLs change under the same sessions
    QVERIFY(!m.allowed(0));
    m.setSessions({live.sessions.front()});
    QCOMPARE(m.rowCount(), 1);
    m.setSessions({});
    QCOMPARE(m.rowCount(), 0);
  }

  void targets() {
    TargetsModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setConfig(fixtureConfig());
    // target > TPG > LUNs(2) + ACLs(2 > 2 mapped each)
    QCOMPARE(countRows(m), 1 + 1 + 1 + 2 + 1 + 2 + 4);
    // an FC target shows its WWPN as the Ports tab does; actions get the saved name
    QCOMPARE(m.data(m.index(0, TargetsModel::Name)).toString(),
             QStringLiteral("21:00:00:24:ff:00:00:01"));
    QCOMPARE(m.data(m.index(0, TargetsModel::Name), TargetRole).toString(),
             QStringLiteral("naa.21000024ff000001"));
    m.setConfig(mixedConfig());
    QVERIFY(m.rowCount() >= 1);
    for (int r = 0; r < m.rowCount(); ++r) {  // other fabrics keep their names
      const QModelIndex i = m.index(r, TargetsModel::Name);
      const bool fc = m.data(m.index(r, TargetsModel::Details)).toString() == "qla2xxx";
      QCOMPARE(m.data(i).toString() == m.data(i, TargetRole).toString(), !fc);
    }
    // The iSCSI target: its ACLs' IQNs as they are (no colon form), its LUNs in number order
    // (the file lists 1, 2, 3, 0), each ACL's mapped LUNs too (client1: 1, 0, 5).
    int iscsi = -1;
    for (int r = 0; r < m.rowCount(); ++r) {
      if (m.data(m.index(r, TargetsModel::Details)).toString() == QStringLiteral("iscsi")) {
        iscsi = r;
      }
    }
    QVERIFY(iscsi >= 0);
    const QModelIndex tpg = m.index(0, 0, m.index(iscsi, 0));
    const QModelIndex luns = m.index(0, 0, tpg);
    QStringList shown;
    for (int r = 0; r < m.rowCount(luns); ++r) {
      shown << m.data(m.index(r, 0, luns)).toString();
    }
    QCOMPARE(shown, QStringList({"LUN 0", "LUN 1", "LUN 2", "LUN 3"}));
    const QModelIndex acls = m.index(1, 0, tpg);
    QStringList names;
    for (int r = 0; r < m.rowCount(acls); ++r) {
      names << m.data(m.index(r, 0, acls)).toString();
    }
    QVERIFY2(names.contains(QStringLiteral("iqn.1994-05.com.redhat:client1")),
             qPrintable(names.join(QLatin1Char(' '))));
    const QModelIndex client1 = m.index(
        static_cast<int>(names.indexOf(QStringLiteral("iqn.1994-05.com.redhat:client1"))), 0, acls);
    QStringList mapped;
    for (int r = 0; r < m.rowCount(client1); ++r) {
      mapped << m.data(m.index(r, 0, client1)).toString();
    }
    QCOMPARE(mapped, QStringList({"LUN 0", "LUN 1", "LUN 5"}));
    QCOMPARE(QString::fromStdString(qlat::display_wwn("naa.5001405abcdef012")),
             QStringLiteral("50:01:40:5a:bc:de:f0:12"));
    QCOMPARE(QString::fromStdString(qlat::display_wwn("iqn.1994-05.com.redhat:client1")),
             QStringLiteral("iqn.1994-05.com.redhat:client1"));
    QCOMPARE(QString::fromStdString(qlat::display_wwn("naa.6001405abcdef0123456789abcdef012")),
             QStringLiteral("naa.6001405abcdef0123456789abcdef012"));
    Config more = fixtureConfig();
    QVERIFY(
        !apply_change(more, CreateLun{"naa.21000024ff000001", 5, "/backstores/ramdisk/scratch"}));
    m.setConfig(more);
    QCOMPARE(countRows(m), 1 + 1 + 1 + 3 + 1 + 2 + 4);
    m.setConfig(Config{});
    QCOMPARE(m.rowCount(), 0);
  }

  void backstores() {
    BackstoresModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setConfig(fixtureConfig());
    QCOMPARE(m.rowCount(), 4);
    m.setConfig(mixedConfig());
    QCOMPARE(m.rowCount(), 4);
    Config c = fixtureConfig();
    c.storage_objects.pop_back();
    m.setConfig(c);
    QCOMPARE(m.rowCount(), 3);
    m.setConfig(Config{});
    QCOMPARE(m.rowCount(), 0);
  }

  void hosts() {
    HostsModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto live = fixtureLive();
    // Group esx on port 1 (both members logged in, LUN 1 read-only); 100003 logged in
    // without an ACL.
    m.setState(fixtureConfig(), live.sessions);
    QCOMPARE(m.rowCount(), 2);
    const QModelIndex esx = m.index(0, HostsModel::Name);
    QCOMPARE(m.data(esx).toString(), QStringLiteral("Group esx"));
    QCOMPARE(m.data(esx, KindRole).toString(), QStringLiteral("group"));
    QCOMPARE(m.rowCount(esx), 2);
    QCOMPARE(m.data(m.index(0, HostsModel::LoggedIn)).toString(),
             QStringLiteral("2 of 2 member(s) logged in"));
    const QModelIndex member = m.index(0, HostsModel::Luns, esx);
    QCOMPARE(m.data(member).toString(), QStringLiteral("0, 1 (RO) via 21:00:00:24:ff:00:00:01"));
    QCOMPARE(m.data(m.index(0, HostsModel::Name, esx), KeyRole).toString(),
             QStringLiteral("naa.21000024ff100001"));
    const QModelIndex rest = m.index(1, HostsModel::Name);
    QCOMPARE(m.data(rest).toString(), QStringLiteral("Without a group"));
    QCOMPARE(m.rowCount(rest), 1);
    QCOMPARE(m.data(m.index(0, HostsModel::Luns, rest)).toString(),
             QStringLiteral("none via 21:00:00:24:ff:00:00:01 (no ACL)"));

    // The group mapped to port 2 as well (ACLs created there, LUN 0 read-only): each member
    // sees its LUNs through both ports, logged in to port 2 too.
    Config both = fixtureConfig();
    const std::string p2 = "naa.21000024ff000002";
    QVERIFY(!apply_change(both, CreateTarget{p2}));
    QVERIFY(!apply_change(both, CreateLun{p2, 0, "/backstores/ramdisk/scratch"}));
    auto sessions = live.sessions;
    for (const auto* w : {"naa.21000024ff100001", "naa.21000024ff100002"}) {
      QVERIFY(!apply_change(both, CreateAcl{p2, w, "esx"}));
      QVERIFY(!apply_change(both, MapLun{p2, w, 0, 0, true}));
      sessions.push_back({p2, w, "0x020100", true});
    }
    m.setState(both, sessions);
    QCOMPARE(m.rowCount(m.index(0, 0)), 2);
    const QModelIndex g = m.index(0, 0);
    QCOMPARE(m.data(m.index(1, HostsModel::Luns, g)).toString(),
             QStringLiteral(
                 "0, 1 (RO) via 21:00:00:24:ff:00:00:01; 0 (RO) via 21:00:00:24:ff:00:00:02"));
    QCOMPARE(m.data(m.index(1, HostsModel::LoggedIn, g)).toString(),
             QStringLiteral("21:00:00:24:ff:00:00:01, 21:00:00:24:ff:00:00:02"));
    QCOMPARE(m.data(m.index(0, HostsModel::Luns)).toString(),
             QStringLiteral("ports: 21:00:00:24:ff:00:00:01, 21:00:00:24:ff:00:00:02"));
    // Nobody logged in: members not logged in; the ungrouped row goes.
    m.setState(both, {});
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.data(m.index(0, HostsModel::LoggedIn, m.index(0, 0))).toString(),
             QStringLiteral("not logged in"));
    m.setState(Config{}, {});
    QCOMPARE(m.rowCount(), 0);
  }

  void aliases() {
    Aliases a;
    QVERIFY(!a.set("naa.21000024ff100001", "esx-01"));
    // Refused, and nothing changes: too long, a control character.
    QVERIFY(a.set("naa.21000024ff100001", std::string(64, 'x'))->find("63") != std::string::npos);
    QVERIFY(a.set("naa.21000024ff100001", "a\tb\nc").has_value());
    QCOMPARE(QString::fromStdString(a.user_alias("naa.21000024ff100001")),
             QStringLiteral("esx-01"));
    QCOMPARE(QString::fromStdString(with_alias("naa.21000024ff100001", a)),
             QStringLiteral("21:00:00:24:ff:10:00:01 (esx-01)"));
    QCOMPARE(QString::fromStdString(with_alias("naa.21000024ff100002", a)),
             QStringLiteral("21:00:00:24:ff:10:00:02"));
    // Shown in the Hosts and Targets trees beside the WWPN.
    HostsModel hosts;
    QAbstractItemModelTester ht(&hosts, QAbstractItemModelTester::FailureReportingMode::QtTest);
    hosts.setState(fixtureConfig(), fixtureLive().sessions);
    hosts.setAliases(a);
    TargetsModel targets;
    QAbstractItemModelTester tt(&targets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    targets.setConfig(fixtureConfig());
    targets.setAliases(a);
    for (const QAbstractItemModel* m : {static_cast<const QAbstractItemModel*>(&hosts),
                                        static_cast<const QAbstractItemModel*>(&targets)}) {
      QStringList names;
      std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < m->rowCount(parent); ++r) {
          const QModelIndex i = m->index(r, 0, parent);
          names << i.data().toString();
          walk(i);
        }
      };
      walk({});
      QVERIFY2(names.contains(QStringLiteral("21:00:00:24:ff:10:00:01 (esx-01)")),
               qPrintable(names.join(QLatin1Char('|'))));
    }
    // "" removes the alias.
    QVERIFY(!a.set("naa.21000024ff100001", ""));
    QVERIFY(a.user().empty());
  }

  void pendingChanges() {
    PendingChangesModel m;
    QAbstractItemModelTester t(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.append({CreateBackstore{"ramdisk", "r1", "", 1 << 20},
              allow_initiator("naa.21000024ff000001", "naa.21000024ff100003")});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.data(m.index(1, 0)).toString(),
             QStringLiteral("2. ") + QString::fromStdString(preview(m.changes().back())));
    m.append({MapLun{"naa.21000024ff000001", "naa.21000024ff100003", 4, 0, true}});
    m.removeLast();
    QCOMPARE(m.rowCount(), 2);
    m.clear();
    QVERIFY(m.isEmpty());
    m.removeLast();  // nothing to remove: no change, no signal misuse
  }
};

QTEST_MAIN(TestModels)
#include "test_admin_models.moc"
