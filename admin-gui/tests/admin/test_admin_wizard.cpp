// The LUN mapping wizard: each page explains a bad choice on itself and blocks Next; the plan
// of a run is the expected list of edits, and the core library's diff of it is the exact
// operation list the preview page shows; applied by the core, the tree has the new LUNs
// and the group.
#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTest>

#include "fakesan.h"
#include "qlat/plan.h"
#include "qlat/reader.h"
#include "state/coreplan.h"
#include "views/fixture.h"
#include "wizard/lunwizard.h"

using namespace qlat::admin;
using qlat::Config;
using qlat::NodeAcl;
using qlat::StorageObject;
using qlat::Tpg;
using qlat::test::kAclInitiator;
using qlat::test::kLoggedIn;
using qlat::test::kPort;

namespace {

Config mixedConfig() {
  return nlohmann::json::parse(qlat::test::slurp(qlat::test::fixture("mixed.saveconfig.json")))
      .get<Config>();
}

/// Plans with the core library on a configfs-like directory, and applies there: the code
/// `qlatctl serve` runs for `plan` and `apply`, without the process.
class CoreBackend final : public WizardBackend {
 public:
  CoreBackend(Config live, std::string root) : live_(std::move(live)), cfs_(std::move(root)) {}
  void requestPlan(const std::vector<Change>& changes, PlanDone done) override {
    const Folded f = fold(live_, changes);
    std::string err = f.error.value_or("");
    const auto lines = f.error ? std::nullopt : core_plan(live_, f.desired, cfs_, &err);
    QStringList out;
    for (const auto& l : lines.value_or(std::vector<std::string>{})) {
      out << QString::fromStdString(l);
    }
    done(out, QString::fromStdString(err));
  }
  void apply(const std::vector<Change>& changes, ApplyDone done) override {
    std::string err;
    const auto live = to_core(live_, &err);
    const auto desired = to_core(fold(live_, changes).desired, &err);
    if (!live || !desired) {
      done(false, QString::fromStdString(err));
      return;
    }
    auto plan = qlat::diff(*live, *desired, cfs_);
    const auto r = qlat::apply(plan, cfs_);
    done(r.ok, QString::fromStdString(r.ok ? "applied" : r.error));
  }
  qlat::FsBackend& cfs() { return cfs_; }

 private:
  Config live_;
  qlat::FsBackend cfs_;
};

WizardContext context() {
  Port port{kPort, "naa.20000024ff000001", "target", "Online", "8 Gbit", true, "host3", "qla2xxx"};
  Session logged{kPort, kLoggedIn, "0x010200", false};
  Session acl{kPort, kAclInitiator, "0x010100", true};
  return {mixedConfig(), {port}, {logged, acl}};
}

/// Good choices: existing disk0 is LUN 0 already, so the ramdisk and a new one.
WizardChoices goodChoices() {
  WizardChoices c;
  c.targets = {kPort};
  c.existing_backstores = {"/backstores/ramdisk/ram0"};
  c.new_backstores = {{"ramdisk", "r9", "", 8 << 20}};
  c.initiators = {kLoggedIn};
  c.new_group = "hosts";
  return c;
}

/// True when a shown label of the current page says `text`.
bool pageSays(QWizard& w, const QString& text) {
  for (const QLabel* l : w.currentPage()->findChildren<QLabel*>()) {
    if (!l->isHidden() && l->text().contains(text)) {
      return true;
    }
  }
  return false;
}

bool nextEnabled(QWizard& w) {
  return w.button(QWizard::NextButton)->isEnabled();
}

}  // namespace

class TestWizard : public QObject {
  Q_OBJECT
 private slots:
  void escape_asks_when_choices_would_be_lost() {
    qlat::test::TempDir tmp;
    CoreBackend backend(mixedConfig(), tmp.path());
    int asked = 0;
    bool answer = false;
    {
      // Nothing chosen: Escape closes without a question.
      LunWizard w(context(), &backend);
      w.setConfirmClose([&] {
        ++asked;
        return answer;
      });
      w.show();
      QTest::keyClick(&w, Qt::Key_Escape);
      QCOMPARE(asked, 0);
      QVERIFY(!w.isVisible());
    }
    LunWizard w(context(), &backend);
    w.setConfirmClose([&] {
      ++asked;
      return answer;
    });
    w.setChoices(goodChoices());
    w.show();
    w.restart();
    QVERIFY(w.hasUnappliedChoices());
    // Escape asks; "no" keeps the wizard and its choices.
    QTest::keyClick(&w, Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(w.isVisible());
    QCOMPARE(w.choices().targets.size(), std::size_t{1});
    // Cancel asks too; "yes" closes.
    answer = true;
    w.button(QWizard::CancelButton)->click();
    QCOMPARE(asked, 2);
    QVERIFY(!w.isVisible());
  }

  void bad_choices_are_explained_on_their_page() {
    qlat::test::TempDir tmp;
    CoreBackend backend(mixedConfig(), tmp.path());
    LunWizard w(context(), &backend);
    w.show();

    // Targets: none chosen.
    WizardChoices c = goodChoices();
    c.targets.clear();
    w.setChoices(c);
    w.restart();
    QCOMPARE(w.currentId(), int(LunWizard::Targets));
    QVERIFY(!w.currentPage()->isComplete());
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("choose at least one target port")));

    // Backstores: the page lists only existing ones (a vanished one is refused by the
    // check); none chosen blocks Next.
    c = goodChoices();
    c.existing_backstores = {"/backstores/fileio/nope"};
    c.new_backstores.clear();
    QCOMPARE(check_backstores(w.context().config, c).value_or(""),
             std::string("backstore /backstores/fileio/nope does not exist"));
    w.setChoices(c);
    w.restart();
    w.next();
    QCOMPARE(w.currentId(), int(LunWizard::Backstores));
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("choose a backstore or create one")));
    // A new backstore with a bad name is explained too.
    c.new_backstores = {{"ramdisk", "a b", "", 1 << 20}};
    w.setChoices(c);
    w.restart();
    w.next();
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("may only use letters, digits")));

    // Initiators: a typed WWPN is checked as typed; no initiator blocks Next.
    c = goodChoices();
    c.initiators.clear();
    w.setChoices(c);
    w.restart();
    w.next();
    w.next();
    QCOMPARE(w.currentId(), int(LunWizard::Initiators));
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("choose the initiators that form group 'hosts'")));
    auto* typed = w.currentPage()->findChild<QLineEdit*>();
    QVERIFY(typed != nullptr);
    typed->setText(QStringLiteral("21:00:00:24:ff:zz:00:02"));
    const auto why = check_typed_wwpn("21:00:00:24:ff:zz:00:02");
    QVERIFY(why.has_value());
    QVERIFY(pageSays(w, QString::fromStdString(*why)));
    typed->setText(QStringLiteral("21:00:00:24:ff:00:00:77"));
    QVERIFY(!pageSays(w, QString::fromStdString(*why)));
    QTest::keyClick(typed, Qt::Key_Return);
    QCOMPARE(w.currentId(), int(LunWizard::Initiators));  // added, not the next page
    QVERIFY(typed->text().isEmpty());
    QVERIFY(nextEnabled(w));
    QCOMPARE(w.choices().initiators, std::vector<std::string>{"naa.21000024ff000077"});

    // LUNs: 0 is used on the target (disk0), 1 by the ACL's initiator, 7 on the target.
    c = goodChoices();
    c.initiators = {kAclInitiator};
    c.luns = {{"/backstores/ramdisk/ram0", 0, false}, {"/backstores/ramdisk/r9", 3, false}};
    w.setChoices(c);
    w.restart();
    for (int i = 0; i < 3; ++i) {
      w.next();
    }
    QCOMPARE(w.currentId(), int(LunWizard::Luns));
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("LUN 0 is already used on naa.21000024ff000001")));
    c.luns[0].lun = 1;
    w.setChoices(c);
    w.restart();
    for (int i = 0; i < 3; ++i) {
      w.next();
    }
    QVERIFY(!nextEnabled(w));
    QVERIFY(pageSays(w, QStringLiteral("already sees a LUN 1")));
  }

  void a_group_mapped_to_two_ports_reaches_every_member_on_both() {
    // The demo SAN: group esx (two members) has ACLs on port 1 only; port 2 has no target.
    const Config config = fixtureConfig();
    const auto live = fixtureLive();
    const std::string p1 = "naa.21000024ff000001";
    const std::string p2 = "naa.21000024ff000002";
    const std::vector<std::string> members = {"naa.21000024ff100001", "naa.21000024ff100002"};
    QCOMPARE(config.all_groups(), std::vector<std::string>{"esx"});
    QCOMPARE(config.group_member_wwpns("esx"), members);
    WizardChoices c;
    c.targets = {p1, p2};
    c.new_backstores = {{"ramdisk", "mp", "", 1 << 20}};
    c.groups = {"esx"};
    c.luns = {{"/backstores/ramdisk/mp", 2, true}};
    // Chosen alone, port 2 reaches the group too (it used to say "no members on" it).
    WizardChoices only2 = c;
    only2.targets = {p2};
    QVERIFY(!check_initiators(config, only2));
    QCOMPARE(resolve_initiators(config, only2, p2), members);

    const WizardPlan plan = wizard_plan(config, live.ports, c);
    QVERIFY2(!plan.problem, plan.problem.value_or("").c_str());
    const std::vector<Change> expected = {
        CreateBackstore{"ramdisk", "mp", "", 1 << 20},
        CreateLun{p1, 2, "/backstores/ramdisk/mp"},
        MapLun{p1, members[0], 2, 2, true},
        MapLun{p1, members[1], 2, 2, true},
        CreateTarget{p2},
        CreateLun{p2, 2, "/backstores/ramdisk/mp"},
        CreateAcl{p2, members[0], "esx"},
        CreateAcl{p2, members[1], "esx"},
        MapLun{p2, members[0], 2, 2, true},
        MapLun{p2, members[1], 2, 2, true},
    };
    QVERIFY(plan.changes == expected);
    // Applied: every member is in the group on both ports and sees LUN 2 read-only there.
    const Folded f = fold(config, plan.changes);
    QVERIFY(!f.error);
    for (const auto& port : {p1, p2}) {
      QCOMPARE(f.desired.groups(port), std::vector<std::string>{"esx"});
      for (const auto& m : members) {
        const NodeAcl* acl = f.desired.fc_tpg(port)->find_acl(m);
        QVERIFY(acl != nullptr);
        QCOMPARE(acl->group(), std::string("esx"));
        QVERIFY(acl->find_mapped(2) != nullptr);
        QVERIFY(acl->find_mapped(2)->write_protect);
      }
    }

    // A new member joining the group on port 2 gets the group's LUNs there, and this run's
    // LUN reaches every member.
    WizardChoices join;
    join.targets = {p2};
    join.existing_backstores = {"/backstores/ramdisk/scratch"};
    join.initiators = {"naa.21000024ff100003"};
    join.new_group = "esx";
    join.luns = {{"/backstores/ramdisk/scratch", 3, false}};
    const WizardPlan p = wizard_plan(f.desired, live.ports, join);
    QVERIFY2(!p.problem, p.problem.value_or("").c_str());
    const Folded g = fold(f.desired, p.changes);
    QVERIFY(!g.error);
    const NodeAcl* joined = g.desired.fc_tpg(p2)->find_acl("naa.21000024ff100003");
    QVERIFY(joined != nullptr);
    QCOMPARE(joined->group(), std::string("esx"));
    QVERIFY(joined->find_mapped(2) != nullptr);  // the group's LUN from the first run
    QVERIFY(joined->find_mapped(3) != nullptr);  // this run's
    for (const auto& m : members) {
      QVERIFY(g.desired.fc_tpg(p2)->find_acl(m)->find_mapped(3) != nullptr);
    }
  }

  void a_file_or_device_backs_one_backstore_only() {
    const Config config = fixtureConfig();  // fileio disk0 on /var/lib/qlat/disk0.img, sdb
    QCOMPARE(check_new_backstore(config, {"fileio", "again", "/var/lib/qlat/disk0.img", 4096})
                 .value_or(""),
             std::string("/var/lib/qlat/disk0.img is already the storage of backstore "
                         "/backstores/fileio/disk0"));
    QCOMPARE(check_new_backstore(config, {"block", "sdb2", "/dev/sdb", 0}).value_or(""),
             std::string("/dev/sdb is already the storage of backstore /backstores/block/sdb"));
    QVERIFY(!check_new_backstore(config, {"fileio", "fresh", "/var/lib/qlat/new.img", 4096}));
    WizardChoices c;
    c.new_backstores = {{"fileio", "a", "/srv/x.img", 4096}, {"fileio", "b", "/srv/x.img", 4096}};
    QCOMPARE(check_backstores(config, c).value_or(""),
             std::string("/srv/x.img is chosen for two new backstores"));
  }

  void initiator_mode_ports_are_flagged_and_nobody_to_rescan() {
    qlat::test::TempDir tmp;
    CoreBackend backend(mixedConfig(), tmp.path());
    WizardContext ctx = context();
    ctx.ports.push_back({"naa.21000024ff000009", "naa.20000024ff000009", "initiator", "Online",
                         "8 Gbit", false, "host9", "qla2xxx"});
    LunWizard w(ctx, &backend);
    w.show();
    w.restart();
    auto* list = w.currentPage()->findChild<QListWidget*>();
    QVERIFY(list != nullptr);
    QCOMPARE(list->count(), 2);
    QVERIFY(!list->item(0)->text().contains(QStringLiteral("mode: no initiator")));
    QVERIFY2(list->item(1)->text().contains(
                 QStringLiteral("initiator mode: no initiator reaches it until its role is")),
             qPrintable(list->item(1)->text()));
    // Nobody logged in to the chosen port: nothing to rescan.
    WizardChoices c = goodChoices();
    c.targets = {"naa.21000024ff000009"};
    QVERIFY(needs_rescan(ctx.config, ctx.sessions, c).empty());
  }

  void next_free_luns_are_the_default() {
    WizardChoices c = goodChoices();
    c.initiators = {kAclInitiator};
    // Target uses 0 and 7, the ACL maps 0 and 1: 2 and 3 are free for both.
    QCOMPARE(next_free_luns(mixedConfig(), c, 2), (std::vector<std::uint32_t>{2, 3}));
  }

  void the_plan_is_the_expected_edits_and_the_cores_operations() {
    qlat::test::TempDir tmp;
    const auto root = tmp.path() + "/target";
    qlat::test::materialize(qlat::test::fixture("mixed.tree.json"), root);
    CoreBackend backend(mixedConfig(), root);
    LunWizard w(context(), &backend);
    w.show();
    w.setChoices(goodChoices());
    w.restart();
    QString applied;
    connect(&w, &LunWizard::applied, this,
            [&applied](bool ok, const QString& m) { applied = ok ? QStringLiteral("ok") : m; });
    for (int i = 0; i < 4; ++i) {
      QVERIFY2(nextEnabled(w), qPrintable(QString::number(w.currentId())));
      w.next();
    }
    QCOMPARE(w.currentId(), int(LunWizard::Preview));

    // The edits: the new backstore, two LUNs (next free: 1 and 2 on the target, which uses
    // 0 and 7), the ACL in the new group, the two mappings.
    const std::vector<Change> expected = {
        CreateBackstore{"ramdisk", "r9", "", 8 << 20},
        CreateLun{kPort, 1, "/backstores/ramdisk/ram0"},
        CreateLun{kPort, 2, "/backstores/ramdisk/r9"},
        CreateAcl{kPort, kLoggedIn, "hosts"},
        MapLun{kPort, kLoggedIn, 1, 1, false},
        MapLun{kPort, kLoggedIn, 2, 2, false},
    };
    const WizardPlan plan = w.plan();
    QVERIFY(!plan.problem);
    QVERIFY(plan.changes == expected);

    // The preview is the core's diff of live and live + edits, operation for operation.
    const QString acl_dir =
        QStringLiteral("qla2xxx/naa.21000024ff000001/tpgt_1/acls/naa.21000024ff0000aa");
    const QStringList core = {
        "create storage object /backstores/ramdisk/r9 (8388608 bytes)",
        "create LUN 2 in qla2xxx/naa.21000024ff000001/tpgt_1 -> /backstores/ramdisk/r9",
        "create LUN 1 in qla2xxx/naa.21000024ff000001/tpgt_1 -> /backstores/ramdisk/ram0",
        "create node ACL " + acl_dir,
        "create mapped LUN 2 of " + acl_dir + " -> TPG LUN 2",
        "create mapped LUN 1 of " + acl_dir + " -> TPG LUN 1",
    };
    QCOMPARE(w.shownPlan(), core);
    QVERIFY(w.currentPage()->isComplete());

    // Apply (by the core, on the directory tree) and read the tree back.
    w.next();
    QCOMPARE(w.currentId(), int(LunWizard::Result));
    QCOMPARE(applied, QStringLiteral("ok"));
    // The initiator is logged in now: the result says it needs a rescan.
    QVERIFY((needs_rescan(w.context().config, w.context().sessions, goodChoices()) ==
             std::vector<std::pair<std::string, std::string>>{{kPort, kLoggedIn}}));
    QVERIFY(pageSays(w, QStringLiteral("see the new LUNs after a rescan")));
    QVERIFY(pageSays(w, QStringLiteral("21:00:00:24:ff:00:00:aa (via 21:00:00:24:ff:00:00:01)")));
    const auto tree = qlat::read_tree(backend.cfs());
    const qlat::NodeAcl* acl = nullptr;
    for (const auto& t : tree.targets) {
      for (const auto& g : t.tpgs) {
        for (const auto& a : g.node_acls) {
          acl = t.wwn == kPort && a.node_wwn == kLoggedIn ? &a : acl;
        }
      }
    }
    QVERIFY(acl != nullptr);
    QCOMPARE(acl->tag.value_or(""), std::string("hosts"));
    QCOMPARE(acl->mapped_luns.size(), std::size_t{2});
    QVERIFY(tree.find_storage_object("/backstores/ramdisk/r9") != nullptr);
  }
};

QTEST_MAIN(TestWizard)
#include "test_admin_wizard.moc"
