#pragma once

#include <QWidget>

class QLabel;
class QModelIndex;
class QTableWidget;

namespace qlat::admin {

/// The attributes of the selected object: value, type and range from the schema, and its
/// description as a tooltip.
class DetailsPane final : public QWidget {
  Q_OBJECT
 public:
  explicit DetailsPane(QWidget* parent = nullptr);
  /// Shows the object at `index` (any qlat-admin model; reads KindRole and AttributesRole).
  void showIndex(const QModelIndex& index);
  void clear();
  /// For tests: the rows shown, as "name=value".
  QStringList rows() const;

 private:
  QLabel* title_;
  QTableWidget* table_;
};

/// "Target port", "Initiator ACL", ... for a KindRole value.
QString kindTitle(const QString& kind);

}  // namespace qlat::admin
