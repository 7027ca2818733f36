#pragma once

#include <QAbstractTableModel>

#include "qlat/model.h"

namespace qlat::admin {

/// The storage objects of the desired tree, and how many LUNs export each.
class BackstoresModel final : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Type, Device, Size, UsedBy, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setConfig(const Config& config);
  const StorageObject* storageObject(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  /// "1 GiB", "512 MiB", "100 B".
  static QString sizeText(std::uint64_t bytes);

 private:
  int usedBy(const std::string& path) const;
  Config config_;
};

}  // namespace qlat::admin
