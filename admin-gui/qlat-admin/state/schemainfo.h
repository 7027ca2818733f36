#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlat::admin {

/// What the details pane shows about one attribute: its type, range, and what it does.
/// The names, types and ranges follow configfs-schema/tree.json (tcm_qla2xxx TPG attributes,
/// node ACL and mapped LUN files); the descriptions are for people.
struct AttrInfo {
  std::string name;
  std::string type;  ///< "bool (0/1)", "integer", "string"
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::string description;

  /// "bool (0/1)" or "integer 0..65535" or "string".
  std::string type_text() const;
};

/// The attributes of one kind of object: "port", "tpg", "acl", "mapped_lun", "lun",
/// "backstore:fileio", "backstore:block", "backstore:ramdisk", "session".
const std::vector<AttrInfo>& attributes_of(std::string_view kind);

/// One attribute by kind and name, or nullptr.
const AttrInfo* find_attribute(std::string_view kind, std::string_view name);

}  // namespace qlat::admin
