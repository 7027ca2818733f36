#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "qlat/model.h"
#include "state/aliases.h"
#include "state/live.h"

namespace qlat::admin {

/// Logged-in initiators per port, titled by initiator: whether an ACL (in the desired tree)
/// allows each and how many LUNs it sees through the port.
class SessionsModel final : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Initiator, Alias, Port, NportId, Acl, Luns, ColumnCount };
  /// Qt::UserRole-based role: bool, true when an ACL allows the session's initiator.
  static constexpr int AllowedRole = Qt::UserRole + 100;
  using QAbstractTableModel::QAbstractTableModel;

  void setSessions(std::vector<Session> sessions);
  /// The tree that decides the ACL column (live + pending edits).
  void setConfig(const Config& config);
  /// The names shown in the Alias column (the admin's alias, else the ACL's group).
  void setAliases(const Aliases& aliases);
  const Session* session(int row) const;
  bool allowed(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  std::vector<Session> sessions_;
  Config config_;
  Aliases aliases_;
};

}  // namespace qlat::admin
