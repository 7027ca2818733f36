#pragma once

#include <QDialog>

#include "connection/endpoint.h"

class QButtonGroup;
class QLineEdit;
class QListWidget;
class QRadioButton;
class QLabel;
class QDialogButtonBox;

namespace qlat::admin {

/// Choose where qlatctl serve runs: this machine (pkexec) or another one over ssh; recent
/// connections from QSettings.
class ConnectDialog final : public QDialog {
  Q_OBJECT
 public:
  explicit ConnectDialog(const QList<Endpoint>& recent, QWidget* parent = nullptr);
  Endpoint endpoint() const;
  void setEndpoint(const Endpoint& e);

 private:
  void update();
  QRadioButton* local_;
  QRadioButton* ssh_;
  QLineEdit* host_;
  QLineEdit* user_;
  QLineEdit* qlatctl_;
  QListWidget* recent_;
  QLabel* command_;
  QLabel* problem_;
  QDialogButtonBox* buttons_;
  QList<Endpoint> recent_endpoints_;
};

}  // namespace qlat::admin
