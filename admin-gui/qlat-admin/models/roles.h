#pragma once

#include <Qt>

namespace qlat::admin {

/// Item data roles every qlat-admin model answers besides the Qt ones.
enum ModelRole : int {
  /// QString: what the item is ("port", "target", "tpg", "lun", "acl", "mapped_lun",
  /// "backstore:fileio", "session", "change", "group", "host") for the details pane.
  KindRole = Qt::UserRole + 1,
  /// QVariantMap: the item's attributes by name (for the details pane).
  AttributesRole,
  /// QString: the identifying key (port/initiator WWPN, backstore path, ...).
  KeyRole,
  /// QString: the target (port) WWPN the item belongs to, where it has one.
  TargetRole,
  /// QString: the fabric of the target the item belongs to ("qla2xxx", "iscsi", ...), where
  /// it has one; the details pane describes a TPG's attributes by it.
  FabricRole,
};

}  // namespace qlat::admin
