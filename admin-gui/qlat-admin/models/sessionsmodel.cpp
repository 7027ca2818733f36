#include "models/sessionsmodel.h"

#include <QFont>

#include "models/roles.h"
#include "qlat/wwn.h"

namespace qlat::admin {

void SessionsModel::setSessions(std::vector<Session> sessions) {
  beginResetModel();
  sessions_ = std::move(sessions);
  endResetModel();
}

void SessionsModel::setConfig(const Config& config) {
  config_ = config;
  if (!sessions_.empty()) {
    emit dataChanged(index(0, Alias), index(rowCount() - 1, Luns));  // the tag is an alias
  }
}

void SessionsModel::setAliases(const Aliases& aliases) {
  aliases_ = aliases;
  if (!sessions_.empty()) {
    emit dataChanged(index(0, Alias), index(rowCount() - 1, Alias));
  }
}

const Session* SessionsModel::session(int row) const {
  return row >= 0 && row < rowCount() ? &sessions_[static_cast<std::size_t>(row)] : nullptr;
}

bool SessionsModel::allowed(int row) const {
  const Session* s = session(row);
  if (s == nullptr) {
    return false;
  }
  const Tpg* tpg = config_.fc_tpg(s->port_wwpn);
  return tpg != nullptr && tpg->find_acl(s->initiator_wwpn) != nullptr;
}

int SessionsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(sessions_.size());
}

int SessionsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex& index, int role) const {
  const Session* s = index.isValid() ? session(index.row()) : nullptr;
  if (s == nullptr) {
    return {};
  }
  const bool ok = allowed(index.row());
  QString group;
  int luns = 0;
  if (const Tpg* tpg = config_.fc_tpg(s->port_wwpn)) {
    if (const NodeAcl* acl = tpg->find_acl(s->initiator_wwpn)) {
      group = QString::fromStdString(acl->group());
      luns = static_cast<int>(acl->mapped_luns.size());
    }
  }
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Port:
          return QString::fromStdString(display_wwn(s->port_wwpn));
        case Initiator:
          return QString::fromStdString(display_wwn(s->initiator_wwpn));
        case Alias:
          return QString::fromStdString(aliases_.of(s->initiator_wwpn, config_));
        case NportId:
          return QString::fromStdString(s->nport_id);
        case Acl:
          if (!ok) {
            return tr("no ACL: sees no LUNs");
          }
          return group.isEmpty() ? tr("allowed") : tr("allowed (group %1)").arg(group);
        case Luns:
          return luns;
        default:
          return {};
      }
    case Qt::FontRole:
      if (index.column() == Acl && !ok) {
        // Bold, not a fixed colour: readable in light and dark themes.
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == Acl && !ok) {
        return tr("Select and press Allow to create an ACL for this initiator");
      }
      return {};
    case AllowedRole:
      return ok;
    case KindRole:
      return QStringLiteral("session");
    case KeyRole:
      return QString::fromStdString(s->initiator_wwpn);
    case TargetRole:
      return QString::fromStdString(s->port_wwpn);
    case AttributesRole:
      return QVariantMap{
          {QStringLiteral("initiator"), QString::fromStdString(s->initiator_wwpn)},
          {QStringLiteral("nport_id"), QString::fromStdString(s->nport_id)},
          {QStringLiteral("acl"),
           ok ? (group.isEmpty() ? tr("allowed") : tr("group %1").arg(group)) : tr("none")},
          {QStringLiteral("luns"), luns}};
    default:
      return {};
  }
}

QVariant SessionsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) {
    return {};
  }
  switch (section) {
    case Port:
      return tr("Port");
    case Initiator:
      return tr("Initiator WWPN");
    case Alias:
      return tr("Alias");
    case NportId:
      return tr("N_Port ID");
    case Acl:
      return tr("ACL");
    case Luns:
      return tr("LUNs");
    default:
      return {};
  }
}

}  // namespace qlat::admin
