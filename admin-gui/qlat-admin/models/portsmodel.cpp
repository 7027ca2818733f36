#include "models/portsmodel.h"

#include <QFont>

#include "models/roles.h"
#include "qlat/wwn.h"

namespace qlat::admin {

void PortsModel::setPorts(std::vector<Port> ports) {
  const bool same_keys = ports.size() == ports_.size() &&
                         std::equal(ports.begin(), ports.end(), ports_.begin(),
                                    [](const Port& a, const Port& b) { return a.wwpn == b.wwpn; });
  if (same_keys) {
    ports_ = std::move(ports);
    if (!ports_.empty()) {
      emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    return;
  }
  beginResetModel();
  ports_ = std::move(ports);
  endResetModel();
}

const Port* PortsModel::port(int row) const {
  return row >= 0 && row < rowCount() ? &ports_[static_cast<std::size_t>(row)] : nullptr;
}

int PortsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(ports_.size());
}

int PortsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortsModel::data(const QModelIndex& index, int role) const {
  const Port* p = index.isValid() ? port(index.row()) : nullptr;
  if (p == nullptr) {
    return {};
  }
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Wwpn:
          return QString::fromStdString(display_wwn(p->wwpn));
        case Wwnn:
          return QString::fromStdString(display_wwn(p->wwnn));
        case Role:
          return QString::fromStdString(p->role);
        case Link:
          return QString::fromStdString(p->link_state);
        case Speed:
          return QString::fromStdString(p->speed);
        case Target:
          return p->target_enabled ? tr("enabled") : tr("disabled");
        default:
          return {};
      }
    case Qt::FontRole:
      if (index.column() == Link && p->link_state != "Online") {
        QFont f;  // bold, not a fixed colour: readable in any theme
        f.setBold(true);
        return f;
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == Target) {
        return tr("The qla2xxx target on this port (tpgt_1/enable)");
      }
      return {};
    case KindRole:
      return QStringLiteral("port");
    case KeyRole:
    case TargetRole:
      return QString::fromStdString(p->wwpn);
    case AttributesRole:
      return QVariantMap{{QStringLiteral("wwpn"), QString::fromStdString(p->wwpn)},
                         {QStringLiteral("wwnn"), QString::fromStdString(p->wwnn)},
                         {QStringLiteral("role"), QString::fromStdString(p->role)},
                         {QStringLiteral("link_state"), QString::fromStdString(p->link_state)},
                         {QStringLiteral("speed"), QString::fromStdString(p->speed)},
                         {QStringLiteral("target_enabled"), p->target_enabled ? 1 : 0}};
    default:
      return {};
  }
}

QVariant PortsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) {
    return {};
  }
  switch (section) {
    case Wwpn:
      return tr("WWPN");
    case Wwnn:
      return tr("WWNN");
    case Role:
      return tr("Role");
    case Link:
      return tr("Link");
    case Speed:
      return tr("Speed");
    case Target:
      return tr("Target");
    default:
      return {};
  }
}

}  // namespace qlat::admin
