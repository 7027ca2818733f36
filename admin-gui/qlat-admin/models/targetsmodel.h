#pragma once

#include <vector>

#include <QAbstractItemModel>

#include "qlat/model.h"
#include "qlat/reader.h"
#include "state/aliases.h"

namespace qlat::admin {

/// The targets of the desired tree as a tree:
///   target (fabric, WWN) > TPG > "LUNs" > LUN (backstore)
///                              > "ACLs" > ACL (initiator, group) > mapped LUN (read-only)
class TargetsModel final : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { Name, Details, ColumnCount };
  enum class NodeKind { Target, Tpg, LunFolder, AclFolder, Lun, Acl, MappedLun };
  using QAbstractItemModel::QAbstractItemModel;

  void setConfig(const Config& config);
  /// Before the tree is read: the targets and their TPGs from list_targets, the LUN and
  /// ACL folders showing how many there are while the rest is read. setConfig replaces it.
  void setSummary(const std::vector<TargetSummary>& summary);
  /// True while the model shows a summary, not a tree.
  bool loading() const { return !summary_.empty(); }
  /// The admin's aliases, shown beside the WWPNs (a reset: the rows are rebuilt).
  void setAliases(const Aliases& aliases);
  const Config& config() const { return config_; }
  NodeKind kind(const QModelIndex& index) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  struct Node {
    NodeKind kind = NodeKind::Target;
    int parent = -1;  ///< index into nodes_, -1 for top level
    int row = 0;      ///< row under its parent
    std::vector<int> children;
    std::size_t target = 0, tpg = 0, item = 0, mapped = 0;  ///< indexes into config_
  };
  int addNode(Node node);
  const Node* node(const QModelIndex& index) const;

  Config config_;
  std::vector<Node> nodes_;
  std::vector<int> top_;
  Aliases aliases_;
  std::vector<TargetSummary> summary_;  ///< while loading: the counts, by target and TPG
  void rebuild();
};

}  // namespace qlat::admin
