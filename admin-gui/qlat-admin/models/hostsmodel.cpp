#include "models/hostsmodel.h"

#include <map>
#include <set>

#include <QStringList>

#include "models/roles.h"
#include "qlat/wwn.h"
#include "qstring.h"

namespace qlat::admin {

namespace {

constexpr quintptr kGroupRow = 0;  ///< internalId of a group row; a host's is its group + 1

QString hosts_port_list(const std::vector<std::string>& ports) {
  QStringList out;
  for (const auto& p : ports) {
    out << q(display_wwn(p));
  }
  return out.join(QStringLiteral(", "));
}

}  // namespace

void HostsModel::setAliases(const Aliases& aliases) {
  if (aliases == aliases_) {
    return;
  }
  beginResetModel();
  aliases_ = aliases;
  endResetModel();
}

void HostsModel::setState(const Config& config, const std::vector<Session>& sessions) {
  // wwpn -> port -> view; wwpn -> its ACL tags (any port)
  std::map<std::string, std::map<std::string, PortView>> seen;
  std::map<std::string, std::set<std::string>> tags;
  for (const auto& t : config.targets) {
    if (t.fabric != kFcFabric || t.tpgs.empty()) {
      continue;
    }
    for (const auto& acl : t.tpgs.front().node_acls) {
      auto& v = seen[acl.node_wwn][t.wwn];
      v.port = t.wwn;
      v.has_acl = true;
      v.luns = acl.mapped_luns;
      tags[acl.node_wwn];
      if (!acl.group().empty()) {
        tags[acl.node_wwn].insert(acl.group());
      }
    }
  }
  for (const auto& s : sessions) {
    auto& v = seen[s.initiator_wwpn][s.port_wwpn];
    v.port = s.port_wwpn;
    v.logged_in = true;
  }
  auto make_host = [&](const std::string& wwpn) {
    Host h{wwpn, {}};
    for (const auto& [port, view] : seen[wwpn]) {
      h.ports.push_back(view);
    }
    return h;
  };
  std::vector<Group> groups;
  for (const auto& g : config.all_groups()) {
    Group group{g, {}};
    for (const auto& w : config.group_member_wwpns(g)) {
      group.hosts.push_back(make_host(w));
    }
    groups.push_back(std::move(group));
  }
  Group rest{"", {}};
  for (const auto& [wwpn, ports] : seen) {
    if (tags[wwpn].empty()) {
      rest.hosts.push_back(make_host(wwpn));
    }
  }
  if (!rest.hosts.empty()) {
    groups.push_back(std::move(rest));
  }
  beginResetModel();
  groups_ = std::move(groups);
  endResetModel();
}

QString HostsModel::lunsText(const Host& host) {
  QStringList parts;
  for (const auto& v : host.ports) {
    if (!v.has_acl) {
      parts << tr("none via %1 (no ACL)").arg(q(display_wwn(v.port)));
      continue;
    }
    QStringList luns;
    for (const auto& m : v.luns) {
      luns << (m.write_protect ? tr("%1 (RO)").arg(m.index) : QString::number(m.index));
    }
    parts << tr("%1 via %2")
                 .arg(luns.isEmpty() ? tr("none") : luns.join(QStringLiteral(", ")),
                      q(display_wwn(v.port)));
  }
  return parts.join(QStringLiteral("; "));
}

const HostsModel::Host* HostsModel::host(const QModelIndex& index) const {
  if (!index.isValid() || index.internalId() == kGroupRow) {
    return nullptr;
  }
  const auto g = static_cast<std::size_t>(index.internalId() - 1);
  const auto r = static_cast<std::size_t>(index.row());
  return g < groups_.size() && r < groups_[g].hosts.size() ? &groups_[g].hosts[r] : nullptr;
}

QModelIndex HostsModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) {
    return {};
  }
  if (!parent.isValid()) {
    return createIndex(row, column, kGroupRow);
  }
  return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex HostsModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == kGroupRow) {
    return {};
  }
  return createIndex(static_cast<int>(child.internalId() - 1), 0, kGroupRow);
}

int HostsModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) {
    return static_cast<int>(groups_.size());
  }
  if (parent.column() != 0 || parent.internalId() != kGroupRow) {
    return 0;
  }
  return static_cast<int>(groups_[static_cast<std::size_t>(parent.row())].hosts.size());
}

int HostsModel::columnCount(const QModelIndex& /*parent*/) const {
  return ColumnCount;
}

QVariant HostsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) {
    return {};
  }
  if (index.internalId() == kGroupRow) {
    const auto& g = groups_[static_cast<std::size_t>(index.row())];
    std::set<std::string> ports;
    int logged_in = 0;
    for (const auto& h : g.hosts) {
      bool any = false;
      for (const auto& v : h.ports) {
        ports.insert(v.port);
        any = any || v.logged_in;
      }
      logged_in += any ? 1 : 0;
    }
    const auto members = static_cast<int>(g.hosts.size());
    switch (role) {
      case Qt::DisplayRole:
        switch (index.column()) {
          case Name:
            return g.name.empty() ? tr("Without a group") : tr("Group %1").arg(q(g.name));
          case LoggedIn:
            return tr("%1 of %n member(s) logged in", nullptr, members).arg(logged_in);
          case Luns:
            return tr("ports: %1").arg(hosts_port_list({ports.begin(), ports.end()}));
          default:
            return {};
        }
      case KindRole:
        return QStringLiteral("group");
      case KeyRole:
        return q(g.name);
      case AttributesRole:
        return QVariantMap{{QStringLiteral("group"), q(g.name)},
                           {QStringLiteral("members"), members},
                           {QStringLiteral("logged_in"), logged_in}};
      default:
        return {};
    }
  }
  const Host* h = host(index);
  if (h == nullptr) {
    return {};
  }
  std::vector<std::string> logged;
  for (const auto& v : h->ports) {
    if (v.logged_in) {
      logged.push_back(v.port);
    }
  }
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Name:
          return q(with_alias(h->wwpn, aliases_));
        case LoggedIn:
          return logged.empty() ? tr("not logged in") : hosts_port_list(logged);
        case Luns:
          return lunsText(*h);
        default:
          return {};
      }
    case KindRole:
      return QStringLiteral("host");
    case KeyRole:
      return q(h->wwpn);
    case AttributesRole:
      return QVariantMap{{QStringLiteral("initiator"), q(h->wwpn)},
                         {QStringLiteral("logged_in_to"), hosts_port_list(logged)},
                         {QStringLiteral("luns"), lunsText(*h)}};
    default:
      return {};
  }
}

QVariant HostsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) {
    return {};
  }
  switch (section) {
    case Name:
      return tr("Group / initiator");
    case LoggedIn:
      return tr("Logged in to");
    case Luns:
      return tr("LUNs it sees (RO: read-only), by port");
    default:
      return {};
  }
}

}  // namespace qlat::admin
