#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlat {

/// A World Wide Name as LIO uses them. One type for every spelling:
///   naa.21000024ff000001, 21:00:00:24:ff:00:00:01, 0x21000024ff000001, 21000024FF000001
///   iqn.2003-01.org.linux-iscsi.host:sn.1234, eui.0123456789abcdef,
///   NPIV: <16 hex>@<16 hex>:<16 hex> (rtslib-style) or <colon wwpn>@<wwpn>:<wwnn> (configfs dir)
class Wwn {
 public:
  enum class Type { naa, iqn, eui, npiv, free };

  /// Parses any accepted spelling, allowing the given types; nullopt if none fits.
  static std::optional<Wwn> parse(std::string_view text, std::initializer_list<Type> allowed);
  /// Same, with the type names of configfs-schema/tree.json ("naa", "iqn", ...).
  static std::optional<Wwn> parse(std::string_view text, const std::vector<std::string>& allowed);

  Type type() const noexcept { return type_; }
  /// The canonical form rtslib writes in saveconfig.json (naa.xxxxxxxxxxxxxxxx, iqn...).
  const std::string& str() const noexcept { return canonical_; }
  /// Lowercase colon form of a naa WWN (21:00:00:24:ff:00:00:01).
  std::string colon() const;
  /// 0x-prefixed hex of a naa WWN (0x21000024ff000001), as fc_host port_name shows it.
  std::string hex0x() const;
  /// The directory name in configfs for a given form ("canonical", "colon", "npiv").
  std::string dir_name(std::string_view form) const;

  static std::string_view type_name(Type t) noexcept;
  friend bool operator==(const Wwn& a, const Wwn& b) { return a.canonical_ == b.canonical_; }

  /// Why `text` is not a usable FC port name (an initiator or a target WWPN), in words for
  /// the person who typed it; nullopt when it is one.
  static std::optional<std::string> fc_wwpn_problem(std::string_view text);

 private:
  Wwn(Type t, std::string c) : type_(t), canonical_(std::move(c)) {}
  Type type_;
  std::string canonical_;
};

/// How a person reads a name: a naa FC WWPN in its colon form (21:00:00:24:ff:00:00:01),
/// every other name (an iSCSI IQN, an EUI, a loopback or SAS NAA) as it is.
std::string display_wwn(std::string_view name);

}  // namespace qlat
