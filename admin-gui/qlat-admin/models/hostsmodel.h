#pragma once

#include <string>
#include <vector>

#include <QAbstractItemModel>

#include "qlat/model.h"
#include "state/aliases.h"
#include "state/live.h"

namespace qlat::admin {

/// Initiator groups across ports, and each host (initiator WWPN) in them:
///   group > member: the ports it is logged in to now, the LUNs it sees on each port
///   "Without a group" > every other initiator with an ACL or a login
/// A group spans the qla2xxx targets: its members are the initiators whose ACL on any port
/// is tagged with it. A member row is the per-host view: "sees LUNs 0, 1 (RO) through
/// ports p, q". Read-only: edits go through the wizard and the Targets tab.
class HostsModel final : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { Name, LoggedIn, Luns, ColumnCount };
  using QAbstractItemModel::QAbstractItemModel;

  /// The tree (live + pending edits) and the logins; rebuilds the rows.
  void setState(const Config& config, const std::vector<Session>& sessions);
  /// The admin's aliases, shown beside the WWPNs (a reset: the rows are rebuilt).
  void setAliases(const Aliases& aliases);

  /// What an initiator sees through one port: its mapped LUNs there.
  struct PortView {
    std::string port;
    std::vector<MappedLun> luns;
    bool logged_in = false;
    bool has_acl = false;
  };
  struct Host {
    std::string wwpn;
    std::vector<PortView> ports;  ///< every port it has an ACL on or is logged in to
  };
  struct Group {
    std::string name;  ///< empty: the initiators without a group
    std::vector<Host> hosts;
  };
  const std::vector<Group>& groups() const { return groups_; }
  /// The LUNs column's text for `host`: "0, 1 (RO) via 21:00:...:01; 0 via ...".
  static QString lunsText(const Host& host);

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  const Host* host(const QModelIndex& index) const;
  std::vector<Group> groups_;
  Aliases aliases_;
};

}  // namespace qlat::admin
