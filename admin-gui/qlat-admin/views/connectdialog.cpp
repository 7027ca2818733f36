#include "views/connectdialog.h"

#include <unistd.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace qlat::admin {

ConnectDialog::ConnectDialog(const QList<Endpoint>& recent, QWidget* parent)
    : QDialog(parent),
      local_(new QRadioButton(tr("&This computer (authorize with pkexec)"))),
      ssh_(new QRadioButton(tr("&Another computer over ssh"))),
      host_(new QLineEdit),
      user_(new QLineEdit),
      qlatctl_(new QLineEdit(QStringLiteral("qlatctl"))),
      recent_(new QListWidget),
      command_(new QLabel),
      problem_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)),
      recent_endpoints_(recent) {
  setWindowTitle(tr("Connect to qlatctl"));
  host_->setPlaceholderText(tr("host name or address"));
  user_->setPlaceholderText(tr("default (sudo is used unless root)"));
  command_->setWordWrap(true);
  command_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = problem_->font();  // bold, not a fixed colour: readable in any theme
  bold.setBold(true);
  problem_->setFont(bold);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
  for (const Endpoint& e : recent) {
    recent_->addItem(e.displayName() + QStringLiteral("   ") + e.toUri());
  }
  auto* form = new QFormLayout;
  form->addRow(local_);
  form->addRow(ssh_);
  form->addRow(tr("&Host:"), host_);
  form->addRow(tr("&User:"), user_);
  form->addRow(tr("&qlatctl:"), qlatctl_);
  form->addRow(tr("Runs:"), command_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(new QLabel(tr("&Recent connections:")));
  layout->addWidget(recent_);
  layout->addWidget(problem_);
  layout->addWidget(buttons_);
  local_->setChecked(true);
  connect(local_, &QRadioButton::toggled, this, &ConnectDialog::update);
  connect(host_, &QLineEdit::textChanged, this, &ConnectDialog::update);
  connect(user_, &QLineEdit::textChanged, this, &ConnectDialog::update);
  connect(qlatctl_, &QLineEdit::textChanged, this, &ConnectDialog::update);
  connect(recent_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0 && row < recent_endpoints_.size()) {
      setEndpoint(recent_endpoints_[row]);
    }
  });
  connect(recent_, &QListWidget::itemActivated, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  update();
  resize(520, 420);
}

Endpoint ConnectDialog::endpoint() const {
  Endpoint e;
  e.kind = ssh_->isChecked() ? Endpoint::Kind::Ssh : Endpoint::Kind::Local;
  if (e.kind == Endpoint::Kind::Ssh) {
    e.host = host_->text().trimmed();
    e.user = user_->text().trimmed();
  }
  const QString path = qlatctl_->text().trimmed();
  e.qlatctl = path.isEmpty() ? QStringLiteral("qlatctl") : path;
  return e;
}

void ConnectDialog::setEndpoint(const Endpoint& e) {
  (e.kind == Endpoint::Kind::Ssh ? ssh_ : local_)->setChecked(true);
  host_->setText(e.host);
  user_->setText(e.user);
  qlatctl_->setText(e.qlatctl);
  update();
}

void ConnectDialog::update() {
  const bool ssh = ssh_->isChecked();
  host_->setEnabled(ssh);
  user_->setEnabled(ssh);
  const Endpoint e = endpoint();
  QString problem;
  if (ssh && e.host.isEmpty()) {
    problem = tr("Enter the host to connect to.");
  } else if (ssh && (e.host.startsWith(QLatin1Char('-')) || e.host.contains(QLatin1Char(' ')))) {
    problem = tr("'%1' is not a host name.").arg(e.host);
  }
  const Command cmd = serveCommand(e, ::geteuid(), QString());
  command_->setText((QStringList{cmd.program} + cmd.arguments).join(QLatin1Char(' ')));
  problem_->setText(problem);
  problem_->setVisible(!problem.isEmpty());
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

}  // namespace qlat::admin
