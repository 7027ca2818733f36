#include "wizard/validation.h"

#include <algorithm>
#include <set>

#include "qlat/wwn.h"

namespace qlat::admin {

namespace {

bool name_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '-' || ch == '_' || ch == '.';
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

/// Why LUN `n` is taken on `target` for the chosen initiators, or nullopt.
Problem lun_taken(const Config& config, const WizardChoices& c, const std::string& target,
                  std::uint32_t n) {
  const Tpg* tpg = config.fc_tpg(target);
  if (tpg == nullptr) {
    return std::nullopt;
  }
  if (const Lun* l = tpg->find_lun(n)) {
    return "LUN " + std::to_string(n) + " is already used on " + target + " (by " +
           l->storage_object + ")";
  }
  for (const auto& wwpn : resolve_initiators(config, c, target)) {
    const NodeAcl* acl = tpg->find_acl(wwpn);
    if (acl != nullptr && acl->find_mapped(n) != nullptr) {
      return "initiator " + wwpn + " already sees a LUN " + std::to_string(n) + " on " + target;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> WizardChoices::backstorePaths() const {
  std::vector<std::string> out = existing_backstores;
  for (const auto& b : new_backstores) {
    out.push_back(b.path());
  }
  return out;
}

Problem check_targets(const Config& config, const std::vector<Port>& ports,
                      const std::vector<std::string>& targets) {
  if (targets.empty()) {
    return "choose at least one target port";
  }
  for (const auto& t : targets) {
    const bool local =
        std::any_of(ports.begin(), ports.end(), [&](const Port& p) { return p.wwpn == t; });
    if (!local && config.find_target(kFcFabric, t) == nullptr) {
      return "port " + t + " is not a local FC port";
    }
    if (const Tpg* tpg = config.fc_tpg(t); tpg != nullptr && tpg->luns.size() > kMaxMappedLun) {
      return "port " + t + " has no free LUN numbers";
    }
  }
  return std::nullopt;
}

Problem check_typed_wwpn(const std::string& text) {
  return Wwn::fc_wwpn_problem(text);
}

Problem check_group_name(const std::string& name) {
  if (name.empty()) {
    return "the group needs a name";
  }
  if (name.size() > 64) {
    return "group names are at most 64 characters";
  }
  if (!std::all_of(name.begin(), name.end(), name_char)) {
    return "group name '" + name + "' may only use letters, digits, '-', '_' and '.'";
  }
  return std::nullopt;
}

Problem check_new_backstore(const Config& config, const NewBackstore& b) {
  if (b.plugin != "fileio" && b.plugin != "block" && b.plugin != "ramdisk") {
    return "unknown backstore type '" + b.plugin + "'";
  }
  if (b.name.empty()) {
    return "the new backstore needs a name";
  }
  if (!std::all_of(b.name.begin(), b.name.end(), name_char)) {
    return "backstore name '" + b.name + "' may only use letters, digits, '-', '_' and '.'";
  }
  if (config.find_storage_object(b.path()) != nullptr) {
    return "a " + b.plugin + " backstore named '" + b.name + "' already exists";
  }
  if (b.plugin == "fileio" && (b.dev.empty() || b.dev.front() != '/')) {
    return "a fileio backstore needs the absolute path of its file";
  }
  if (b.plugin == "block" && !b.dev.starts_with("/dev/")) {
    return "a block backstore needs a block device under /dev/";
  }
  if (!b.dev.empty()) {
    // Two backstores on one file or device would write over each other's data.
    for (const auto& so : config.storage_objects) {
      if (so.dev == b.dev) {
        return b.dev + " is already the storage of backstore " + so.path();
      }
    }
  }
  if (b.plugin != "block" && b.size == 0) {
    return "a " + b.plugin + " backstore needs a size";
  }
  if (b.plugin != "block" && b.size % 512 != 0) {
    return "the size must be a multiple of 512 bytes";
  }
  return std::nullopt;
}

Problem check_backstores(const Config& config, const WizardChoices& c) {
  if (c.existing_backstores.empty() && c.new_backstores.empty()) {
    return "choose a backstore or create one";
  }
  for (const auto& path : c.existing_backstores) {
    if (config.find_storage_object(path) == nullptr) {
      return "backstore " + path + " does not exist";
    }
  }
  std::set<std::string> seen;
  for (const auto& path : c.backstorePaths()) {
    if (!seen.insert(path).second) {
      return "backstore " + path + " is chosen twice";
    }
  }
  std::set<std::string> devs;
  for (const auto& b : c.new_backstores) {
    if (!b.dev.empty() && !devs.insert(b.dev).second) {
      return b.dev + " is chosen for two new backstores";
    }
  }
  for (const auto& b : c.new_backstores) {
    if (auto p = check_new_backstore(config, b)) {
      return p;
    }
  }
  return std::nullopt;
}

std::vector<std::string> resolve_initiators(const Config& config, const WizardChoices& c,
                                            const std::string& target) {
  std::vector<std::string> out;
  for (const auto& w : c.initiators) {
    if (auto canon = Wwn::parse(w, {Wwn::Type::naa}); canon && !contains(out, canon->str())) {
      out.push_back(canon->str());
    }
  }
  std::vector<std::string> groups = c.groups;
  if (!c.new_group.empty()) {
    groups.push_back(c.new_group);  // joining an existing group: its members get the LUNs too
  }
  // A group spans ports: its members on every port, whether or not they have an ACL on
  // `target` yet (wizard_plan creates the missing ones).
  (void)target;
  for (const auto& g : groups) {
    for (const auto& wwpn : config.group_member_wwpns(g)) {
      if (!contains(out, wwpn)) {
        out.push_back(wwpn);
      }
    }
  }
  return out;
}

Problem check_initiators(const Config& config, const WizardChoices& c) {
  for (const auto& w : c.initiators) {
    if (auto p = check_typed_wwpn(w)) {
      return p;
    }
  }
  if (!c.new_group.empty()) {
    if (auto p = check_group_name(c.new_group)) {
      return p;
    }
    if (c.initiators.empty()) {
      return "choose the initiators that form group '" + c.new_group + "'";
    }
  }
  if (c.initiators.empty() && c.groups.empty()) {
    return "choose at least one initiator or group";
  }
  for (const auto& g : c.groups) {
    if (config.group_member_wwpns(g).empty()) {
      return "group '" + g + "' has no members";
    }
  }
  return std::nullopt;
}

Problem check_luns(const Config& config, const WizardChoices& c) {
  const auto paths = c.backstorePaths();
  if (c.luns.size() != paths.size()) {
    return "choose a LUN number for each backstore";
  }
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < c.luns.size(); ++i) {
    const auto& l = c.luns[i];
    if (l.storage_object != paths[i]) {
      return "LUN " + std::to_string(l.lun) + " is not for backstore " + paths[i];
    }
    if (l.lun > kMaxMappedLun) {
      return "LUN " + std::to_string(l.lun) + " is out of range: initiators see LUNs 0..255";
    }
    if (!seen.insert(l.lun).second) {
      return "LUN " + std::to_string(l.lun) + " is chosen twice";
    }
    for (const auto& t : c.targets) {
      if (auto p = lun_taken(config, c, t, l.lun)) {
        return p;
      }
    }
  }
  return std::nullopt;
}

std::vector<std::uint32_t> next_free_luns(const Config& config, const WizardChoices& c,
                                          std::size_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t n = 0; n <= kMaxMappedLun && out.size() < count; ++n) {
    const bool free = std::none_of(c.targets.begin(), c.targets.end(), [&](const auto& t) {
      return lun_taken(config, c, t, n).has_value();
    });
    if (free) {
      out.push_back(n);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> needs_rescan(const Config& config,
                                                              const std::vector<Session>& sessions,
                                                              const WizardChoices& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : sessions) {
    if (contains(c.targets, s.port_wwpn) &&
        contains(resolve_initiators(config, c, s.port_wwpn), s.initiator_wwpn)) {
      out.emplace_back(s.port_wwpn, s.initiator_wwpn);
    }
  }
  return out;
}

WizardPlan wizard_plan(const Config& config, const std::vector<Port>& ports,
                       const WizardChoices& c) {
  WizardPlan plan;
  for (const auto& p : {check_targets(config, ports, c.targets), check_backstores(config, c),
                        check_initiators(config, c), check_luns(config, c)}) {
    if (p) {
      plan.problem = p;
      return plan;
    }
  }
  Config desired = config;
  auto add = [&](const Change& ch) -> bool {
    if (auto err = apply_change(desired, ch)) {
      plan.problem = *err;
      plan.changes.clear();
      return false;
    }
    plan.changes.push_back(ch);
    return true;
  };
  for (const auto& b : c.new_backstores) {
    if (!add(CreateBackstore{b.plugin, b.name, b.dev, b.plugin == "block" ? 0 : b.size})) {
      return plan;
    }
  }
  for (const auto& t : c.targets) {
    if (desired.find_target(kFcFabric, t) == nullptr && !add(CreateTarget{t})) {
      return plan;
    }
    for (const auto& l : c.luns) {
      if (!add(CreateLun{t, l.lun, l.storage_object})) {
        return plan;
      }
    }
    // Resolve against the tree before this run's ACLs, so group members are the old ones
    // plus the chosen initiators.
    const auto initiators = resolve_initiators(config, c, t);
    for (const auto& raw : c.initiators) {
      const std::string w = Wwn::parse(raw, {Wwn::Type::naa})->str();
      if (!c.new_group.empty()) {
        for (const auto& ch : add_group_member(desired, t, c.new_group, w)) {
          if (!add(ch)) {
            return plan;
          }
        }
      } else if (desired.fc_tpg(t)->find_acl(w) == nullptr && !add(CreateAcl{t, w, ""})) {
        return plan;
      }
    }
    // The chosen groups' members on other ports join the group on this one: an ACL tagged
    // with it and the group's LUNs here (a group mapped to several ports reaches every
    // member on every port).
    std::vector<std::string> groups = c.groups;
    if (!c.new_group.empty()) {
      groups.push_back(c.new_group);
    }
    for (const auto& g : groups) {
      for (const auto& w : config.group_member_wwpns(g)) {
        if (desired.fc_tpg(t)->find_acl(w) != nullptr) {
          continue;
        }
        for (const auto& ch : add_group_member(desired, t, g, w)) {
          if (!add(ch)) {
            return plan;
          }
        }
      }
    }
    for (const auto& l : c.luns) {
      for (const auto& w : initiators) {
        if (!add(MapLun{t, w, l.lun, l.lun, l.read_only})) {
          return plan;
        }
      }
    }
  }
  return plan;
}

}  // namespace qlat::admin
