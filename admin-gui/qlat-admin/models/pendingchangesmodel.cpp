#include "models/pendingchangesmodel.h"

#include "models/roles.h"

namespace qlat::admin {

void PendingChangesModel::append(const std::vector<Change>& changes) {
  if (changes.empty()) {
    return;
  }
  const int first = rowCount();
  beginInsertRows({}, first, first + static_cast<int>(changes.size()) - 1);
  changes_.insert(changes_.end(), changes.begin(), changes.end());
  endInsertRows();
}

void PendingChangesModel::clear() {
  if (changes_.empty()) {
    return;
  }
  beginRemoveRows({}, 0, rowCount() - 1);
  changes_.clear();
  endRemoveRows();
}

void PendingChangesModel::removeLast() {
  if (changes_.empty()) {
    return;
  }
  beginRemoveRows({}, rowCount() - 1, rowCount() - 1);
  changes_.pop_back();
  endRemoveRows();
}

int PendingChangesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(changes_.size());
}

QVariant PendingChangesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() != 0) {
    return {};
  }
  const Change& c = changes_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      return QStringLiteral("%1. %2").arg(index.row() + 1).arg(QString::fromStdString(preview(c)));
    case Qt::ToolTipRole:
      return QString::fromStdString(preview(c));
    case KindRole:
      return QStringLiteral("change");
    default:
      return {};
  }
}

}  // namespace qlat::admin
