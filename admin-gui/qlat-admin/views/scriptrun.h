#pragma once

#include <optional>
#include <string>

#include <QObject>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include "wizard/validation.h"

namespace qlat::admin {

class MainWindow;

/// A wizard script (`qlat-admin --script FILE`): the choices of the LUN mapping wizard as
/// JSON, and whether each initiator must be logged in. Keys: "targets", "existing_backstores",
/// "new_backstores" ([{"plugin", "name", "dev", "size"}]), "initiators", "groups",
/// "new_group", optional "luns" ([{"storage_object", "lun", "read_only"}]) and
/// "require_logged_in" (bool). WWPNs in any usual spelling.
struct WizardScript {
  WizardChoices choices;
  bool require_logged_in = false;
};
std::optional<WizardScript> parse_wizard_script(const nlohmann::json& j, std::string* error);

/// Drives the main window and the wizard the way a person would, with no input: waits for
/// the connection's first refresh, shows each wizard page until it is complete (the plan
/// from qlatctl on the preview page, the outcome of Apply on the result page), presses
/// Next, and writes a screenshot of the main window and of every page into `shots_dir`
/// when not empty. finished(ok) when done; the log lines go to stdout.
class ScriptRunner final : public QObject {
  Q_OBJECT
 public:
  ScriptRunner(MainWindow* window, WizardScript script, QString shots_dir, int timeout_ms = 120000,
               QObject* parent = nullptr);
  /// Starts; the window should be connecting (or on fixture data).
  void start();
  QStringList screenshots() const { return shots_; }
  QStringList log() const { return log_; }

 signals:
  void finished(bool ok);

 private:
  enum class Step { Connecting, Wizard, Refreshing, Done };
  void onRefreshed(bool ok);
  void tick();
  void fail(const QString& why);
  void succeed();
  void finishAfterApply();
  bool shoot(QWidget* w, const QString& name);
  void say(const QString& line);

  MainWindow* window_;
  WizardScript script_;
  QString shots_dir_;
  int timeout_ms_;
  Step step_ = Step::Connecting;
  int page_waited_ms_ = 0;
  int total_ms_ = 0;
  int last_page_ = -1;
  bool applied_ = false;
  bool refreshed_after_apply_ = false;
  QString applied_message_;
  QStringList shots_;
  QStringList log_;
};

}  // namespace qlat::admin
