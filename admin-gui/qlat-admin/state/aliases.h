#pragma once

#include <map>
#include <optional>
#include <string>

#include "qlat/model.h"

namespace qlat::admin {

/// The names people give WWPNs, shown beside them: the admin's own alias of a WWPN (kept in
/// qlat-admin's settings, on this desktop) or, without one, the group tag of the
/// initiator's ACL. Keyed by the canonical WWN (naa.<16 hex>).
class Aliases {
 public:
  /// Gives `wwn` the alias `alias` (spaces at both ends dropped); "" removes it. Returns why
  /// the alias is refused (nothing changes then), or nullopt.
  std::optional<std::string> set(const std::string& wwn, std::string alias);
  /// The admin's aliases, by WWN.
  const std::map<std::string, std::string>& user() const { return user_; }
  /// The admin's alias of `wwn`, else the tag of its ACL on the first qla2xxx target of
  /// `config` that has one, else "".
  std::string of(const std::string& wwn, const Config& config) const;
  /// The admin's alias of `wwn`, or "".
  std::string user_alias(const std::string& wwn) const;

  /// The longest alias, in bytes (an ACL tag holds 63).
  static constexpr std::size_t kMaxLength = 63;

  bool operator==(const Aliases&) const = default;

 private:
  std::map<std::string, std::string> user_;
};

/// How a WWN is shown in a list: its display form, with the admin's alias after it when
/// there is one ("21:00:00:24:ff:10:00:01 (esx-01)").
std::string with_alias(const std::string& wwn, const Aliases& aliases);

}  // namespace qlat::admin
