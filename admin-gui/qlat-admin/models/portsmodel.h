#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "state/live.h"

namespace qlat::admin {

/// The local FC ports: WWPN, WWNN, role, link state, speed, target enabled.
class PortsModel final : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Wwpn, Wwnn, Role, Link, Speed, Target, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  /// Replaces the ports; rows whose WWPN stays in place are updated in place.
  void setPorts(std::vector<Port> ports);
  const std::vector<Port>& ports() const { return ports_; }
  const Port* port(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  std::vector<Port> ports_;
};

}  // namespace qlat::admin
