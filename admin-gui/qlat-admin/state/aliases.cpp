#include "state/aliases.h"

#include "qlat/schema.h"
#include "qlat/wwn.h"

namespace qlat::admin {

std::optional<std::string> Aliases::set(const std::string& wwn, std::string alias) {
  const auto first = alias.find_first_not_of(" \t");
  alias = first == std::string::npos
              ? std::string()
              : alias.substr(first, alias.find_last_not_of(" \t") - first + 1);
  if (alias.size() > kMaxLength) {
    return "an alias holds at most " + std::to_string(kMaxLength) + " bytes, not " +
           std::to_string(alias.size());
  }
  if (find_control_char(alias) != std::string::npos) {
    return "an alias cannot hold control characters";
  }
  if (alias.empty()) {
    user_.erase(wwn);
  } else {
    user_[wwn] = std::move(alias);
  }
  return std::nullopt;
}

std::string Aliases::user_alias(const std::string& wwn) const {
  const auto it = user_.find(wwn);
  return it == user_.end() ? std::string() : it->second;
}

std::string Aliases::of(const std::string& wwn, const Config& config) const {
  if (auto mine = user_alias(wwn); !mine.empty()) {
    return mine;
  }
  for (const auto& t : config.targets) {
    if (t.fabric != kFcFabric) {
      continue;
    }
    for (const auto& tpg : t.tpgs) {
      if (const NodeAcl* acl = tpg.find_acl(wwn); acl != nullptr && !acl->group().empty()) {
        return acl->group();
      }
    }
  }
  return {};
}

std::string with_alias(const std::string& wwn, const Aliases& aliases) {
  const std::string mine = aliases.user_alias(wwn);
  return mine.empty() ? display_wwn(wwn) : display_wwn(wwn) + " (" + mine + ")";
}

}  // namespace qlat::admin
