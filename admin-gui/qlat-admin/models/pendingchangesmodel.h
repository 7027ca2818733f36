#pragma once

#include <vector>

#include <QAbstractListModel>
#include <QStringList>

#include "state/changes.h"

namespace qlat::admin {

/// The pending edits, in order, each shown by its preview. Applied or discarded as a whole.
class PendingChangesModel final : public QAbstractListModel {
  Q_OBJECT
 public:
  using QAbstractListModel::QAbstractListModel;

  void append(const std::vector<Change>& changes);
  void clear();
  /// Removes the last change (undo of the latest edit).
  void removeLast();
  const std::vector<Change>& changes() const { return changes_; }
  bool isEmpty() const { return changes_.empty(); }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 private:
  std::vector<Change> changes_;
};

}  // namespace qlat::admin
