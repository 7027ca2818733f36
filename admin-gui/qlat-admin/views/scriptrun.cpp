#include "views/scriptrun.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include "qlat/wwn.h"
#include "qstring.h"
#include "views/mainwindow.h"

namespace qlat::admin {

namespace {

constexpr int kTickMs = 100;

const char* pageName(int id) {
  switch (id) {
    case LunWizard::Targets:
      return "1-targets";
    case LunWizard::Backstores:
      return "2-backstores";
    case LunWizard::Initiators:
      return "3-initiators";
    case LunWizard::Luns:
      return "4-luns";
    case LunWizard::Preview:
      return "5-preview";
    case LunWizard::Result:
      return "6-result";
    default:
      return "unknown";
  }
}

}  // namespace

std::optional<WizardScript> parse_wizard_script(const nlohmann::json& j, std::string* error) {
  auto wwpns = [&](const char* key, std::vector<std::string>& out) {
    for (const auto& w : j.value(key, nlohmann::json::array())) {
      const auto c = Wwn::parse(w.get<std::string>(), {Wwn::Type::naa});
      if (!c) {
        throw std::runtime_error(std::string(key) + ": '" + w.get<std::string>() +
                                 "' is not a WWPN");
      }
      out.push_back(c->str());
    }
  };
  try {
    if (!j.is_object()) {
      throw std::runtime_error("a wizard script is a JSON object");
    }
    WizardScript s;
    wwpns("targets", s.choices.targets);
    wwpns("initiators", s.choices.initiators);
    s.choices.existing_backstores = j.value("existing_backstores", std::vector<std::string>());
    for (const auto& b : j.value("new_backstores", nlohmann::json::array())) {
      s.choices.new_backstores.push_back(
          {b.at("plugin").get<std::string>(), b.at("name").get<std::string>(),
           b.value("dev", std::string()), b.value("size", std::uint64_t{0})});
    }
    s.choices.groups = j.value("groups", std::vector<std::string>());
    s.choices.new_group = j.value("new_group", std::string());
    for (const auto& l : j.value("luns", nlohmann::json::array())) {
      s.choices.luns.push_back({l.at("storage_object").get<std::string>(),
                                l.at("lun").get<std::uint32_t>(), l.value("read_only", false)});
    }
    s.require_logged_in = j.value("require_logged_in", false);
    return s;
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = e.what();
    }
    return std::nullopt;
  }
}

ScriptRunner::ScriptRunner(MainWindow* window, WizardScript script, QString shots_dir,
                           int timeout_ms, QObject* parent)
    : QObject(parent),
      window_(window),
      script_(std::move(script)),
      shots_dir_(std::move(shots_dir)),
      timeout_ms_(timeout_ms) {}

void ScriptRunner::say(const QString& line) {
  log_ << line;
  std::printf("qlat-admin script: %s\n", qPrintable(line));
  std::fflush(stdout);
}

void ScriptRunner::start() {
  if (!shots_dir_.isEmpty() && !QDir().mkpath(shots_dir_)) {
    QTimer::singleShot(0, this, [this] { fail(tr("cannot create %1").arg(shots_dir_)); });
    return;
  }
  connect(window_, &MainWindow::refreshed, this, &ScriptRunner::onRefreshed);
  connect(window_, &MainWindow::errorShown, this,
          [this](const QString& message) { say(tr("error shown: %1").arg(message)); });
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &ScriptRunner::tick);
  timer->start(kTickMs);
  say(tr("waiting for the connection"));
}

bool ScriptRunner::shoot(QWidget* w, const QString& name) {
  if (shots_dir_.isEmpty()) {
    return true;
  }
  for (int i = 0; i < 5; ++i) {
    QCoreApplication::processEvents();
  }
  const QString path = shots_dir_ + QLatin1Char('/') + name + QStringLiteral(".png");
  if (!w->grab().save(path)) {
    fail(tr("cannot write %1").arg(path));
    return false;
  }
  shots_ << path;
  say(tr("screenshot %1").arg(path));
  return true;
}

void ScriptRunner::onRefreshed(bool ok) {
  if (step_ == Step::Connecting) {
    if (!ok) {
      fail(tr("reading the configuration failed: %1").arg(window_->bannerText()));
      return;
    }
    const auto& live = window_->live();
    say(tr("connected: %1 port(s), %2 logged-in initiator(s)")
            .arg(live.ports.size())
            .arg(live.sessions.size()));
    if (script_.require_logged_in) {
      for (const auto& ini : script_.choices.initiators) {
        bool found = false;
        for (const auto& s : live.sessions) {
          found =
              found || (s.initiator_wwpn == ini &&
                        std::find(script_.choices.targets.begin(), script_.choices.targets.end(),
                                  s.port_wwpn) != script_.choices.targets.end());
        }
        if (!found) {
          fail(tr("initiator %1 is not logged in to the chosen target port(s)").arg(q(ini)));
          return;
        }
      }
    }
    window_->tabs()->setCurrentIndex(0);
    if (!shoot(window_, QStringLiteral("main-window"))) {
      return;
    }
    LunWizard* wizard = window_->openWizard();
    wizard->setChoices(script_.choices);
    wizard->restart();
    connect(wizard, &LunWizard::applied, this, [this](bool applied_ok, const QString& message) {
      applied_ = applied_ok;
      applied_message_ = message;
    });
    step_ = Step::Wizard;
  } else if (applied_ && !ok) {
    fail(tr("re-reading the configuration after Apply failed"));
  } else if (applied_) {
    refreshed_after_apply_ = true;
    if (step_ == Step::Refreshing) {
      finishAfterApply();
    }
  }
}

void ScriptRunner::finishAfterApply() {
  window_->tabs()->setCurrentIndex(2);
  if (shoot(window_, QStringLiteral("main-window-after"))) {
    succeed();
  }
}

void ScriptRunner::tick() {
  if (step_ == Step::Done) {
    return;
  }
  total_ms_ += kTickMs;
  if (total_ms_ > timeout_ms_) {
    fail(tr("timed out after %1 s").arg(timeout_ms_ / 1000));
    return;
  }
  if (step_ != Step::Wizard) {
    return;
  }
  auto* wizard = window_->findChild<LunWizard*>();
  if (wizard == nullptr || wizard->currentPage() == nullptr) {
    fail(tr("the wizard closed"));
    return;
  }
  const int id = wizard->currentId();
  if (id != last_page_) {
    last_page_ = id;
    page_waited_ms_ = 0;
  }
  page_waited_ms_ += kTickMs;
  if (!wizard->currentPage()->isComplete()) {
    // Pages other than preview and result are complete at once or never (a bad choice).
    if (id != LunWizard::Preview && id != LunWizard::Result && page_waited_ms_ > 2000) {
      const auto p = wizard->plan().problem;
      fail(tr("page %1 does not accept the choices: %2")
               .arg(QLatin1String(pageName(id)), p ? q(*p) : tr("(no reason given)")));
    }
    return;
  }
  if (!shoot(wizard, QStringLiteral("wizard-%1").arg(QLatin1String(pageName(id))))) {
    return;
  }
  if (id == LunWizard::Preview) {
    say(tr("plan (%1 operations):").arg(wizard->shownPlan().size()));
    for (const QString& l : wizard->shownPlan()) {
      say(QStringLiteral("  ") + l);
    }
  }
  if (id == LunWizard::Result) {
    if (!applied_) {
      fail(tr("Apply failed: %1").arg(applied_message_));
      return;
    }
    say(tr("applied: %1").arg(applied_message_));
    step_ = Step::Refreshing;
    wizard->accept();
    if (refreshed_after_apply_) {
      finishAfterApply();
    }
    return;
  }
  wizard->next();
}

void ScriptRunner::fail(const QString& why) {
  if (step_ == Step::Done) {
    return;
  }
  step_ = Step::Done;
  say(tr("FAILED: %1").arg(why));
  emit finished(false);
}

void ScriptRunner::succeed() {
  step_ = Step::Done;
  say(tr("done"));
  emit finished(true);
}

}  // namespace qlat::admin
