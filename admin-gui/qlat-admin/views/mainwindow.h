#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QMainWindow>
#include <QMessageBox>
#include <QModelIndex>
#include <QPointer>

#include "connection/endpoint.h"
#include "connection/serveclient.h"
#include "qlat/mem_backend.h"
#include "qlat/model.h"
#include "qlat/serve_protocol.h"
#include "state/aliases.h"
#include "state/changes.h"
#include "state/live.h"
#include "wizard/lunwizard.h"

class QAction;
class QCloseEvent;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QListView;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;
class QAbstractItemModel;
class QAbstractItemView;

namespace qlat::admin {

class BackstoresModel;
class DetailsPane;
class PendingChangesModel;
class PortsModel;
class SessionsModel;
class TargetsModel;
class HostsModel;

enum class PortAction { EnableTarget, DisableTarget, SetRole };

/// What a port action does to the initiators logged in to `port`, for the confirmation.
QString portActionWarning(PortAction action, const Port& port, const std::vector<Session>& sessions,
                          const QString& role = {});

/// The main window: ports, sessions, targets, backstores, details, pending changes. Every
/// call to qlatctl serve is asynchronous; a progress bar shows while one is outstanding.
class MainWindow final : public QMainWindow, public WizardBackend {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Starts qlatctl serve for `e` (pkexec, direct or ssh) and reads the tree.
  void connectTo(const Endpoint& e);
  /// Starts any serve command (tests, `--serve-command`); `name` is shown to the user.
  void connectCommand(const QString& program, const QStringList& args, const QString& name);
  /// Re-opens the last connection; pending edits are kept.
  void reconnect();
  /// Works on fixture data without qlatctl (screenshots, --demo): the data is applied to an
  /// in-memory configfs, where the core plans and applies the edits as qlatctl would.
  void useFixture(const Config& config, const LiveState& live);
  /// Re-reads the tree, ports and sessions.
  void refresh();

  /// Adds edits to the pending list if each applies; else shows why and adds none.
  bool addChanges(const std::vector<Change>& changes);
  /// Applies every pending edit; `done` (optional) gets the outcome.
  void applyPending(ApplyDone done = {});
  void discardPending();
  void save();
  /// Opens the LUN mapping wizard (non-modal; deleted when closed).
  LunWizard* openWizard();

  // WizardBackend
  void requestPlan(const std::vector<Change>& changes, PlanDone done) override;
  void apply(const std::vector<Change>& changes, ApplyDone done) override;

  // For tests and screenshots.
  const Config& desired() const { return desired_; }
  const LiveState& live() const { return live_; }
  PendingChangesModel* pendingModel() const { return pending_; }
  PortsModel* portsModel() const { return ports_; }
  SessionsModel* sessionsModel() const { return sessions_; }
  TargetsModel* targetsModel() const { return targets_; }
  BackstoresModel* backstoresModel() const { return backstores_; }
  HostsModel* hostsModel() const { return hosts_; }
  QTabWidget* tabs() const { return tabs_; }
  DetailsPane* details() const { return details_; }
  QString bannerText() const;
  bool isConnected() const;
  ServeClient& client() { return client_; }
  /// Asks before something that loses edits or takes storage from logged-in hosts: `yes`
  /// names the action; true to go on. A QMessageBox by default; tests replace it.
  using ConfirmFn =
      std::function<bool(const QString& title, const QString& text, const QString& yes)>;
  void setConfirm(ConfirmFn fn) { confirm_ = std::move(fn); }
  /// What applying the pending edits takes from initiators logged in now (a LUN they use
  /// removed or unmapped, their ACL removed), one line each; empty when nothing.
  QStringList destructiveEffects() const;
  /// The digest of the live tree the pending edits are made against (read_tree's).
  const std::string& liveDigest() const { return live_digest_; }
  /// The question shown when Apply found the configuration changed underneath, while open.
  QMessageBox* rebaseDialog() const { return rebase_dialog_; }
  /// Filters every tab's list (any column contains `text`, case-insensitive).
  void setFilterText(const QString& text);
  /// True while serve's notifications keep Ports, Sessions and Hosts current (subscribed).
  bool liveUpdates() const { return live_updates_; }
  /// The refused-login bar's text ("" when hidden); allowRefused() is its Allow button.
  QString refusedText() const;
  void allowRefused();
  /// The status bar's note when the running configuration is not what is saved ("" when
  /// it is, or when the server does not say); its Save button is save().
  QString savedStateText() const;

  /// Edits of what exists, on the item selected in Targets & ACLs, as pending edits (the
  /// menu actions ask for the value, then call these); false, with the reason shown, when
  /// the selection does not fit or the value is refused. A mapped LUN: read-only or not,
  /// and the LUN number its initiator sees. A TPG: one attribute, checked against the type
  /// and range configfs-schema/ gives it.
  bool setSelectedReadOnly(bool read_only);
  bool renumberSelected(std::uint32_t to);
  bool setSelectedTpgAttribute(const std::string& name, const std::string& value);

  /// Gives a WWPN the admin's own alias, shown beside it in every list and kept in this
  /// desktop's settings; "" removes it. False, with the reason shown, when refused.
  bool setAlias(const std::string& wwn, const QString& alias);
  const Aliases& aliases() const { return aliases_; }

 signals:
  /// The tree, ports and sessions were read (or failed: `ok` false).
  void refreshed(bool ok);
  void errorShown(const QString& message);
  /// Ports and sessions were read again after a notification (no refresh).
  void liveUpdated();

 protected:
  /// Asks before quitting with pending edits.
  void closeEvent(QCloseEvent* event) override;

 private:
  bool confirm(const QString& title, const QString& text, const QString& yes);
  /// Empties the tables (a connection that failed shows nothing of the previous one).
  void clearTables();
  void buildActions();
  void buildUi();
  void recompute();
  void updatePlanPreview();
  void updateActions();
  void showError(const QString& what, const QString& cause, bool offer_reconnect = false);
  void hideBanner();
  void onLost(const QString& cause);
  /// A notification from serve: logins, logouts, link changes re-read ports and sessions
  /// (coalesced); a refused login shows the refused-login bar.
  void onNotified(const QString& name, const nlohmann::json& params);
  /// Reads list_ports and list_sessions again (not the tree) and updates the views.
  void readLiveState();
  /// Sends apply for `desired` against live_digest_; a "stale" answer goes to rebaseAndAsk().
  void sendApply(const Config& desired, int edits, ApplyDone done);
  /// The live tree changed since it was read: rebases the pending edits on the current tree
  /// (the stale answer's), makes it the new base, plans the result and asks before applying,
  /// showing what changed underneath and any conflict. Cancel keeps the edits pending.
  void rebaseAndAsk(const nlohmann::json& error_object, int edits, const ApplyDone& done);
  void setBusy(bool busy);
  /// Shows how the running configuration stands to the saved file (read_tree's "saved").
  void showSavedState(const std::optional<qlat::serve::SavedState>& saved);
  void selectionChanged(QAbstractItemView* view);
  const Port* selectedPort() const;
  int selectedSessionRow() const;
  void allowSelected();
  void addToGroup();
  void removeSelected();
  /// The selected mapped LUN: target, initiator and the LUN number it is seen as.
  struct MappedSelection {
    std::string target;
    std::string initiator;
    std::uint32_t index = 0;
  };
  std::optional<MappedSelection> selectedMappedLun() const;
  /// The target whose TPG is selected in Targets & ACLs, or "".
  std::string selectedTpgTarget() const;
  /// The WWPN selected in Sessions, Hosts & groups or Targets & ACLs (an ACL), or "".
  std::string selectedWwpn() const;
  void askAlias();
  void askRenumber();
  void askTpgAttribute();
  void portAction(PortAction action);
  void openConnectDialog();
  QTableView* makeTable(QAbstractItemModel* model);
  /// A sorting, filtering proxy of `source` (in proxies_, for the filter).
  QSortFilterProxyModel* sortedProxy(QAbstractItemModel* source);
  /// The source model's index of `view`'s current item.
  QModelIndex sourceIndex(const QAbstractItemView* view) const;

  ServeClient client_;
  Endpoint endpoint_;
  QString command_program_;
  QStringList command_args_;
  QString connection_name_;
  bool fixture_ = false;
  Aliases aliases_;
  /// Demo mode's configfs: the demo data applied to an in-memory stand-in, so the plan
  /// panel and Apply run the core's planner as `qlatctl serve` would.
  std::unique_ptr<qlat::MemBackend> demo_cfs_;
  std::uint32_t demo_links_ = 0;  ///< mapped LUN links named in demo mode

  Config live_config_;
  std::string live_digest_;  ///< read_tree's digest of live_config_
  LiveState live_;
  Config desired_;
  int refresh_outstanding_ = 0;
  bool refresh_failed_ = false;
  int plan_generation_ = 0;

  PendingChangesModel* pending_;
  PortsModel* ports_;
  SessionsModel* sessions_;
  TargetsModel* targets_;
  BackstoresModel* backstores_;
  HostsModel* hosts_;

  QTabWidget* tabs_ = nullptr;
  QLineEdit* filter_ = nullptr;
  std::vector<QSortFilterProxyModel*> proxies_;
  QTableView* ports_view_ = nullptr;
  QTableView* sessions_view_ = nullptr;
  QTreeView* hosts_view_ = nullptr;
  QTreeView* targets_view_ = nullptr;
  QTableView* backstores_view_ = nullptr;
  DetailsPane* details_ = nullptr;
  QListView* pending_view_ = nullptr;
  QListWidget* plan_view_ = nullptr;
  QLabel* plan_label_ = nullptr;
  QWidget* banner_ = nullptr;
  QLabel* banner_text_ = nullptr;
  QPushButton* banner_reconnect_ = nullptr;
  QWidget* refused_bar_ = nullptr;
  QLabel* refused_text_ = nullptr;
  std::string refused_port_;
  std::string refused_initiator_;
  QTimer* live_timer_ = nullptr;
  bool live_updates_ = false;
  QLabel* connection_label_ = nullptr;
  QLabel* saved_label_ = nullptr;
  QPushButton* saved_button_ = nullptr;
  QProgressBar* progress_ = nullptr;

  QAction* connect_action_ = nullptr;
  QAction* reconnect_action_ = nullptr;
  QAction* refresh_action_ = nullptr;
  QAction* wizard_action_ = nullptr;
  QAction* allow_action_ = nullptr;
  QAction* group_action_ = nullptr;
  QAction* remove_action_ = nullptr;
  QAction* read_only_action_ = nullptr;
  QAction* renumber_action_ = nullptr;
  QAction* attribute_action_ = nullptr;
  QAction* alias_action_ = nullptr;
  QAction* enable_action_ = nullptr;
  QAction* disable_action_ = nullptr;
  QAction* role_action_ = nullptr;
  QAction* apply_action_ = nullptr;
  QAction* discard_action_ = nullptr;
  QAction* undo_action_ = nullptr;
  QAction* save_action_ = nullptr;
  QPointer<LunWizard> wizard_;
  QPointer<QMessageBox> rebase_dialog_;
  ConfirmFn confirm_;
  bool opened_ = false;  ///< the current connection answered hello
};

}  // namespace qlat::admin
