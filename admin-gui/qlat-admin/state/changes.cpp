#include "state/changes.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "qlat/schema.h"

namespace qlat::admin {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
// C++20 deduces this for an aggregate; clang 14 (clang-tidy's) does not yet.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string size_text(std::uint64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits = {"B", "KiB", "MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  while (unit + 1 < kUnits.size() && bytes >= 1024 && bytes % 1024 == 0) {
    bytes /= 1024;
    ++unit;
  }
  return std::to_string(bytes) + " " + kUnits[unit];
}

std::string no_target(const std::string& wwn) {
  return "no qla2xxx target on port " + wwn;
}

std::optional<std::string> apply_one(Config& c, const CreateBackstore& op) {
  StorageObject so;
  so.plugin = op.plugin;
  so.name = op.name;
  if (!op.dev.empty()) {
    so.dev = op.dev;
  }
  if (op.plugin != "block") {
    so.size = op.size;
  }
  if (c.find_storage_object(so.path()) != nullptr) {
    return "backstore " + so.path() + " already exists";
  }
  c.storage_objects.push_back(std::move(so));
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const CreateTarget& op) {
  if (c.find_target(kFcFabric, op.wwn) != nullptr) {
    return "a qla2xxx target on " + op.wwn + " already exists";
  }
  Target t;
  t.fabric = kFcFabric;
  t.wwn = op.wwn;
  Tpg tpg;
  tpg.attributes = {{"generate_node_acls", std::int64_t{0}},
                    {"cache_dynamic_acls", std::int64_t{1}},
                    {"demo_mode_write_protect", std::int64_t{1}},
                    {"prod_mode_write_protect", std::int64_t{0}},
                    {"demo_mode_login_only", std::int64_t{1}}};
  t.tpgs.push_back(std::move(tpg));
  c.targets.push_back(std::move(t));
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const CreateLun& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr) {
    return no_target(op.target);
  }
  if (tpg->find_lun(op.index) != nullptr) {
    return "LUN " + std::to_string(op.index) + " of " + op.target + " is already used";
  }
  if (c.find_storage_object(op.storage_object) == nullptr) {
    return "backstore " + op.storage_object + " does not exist";
  }
  Lun lun;
  lun.index = op.index;
  lun.storage_object = op.storage_object;
  tpg->luns.push_back(std::move(lun));
  std::sort(tpg->luns.begin(), tpg->luns.end(),
            [](const Lun& a, const Lun& b) { return a.index < b.index; });
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const CreateAcl& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr) {
    return no_target(op.target);
  }
  if (tpg->find_acl(op.initiator) != nullptr) {
    return "initiator " + op.initiator + " already has an ACL on " + op.target;
  }
  NodeAcl acl;
  acl.node_wwn = op.initiator;
  if (!op.group.empty()) {
    acl.tag = op.group;
  }
  tpg->node_acls.push_back(std::move(acl));
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const SetAclGroup& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  NodeAcl* acl = tpg != nullptr ? tpg->find_acl(op.initiator) : nullptr;
  if (acl == nullptr) {
    return "initiator " + op.initiator + " has no ACL on " + op.target;
  }
  acl->tag = op.group.empty() ? std::nullopt : std::optional<std::string>(op.group);
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const MapLun& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr) {
    return no_target(op.target);
  }
  NodeAcl* acl = tpg->find_acl(op.initiator);
  if (acl == nullptr) {
    return "initiator " + op.initiator + " has no ACL on " + op.target;
  }
  if (tpg->find_lun(op.tpg_lun) == nullptr) {
    return "LUN " + std::to_string(op.tpg_lun) + " does not exist on " + op.target;
  }
  if (acl->find_mapped(op.mapped_index) != nullptr) {
    return "initiator " + op.initiator + " already has a LUN " + std::to_string(op.mapped_index);
  }
  MappedLun m;
  m.index = op.mapped_index;
  m.tpg_lun = op.tpg_lun;
  m.write_protect = op.read_only;
  acl->mapped_luns.push_back(std::move(m));
  std::sort(acl->mapped_luns.begin(), acl->mapped_luns.end(),
            [](const MappedLun& a, const MappedLun& b) { return a.index < b.index; });
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const UnmapLun& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  NodeAcl* acl = tpg != nullptr ? tpg->find_acl(op.initiator) : nullptr;
  if (acl == nullptr || acl->find_mapped(op.mapped_index) == nullptr) {
    return "initiator " + op.initiator + " has no LUN " + std::to_string(op.mapped_index);
  }
  std::erase_if(acl->mapped_luns, [&](const MappedLun& m) { return m.index == op.mapped_index; });
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const DeleteAcl& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr || tpg->find_acl(op.initiator) == nullptr) {
    return "initiator " + op.initiator + " has no ACL on " + op.target;
  }
  std::erase_if(tpg->node_acls, [&](const NodeAcl& a) { return a.node_wwn == op.initiator; });
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const DeleteLun& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr || tpg->find_lun(op.index) == nullptr) {
    return "LUN " + std::to_string(op.index) + " does not exist on " + op.target;
  }
  std::erase_if(tpg->luns, [&](const Lun& l) { return l.index == op.index; });
  // LIO removes the mapped LUNs that point at a removed LUN; so does the desired tree.
  for (auto& acl : tpg->node_acls) {
    std::erase_if(acl.mapped_luns, [&](const MappedLun& m) { return m.tpg_lun == op.index; });
  }
  return std::nullopt;
}

MappedLun* find_mapped(Config& c, const std::string& target, const std::string& initiator,
                       std::uint32_t index) {
  Tpg* tpg = c.fc_tpg(target);
  NodeAcl* acl = tpg != nullptr ? tpg->find_acl(initiator) : nullptr;
  return acl != nullptr ? acl->find_mapped(index) : nullptr;
}

std::optional<std::string> apply_one(Config& c, const SetWriteProtect& op) {
  MappedLun* m = find_mapped(c, op.target, op.initiator, op.mapped_index);
  if (m == nullptr) {
    return "initiator " + op.initiator + " has no LUN " + std::to_string(op.mapped_index);
  }
  m->write_protect = op.read_only;
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const RenumberMappedLun& op) {
  if (find_mapped(c, op.target, op.initiator, op.from) == nullptr) {
    return "initiator " + op.initiator + " has no LUN " + std::to_string(op.from);
  }
  const auto max = static_cast<std::uint32_t>(Schema::builtin().mapped_lun_index_max());
  if (op.to > max) {
    return "LUN " + std::to_string(op.to) + " is out of range: an initiator's LUNs are 0.." +
           std::to_string(max);
  }
  if (op.to != op.from && find_mapped(c, op.target, op.initiator, op.to) != nullptr) {
    return "initiator " + op.initiator + " already has a LUN " + std::to_string(op.to);
  }
  NodeAcl* acl = c.fc_tpg(op.target)->find_acl(op.initiator);
  acl->find_mapped(op.from)->index = op.to;
  std::sort(acl->mapped_luns.begin(), acl->mapped_luns.end(),
            [](const MappedLun& a, const MappedLun& b) { return a.index < b.index; });
  return std::nullopt;
}

std::optional<std::string> apply_one(Config& c, const SetTpgAttribute& op) {
  Tpg* tpg = c.fc_tpg(op.target);
  if (tpg == nullptr) {
    return no_target(op.target);
  }
  const FabricSpec fabric = Schema::builtin().fabric(kFcFabric);
  const AttrSpec* spec = fabric.find(fabric.tpg_attrib, op.name);
  if (spec == nullptr) {
    return "a qla2xxx TPG has no attribute '" + op.name + "'";
  }
  nlohmann::json value = op.value;
  if (spec->type != AttrSpec::Type::string) {
    std::int64_t n = 0;
    const char* end = op.value.data() + op.value.size();
    const auto [ptr, ec] = std::from_chars(op.value.data(), end, n);
    if (op.value.empty() || ec != std::errc() || ptr != end) {
      return "attribute '" + op.name + "' = '" + op.value + "' is not a number (" +
             spec->type_text() + ")";
    }
    value = n;
  }
  if (auto why = spec->check(value)) {
    return *why;
  }
  tpg->attributes[op.name] =
      value.is_string() ? AttrValue(op.value) : AttrValue(value.get<std::int64_t>());
  return std::nullopt;
}

}  // namespace

std::string preview(const Change& change) {
  return std::visit(
      Overloaded{
          [](const CreateBackstore& op) {
            std::string s = "create " + op.plugin + " backstore " + op.name;
            if (!op.dev.empty()) {
              s += " on " + op.dev;
            }
            if (op.plugin != "block") {
              s += " (" + size_text(op.size) + ")";
            }
            return s;
          },
          [](const CreateTarget& op) {
            return "create qla2xxx target on port " + op.wwn + " (tpgt_1, ACLs required)";
          },
          [](const CreateLun& op) {
            return "create LUN " + std::to_string(op.index) + " on " + op.target + " -> " +
                   op.storage_object;
          },
          [](const CreateAcl& op) {
            std::string s = "allow initiator " + op.initiator + " on " + op.target;
            if (!op.group.empty()) {
              s += " in group '" + op.group + "'";
            }
            return s;
          },
          [](const SetAclGroup& op) {
            return op.group.empty()
                       ? "remove initiator " + op.initiator + " from its group on " + op.target
                       : "put initiator " + op.initiator + " in group '" + op.group + "' on " +
                             op.target;
          },
          [](const MapLun& op) {
            return "map LUN " + std::to_string(op.tpg_lun) + " of " + op.target + " to initiator " +
                   op.initiator + " as LUN " + std::to_string(op.mapped_index) +
                   (op.read_only ? " (read-only)" : "");
          },
          [](const UnmapLun& op) {
            return "unmap LUN " + std::to_string(op.mapped_index) + " of initiator " +
                   op.initiator + " on " + op.target;
          },
          [](const DeleteAcl& op) {
            return "remove the ACL of initiator " + op.initiator + " on " + op.target;
          },
          [](const DeleteLun& op) {
            return "remove LUN " + std::to_string(op.index) + " of " + op.target +
                   " and every mapping of it";
          },
          [](const SetWriteProtect& op) {
            return "make LUN " + std::to_string(op.mapped_index) + " of initiator " + op.initiator +
                   " on " + op.target + (op.read_only ? " read-only" : " read-write");
          },
          [](const RenumberMappedLun& op) {
            return "renumber LUN " + std::to_string(op.from) + " of initiator " + op.initiator +
                   " on " + op.target + " to LUN " + std::to_string(op.to);
          },
          [](const SetTpgAttribute& op) {
            return "set " + op.name + " = " + op.value + " on the TPG of " + op.target;
          },
      },
      change);
}

std::optional<std::string> apply_change(Config& config, const Change& change) {
  Config copy = config;
  auto err = std::visit([&](const auto& op) { return apply_one(copy, op); }, change);
  if (!err) {
    config = std::move(copy);
  }
  return err;
}

Folded fold(const Config& live, const std::vector<Change>& changes) {
  Folded out{live, std::nullopt};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (auto err =
            std::visit([&](const auto& op) { return apply_one(out.desired, op); }, changes[i])) {
      out.error = "change " + std::to_string(i + 1) + " (" + preview(changes[i]) +
                  ") no longer applies: " + *err;
      return out;
    }
  }
  return out;
}

std::vector<Change> map_lun_to_group(const Config& config, const std::string& target,
                                     const std::string& group, std::uint32_t mapped_index,
                                     std::uint32_t tpg_lun, bool read_only) {
  std::vector<Change> out;
  for (const NodeAcl* acl : config.group_members(target, group)) {
    out.emplace_back(MapLun{target, acl->node_wwn, mapped_index, tpg_lun, read_only});
  }
  return out;
}

std::vector<Change> add_group_member(const Config& config, const std::string& target,
                                     const std::string& group, const std::string& initiator) {
  std::vector<Change> out;
  const Tpg* tpg = config.fc_tpg(target);
  const NodeAcl* existing = tpg != nullptr ? tpg->find_acl(initiator) : nullptr;
  if (existing == nullptr) {
    out.emplace_back(CreateAcl{target, initiator, group});
  } else if (existing->group() != group) {
    out.emplace_back(SetAclGroup{target, initiator, group});
  }
  // The group's LUNs: every mapping any member has, by mapped index.
  std::map<std::uint32_t, MappedLun> luns;
  for (const NodeAcl* member : config.group_members(target, group)) {
    for (const auto& m : member->mapped_luns) {
      luns.try_emplace(m.index, m);
    }
  }
  for (const auto& [index, m] : luns) {
    const MappedLun* have = existing != nullptr ? existing->find_mapped(index) : nullptr;
    if (have == nullptr) {
      out.emplace_back(MapLun{target, initiator, index, m.tpg_lun, m.write_protect});
    }
  }
  return out;
}

Change allow_initiator(const std::string& target, const std::string& initiator) {
  return CreateAcl{target, initiator, ""};
}

}  // namespace qlat::admin
