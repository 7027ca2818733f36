#pragma once

#include <functional>

#include <QStringList>
#include <QWizard>
#include <QWizardPage>

#include "qlat/model.h"
#include "state/changes.h"
#include "state/live.h"
#include "wizard/validation.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace qlat::admin {

/// What the wizard needs from the main window: the exact plan from the core (qlatctl serve's
/// `plan`), and applying. Both answer asynchronously.
class WizardBackend {
 public:
  virtual ~WizardBackend() = default;
  using PlanDone = std::function<void(const QStringList& preview, const QString& error)>;
  using ApplyDone = std::function<void(bool ok, const QString& message)>;
  /// The plan of the pending edits plus `changes`, as the core's diff previews it.
  virtual void requestPlan(const std::vector<Change>& changes, PlanDone done) = 0;
  /// Adds `changes` to the pending edits and applies them all.
  virtual void apply(const std::vector<Change>& changes, ApplyDone done) = 0;
};

/// The data the wizard chooses from.
struct WizardContext {
  Config config;  ///< the desired tree (live + pending edits)
  std::vector<Port> ports;
  std::vector<Session> sessions;
};

/// Shows the validation problem of a page, or nothing.
class ProblemLabel;

class LunWizard;

class TargetsPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit TargetsPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;

 private:
  void readBack();
  LunWizard* wizard_;
  QListWidget* list_;
  ProblemLabel* problem_;
  bool loading_ = false;
};

class BackstoresPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit BackstoresPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;

 private:
  void readBack();
  void updateFields();
  LunWizard* wizard_;
  QListWidget* list_;
  QGroupBox* create_;
  QComboBox* type_;
  QLineEdit* name_;
  QLineEdit* dev_;
  QLabel* dev_label_;
  QSpinBox* size_mib_;
  ProblemLabel* problem_;
  bool loading_ = false;
};

class InitiatorsPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit InitiatorsPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;

 protected:
  /// Enter in the typed-WWPN field adds it and stays on the page (not the wizard's Next).
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void readBack();
  void addTyped();
  void addItem(const QString& text, const QString& key, bool group, bool checked);
  LunWizard* wizard_;
  QListWidget* list_;
  QLineEdit* typed_;
  QPushButton* add_;
  ProblemLabel* typed_problem_;
  QLineEdit* group_;
  ProblemLabel* problem_;
  bool loading_ = false;
};

class LunsPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit LunsPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;

 private:
  void readBack();
  LunWizard* wizard_;
  QTableWidget* table_;
  ProblemLabel* problem_;
  bool loading_ = false;
};

class PreviewPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit PreviewPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;

 private:
  LunWizard* wizard_;
  QListWidget* list_;
  QLabel* status_;
  QProgressBar* busy_;
  bool ready_ = false;
  int generation_ = 0;
};

class ResultPage final : public QWizardPage {
  Q_OBJECT
 public:
  explicit ResultPage(LunWizard* wizard);
  void initializePage() override;
  bool isComplete() const override;
  bool succeeded() const { return ok_; }

 private:
  LunWizard* wizard_;
  QLabel* result_;
  QProgressBar* busy_;
  bool done_ = false;
  bool ok_ = false;
};

/// The LUN mapping wizard: target port(s), backstore(s), initiators, LUN numbers and
/// read-only, the exact plan, Apply, the result.
class LunWizard final : public QWizard {
  Q_OBJECT
 public:
  enum PageId { Targets, Backstores, Initiators, Luns, Preview, Result };

  LunWizard(WizardContext context, WizardBackend* backend, QWidget* parent = nullptr);

  const WizardContext& context() const { return context_; }
  WizardBackend* backend() const { return backend_; }
  WizardChoices& choices() { return choices_; }
  const WizardChoices& choices() const { return choices_; }
  /// Presets every page (used by tests, screenshots and the end-to-end run).
  void setChoices(WizardChoices choices) { choices_ = std::move(choices); }
  /// The plan of the current choices (checks them first).
  WizardPlan plan() const { return wizard_plan(context_.config, context_.ports, choices_); }
  /// The preview lines the Preview page shows (from the core), once it has them.
  QStringList shownPlan() const { return shown_plan_; }
  void setShownPlan(QStringList lines) { shown_plan_ = std::move(lines); }
  /// True while closing would lose choices: some are made and Apply has not run.
  bool hasUnappliedChoices() const;
  /// Asks before Escape or Cancel loses the choices: true to close. A QMessageBox by
  /// default; tests replace it.
  void setConfirmClose(std::function<bool()> fn) { confirm_close_ = std::move(fn); }
  /// Escape, Cancel and the close button: asks first when choices would be lost.
  void reject() override;

 signals:
  /// Emitted when Apply finished; `ok` false with the cause otherwise.
  void applied(bool ok, const QString& message);

 private:
  WizardContext context_;
  WizardBackend* backend_;
  WizardChoices choices_;
  QStringList shown_plan_;
  std::function<bool()> confirm_close_;
};

}  // namespace qlat::admin
