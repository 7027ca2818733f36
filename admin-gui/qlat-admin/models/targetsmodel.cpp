#include "models/targetsmodel.h"

#include <algorithm>
#include <array>

#include "models/roles.h"
#include "qlat/wwn.h"
#include "qstring.h"

namespace qlat::admin {

int TargetsModel::addNode(Node n) {
  const int id = static_cast<int>(nodes_.size());
  if (n.parent < 0) {
    n.row = static_cast<int>(top_.size());
    top_.push_back(id);
  } else {
    auto& siblings = nodes_[static_cast<std::size_t>(n.parent)].children;
    n.row = static_cast<int>(siblings.size());
    siblings.push_back(id);
  }
  nodes_.push_back(std::move(n));
  return id;
}

void TargetsModel::setAliases(const Aliases& aliases) {
  if (aliases == aliases_) {
    return;
  }
  beginResetModel();
  aliases_ = aliases;
  endResetModel();
}

void TargetsModel::setSummary(const std::vector<TargetSummary>& summary) {
  beginResetModel();
  summary_ = summary;
  config_ = {};
  for (const auto& t : summary_) {
    Target target;
    target.fabric = t.fabric;
    target.wwn = t.wwn;
    for (const auto& g : t.tpgs) {
      Tpg tpg;
      tpg.tag = g.tag;
      tpg.enable = g.enable;
      target.tpgs.push_back(std::move(tpg));
    }
    config_.targets.push_back(std::move(target));
  }
  rebuild();
  endResetModel();
}

void TargetsModel::setConfig(const Config& config) {
  beginResetModel();
  summary_.clear();
  config_ = config;
  // LUNs and mapped LUNs in number order (configfs lists the newest first).
  for (auto& t : config_.targets) {
    for (auto& g : t.tpgs) {
      std::stable_sort(g.luns.begin(), g.luns.end(),
                       [](const Lun& a, const Lun& b) { return a.index < b.index; });
      for (auto& acl : g.node_acls) {
        std::stable_sort(acl.mapped_luns.begin(), acl.mapped_luns.end(),
                         [](const MappedLun& a, const MappedLun& b) { return a.index < b.index; });
      }
    }
  }
  rebuild();
  endResetModel();
}

void TargetsModel::rebuild() {
  nodes_.clear();
  top_.clear();
  for (std::size_t t = 0; t < config_.targets.size(); ++t) {
    const int target = addNode({NodeKind::Target, -1, 0, {}, t});
    const auto& tpgs = config_.targets[t].tpgs;
    for (std::size_t g = 0; g < tpgs.size(); ++g) {
      const int tpg = addNode({NodeKind::Tpg, target, 0, {}, t, g});
      const int luns = addNode({NodeKind::LunFolder, tpg, 0, {}, t, g});
      for (std::size_t l = 0; l < tpgs[g].luns.size(); ++l) {
        addNode({NodeKind::Lun, luns, 0, {}, t, g, l});
      }
      const int acls = addNode({NodeKind::AclFolder, tpg, 0, {}, t, g});
      for (std::size_t a = 0; a < tpgs[g].node_acls.size(); ++a) {
        const int acl = addNode({NodeKind::Acl, acls, 0, {}, t, g, a});
        for (std::size_t m = 0; m < tpgs[g].node_acls[a].mapped_luns.size(); ++m) {
          addNode({NodeKind::MappedLun, acl, 0, {}, t, g, a, m});
        }
      }
    }
  }
}

const TargetsModel::Node* TargetsModel::node(const QModelIndex& index) const {
  if (!index.isValid() || index.model() != this) {
    return nullptr;
  }
  const auto id = static_cast<std::size_t>(index.internalId());
  return id < nodes_.size() ? &nodes_[id] : nullptr;
}

TargetsModel::NodeKind TargetsModel::kind(const QModelIndex& index) const {
  const Node* n = node(index);
  return n != nullptr ? n->kind : NodeKind::Target;
}

QModelIndex TargetsModel::index(int row, int column, const QModelIndex& parent) const {
  if (row < 0 || column < 0 || column >= ColumnCount) {
    return {};
  }
  const std::vector<int>* children = &top_;
  if (parent.isValid()) {
    const Node* p = node(parent);
    if (p == nullptr || parent.column() != 0) {
      return {};
    }
    children = &p->children;
  }
  if (row >= static_cast<int>(children->size())) {
    return {};
  }
  return createIndex(row, column, quintptr((*children)[static_cast<std::size_t>(row)]));
}

QModelIndex TargetsModel::parent(const QModelIndex& child) const {
  const Node* n = node(child);
  if (n == nullptr || n->parent < 0) {
    return {};
  }
  const Node& p = nodes_[static_cast<std::size_t>(n->parent)];
  return createIndex(p.row, 0, quintptr(n->parent));
}

int TargetsModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) {
    return static_cast<int>(top_.size());
  }
  const Node* p = node(parent);
  return p != nullptr && parent.column() == 0 ? static_cast<int>(p->children.size()) : 0;
}

int TargetsModel::columnCount(const QModelIndex& /*parent*/) const {
  return ColumnCount;
}

QVariant TargetsModel::data(const QModelIndex& index, int role) const {
  const Node* n = node(index);
  if (n == nullptr) {
    return {};
  }
  const Target& t = config_.targets[n->target];
  const Tpg* tpg = n->kind == NodeKind::Target ? nullptr : &t.tpgs[n->tpg];
  const Lun* lun = n->kind == NodeKind::Lun ? &tpg->luns[n->item] : nullptr;
  const NodeAcl* acl = (n->kind == NodeKind::Acl || n->kind == NodeKind::MappedLun)
                           ? &tpg->node_acls[n->item]
                           : nullptr;
  const MappedLun* ml = n->kind == NodeKind::MappedLun ? &acl->mapped_luns[n->mapped] : nullptr;

  if (role == Qt::DisplayRole) {
    const bool name = index.column() == Name;
    switch (n->kind) {
      case NodeKind::Target:
        // A qla2xxx target is an FC port: named as the Ports tab and the ACLs name WWPNs.
        if (name) {
          return t.fabric == qlat::kFcFabric ? q(display_wwn(t.wwn)) : q(t.wwn);
        }
        return q(t.fabric);
      case NodeKind::Tpg:
        return name ? tr("TPG %1").arg(tpg->tag) : (tpg->enable ? tr("enabled") : tr("disabled"));
      case NodeKind::LunFolder:
        if (!summary_.empty() && !name) {
          return tr("%n LUN(s), reading...", nullptr,
                    static_cast<int>(summary_[n->target].tpgs[n->tpg].luns));
        }
        return name ? tr("LUNs") : tr("%n LUN(s)", nullptr, static_cast<int>(tpg->luns.size()));
      case NodeKind::AclFolder:
        if (!summary_.empty() && !name) {
          return tr("%n initiator(s), reading...", nullptr,
                    static_cast<int>(summary_[n->target].tpgs[n->tpg].acls));
        }
        return name ? tr("ACLs")
                    : tr("%n initiator(s)", nullptr, static_cast<int>(tpg->node_acls.size()));
      case NodeKind::Lun:
        return name ? tr("LUN %1").arg(lun->index) : q(lun->storage_object);
      case NodeKind::Acl:
        if (name) {
          return q(with_alias(acl->node_wwn, aliases_));
        }
        return acl->group().empty() ? tr("no group") : tr("group %1").arg(q(acl->group()));
      case NodeKind::MappedLun:
        if (name) {
          return tr("LUN %1").arg(ml->index);
        }
        return tr("TPG LUN %1%2")
            .arg(ml->tpg_lun)
            .arg(ml->write_protect ? tr(", read-only") : QString());
    }
    return {};
  }
  if (role == Qt::ToolTipRole && n->kind == NodeKind::Lun) {
    return q(lun->storage_object);
  }
  if (role == TargetRole) {
    return q(t.wwn);
  }
  if (role == FabricRole) {
    return q(t.fabric);
  }
  if (role == KindRole) {
    static constexpr std::array<const char*, 7> kKinds = {
        "target", "tpg", "lun_folder", "acl_folder", "lun", "acl", "mapped_lun"};
    return QString::fromLatin1(kKinds.at(static_cast<std::size_t>(n->kind)));
  }
  if (role == KeyRole) {
    switch (n->kind) {
      case NodeKind::Lun:
        return QString::number(lun->index);
      case NodeKind::Acl:
        return q(acl->node_wwn);
      case NodeKind::MappedLun:
        return q(acl->node_wwn) + QLatin1Char('/') + QString::number(ml->index);
      default:
        return q(t.wwn);
    }
  }
  if (role == AttributesRole) {
    QVariantMap m;
    switch (n->kind) {
      case NodeKind::Target:
        m = {{QStringLiteral("fabric"), q(t.fabric)}, {QStringLiteral("wwn"), q(t.wwn)}};
        break;
      case NodeKind::Tpg:
        m.insert(QStringLiteral("enable"), tpg->enable ? 1 : 0);
        for (const auto& [k, v] : tpg->attributes) {
          m.insert(q(k), q(qlat::attr_to_text(v)));
        }
        break;
      case NodeKind::Lun:
        m = {{QStringLiteral("index"), lun->index},
             {QStringLiteral("storage_object"), q(lun->storage_object)}};
        break;
      case NodeKind::Acl:
        m = {{QStringLiteral("node_wwn"), q(acl->node_wwn)},
             {QStringLiteral("tag"), q(acl->group())},
             {QStringLiteral("mapped_luns"), static_cast<int>(acl->mapped_luns.size())}};
        break;
      case NodeKind::MappedLun:
        m = {{QStringLiteral("index"), ml->index},
             {QStringLiteral("tpg_lun"), ml->tpg_lun},
             {QStringLiteral("write_protect"), ml->write_protect ? 1 : 0}};
        break;
      default:
        break;
    }
    return m;
  }
  return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) {
    return {};
  }
  return section == Name ? tr("Object") : section == Details ? tr("Details") : QVariant();
}

}  // namespace qlat::admin
