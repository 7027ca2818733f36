#include "views/mainwindow.h"

#include <unistd.h>

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "connection/protocol.h"
#include "models/backstoresmodel.h"
#include "models/hostsmodel.h"
#include "models/pendingchangesmodel.h"
#include "models/portsmodel.h"
#include "models/roles.h"
#include "models/sessionsmodel.h"
#include "models/targetsmodel.h"
#include "qlat/plan.h"
#include "qlat/rebase.h"
#include "qlat/schema.h"
#include "qlat/wwn.h"
#include "qstring.h"
#include "state/coreplan.h"
#include "views/connectdialog.h"
#include "views/detailspane.h"
#include "views/icon.h"

namespace qlat::admin {

namespace {

/// Demo mode: names each LUN's and mapped LUN's link as configfs keeps one (read_tree reads
/// it back as the alias). The demo data and new LUNs have none, and the core's plan needs
/// the name to remove the link again; on a server, read_tree supplies it.
void nameLinks(Config& config, std::uint32_t& counter) {
  auto next = [&counter] {
    return QStringLiteral("%1").arg(++counter, 10, 16, QLatin1Char('0')).toStdString();
  };
  for (auto& t : config.targets) {
    for (auto& tpg : t.tpgs) {
      for (auto& lun : tpg.luns) {
        if (lun.alias.empty()) {
          lun.alias = next();
        }
      }
      for (auto& acl : tpg.node_acls) {
        for (auto& ml : acl.mapped_luns) {
          if (ml.alias.empty()) {
            ml.alias = next();
          }
        }
      }
    }
  }
}

QStringList sessionsOn(const Port& port, const std::vector<Session>& sessions) {
  QStringList out;
  for (const auto& s : sessions) {
    if (s.port_wwpn == port.wwpn) {
      out << q(display_wwn(s.initiator_wwpn));
    }
  }
  return out;
}

}  // namespace

QString portActionWarning(PortAction action, const Port& port, const std::vector<Session>& sessions,
                          const QString& role) {
  const QStringList logged = sessionsOn(port, sessions);
  const QString name = q(display_wwn(port.wwpn));
  const QString who = logged.isEmpty() ? QObject::tr("No initiator is logged in to this port.")
                                       : QObject::tr("%n initiator(s) logged in: %1.", nullptr,
                                                     static_cast<int>(logged.size()))
                                             .arg(logged.join(QStringLiteral(", ")));
  switch (action) {
    case PortAction::EnableTarget:
      return QObject::tr(
                 "Enable target mode on port %1?\n\nThe port's target accepts logins: "
                 "initiators with an ACL get sessions and see their LUNs. The link is not "
                 "reset. %2")
          .arg(name, who);
    case PortAction::DisableTarget:
      return QObject::tr(
                 "Disable target mode on port %1?\n\nEvery session on the port ends and "
                 "the initiators lose access to their LUNs until target mode is enabled "
                 "again; I/O in flight is aborted. %2")
          .arg(name, who);
    case PortAction::SetRole:
      if (role == QLatin1String("target")) {
        return QObject::tr(
                   "Set port %1 to target mode?\n\nThe port is reset and stops acting as "
                   "an initiator: this host loses the disks it sees through it. %2")
            .arg(name, who);
      }
      return QObject::tr("Set port %1 to %2 mode?\n\n%3 The port is reset; %4")
          .arg(name, role, who,
               role == QLatin1String("initiator")
                   ? QObject::tr("target mode ends, so these initiators lose their LUNs.")
                   : QObject::tr("target sessions are dropped and log in again."));
  }
  return {};
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      pending_(new PendingChangesModel(this)),
      ports_(new PortsModel(this)),
      sessions_(new SessionsModel(this)),
      targets_(new TargetsModel(this)),
      backstores_(new BackstoresModel(this)),
      hosts_(new HostsModel(this)) {
  setWindowTitle(tr("qlat-admin"));
  setWindowIcon(appIcon());
  {
    QSettings settings;
    settings.beginGroup(QStringLiteral("aliases"));
    for (const QString& wwn : settings.childKeys()) {
      aliases_.set(wwn.toStdString(), settings.value(wwn).toString().toStdString());
    }
  }
  buildActions();
  buildUi();
  connect(&client_, &ServeClient::busyChanged, this, &MainWindow::setBusy);
  connect(&client_, &ServeClient::lost, this, &MainWindow::onLost);
  connect(&client_, &ServeClient::opened, this, [this] {
    opened_ = true;
    hideBanner();
    connection_label_->setText(tr("Connected: %1").arg(connection_name_));
    // Notifications first: serve answers in order, so the listing refresh() reads follows
    // the subscription and no login in between is missed.
    client_.request(protocol::kSubscribe, nullptr, [this](const ServeReply& r) {
      live_updates_ = r.ok;
      if (!r.ok && client_.isOpen()) {
        statusBar()->showMessage(tr("No live updates (press Refresh to update): %1").arg(r.error),
                                 15000);
      }
    });
    refresh();
  });
  connect(&client_, &ServeClient::notified, this, &MainWindow::onNotified);
  live_timer_ = new QTimer(this);
  live_timer_->setSingleShot(true);
  live_timer_->setInterval(150);  // a burst of events (a LIP, a fabric change) is one read
  connect(live_timer_, &QTimer::timeout, this, &MainWindow::readLiveState);
  connect(&client_, &ServeClient::notice, this,
          [this](const QString& text) { statusBar()->showMessage(text, 10000); });
  connect(pending_, &QAbstractItemModel::rowsInserted, this, &MainWindow::recompute);
  connect(pending_, &QAbstractItemModel::rowsRemoved, this, &MainWindow::recompute);
  // 1180x760, or less where the screen is smaller (1600x1000 at 1.5x scaling: 1066x666).
  QSize size(1180, 760);
  if (const QScreen* s = screen() != nullptr ? screen() : QGuiApplication::primaryScreen()) {
    const QRect avail = s->availableGeometry();
    size = size.boundedTo(QSize(avail.width() * 9 / 10, avail.height() * 9 / 10));
  }
  resize(size);
  recompute();
}

MainWindow::~MainWindow() {
  client_.disconnect(this);
  client_.stop();
}

void MainWindow::buildActions() {
  connect_action_ = new QAction(tr("&Connect..."), this);
  connect_action_->setShortcut(QKeySequence::Open);
  connect(connect_action_, &QAction::triggered, this, &MainWindow::openConnectDialog);
  reconnect_action_ = new QAction(tr("&Reconnect"), this);
  reconnect_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  connect(reconnect_action_, &QAction::triggered, this, &MainWindow::reconnect);
  refresh_action_ = new QAction(tr("Re&fresh"), this);
  refresh_action_->setShortcut(QKeySequence::Refresh);
  connect(refresh_action_, &QAction::triggered, this, &MainWindow::refresh);
  wizard_action_ = new QAction(tr("&Map LUNs..."), this);
  wizard_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  wizard_action_->setToolTip(tr("Map backstores as LUNs to initiators or groups"));
  connect(wizard_action_, &QAction::triggered, this, [this] { openWizard(); });
  allow_action_ = new QAction(tr("&Allow initiator"), this);
  allow_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  allow_action_->setToolTip(tr("Create an ACL for the selected logged-in initiator"));
  connect(allow_action_, &QAction::triggered, this, &MainWindow::allowSelected);
  group_action_ = new QAction(tr("Add to &group..."), this);
  group_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
  group_action_->setToolTip(
      tr("Put the selected initiator in an initiator group; it gets the "
         "group's LUNs"));
  connect(group_action_, &QAction::triggered, this, &MainWindow::addToGroup);
  remove_action_ = new QAction(tr("&Remove"), this);
  remove_action_->setShortcut(QKeySequence::Delete);
  remove_action_->setToolTip(tr("Remove the selected LUN, ACL or mapped LUN"));
  connect(remove_action_, &QAction::triggered, this, &MainWindow::removeSelected);
  read_only_action_ = new QAction(tr("Read-&only"), this);
  read_only_action_->setCheckable(true);
  read_only_action_->setToolTip(tr("The initiator sees the selected mapped LUN read-only"));
  connect(read_only_action_, &QAction::triggered, this,
          [this](bool checked) { setSelectedReadOnly(checked); });
  renumber_action_ = new QAction(tr("Change LUN &number..."), this);
  renumber_action_->setToolTip(tr("The LUN number the initiator sees the selected LUN as"));
  connect(renumber_action_, &QAction::triggered, this, &MainWindow::askRenumber);
  alias_action_ = new QAction(tr("Set a&lias..."), this);
  alias_action_->setToolTip(tr("Name the selected initiator; the name is shown beside its WWPN"));
  connect(alias_action_, &QAction::triggered, this, &MainWindow::askAlias);
  attribute_action_ = new QAction(tr("Edit TPG a&ttribute..."), this);
  attribute_action_->setToolTip(tr("Set one attribute of the selected target's TPG"));
  connect(attribute_action_, &QAction::triggered, this, &MainWindow::askTpgAttribute);
  enable_action_ = new QAction(tr("&Enable target"), this);
  connect(enable_action_, &QAction::triggered, this,
          [this] { portAction(PortAction::EnableTarget); });
  disable_action_ = new QAction(tr("&Disable target"), this);
  connect(disable_action_, &QAction::triggered, this,
          [this] { portAction(PortAction::DisableTarget); });
  role_action_ = new QAction(tr("Set port &role..."), this);
  connect(role_action_, &QAction::triggered, this, [this] { portAction(PortAction::SetRole); });
  apply_action_ = new QAction(tr("A&pply"), this);
  apply_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  connect(apply_action_, &QAction::triggered, this, [this] { applyPending(); });
  discard_action_ = new QAction(tr("D&iscard"), this);
  connect(discard_action_, &QAction::triggered, this, &MainWindow::discardPending);
  undo_action_ = new QAction(tr("&Undo last edit"), this);
  undo_action_->setShortcut(QKeySequence::Undo);
  connect(undo_action_, &QAction::triggered, pending_, &PendingChangesModel::removeLast);
  save_action_ = new QAction(tr("&Save configuration"), this);
  save_action_->setShortcut(QKeySequence::Save);
  save_action_->setToolTip(tr("Write saveconfig.json through qlatctl"));
  connect(save_action_, &QAction::triggered, this, &MainWindow::save);
}

QSortFilterProxyModel* MainWindow::sortedProxy(QAbstractItemModel* source) {
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(source);
  proxy->setFilterKeyColumn(-1);
  proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
  proxy->setRecursiveFilteringEnabled(true);  // trees: a match keeps its parents
  proxy->setAutoAcceptChildRows(true);        // and a matching group keeps its members
  proxies_.push_back(proxy);
  return proxy;
}

void MainWindow::setFilterText(const QString& text) {
  if (filter_->text() != text) {
    filter_->setText(text);  // comes back here through textChanged
    return;
  }
  for (QSortFilterProxyModel* p : proxies_) {
    p->setFilterFixedString(text);
  }
  targets_view_->expandAll();
  hosts_view_->expandAll();
}

QModelIndex MainWindow::sourceIndex(const QAbstractItemView* view) const {
  const QModelIndex i = view->currentIndex();
  const auto* proxy = qobject_cast<const QSortFilterProxyModel*>(i.model());
  return proxy != nullptr ? proxy->mapToSource(i) : i;
}

QTableView* MainWindow::makeTable(QAbstractItemModel* model) {
  auto* view = new QTableView;
  view->setModel(model);
  view->setSortingEnabled(true);
  view->sortByColumn(-1, Qt::AscendingOrder);  // the model's order until a header is clicked
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setAlternatingRowColors(true);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->setTabKeyNavigation(false);
  connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this, view] { selectionChanged(view); });
  return view;
}

void MainWindow::buildUi() {
  auto* conn = menuBar()->addMenu(tr("&Connection"));
  conn->addAction(connect_action_);
  conn->addAction(reconnect_action_);
  conn->addAction(refresh_action_);
  conn->addSeparator();
  conn->addAction(save_action_);
  conn->addSeparator();
  conn->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  auto* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(wizard_action_);
  edit->addAction(allow_action_);
  edit->addAction(group_action_);
  edit->addAction(remove_action_);
  edit->addAction(read_only_action_);
  edit->addAction(renumber_action_);
  edit->addAction(attribute_action_);
  edit->addAction(alias_action_);
  edit->addSeparator();
  edit->addAction(undo_action_);
  edit->addAction(apply_action_);
  edit->addAction(discard_action_);
  auto* port = menuBar()->addMenu(tr("&Port"));
  port->addAction(enable_action_);
  port->addAction(disable_action_);
  port->addAction(role_action_);

  auto* tb = addToolBar(tr("Main"));
  tb->setObjectName(QStringLiteral("main-toolbar"));
  tb->setToolButtonStyle(Qt::ToolButtonTextOnly);
  tb->addAction(connect_action_);
  tb->addAction(refresh_action_);
  tb->addSeparator();
  tb->addAction(wizard_action_);
  tb->addAction(allow_action_);
  tb->addAction(group_action_);
  tb->addSeparator();
  tb->addAction(enable_action_);
  tb->addAction(disable_action_);
  tb->addSeparator();
  tb->addAction(save_action_);

  // Banner for errors and a lost connection.
  banner_ = new QWidget;
  banner_->setObjectName(QStringLiteral("banner"));
  // The theme's tooltip colours, not fixed ones: readable in dark themes too.
  banner_->setAutoFillBackground(true);
  banner_->setBackgroundRole(QPalette::ToolTipBase);
  banner_->setForegroundRole(QPalette::ToolTipText);
  banner_text_ = new QLabel;
  banner_text_->setWordWrap(true);
  banner_text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_reconnect_ = new QPushButton(tr("Re&connect"));
  connect(banner_reconnect_, &QPushButton::clicked, this, &MainWindow::reconnect);
  auto* banner_close = new QPushButton(tr("Dismiss"));
  connect(banner_close, &QPushButton::clicked, this, &MainWindow::hideBanner);
  auto* bl = new QHBoxLayout(banner_);
  bl->addWidget(banner_text_, 1);
  bl->addWidget(banner_reconnect_);
  bl->addWidget(banner_close);
  banner_->hide();

  // Bar for a login refused for want of an ACL, with Allow.
  refused_bar_ = new QWidget;
  refused_bar_->setAutoFillBackground(true);
  refused_bar_->setBackgroundRole(QPalette::ToolTipBase);
  refused_bar_->setForegroundRole(QPalette::ToolTipText);
  refused_text_ = new QLabel;
  refused_text_->setWordWrap(true);
  auto* refused_allow = new QPushButton(tr("Allo&w"));
  refused_allow->setToolTip(tr("Add an ACL for this initiator on this port (a pending edit)"));
  connect(refused_allow, &QPushButton::clicked, this, &MainWindow::allowRefused);
  auto* refused_close = new QPushButton(tr("Dismiss"));
  connect(refused_close, &QPushButton::clicked, refused_bar_, &QWidget::hide);
  auto* rl = new QHBoxLayout(refused_bar_);
  rl->addWidget(refused_text_, 1);
  rl->addWidget(refused_allow);
  rl->addWidget(refused_close);
  refused_bar_->hide();

  // Every list sorts (click a header; the models' own order until then) and follows the
  // filter above the tabs (any column, any part, case-insensitive): hundreds of WWPNs.
  filter_ = new QLineEdit;
  filter_->setPlaceholderText(tr("Filter: WWPN, group, backstore... (every tab)"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, this, &MainWindow::setFilterText);
  tabs_ = new QTabWidget;
  ports_view_ = makeTable(sortedProxy(ports_));
  sessions_view_ = makeTable(sortedProxy(sessions_));
  backstores_view_ = makeTable(sortedProxy(backstores_));
  auto make_tree = [this](QAbstractItemModel* model) {
    auto* view = new QTreeView;
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, view] { selectionChanged(view); });
    connect(model, &QAbstractItemModel::modelReset, view, &QTreeView::expandAll);
    connect(model, &QAbstractItemModel::rowsInserted, view, &QTreeView::expandAll);
    return view;
  };
  targets_view_ = make_tree(sortedProxy(targets_));
  // Groups across ports and what each host sees through which port (read-only).
  hosts_view_ = make_tree(sortedProxy(hosts_));
  tabs_->addTab(ports_view_, tr("&Ports"));
  tabs_->addTab(sessions_view_, tr("&Sessions"));
  tabs_->addTab(targets_view_, tr("&Targets && ACLs"));
  tabs_->addTab(hosts_view_, tr("&Hosts && groups"));
  tabs_->addTab(backstores_view_, tr("&Backstores"));
  connect(tabs_, &QTabWidget::currentChanged, this,
          [this] { selectionChanged(qobject_cast<QAbstractItemView*>(tabs_->currentWidget())); });
  for (QAbstractItemView* v :
       std::initializer_list<QAbstractItemView*>{ports_view_, sessions_view_, targets_view_}) {
    v->setContextMenuPolicy(Qt::ActionsContextMenu);
  }
  ports_view_->addActions({enable_action_, disable_action_, role_action_});
  sessions_view_->addActions({allow_action_, group_action_, alias_action_});
  hosts_view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  hosts_view_->addActions({alias_action_});
  targets_view_->addActions({wizard_action_, group_action_, remove_action_, read_only_action_,
                             renumber_action_, attribute_action_, alias_action_});

  details_ = new DetailsPane;
  auto* split = new QSplitter;
  split->addWidget(tabs_);
  split->addWidget(details_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({700, 460});

  auto* central = new QWidget;
  auto* cl = new QVBoxLayout(central);
  cl->setContentsMargins(6, 6, 6, 0);
  cl->addWidget(banner_);
  cl->addWidget(refused_bar_);
  cl->addWidget(filter_);
  cl->addWidget(split, 1);
  setCentralWidget(central);

  // Pending changes panel.
  auto* dock = new QDockWidget(tr("Pending changes"), this);
  dock->setObjectName(QStringLiteral("pending-dock"));
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  auto* panel = new QWidget;
  pending_view_ = new QListView;
  pending_view_->setModel(pending_);
  pending_view_->setAlternatingRowColors(true);
  plan_view_ = new QListWidget;
  plan_view_->setAlternatingRowColors(true);
  plan_label_ = new QLabel;
  plan_label_->setWordWrap(true);
  auto* left = new QVBoxLayout;
  left->addWidget(new QLabel(tr("Edits (applied or discarded together):")));
  left->addWidget(pending_view_);
  auto* right = new QVBoxLayout;
  right->addWidget(plan_label_);
  right->addWidget(plan_view_);
  auto* buttons = new QVBoxLayout;
  for (QAction* a : {apply_action_, discard_action_, undo_action_, save_action_}) {
    auto* b = new QPushButton(a->text());
    b->setToolTip(a->toolTip().isEmpty() ? a->text().remove(QLatin1Char('&')) : a->toolTip());
    connect(b, &QPushButton::clicked, a, &QAction::trigger);
    connect(a, &QAction::changed, b, [a, b] { b->setEnabled(a->isEnabled()); });
    buttons->addWidget(b);
  }
  buttons->addStretch(1);
  auto* pl = new QHBoxLayout(panel);
  pl->addLayout(left, 1);
  pl->addLayout(right, 1);
  pl->addLayout(buttons);
  dock->setWidget(panel);
  addDockWidget(Qt::BottomDockWidgetArea, dock);
  resizeDocks({dock}, {210}, Qt::Vertical);

  connection_label_ = new QLabel(tr("Not connected"));
  progress_ = new QProgressBar;
  progress_->setRange(0, 0);
  progress_->setMaximumWidth(160);
  progress_->setTextVisible(false);
  progress_->hide();
  statusBar()->addWidget(connection_label_, 1);
  saved_label_ = new QLabel;
  saved_button_ = new QPushButton(tr("Save"));
  saved_button_->setToolTip(tr("Write the running configuration to the saved file"));
  connect(saved_button_, &QPushButton::clicked, this, &MainWindow::save);
  statusBar()->addPermanentWidget(saved_label_);
  statusBar()->addPermanentWidget(saved_button_);
  showSavedState(std::nullopt);
  statusBar()->addPermanentWidget(progress_);
}

bool MainWindow::isConnected() const {
  return fixture_ || client_.isOpen();
}

void MainWindow::connectTo(const Endpoint& e) {
  endpoint_ = e;
  QString resolved;
  if (e.kind == Endpoint::Kind::Local && !e.qlatctl.contains(QLatin1Char('/'))) {
    // pkexec needs an absolute path (the polkit action names /usr/sbin/qlatctl).
    const QStringList dirs{QCoreApplication::applicationDirPath() + QStringLiteral("/../qlatctl"),
                           QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                           QStringLiteral("/usr/bin"), QStringLiteral("/usr/local/bin")};
    resolved = QStandardPaths::findExecutable(e.qlatctl);
    if (resolved.isEmpty()) {
      resolved = QStandardPaths::findExecutable(e.qlatctl, dirs);
    }
    if (resolved.isEmpty()) {
      showError(tr("Cannot connect"),
                tr("'%1' was not found in PATH nor in /usr/sbin, /usr/local/sbin").arg(e.qlatctl));
      return;
    }
  }
  const Command cmd = serveCommand(e, ::geteuid(), resolved);
  QSettings settings;
  rememberEndpoint(settings, e);
  connectCommand(cmd.program, cmd.arguments, e.displayName());
}

void MainWindow::connectCommand(const QString& program, const QStringList& args,
                                const QString& name) {
  fixture_ = false;
  opened_ = false;
  command_program_ = program;
  command_args_ = args;
  connection_name_ = name;
  connection_label_->setText(tr("Connecting to %1...").arg(name));
  setWindowTitle(tr("%1 - qlat-admin").arg(name));
  client_.start(program, args);
  updateActions();
}

void MainWindow::reconnect() {
  if (command_program_.isEmpty()) {
    openConnectDialog();
    return;
  }
  connectCommand(command_program_, command_args_, connection_name_);
}

void MainWindow::openConnectDialog() {
  QSettings settings;
  auto* dlg = new ConnectDialog(recentEndpoints(settings), this);
  dlg->setAttribute(Qt::WA_DeleteOnClose);
  connect(dlg, &QDialog::accepted, this, [this, dlg] { connectTo(dlg->endpoint()); });
  dlg->open();
}

void MainWindow::useFixture(const Config& config, const LiveState& live) {
  client_.stop();
  fixture_ = true;
  live_config_ = config;
  nameLinks(live_config_, demo_links_);
  live_ = live;
  // The demo data, applied by the core's planner to an empty in-memory configfs.
  demo_cfs_ = std::make_unique<qlat::MemBackend>();
  std::string invalid;
  if (const auto core = to_core(live_config_, &invalid)) {
    auto plan = qlat::diff(qlat::Config{}, *core, *demo_cfs_);
    if (const auto r = qlat::apply(plan, *demo_cfs_); !r.ok) {
      invalid = r.error;
    }
  }
  if (!invalid.empty()) {
    showError(tr("The demo data does not load"), q(invalid));
  }
  connection_label_->setText(tr("Demo data (not connected)"));
  setWindowTitle(tr("Demo data - qlat-admin"));
  ports_->setPorts(live_.ports);
  sessions_->setSessions(live_.sessions);
  recompute();
  emit refreshed(true);
}

void MainWindow::refresh() {
  if (fixture_) {
    recompute();
    emit refreshed(true);
    return;
  }
  if (!client_.isOpen()) {
    showError(tr("Cannot refresh"), tr("not connected to qlatctl serve"), true);
    return;
  }
  refresh_outstanding_ = 3;
  refresh_failed_ = false;
  auto finish = [this] {
    if (--refresh_outstanding_ == 0) {
      if (!refresh_failed_) {
        connection_label_->setText(tr("Connected: %1").arg(connection_name_));
      }
      recompute();
      emit refreshed(!refresh_failed_);
    }
  };
  // The logged-in initiators are in list_ports' answer, their LIO sessions in list_sessions':
  // both are parsed together when the second arrives.
  auto ports_json = std::make_shared<nlohmann::json>();
  client_.request(protocol::kListPorts, nullptr, [this, finish, ports_json](const ServeReply& r) {
    std::string err;
    auto ports = r.ok ? protocol::parse_ports(r.result, &err) : std::nullopt;
    if (ports) {
      live_.ports = std::move(*ports);
      *ports_json = r.result;
    } else {
      refresh_failed_ = true;
      showError(tr("Could not list the FC ports"), r.ok ? q(err) : r.error, !client_.isOpen());
    }
    finish();
  });
  client_.request(
      protocol::kListSessions, nullptr, [this, finish, ports_json](const ServeReply& r) {
        std::string err;
        auto sessions = r.ok && ports_json->is_array()
                            ? protocol::parse_sessions(*ports_json, r.result, &err)
                            : std::nullopt;
        if (sessions) {
          live_.sessions = std::move(*sessions);
          sessions_->setSessions(live_.sessions);
          ports_->setPorts(live_.ports);
        } else if (ports_json->is_array()) {
          refresh_failed_ = true;
          showError(tr("Could not list the sessions"), r.ok ? q(err) : r.error, !client_.isOpen());
        }
        finish();
      });
  // On the first read, the targets from listings (counts only) while the tree is read.
  const auto& methods = client_.hello().value("methods", nlohmann::json::array());
  if (live_digest_.empty() &&
      std::find(methods.begin(), methods.end(), protocol::kListTargets) != methods.end()) {
    ++refresh_outstanding_;
    client_.request(protocol::kListTargets, nullptr, [this, finish](const ServeReply& r) {
      if (r.ok && r.result.is_array() && live_digest_.empty()) {
        targets_->setSummary(r.result.get<std::vector<TargetSummary>>());
      }
      finish();
    });
  }
  // The tree last: serve answers in order, so Ports and Sessions show before a big tree
  // (thousands of mapped LUNs) is read.
  connection_label_->setText(
      tr("Connected: %1, reading the configuration...").arg(connection_name_));
  client_.request(protocol::kReadTree, {{"progress", true}}, [this, finish](const ServeReply& r) {
    std::string err;
    auto tree = r.ok ? protocol::parse_tree(r.result, &err) : std::nullopt;
    if (tree) {
      live_config_ = std::move(tree->config);
      live_digest_ = std::move(tree->digest);
      showSavedState(tree->saved);
    } else {
      refresh_failed_ = true;
      showError(tr("Could not read the configuration"), r.ok ? q(err) : r.error, !client_.isOpen());
    }
    finish();
  });
}

void MainWindow::onNotified(const QString& name, const nlohmann::json& params) {
  const std::string n = name.toStdString();
  if (n == protocol::kProgress) {
    // How far the tree read is: the progress bar counts ACLs instead of spinning.
    const auto total = params.value("total", 0);
    const auto done = params.value("done", 0);
    if (total > 0) {
      progress_->setRange(0, total);
      progress_->setValue(std::min(done, total));
      progress_->setToolTip(tr("Reading the configuration: %1 of %2 ACLs").arg(done).arg(total));
    }
    return;
  }
  if (n == "unsubscribed") {
    live_updates_ = false;
    statusBar()->showMessage(tr("Live updates stopped (press Refresh to update): %1")
                                 .arg(q(params.value("message", std::string()))),
                             15000);
    return;
  }
  if (n == "login_refused") {
    const auto key = params.value("key", nlohmann::json::object());
    refused_port_ = key.value("wwn", std::string());
    refused_initiator_ = key.value("node_wwn", std::string());
    if (!refused_port_.empty() && !refused_initiator_.empty()) {
      refused_text_->setText(
          tr("Initiator %1 was refused on port %2: it has no ACL there.")
              .arg(q(display_wwn(refused_initiator_)), q(display_wwn(refused_port_))));
      refused_bar_->show();
    }
  }
  if (protocol::changes_sessions(n) && client_.isOpen()) {
    live_timer_->start();
  }
}

void MainWindow::readLiveState() {
  if (!client_.isOpen()) {
    return;
  }
  client_.request(protocol::kListPorts, nullptr, [this](const ServeReply& pr) {
    if (!pr.ok || !client_.isOpen()) {
      return;
    }
    const nlohmann::json ports_json = pr.result;
    client_.request(protocol::kListSessions, nullptr, [this, ports_json](const ServeReply& r) {
      std::string err;
      auto ports = protocol::parse_ports(ports_json, &err);
      auto sessions = r.ok ? protocol::parse_sessions(ports_json, r.result, &err) : std::nullopt;
      if (!ports || !sessions) {
        statusBar()->showMessage(tr("Could not follow a change: %1").arg(r.ok ? q(err) : r.error),
                                 10000);
        return;
      }
      live_.ports = std::move(*ports);
      live_.sessions = std::move(*sessions);
      sessions_->setSessions(live_.sessions);
      recompute();
      // The details pane shows the selected item as it is now (or nothing, when it went).
      selectionChanged(qobject_cast<QAbstractItemView*>(tabs_->currentWidget()));
      emit liveUpdated();
    });
  });
}

QString MainWindow::refusedText() const {
  return refused_bar_->isHidden() ? QString() : refused_text_->text();
}

void MainWindow::allowRefused() {
  if (refused_initiator_.empty()) {
    return;
  }
  std::vector<Change> changes;
  if (desired_.fc_tpg(refused_port_) == nullptr) {
    changes.emplace_back(CreateTarget{refused_port_});
  }
  const Tpg* tpg = desired_.fc_tpg(refused_port_);
  if (tpg == nullptr || tpg->find_acl(refused_initiator_) == nullptr) {
    changes.push_back(allow_initiator(refused_port_, refused_initiator_));
  }
  refused_bar_->hide();
  refused_initiator_.clear();
  if (!changes.empty()) {
    addChanges(changes);
  }
}

void MainWindow::recompute() {
  const Folded f = fold(live_config_, pending_->changes());
  desired_ = f.desired;
  if (f.error) {
    showError(tr("A pending edit does not apply to the current configuration"), q(*f.error));
  }
  // A port's target is enabled when the live configuration has its qla2xxx TPG enabled.
  for (auto& p : live_.ports) {
    const Tpg* tpg = live_config_.fc_tpg(p.wwpn);
    p.target_enabled = tpg != nullptr && tpg->enable;
  }
  ports_->setPorts(live_.ports);
  targets_->setConfig(desired_);
  targets_->setAliases(aliases_);
  backstores_->setConfig(desired_);
  sessions_->setConfig(desired_);
  sessions_->setAliases(aliases_);
  hosts_->setState(desired_, live_.sessions);
  hosts_->setAliases(aliases_);
  updatePlanPreview();
  updateActions();
}

void MainWindow::updatePlanPreview() {
  const int generation = ++plan_generation_;
  plan_view_->clear();
  if (pending_->isEmpty()) {
    plan_label_->setText(tr("Plan: nothing to do."));
    return;
  }
  plan_label_->setText(tr("Plan (from qlatctl): asking..."));
  requestPlan({}, [this, generation](const QStringList& lines, const QString& error) {
    if (generation != plan_generation_) {
      return;
    }
    if (!error.isEmpty()) {
      plan_label_->setText(tr("Plan: not available: %1").arg(error));
      return;
    }
    plan_label_->setText(fixture_ ? tr("Plan (the core's, on the demo data): %n operation(s)",
                                       nullptr, static_cast<int>(lines.size()))
                                  : tr("Plan (from qlatctl): %n operation(s)", nullptr,
                                       static_cast<int>(lines.size())));
    plan_view_->addItems(lines);
  });
}

void MainWindow::requestPlan(const std::vector<Change>& changes, PlanDone done) {
  std::vector<Change> all = pending_->changes();
  all.insert(all.end(), changes.begin(), changes.end());
  const Folded f = fold(live_config_, all);
  if (f.error) {
    done({}, q(*f.error));
    return;
  }
  if (fixture_) {
    // Demo mode: the core's plan on the in-memory configfs, the one serve would make.
    std::string err;
    const auto ops = core_plan(live_config_, f.desired, *demo_cfs_, &err);
    QStringList lines;
    for (const auto& op : ops.value_or(std::vector<std::string>{})) {
      lines << q(op);
    }
    done(lines, q(err));
    return;
  }
  // The core's schema check first, the one `plan` makes: its problems name the JSON path.
  std::string invalid;
  if (!to_core(f.desired, &invalid)) {
    done({}, q(invalid));
    return;
  }
  client_.request(protocol::kPlan, protocol::plan_params(f.desired, live_digest_),
                  [done = std::move(done)](const ServeReply& r) {
                    if (!r.ok && r.code == QLatin1String(protocol::kStale)) {
                      done({}, tr("the configuration changed since it was read (Refresh to see "
                                  "it); Apply re-plans your edits on it and asks first"));
                      return;
                    }
                    if (!r.ok) {
                      done({}, r.error);
                      return;
                    }
                    std::string err;
                    auto ops = protocol::parse_plan(r.result, &err);
                    if (!ops) {
                      done({}, q(err));
                      return;
                    }
                    QStringList out;
                    for (const auto& op : *ops) {
                      out << q(op.preview);
                    }
                    done(out, {});
                  });
}

void MainWindow::apply(const std::vector<Change>& changes, ApplyDone done) {
  addChanges(changes);
  applyPending(std::move(done));
}

bool MainWindow::addChanges(const std::vector<Change>& changes) {
  Config check = desired_;
  for (const auto& c : changes) {
    if (auto err = apply_change(check, c)) {
      showError(tr("Cannot make this edit"), q(*err));
      return false;
    }
  }
  pending_->append(changes);
  return true;
}

void MainWindow::applyPending(ApplyDone done) {
  if (!done) {
    done = [this](bool ok, const QString& message) {
      if (ok) {
        statusBar()->showMessage(message, 10000);
      } else {
        showError(tr("Apply failed"), message);
      }
    };
  }
  if (pending_->isEmpty()) {
    done(true, tr("Nothing to apply."));
    return;
  }
  const Folded f = fold(live_config_, pending_->changes());
  if (f.error) {
    done(false, q(*f.error));
    return;
  }
  const auto n = static_cast<int>(pending_->changes().size());
  if (const QStringList effects = destructiveEffects();
      !effects.isEmpty() &&
      !confirm(tr("Confirm apply"),
               tr("These edits take storage away from hosts logged in now:") +
                   QStringLiteral("\n\n\u2022 ") + effects.join(QStringLiteral("\n\u2022 ")) +
                   QStringLiteral("\n\n") + tr("Apply them anyway?"),
               tr("Apply"))) {
    done(false, tr("Nothing was applied; the pending edits are kept."));
    return;
  }
  if (fixture_) {
    // Demo mode: applied by the core to the in-memory configfs, as serve would.
    std::string err;
    Config named = f.desired;
    nameLinks(named, demo_links_);
    const auto live = to_core(live_config_, &err);
    const auto desired = live ? to_core(named, &err) : std::nullopt;
    if (!desired) {
      done(false, tr("Nothing was applied, the pending edits are kept: %1").arg(q(err)));
      return;
    }
    auto plan = qlat::diff(*live, *desired, *demo_cfs_);
    if (const auto r = qlat::apply(plan, *demo_cfs_); !r.ok) {
      done(false, tr("Nothing was applied, the pending edits are kept: %1").arg(q(r.error)));
      return;
    }
    live_config_ = std::move(named);
    pending_->clear();
    done(true, tr("Applied %n edit(s) to the demo data.", nullptr, n));
    refresh();
    return;
  }
  sendApply(f.desired, n, std::move(done));
}

void MainWindow::sendApply(const Config& desired, int n, ApplyDone done) {
  client_.request(
      protocol::kApply, protocol::plan_params(desired, live_digest_),
      [this, n, done = std::move(done)](const ServeReply& r) {
        if (!r.ok && r.code == QLatin1String(protocol::kStale)) {
          rebaseAndAsk(r.error_object, n, done);
          return;
        }
        if (!r.ok) {
          done(false, tr("Nothing was applied, the pending edits are kept: %1").arg(r.error));
          return;
        }
        std::string err;
        const auto outcome = protocol::parse_apply(r.result, &err);
        if (!outcome) {
          done(false, q(err));
          refresh();
          return;
        }
        if (!outcome->ok) {
          done(false,
               tr("Apply failed, the pending edits are kept: %1").arg(q(outcome->failure_text())));
          refresh();
          return;
        }
        pending_->clear();
        done(true, tr("Applied %n edit(s): qlatctl performed %1 operation(s).", nullptr, n)
                       .arg(outcome->executed));
        refresh();
      });
}

namespace {

/// Lines as a bulleted list, at most `max` of them.
QString bullets(const std::vector<std::string>& lines, std::size_t max = 25) {
  QStringList out;
  for (std::size_t i = 0; i < lines.size() && i < max; ++i) {
    out << QStringLiteral("  \u2022 ") + QString::fromStdString(lines[i]);
  }
  if (lines.size() > max) {
    out << MainWindow::tr("  ... and %n more", nullptr, static_cast<int>(lines.size() - max));
  }
  return out.join(QLatin1Char('\n'));
}

}  // namespace

void MainWindow::rebaseAndAsk(const nlohmann::json& error_object, int n, const ApplyDone& done) {
  std::string err;
  const auto current = protocol::parse_stale(error_object, &err);
  const Folded f = fold(live_config_, pending_->changes());
  if (f.error) {
    err = *f.error;
  }
  const auto base = current && !f.error ? to_core(live_config_, &err) : std::nullopt;
  const auto mine = base ? to_core(f.desired, &err) : std::nullopt;
  const auto now = mine ? to_core(current->config, &err) : std::nullopt;
  if (!now) {
    done(false, tr("Nothing was applied: the configuration changed since it was read and your "
                   "edits could not be re-planned on it: %1")
                    .arg(q(err)));
    refresh();
    return;
  }
  auto rebased = qlat::rebase(*base, *mine, *now);
  const auto desired = nlohmann::json(rebased.desired).get<Config>();
  // From now on the edits are pending on the current tree, whatever the answer.
  live_config_ = current->config;
  live_digest_ = current->digest;
  recompute();
  client_.request(
      protocol::kPlan, protocol::plan_params(desired, live_digest_),
      [this, n, done, desired, rebased = std::move(rebased)](const ServeReply& r) {
        if (!r.ok && r.code == QLatin1String(protocol::kStale)) {
          rebaseAndAsk(r.error_object, n, done);  // changed again meanwhile
          return;
        }
        std::string perr;
        const auto ops = r.ok ? protocol::parse_plan(r.result, &perr) : std::nullopt;
        if (!ops) {
          done(false, tr("Nothing was applied, the pending edits are kept: %1")
                          .arg(r.ok ? q(perr) : r.error));
          return;
        }
        std::vector<std::string> plan;
        for (const auto& op : *ops) {
          plan.push_back(op.preview);
        }
        QString details =
            tr("Changed underneath:") + QLatin1Char('\n') + bullets(rebased.underneath);
        if (!rebased.conflicts.empty()) {
          details += QLatin1String("\n\n") + tr("Conflicts (the live state is kept):") +
                     QLatin1Char('\n') + bullets(rebased.conflicts);
        }
        details += QLatin1String("\n\n") +
                   tr("New plan (%n operation(s)), only your edits:", nullptr,
                      static_cast<int>(plan.size())) +
                   QLatin1Char('\n') + (plan.empty() ? tr("  (nothing to do)") : bullets(plan));
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("The configuration changed"),
            rebased.conflicts.empty()
                ? tr("The configuration changed since it was read (targetcli, a script or "
                     "another admin). Your %n edit(s) were re-planned on the current "
                     "configuration; what changed underneath is kept.",
                     nullptr, n)
                : tr("The configuration changed since it was read, and some of your %n edit(s) "
                     "conflict with it: those are not applied. The rest were re-planned on the "
                     "current configuration; what changed underneath is kept.",
                     nullptr, n),
            QMessageBox::Apply | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("rebaseDialog"));
        box->setInformativeText(details);
        box->setDefaultButton(rebased.conflicts.empty() ? QMessageBox::Apply : QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        rebase_dialog_ = box;
        connect(box, &QMessageBox::finished, this, [this, box, n, done, desired] {
          rebase_dialog_ = nullptr;  // deleted later (WA_DeleteOnClose)
          if (box->clickedButton() == box->button(QMessageBox::Apply)) {
            sendApply(desired, n, done);
          } else {
            done(false, tr("Nothing was applied; your edits are kept, now on the current "
                           "configuration."));
          }
        });
        box->open();
      });
}

void MainWindow::discardPending() {
  if (pending_->isEmpty()) {
    return;
  }
  const int n = static_cast<int>(pending_->changes().size());
  if (!confirm(tr("Discard edits"), tr("Discard %n pending edit(s)?", nullptr, n), tr("Discard"))) {
    return;
  }
  pending_->clear();
  statusBar()->showMessage(tr("Pending edits discarded."), 5000);
}

void MainWindow::save() {
  if (fixture_) {
    statusBar()->showMessage(tr("Demo data: nothing to save."), 5000);
    return;
  }
  if (!pending_->isEmpty()) {
    showError(tr("Cannot save"), tr("apply or discard the pending edits first: Save writes "
                                    "the running configuration"));
    return;
  }
  client_.request(protocol::kSave, nullptr, [this](const ServeReply& r) {
    if (!r.ok) {
      showError(tr("Could not save the configuration"), r.error);
      return;
    }
    std::string err;
    const auto file = protocol::parse_save(r.result, &err);
    if (!file) {
      showError(tr("Could not save the configuration"), q(err));
      return;
    }
    statusBar()->showMessage(tr("Configuration saved to %1.").arg(q(*file)), 10000);
    showSavedState(qlat::serve::SavedState{*file, "same", {}});
  });
}

void MainWindow::showSavedState(const std::optional<qlat::serve::SavedState>& saved) {
  QString text;
  if (saved && saved->state == "differs") {
    text = tr("Running configuration differs from the saved one (%1)").arg(q(saved->file));
  } else if (saved && saved->state == "missing") {
    text = tr("Running configuration is not saved (no %1)").arg(q(saved->file));
  } else if (saved && saved->state == "unreadable") {
    text = tr("The saved configuration cannot be read: %1").arg(q(saved->error));
  }
  saved_label_->setText(text);
  saved_label_->setVisible(!text.isEmpty());
  saved_button_->setVisible(!text.isEmpty() && !fixture_);
}

QString MainWindow::savedStateText() const {
  return saved_label_->text();
}

LunWizard* MainWindow::openWizard() {
  if (!wizard_.isNull()) {
    wizard_->raise();
    wizard_->activateWindow();
    return wizard_;
  }
  WizardContext ctx{desired_, live_.ports, live_.sessions};
  wizard_ = new LunWizard(std::move(ctx), this, this);
  wizard_->setAttribute(Qt::WA_DeleteOnClose);
  wizard_->setWindowIcon(windowIcon());
  // Preselect the port selected in the Ports tab, if any.
  if (const Port* p = selectedPort()) {
    wizard_->choices().targets = {p->wwpn};
  }
  wizard_->show();
  return wizard_;
}

const Port* MainWindow::selectedPort() const {
  const QModelIndex i = sourceIndex(ports_view_);
  return i.isValid() ? ports_->port(i.row()) : nullptr;
}

int MainWindow::selectedSessionRow() const {
  const QModelIndex i = sourceIndex(sessions_view_);
  return i.isValid() ? i.row() : -1;
}

void MainWindow::allowSelected() {
  const int row = selectedSessionRow();
  const Session* s = sessions_->session(row);
  if (s == nullptr) {
    return;
  }
  std::vector<Change> changes;
  if (desired_.fc_tpg(s->port_wwpn) == nullptr) {
    changes.emplace_back(CreateTarget{s->port_wwpn});
  }
  changes.push_back(allow_initiator(s->port_wwpn, s->initiator_wwpn));
  addChanges(changes);
}

void MainWindow::addToGroup() {
  std::string target;
  std::string initiator;
  if (tabs_->currentWidget() == sessions_view_) {
    if (const Session* s = sessions_->session(selectedSessionRow())) {
      target = s->port_wwpn;
      initiator = s->initiator_wwpn;
    }
  } else if (tabs_->currentWidget() == targets_view_) {
    const QModelIndex i = sourceIndex(targets_view_);
    if (i.isValid() && targets_->kind(i) == TargetsModel::NodeKind::Acl) {
      target = i.data(TargetRole).toString().toStdString();
      initiator = i.data(KeyRole).toString().toStdString();
    }
  }
  if (initiator.empty()) {
    return;
  }
  QStringList groups;
  for (const auto& g : desired_.all_groups()) {
    groups << q(g);
  }
  bool ok = false;
  const QString group =
      QInputDialog::getItem(
          this, tr("Initiator group"),
          tr("Put %1 in group (it gets the group's LUNs):").arg(q(display_wwn(initiator))), groups,
          0, true, &ok)
          .trimmed();
  if (!ok || group.isEmpty()) {
    return;
  }
  if (auto p = check_group_name(group.toStdString())) {
    showError(tr("Cannot add to group"), q(*p));
    return;
  }
  std::vector<Change> changes;
  if (desired_.fc_tpg(target) == nullptr) {
    changes.emplace_back(CreateTarget{target});
    Config with_target = desired_;
    apply_change(with_target, changes.front());
    const auto more = add_group_member(with_target, target, group.toStdString(), initiator);
    changes.insert(changes.end(), more.begin(), more.end());
  } else {
    changes = add_group_member(desired_, target, group.toStdString(), initiator);
  }
  addChanges(changes);
}

void MainWindow::removeSelected() {
  const QModelIndex i = sourceIndex(targets_view_);
  if (tabs_->currentWidget() != targets_view_ || !i.isValid()) {
    return;
  }
  const std::string target = i.data(TargetRole).toString().toStdString();
  const QString key = i.data(KeyRole).toString();
  switch (targets_->kind(i)) {
    case TargetsModel::NodeKind::Lun:
      addChanges({DeleteLun{target, key.toUInt()}});
      break;
    case TargetsModel::NodeKind::Acl:
      addChanges({DeleteAcl{target, key.toStdString()}});
      break;
    case TargetsModel::NodeKind::MappedLun:
      addChanges({UnmapLun{target, key.section(QLatin1Char('/'), 0, 0).toStdString(),
                           key.section(QLatin1Char('/'), 1).toUInt()}});
      break;
    default:
      break;
  }
}

std::optional<MainWindow::MappedSelection> MainWindow::selectedMappedLun() const {
  const QModelIndex i = sourceIndex(targets_view_);
  if (tabs_->currentWidget() != targets_view_ || !i.isValid() ||
      targets_->kind(i) != TargetsModel::NodeKind::MappedLun) {
    return std::nullopt;
  }
  const QString key = i.data(KeyRole).toString();  // <initiator>/<mapped index>
  return MappedSelection{i.data(TargetRole).toString().toStdString(),
                         key.section(QLatin1Char('/'), 0, 0).toStdString(),
                         key.section(QLatin1Char('/'), 1).toUInt()};
}

std::string MainWindow::selectedTpgTarget() const {
  const QModelIndex i = sourceIndex(targets_view_);
  if (tabs_->currentWidget() != targets_view_ || !i.isValid() ||
      targets_->kind(i) != TargetsModel::NodeKind::Tpg) {
    return {};
  }
  return i.data(TargetRole).toString().toStdString();
}

bool MainWindow::setSelectedReadOnly(bool read_only) {
  const auto m = selectedMappedLun();
  if (!m) {
    showError(tr("Cannot change read-only"), tr("select a mapped LUN in Targets & ACLs"));
    return false;
  }
  return addChanges({SetWriteProtect{m->target, m->initiator, m->index, read_only}});
}

bool MainWindow::renumberSelected(std::uint32_t to) {
  const auto m = selectedMappedLun();
  if (!m) {
    showError(tr("Cannot change the LUN number"), tr("select a mapped LUN in Targets & ACLs"));
    return false;
  }
  if (to == m->index) {
    return false;
  }
  return addChanges({RenumberMappedLun{m->target, m->initiator, m->index, to}});
}

bool MainWindow::setSelectedTpgAttribute(const std::string& name, const std::string& value) {
  const std::string target = selectedTpgTarget();
  if (target.empty()) {
    showError(tr("Cannot set the attribute"), tr("select a target's TPG in Targets & ACLs"));
    return false;
  }
  return addChanges({SetTpgAttribute{target, name, value}});
}

std::string MainWindow::selectedWwpn() const {
  QWidget* tab = tabs_->currentWidget();
  if (tab == sessions_view_) {
    const Session* s = sessions_->session(selectedSessionRow());
    return s != nullptr ? s->initiator_wwpn : std::string();
  }
  const auto* view = qobject_cast<const QAbstractItemView*>(tab);
  const QModelIndex i = view != nullptr ? sourceIndex(view) : QModelIndex();
  const QString kind = i.data(KindRole).toString();
  if ((tab == targets_view_ && kind == QLatin1String("acl")) ||
      (tab == hosts_view_ && kind == QLatin1String("host"))) {
    return i.data(KeyRole).toString().toStdString();
  }
  return {};
}

bool MainWindow::setAlias(const std::string& wwn, const QString& alias) {
  if (auto why = aliases_.set(wwn, alias.toStdString())) {
    showError(tr("Cannot set the alias of %1").arg(q(display_wwn(wwn))), q(*why));
    return false;
  }
  QSettings settings;
  settings.beginGroup(QStringLiteral("aliases"));
  settings.remove(QString());
  for (const auto& [w, a] : aliases_.user()) {
    settings.setValue(q(w), q(a));
  }
  recompute();
  return true;
}

void MainWindow::askAlias() {
  const std::string wwn = selectedWwpn();
  if (wwn.empty()) {
    return;
  }
  bool ok = false;
  const QString alias = QInputDialog::getText(
      this, tr("Alias"),
      tr("Alias of %1 (empty: none; without one, its group is shown):").arg(q(display_wwn(wwn))),
      QLineEdit::Normal, q(aliases_.user_alias(wwn)), &ok);
  if (ok) {
    setAlias(wwn, alias);
  }
}

void MainWindow::askRenumber() {
  const auto m = selectedMappedLun();
  if (!m) {
    return;
  }
  bool ok = false;
  const int to = QInputDialog::getInt(
      this, tr("LUN number"),
      tr("The LUN number %1 sees this LUN as:").arg(q(display_wwn(m->initiator))),
      static_cast<int>(m->index), 0, Schema::builtin().mapped_lun_index_max(), 1, &ok);
  if (ok) {
    renumberSelected(static_cast<std::uint32_t>(to));
  }
}

void MainWindow::askTpgAttribute() {
  const std::string target = selectedTpgTarget();
  const Tpg* tpg = desired_.fc_tpg(target);
  if (tpg == nullptr) {
    return;
  }
  const FabricSpec fabric = Schema::builtin().fabric(kFcFabric);
  QStringList names;
  for (const AttrSpec& a : fabric.tpg_attrib) {
    if (a.access == Access::rw) {
      names << q(a.name);
    }
  }
  bool ok = false;
  const QString name = QInputDialog::getItem(
      this, tr("TPG attribute"), tr("Attribute of the TPG of %1:").arg(q(display_wwn(target))),
      names, 0, false, &ok);
  if (!ok) {
    return;
  }
  const AttrSpec* spec = fabric.find(fabric.tpg_attrib, name.toStdString());
  QString current;
  if (const auto it = tpg->attributes.find(name.toStdString()); it != tpg->attributes.end()) {
    current = q(attr_to_text(it->second));
  } else if (spec != nullptr && spec->default_value) {
    current = q(spec->default_value->dump());
  }
  const QString label =
      spec != nullptr ? tr("%1 (%2)\n%3").arg(name, q(spec->type_text()), q(spec->description))
                      : name;
  const QString value =
      QInputDialog::getText(this, tr("TPG attribute"), label, QLineEdit::Normal, current, &ok)
          .trimmed();
  if (ok && value != current) {
    setSelectedTpgAttribute(name.toStdString(), value.toStdString());
  }
}

void MainWindow::portAction(PortAction action) {
  const Port* p = selectedPort();
  if (p == nullptr) {
    return;
  }
  const Port port = *p;
  QString role;
  if (action == PortAction::SetRole) {
    bool ok = false;
    QStringList roles;
    for (const char* r : protocol::kRoles) {
      roles << QString::fromLatin1(r);
    }
    role = QInputDialog::getItem(
        this, tr("Port role"), tr("Role of port %1:").arg(q(display_wwn(port.wwpn))), roles,
        static_cast<int>(std::max<qsizetype>(0, roles.indexOf(q(port.role)))), false, &ok);
    if (!ok || role == q(port.role)) {
      return;
    }
  }
  const QString text = portActionWarning(action, port, live_.sessions, role);
  if (QMessageBox::question(this, tr("Confirm port change"), text,
                            QMessageBox::Yes | QMessageBox::Cancel,
                            QMessageBox::Cancel) != QMessageBox::Yes) {
    return;
  }
  if (fixture_) {
    for (auto& lp : live_.ports) {
      if (lp.wwpn == port.wwpn) {
        if (action == PortAction::SetRole) {
          lp.role = role.toStdString();
        }
      }
    }
    Config after = live_config_;
    if (Tpg* tpg = after.fc_tpg(port.wwpn); tpg != nullptr && action != PortAction::SetRole) {
      tpg->enable = action == PortAction::EnableTarget;
      // As serve's enable_tpg would: through the core, on the demo's configfs.
      auto plan = qlat::diff(live_config_, after, *demo_cfs_);
      if (const auto r = qlat::apply(plan, *demo_cfs_); !r.ok) {
        showError(tr("Cannot change the target of port %1").arg(q(display_wwn(port.wwpn))),
                  q(r.error));
        return;
      }
      live_config_ = std::move(after);
    }
    recompute();
    return;
  }
  if (action == PortAction::SetRole && port.host.empty()) {
    showError(tr("Cannot change the role of port %1").arg(q(display_wwn(port.wwpn))),
              tr("qlatctl did not say which SCSI host the port is"));
    return;
  }
  const QString verb =
      QString::fromLatin1(action == PortAction::SetRole        ? protocol::kSetPortRole
                          : action == PortAction::EnableTarget ? protocol::kEnableTpg
                                                               : protocol::kDisableTpg);
  const nlohmann::json params = action == PortAction::SetRole
                                    ? protocol::port_role_params(port.host, role.toStdString())
                                    : protocol::tpg_params(port.wwpn);
  client_.request(verb, params,
                  [this, action, name = q(display_wwn(port.wwpn))](const ServeReply& r) {
                    std::string err;
                    if (!r.ok) {
                      showError(tr("Could not change port %1").arg(name), r.error);
                    } else if (action != PortAction::SetRole) {
                      const auto outcome = protocol::parse_apply(r.result, &err);
                      if (!outcome || !outcome->ok) {
                        showError(tr("Could not change port %1").arg(name),
                                  q(outcome ? outcome->failure_text() : err));
                      } else {
                        statusBar()->showMessage(tr("Port %1 changed.").arg(name), 10000);
                      }
                    } else {
                      statusBar()->showMessage(tr("Port %1 changed.").arg(name), 10000);
                    }
                    refresh();
                  });
}

void MainWindow::selectionChanged(QAbstractItemView* view) {
  if (view != nullptr && view == tabs_->currentWidget()) {
    details_->showIndex(view->currentIndex());
  }
  updateActions();
}

void MainWindow::updateActions() {
  const bool connected = isConnected();
  const Port* port = selectedPort();
  const bool on_ports = tabs_->currentWidget() == ports_view_;
  const bool on_sessions = tabs_->currentWidget() == sessions_view_;
  const int srow = selectedSessionRow();
  const QModelIndex ti = sourceIndex(targets_view_);
  const bool on_targets = tabs_->currentWidget() == targets_view_ && ti.isValid();
  const auto tkind = on_targets ? targets_->kind(ti) : TargetsModel::NodeKind::Target;
  refresh_action_->setEnabled(connected);
  reconnect_action_->setEnabled(!fixture_ && !command_program_.isEmpty());
  wizard_action_->setEnabled(connected);
  allow_action_->setEnabled(connected && on_sessions && srow >= 0 && !sessions_->allowed(srow));
  group_action_->setEnabled(connected && ((on_sessions && srow >= 0) ||
                                          (on_targets && tkind == TargetsModel::NodeKind::Acl)));
  remove_action_->setEnabled(connected && on_targets &&
                             (tkind == TargetsModel::NodeKind::Lun ||
                              tkind == TargetsModel::NodeKind::Acl ||
                              tkind == TargetsModel::NodeKind::MappedLun));
  const auto mapped = on_targets ? selectedMappedLun() : std::nullopt;
  const MappedLun* ml = nullptr;
  if (mapped) {
    const Tpg* tpg = desired_.fc_tpg(mapped->target);
    const NodeAcl* acl = tpg != nullptr ? tpg->find_acl(mapped->initiator) : nullptr;
    ml = acl != nullptr ? acl->find_mapped(mapped->index) : nullptr;
  }
  read_only_action_->setEnabled(connected && ml != nullptr);
  // Shows the desired state; only triggered (the user's click) makes an edit.
  read_only_action_->setChecked(ml != nullptr && ml->write_protect);
  renumber_action_->setEnabled(connected && ml != nullptr);
  alias_action_->setEnabled(!selectedWwpn().empty());
  attribute_action_->setEnabled(connected && on_targets && tkind == TargetsModel::NodeKind::Tpg &&
                                desired_.fc_tpg(selectedTpgTarget()) != nullptr);
  enable_action_->setEnabled(connected && on_ports && port != nullptr && !port->target_enabled);
  disable_action_->setEnabled(connected && on_ports && port != nullptr && port->target_enabled);
  role_action_->setEnabled(connected && on_ports && port != nullptr);
  const bool pending = !pending_->isEmpty();
  apply_action_->setEnabled(connected && pending);
  discard_action_->setEnabled(pending);
  undo_action_->setEnabled(pending);
  save_action_->setEnabled(connected && !fixture_ && !pending);
}

void MainWindow::showError(const QString& what, const QString& cause, bool offer_reconnect) {
  const QString message = cause.isEmpty() ? what : what + QStringLiteral(": ") + cause;
  banner_text_->setText(message);
  banner_reconnect_->setVisible(offer_reconnect && !command_program_.isEmpty());
  banner_->show();
  statusBar()->showMessage(message, 15000);
  emit errorShown(message);
}

QString MainWindow::bannerText() const {
  return banner_->isVisible() ? banner_text_->text() : QString();
}

void MainWindow::hideBanner() {
  banner_->hide();
}

void MainWindow::onLost(const QString& cause) {
  const int n = static_cast<int>(pending_->changes().size());
  live_updates_ = false;
  live_timer_->stop();
  refused_bar_->hide();
  if (!opened_) {
    // Never connected: say so, and show nothing of a previous connection.
    connection_label_->setText(tr("Not connected: %1").arg(connection_name_));
    clearTables();
    showError(tr("Could not connect to %1").arg(connection_name_), cause, true);
    updateActions();
    return;
  }
  connection_label_->setText(tr("Disconnected from %1").arg(connection_name_));
  showError(tr("Connection to %1 lost").arg(connection_name_),
            cause + (n > 0 ? tr(". Your %n pending edit(s) are kept; reconnect to apply them.",
                                nullptr, n)
                           : QString()),
            true);
  updateActions();
}

void MainWindow::clearTables() {
  showSavedState(std::nullopt);
  live_config_ = {};
  live_digest_.clear();
  live_ = {};
  desired_ = {};
  ports_->setPorts({});
  sessions_->setSessions({});
  sessions_->setConfig({});
  targets_->setConfig({});
  backstores_->setConfig({});
  hosts_->setState({}, {});
  ++plan_generation_;
  plan_view_->clear();
  plan_label_->setText(tr("Plan: not connected."));
}

bool MainWindow::confirm(const QString& title, const QString& text, const QString& yes) {
  if (confirm_) {
    return confirm_(title, text, yes);
  }
  QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
  QPushButton* go = box.addButton(yes, QMessageBox::DestructiveRole);
  box.setDefaultButton(QMessageBox::Cancel);
  box.exec();
  return box.clickedButton() == go;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  const int n = static_cast<int>(pending_->changes().size());
  if (n > 0 &&
      !confirm(tr("Quit qlat-admin"),
               tr("%n pending edit(s) have not been applied; quitting loses them.", nullptr, n),
               tr("Quit and lose them"))) {
    event->ignore();
    return;
  }
  event->accept();
}

QStringList MainWindow::destructiveEffects() const {
  QStringList out;
  // The initiators logged in to `port` whose LIO session (their ACL) is up.
  auto logged_in = [this](const std::string& port, const std::string& initiator) {
    return std::any_of(live_.sessions.begin(), live_.sessions.end(), [&](const Session& s) {
      return s.port_wwpn == port && s.initiator_wwpn == initiator && s.lio_session;
    });
  };
  for (const auto& c : pending_->changes()) {
    if (const auto* d = std::get_if<DeleteLun>(&c)) {
      const Tpg* tpg = live_config_.fc_tpg(d->target);
      QStringList users;
      for (const auto& a : tpg != nullptr ? tpg->node_acls : std::vector<NodeAcl>{}) {
        const bool uses = std::any_of(a.mapped_luns.begin(), a.mapped_luns.end(),
                                      [&](const MappedLun& m) { return m.tpg_lun == d->index; });
        if (uses && logged_in(d->target, a.node_wwn)) {
          users << q(display_wwn(a.node_wwn));
        }
      }
      if (!users.isEmpty()) {
        out << tr("LUN %1 of port %2 is removed; logged-in host(s) use it: %3")
                   .arg(d->index)
                   .arg(q(display_wwn(d->target)), users.join(QStringLiteral(", ")));
      }
    } else if (const auto* u = std::get_if<UnmapLun>(&c)) {
      if (logged_in(u->target, u->initiator)) {
        out << tr("LUN %1 is taken from %2, logged in to port %3")
                   .arg(u->mapped_index)
                   .arg(q(display_wwn(u->initiator)), q(display_wwn(u->target)));
      }
    } else if (const auto* a = std::get_if<DeleteAcl>(&c)) {
      if (logged_in(a->target, a->initiator)) {
        out << tr("%1, logged in to port %2, loses its ACL and every LUN")
                   .arg(q(display_wwn(a->initiator)), q(display_wwn(a->target)));
      }
    }
  }
  return out;
}

void MainWindow::setBusy(bool busy) {
  progress_->setVisible(busy);
  if (busy) {
    progress_->setRange(0, 0);  // spinning until a request reports its progress
    progress_->setToolTip(QString());
  }
  if (busy) {
    QApplication::setOverrideCursor(Qt::BusyCursor);
  } else {
    QApplication::restoreOverrideCursor();
  }
}

}  // namespace qlat::admin
