#include "wizard/lunwizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "models/backstoresmodel.h"
#include "qlat/wwn.h"
#include "qstring.h"

namespace qlat::admin {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kGroupRole = Qt::UserRole + 1;

std::string s(const QString& q) {
  return q.trimmed().toStdString();
}

QString portText(const std::string& wwpn) {
  return q(display_wwn(wwpn));
}

}  // namespace

/// A bold, word-wrapped line under a page's fields saying what is wrong, or empty. Its two
/// lines are kept when empty, so that a message coming and going does not shift the form;
/// bold rather than a fixed colour, so that it reads in any theme.
class ProblemLabel final : public QLabel {
 public:
  explicit ProblemLabel(QWidget* parent = nullptr) : QLabel(parent) {
    setWordWrap(true);
    QFont f = font();
    f.setBold(true);
    setFont(f);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMinimumHeight(2 * fontMetrics().lineSpacing());
  }
  /// Shows `p` (or nothing); returns whether there is no problem.
  bool show(const Problem& p) {
    setText(p ? q(*p) : QString());
    return !p.has_value();
  }
};

// ---------------------------------------------------------------------------------------------

TargetsPage::TargetsPage(LunWizard* wizard)
    : wizard_(wizard), list_(new QListWidget), problem_(new ProblemLabel) {
  setTitle(tr("Target ports"));
  setSubTitle(tr("Choose the FC ports through which the initiators will see the LUNs."));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_);
  layout->addWidget(problem_);
  connect(list_, &QListWidget::itemChanged, this, [this] {
    if (!loading_) {
      readBack();
    }
  });
}

void TargetsPage::initializePage() {
  loading_ = true;
  list_->clear();
  const auto& ctx = wizard_->context();
  std::vector<std::string> shown;
  auto add = [&](const std::string& wwpn, const QString& text) {
    auto* item = new QListWidgetItem(text, list_);
    item->setData(kKeyRole, q(wwpn));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    const auto& chosen = wizard_->choices().targets;
    item->setCheckState(std::find(chosen.begin(), chosen.end(), wwpn) != chosen.end()
                            ? Qt::Checked
                            : Qt::Unchecked);
    shown.push_back(wwpn);
  };
  for (const auto& p : ctx.ports) {
    const bool has_target = ctx.config.find_target(kFcFabric, p.wwpn) != nullptr;
    // A port in initiator (or no) mode takes no logins as a target: flagged, so that
    // mapping LUNs on it is not mistaken for exporting them.
    const bool serves = p.role == "target" || p.role == "both" || p.role.empty();
    add(p.wwpn, tr("%1   %2, link %3, target %4%5%6")
                    .arg(portText(p.wwpn), q(p.role), q(p.link_state),
                         p.target_enabled ? tr("enabled") : tr("disabled"),
                         has_target ? QString() : tr(" (a target will be created)"),
                         serves ? QString()
                                : tr(" - %1 mode: no initiator reaches it until its role is "
                                     "target or both")
                                      .arg(q(p.role))));
  }
  for (const auto& t : ctx.config.targets) {
    if (t.fabric == kFcFabric && std::find(shown.begin(), shown.end(), t.wwn) == shown.end()) {
      add(t.wwn, tr("%1   (configured, port not present)").arg(portText(t.wwn)));
    }
  }
  loading_ = false;
  readBack();
}

void TargetsPage::readBack() {
  auto& targets = wizard_->choices().targets;
  targets.clear();
  for (int i = 0; i < list_->count(); ++i) {
    if (list_->item(i)->checkState() == Qt::Checked) {
      targets.push_back(s(list_->item(i)->data(kKeyRole).toString()));
    }
  }
  emit completeChanged();
}

bool TargetsPage::isComplete() const {
  const auto& ctx = wizard_->context();
  return problem_->show(check_targets(ctx.config, ctx.ports, wizard_->choices().targets));
}

// ---------------------------------------------------------------------------------------------

BackstoresPage::BackstoresPage(LunWizard* wizard)
    : wizard_(wizard),
      list_(new QListWidget),
      create_(new QGroupBox(tr("Create a new backstore"))),
      type_(new QComboBox),
      name_(new QLineEdit),
      dev_(new QLineEdit),
      dev_label_(new QLabel),
      size_mib_(new QSpinBox),
      problem_(new ProblemLabel) {
  setTitle(tr("Backstores"));
  setSubTitle(tr("Choose the backstores to export, or create one. Each becomes one LUN."));
  create_->setCheckable(true);
  create_->setChecked(false);
  type_->addItem(tr("File (fileio)"), QStringLiteral("fileio"));
  type_->addItem(tr("Block device (block)"), QStringLiteral("block"));
  type_->addItem(tr("RAM disk (ramdisk)"), QStringLiteral("ramdisk"));
  name_->setPlaceholderText(tr("e.g. disk1"));
  size_mib_->setRange(1, 64 * 1024 * 1024);
  size_mib_->setSuffix(tr(" MiB"));
  size_mib_->setValue(1024);
  auto* form = new QFormLayout(create_);
  form->addRow(tr("&Type:"), type_);
  form->addRow(tr("&Name:"), name_);
  form->addRow(dev_label_, dev_);
  form->addRow(tr("&Size:"), size_mib_);
  dev_label_->setBuddy(dev_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Existing backstores:")));
  layout->addWidget(list_, 1);
  layout->addWidget(create_);
  layout->addWidget(problem_);
  auto changed = [this] {
    if (!loading_) {
      readBack();
    }
  };
  connect(list_, &QListWidget::itemChanged, this, changed);
  connect(create_, &QGroupBox::toggled, this, changed);
  connect(type_, &QComboBox::currentIndexChanged, this, [this, changed] {
    updateFields();
    changed();
  });
  connect(name_, &QLineEdit::textChanged, this, changed);
  connect(dev_, &QLineEdit::textChanged, this, changed);
  connect(size_mib_, &QSpinBox::valueChanged, this, changed);
  updateFields();
}

void BackstoresPage::updateFields() {
  const QString plugin = type_->currentData().toString();
  dev_label_->setText(plugin == QLatin1String("block") ? tr("&Device:") : tr("&File:"));
  dev_->setPlaceholderText(plugin == QLatin1String("block")
                               ? QStringLiteral("/dev/disk/by-id/...")
                               : QStringLiteral("/var/lib/qlat/disk1.img"));
  dev_->setEnabled(plugin != QLatin1String("ramdisk"));
  size_mib_->setEnabled(plugin != QLatin1String("block"));
}

void BackstoresPage::initializePage() {
  loading_ = true;
  list_->clear();
  const auto& c = wizard_->choices();
  for (const auto& so : wizard_->context().config.storage_objects) {
    QString text = tr("%1   %2").arg(q(so.name), q(so.plugin));
    if (so.size) {
      text += QStringLiteral(", ") + BackstoresModel::sizeText(*so.size);
    }
    if (so.dev && !so.dev->empty()) {
      text += QStringLiteral(", ") + q(*so.dev);
    }
    auto* item = new QListWidgetItem(text, list_);
    item->setData(kKeyRole, q(so.path()));
    item->setToolTip(q(so.path()));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    const bool chosen = std::find(c.existing_backstores.begin(), c.existing_backstores.end(),
                                  so.path()) != c.existing_backstores.end();
    item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
  }
  if (!c.new_backstores.empty()) {
    const auto& b = c.new_backstores.front();
    create_->setChecked(true);
    type_->setCurrentIndex(std::max(0, type_->findData(q(b.plugin))));
    name_->setText(q(b.name));
    dev_->setText(q(b.dev));
    size_mib_->setValue(static_cast<int>(std::max<std::uint64_t>(1, b.size >> 20)));
  }
  updateFields();
  loading_ = false;
  readBack();
}

void BackstoresPage::readBack() {
  auto& c = wizard_->choices();
  c.existing_backstores.clear();
  for (int i = 0; i < list_->count(); ++i) {
    if (list_->item(i)->checkState() == Qt::Checked) {
      c.existing_backstores.push_back(s(list_->item(i)->data(kKeyRole).toString()));
    }
  }
  c.new_backstores.clear();
  if (create_->isChecked()) {
    NewBackstore b;
    b.plugin = s(type_->currentData().toString());
    b.name = s(name_->text());
    b.dev = b.plugin == "ramdisk" ? std::string() : s(dev_->text());
    b.size = b.plugin == "block" ? 0 : static_cast<std::uint64_t>(size_mib_->value()) << 20;
    c.new_backstores.push_back(std::move(b));
  }
  emit completeChanged();
}

bool BackstoresPage::isComplete() const {
  return problem_->show(check_backstores(wizard_->context().config, wizard_->choices()));
}

// ---------------------------------------------------------------------------------------------

InitiatorsPage::InitiatorsPage(LunWizard* wizard)
    : wizard_(wizard),
      list_(new QListWidget),
      typed_(new QLineEdit),
      add_(new QPushButton(tr("&Add"))),
      typed_problem_(new ProblemLabel),
      group_(new QLineEdit),
      problem_(new ProblemLabel) {
  setTitle(tr("Initiators"));
  setSubTitle(
      tr("Choose the hosts that will see the LUNs: logged-in initiators, initiators "
         "with an ACL, whole groups, or type a WWPN."));
  typed_->setPlaceholderText(tr("WWPN, e.g. 21:00:00:24:ff:00:00:02"));
  add_->setEnabled(false);
  group_->setPlaceholderText(tr("optional, e.g. esx-cluster"));
  auto* typed_row = new QHBoxLayout;
  typed_row->addWidget(typed_, 1);
  typed_row->addWidget(add_);
  auto* form = new QFormLayout;
  auto* typed_label = new QLabel(tr("&Other WWPN:"));
  typed_label->setBuddy(typed_);
  form->addRow(typed_label, typed_row);
  form->addRow(QString(), typed_problem_);
  auto* group_label = new QLabel(tr("Put the chosen initiators in &group:"));
  group_label->setBuddy(group_);
  form->addRow(group_label, group_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_, 1);
  layout->addLayout(form);
  layout->addWidget(problem_);
  connect(list_, &QListWidget::itemChanged, this, [this] {
    if (!loading_) {
      readBack();
    }
  });
  connect(typed_, &QLineEdit::textChanged, this, [this](const QString& text) {
    // Validated as typed: the reason shows while the text is not a WWPN.
    const bool ok =
        typed_problem_->show(text.trimmed().isEmpty() ? Problem() : check_typed_wwpn(s(text)));
    add_->setEnabled(ok && !text.trimmed().isEmpty());
  });
  typed_->installEventFilter(this);
  connect(add_, &QPushButton::clicked, this, &InitiatorsPage::addTyped);
  connect(group_, &QLineEdit::textChanged, this, [this] {
    if (!loading_) {
      readBack();
    }
  });
}

void InitiatorsPage::addItem(const QString& text, const QString& key, bool group, bool checked) {
  auto* item = new QListWidgetItem(text, list_);
  item->setData(kKeyRole, key);
  item->setData(kGroupRole, group);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
  item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void InitiatorsPage::initializePage() {
  loading_ = true;
  list_->clear();
  const auto& ctx = wizard_->context();
  const auto& c = wizard_->choices();
  auto chosen = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  std::vector<std::string> seen;
  for (const auto& sess : ctx.sessions) {
    if (!chosen(c.targets, sess.port_wwpn) || chosen(seen, sess.initiator_wwpn)) {
      continue;
    }
    seen.push_back(sess.initiator_wwpn);
    const Tpg* tpg = ctx.config.fc_tpg(sess.port_wwpn);
    const bool acl = tpg != nullptr && tpg->find_acl(sess.initiator_wwpn) != nullptr;
    addItem(tr("%1   logged in (N_Port %2)%3")
                .arg(portText(sess.initiator_wwpn), q(sess.nport_id),
                     acl ? tr(", has an ACL") : tr(", no ACL yet")),
            q(sess.initiator_wwpn), false, chosen(c.initiators, sess.initiator_wwpn));
  }
  for (const auto& t : c.targets) {
    const Tpg* tpg = ctx.config.fc_tpg(t);
    if (tpg == nullptr) {
      continue;
    }
    for (const auto& acl : tpg->node_acls) {
      if (!chosen(seen, acl.node_wwn)) {
        seen.push_back(acl.node_wwn);
        addItem(tr("%1   ACL%2")
                    .arg(portText(acl.node_wwn),
                         acl.group().empty() ? QString() : tr(", group %1").arg(q(acl.group()))),
                q(acl.node_wwn), false, chosen(c.initiators, acl.node_wwn));
      }
    }
  }
  // Groups span ports: every group, with its members on any port (mapped to a chosen port,
  // each member gets an ACL there where it has none).
  for (const auto& g : ctx.config.all_groups()) {
    const auto n = static_cast<int>(ctx.config.group_member_wwpns(g).size());
    addItem(tr("Group %1   (%n member(s))", nullptr, n).arg(q(g)), q(g), true, chosen(c.groups, g));
  }
  // Typed initiators chosen before (e.g. preset) that are in none of the lists.
  for (const auto& w : c.initiators) {
    const auto parsed = Wwn::parse(w, {Wwn::Type::naa});
    const std::string canon = parsed ? parsed->str() : w;
    if (!chosen(seen, canon)) {
      seen.push_back(canon);
      addItem(tr("%1   typed").arg(portText(canon)), q(canon), false, true);
    }
  }
  group_->setText(q(c.new_group));
  loading_ = false;
  readBack();
}

bool InitiatorsPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == typed_ && event->type() == QEvent::KeyPress) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !typed_->text().trimmed().isEmpty()) {
      addTyped();  // a bad WWPN stays, with its reason shown
      return true;
    }
  }
  return QWizardPage::eventFilter(watched, event);
}

void InitiatorsPage::addTyped() {
  const std::string text = s(typed_->text());
  if (check_typed_wwpn(text)) {
    return;
  }
  const std::string canon = Wwn::parse(text, {Wwn::Type::naa})->str();
  for (int i = 0; i < list_->count(); ++i) {
    auto* item = list_->item(i);
    if (!item->data(kGroupRole).toBool() && s(item->data(kKeyRole).toString()) == canon) {
      item->setCheckState(Qt::Checked);
      typed_->clear();
      return;
    }
  }
  addItem(tr("%1   typed").arg(portText(canon)), q(canon), false, true);
  typed_->clear();
  readBack();
}

void InitiatorsPage::readBack() {
  auto& c = wizard_->choices();
  c.initiators.clear();
  c.groups.clear();
  for (int i = 0; i < list_->count(); ++i) {
    const auto* item = list_->item(i);
    if (item->checkState() != Qt::Checked) {
      continue;
    }
    (item->data(kGroupRole).toBool() ? c.groups : c.initiators)
        .push_back(s(item->data(kKeyRole).toString()));
  }
  c.new_group = s(group_->text());
  emit completeChanged();
}

bool InitiatorsPage::isComplete() const {
  return problem_->show(check_initiators(wizard_->context().config, wizard_->choices()));
}

// ---------------------------------------------------------------------------------------------

LunsPage::LunsPage(LunWizard* wizard)
    : wizard_(wizard), table_(new QTableWidget(0, 3)), problem_(new ProblemLabel) {
  setTitle(tr("LUN numbers"));
  setSubTitle(
      tr("The LUN number each backstore gets on the target and for every initiator "
         "(next free by default), and whether initiators see it read-only."));
  table_->setHorizontalHeaderLabels({tr("Backstore"), tr("LUN"), tr("Read-only")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  table_->verticalHeader()->hide();
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(problem_);
}

void LunsPage::initializePage() {
  loading_ = true;
  auto& c = wizard_->choices();
  const auto paths = c.backstorePaths();
  // Keep preset numbers when they are for these backstores; else the next free ones.
  bool preset = c.luns.size() == paths.size();
  for (std::size_t i = 0; preset && i < paths.size(); ++i) {
    preset = c.luns[i].storage_object == paths[i];
  }
  if (!preset) {
    const auto free = next_free_luns(wizard_->context().config, c, paths.size());
    c.luns.clear();
    for (std::size_t i = 0; i < paths.size(); ++i) {
      c.luns.push_back({paths[i], i < free.size() ? free[i] : kMaxMappedLun + 1, false});
    }
  }
  table_->setRowCount(static_cast<int>(paths.size()));
  for (int row = 0; row < table_->rowCount(); ++row) {
    const auto& l = c.luns[static_cast<std::size_t>(row)];
    auto* name = new QTableWidgetItem(q(l.storage_object));
    name->setFlags(Qt::ItemIsEnabled);
    table_->setItem(row, 0, name);
    auto* spin = new QSpinBox;
    spin->setRange(0, static_cast<int>(kMaxMappedLun) + 1);
    spin->setValue(static_cast<int>(l.lun));
    spin->setAccessibleName(tr("LUN number of %1").arg(q(l.storage_object)));
    table_->setCellWidget(row, 1, spin);
    auto* ro = new QCheckBox;
    ro->setChecked(l.read_only);
    ro->setAccessibleName(tr("%1 read-only").arg(q(l.storage_object)));
    table_->setCellWidget(row, 2, ro);
    connect(spin, &QSpinBox::valueChanged, this, [this] {
      if (!loading_) {
        readBack();
      }
    });
    connect(ro, &QCheckBox::toggled, this, [this] {
      if (!loading_) {
        readBack();
      }
    });
  }
  loading_ = false;
  readBack();
}

void LunsPage::readBack() {
  auto& c = wizard_->choices();
  for (int row = 0; row < table_->rowCount() && row < static_cast<int>(c.luns.size()); ++row) {
    auto& l = c.luns[static_cast<std::size_t>(row)];
    l.lun =
        static_cast<std::uint32_t>(qobject_cast<QSpinBox*>(table_->cellWidget(row, 1))->value());
    l.read_only = qobject_cast<QCheckBox*>(table_->cellWidget(row, 2))->isChecked();
  }
  emit completeChanged();
}

bool LunsPage::isComplete() const {
  return problem_->show(check_luns(wizard_->context().config, wizard_->choices()));
}

// ---------------------------------------------------------------------------------------------

PreviewPage::PreviewPage(LunWizard* wizard)
    : wizard_(wizard), list_(new QListWidget), status_(new QLabel), busy_(new QProgressBar) {
  setTitle(tr("Preview"));
  setSubTitle(
      tr("The exact operations Apply will perform, in order, as the core plans them "
         "(including edits already pending)."));
  setCommitPage(true);
  setButtonText(QWizard::CommitButton, tr("&Apply"));
  status_->setWordWrap(true);
  busy_->setRange(0, 0);
  busy_->setTextVisible(false);
  busy_->setMaximumHeight(12);
  list_->setWordWrap(true);
  list_->setAlternatingRowColors(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_, 1);
  layout->addWidget(busy_);
  layout->addWidget(status_);
}

void PreviewPage::initializePage() {
  list_->clear();
  ready_ = false;
  const int generation = ++generation_;
  const WizardPlan plan = wizard_->plan();
  if (plan.problem) {
    status_->setText(tr("Cannot plan: %1").arg(q(*plan.problem)));
    busy_->hide();
    emit completeChanged();
    return;
  }
  status_->setText(tr("Asking qlatctl for the plan..."));
  busy_->show();
  QPointer<PreviewPage> self(this);
  wizard_->backend()->requestPlan(
      plan.changes, [self, generation](const QStringList& lines, const QString& error) {
        if (self.isNull() || self->generation_ != generation) {
          return;
        }
        self->busy_->hide();
        if (!error.isEmpty()) {
          self->status_->setText(tr("Could not get the plan: %1").arg(error));
        } else {
          self->status_->setText(tr("%n operation(s). Apply performs them in this order.", nullptr,
                                    static_cast<int>(lines.size())));
          int n = 0;
          for (const QString& line : lines) {
            self->list_->addItem(QStringLiteral("%1. %2").arg(++n).arg(line));
          }
          self->wizard_->setShownPlan(lines);
          self->ready_ = true;
        }
        emit self->completeChanged();
      });
}

bool PreviewPage::isComplete() const {
  return ready_;
}

// ---------------------------------------------------------------------------------------------

ResultPage::ResultPage(LunWizard* wizard)
    : wizard_(wizard), result_(new QLabel), busy_(new QProgressBar) {
  setTitle(tr("Result"));
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  busy_->setRange(0, 0);
  busy_->setTextVisible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(busy_);
  layout->addWidget(result_);
  layout->addStretch(1);
}

void ResultPage::initializePage() {
  done_ = false;
  ok_ = false;
  busy_->show();
  result_->setText(tr("Applying..."));
  const WizardPlan plan = wizard_->plan();
  // Computed before Apply: the context is the tree the choices were made on.
  QStringList rescan;
  for (const auto& [port, initiator] :
       needs_rescan(wizard_->context().config, wizard_->context().sessions, wizard_->choices())) {
    rescan << tr("%1 (via %2)").arg(portText(initiator), portText(port));
  }
  const QString hosts =
      rescan.isEmpty()
          ? tr("No initiator it maps to is logged in now: hosts see the LUNs when they log in.")
          : tr("Logged in now, these hosts see the new LUNs after a rescan (Linux: echo '- - -' "
               "> /sys/class/scsi_host/hostN/scan): %1. Hosts that log in later see them at "
               "login.")
                .arg(rescan.join(QStringLiteral(", ")));
  QPointer<ResultPage> self(this);
  wizard_->backend()->apply(plan.changes, [self, hosts](bool ok, const QString& message) {
    if (self.isNull()) {
      return;
    }
    self->busy_->hide();
    self->done_ = true;
    self->ok_ = ok;
    self->setSubTitle(ok ? tr("The LUNs are mapped.") : tr("Apply failed."));
    // The theme's colours (dark themes too): a failure in bold, not in a fixed red.
    QFont f = self->result_->font();
    f.setBold(!ok);
    self->result_->setFont(f);
    self->result_->setText(ok ? message + QStringLiteral("\n\n") + hosts : message);
    emit self->completeChanged();
    emit self->wizard_->applied(ok, message);
  });
}

bool ResultPage::isComplete() const {
  return done_;
}

// ---------------------------------------------------------------------------------------------

LunWizard::LunWizard(WizardContext context, WizardBackend* backend, QWidget* parent)
    : QWizard(parent), context_(std::move(context)), backend_(backend) {
  setWindowTitle(tr("Map LUNs"));
  setWizardStyle(QWizard::ClassicStyle);
  setOption(QWizard::NoBackButtonOnLastPage, true);
  setOption(QWizard::NoCancelButtonOnLastPage, true);
  setPage(Targets, new TargetsPage(this));
  setPage(Backstores, new BackstoresPage(this));
  setPage(Initiators, new InitiatorsPage(this));
  setPage(Luns, new LunsPage(this));
  setPage(Preview, new PreviewPage(this));
  setPage(Result, new ResultPage(this));
  resize(720, 520);
}

bool LunWizard::hasUnappliedChoices() const {
  const bool chosen = !choices_.targets.empty() || !choices_.existing_backstores.empty() ||
                      !choices_.new_backstores.empty() || !choices_.initiators.empty() ||
                      !choices_.groups.empty();
  return chosen && currentId() != Result;
}

void LunWizard::reject() {
  if (hasUnappliedChoices()) {
    const bool close = confirm_close_ ? confirm_close_()
                                      : QMessageBox::question(
                                            this, tr("Close the wizard"),
                                            tr("Close the wizard? The choices made in it are lost; "
                                               "nothing was applied."),
                                            QMessageBox::Discard | QMessageBox::Cancel,
                                            QMessageBox::Cancel) == QMessageBox::Discard;
    if (!close) {
      return;
    }
  }
  QWizard::reject();
}

}  // namespace qlat::admin
