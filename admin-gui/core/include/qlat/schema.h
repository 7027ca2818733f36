#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/error.h"

namespace qlat {

enum class Access { rw, ro, wo };

/// One configfs attribute as configfs-schema/tree.json describes it, or one field of a saved
/// object (saveconfig.schema.json) or of a port or session (tree.json's fc_host, session).
struct AttrSpec {
  enum class Type { bool01, integer, string, list };
  std::string name;
  Type type = Type::string;
  Access access = Access::rw;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::vector<nlohmann::json> allowed;  ///< enum values, if any
  std::optional<nlohmann::json> default_value;
  std::string description;  ///< what it does, for people; may be empty

  /// nullopt if the value is acceptable, else the reason.
  std::optional<std::string> check(const nlohmann::json& value) const;
  /// The type and range in words: "bool (0/1)", "integer 0..255", "one of 0, 1, 3", ...
  std::string type_text() const;
};

struct FabricSpec {
  std::string name;
  std::string dir;  ///< directory under the configfs root
  std::string kernel_module;
  std::vector<std::string> wwn_types;
  std::string wwn_dir_form = "canonical";  ///< canonical, colon or npiv
  std::vector<std::string> features;
  std::vector<int> tpgt_only;  ///< allowed TPG tags, empty = any
  bool needs_port = false;     ///< the WWN must be a local FC port
  bool open_attributes = false;
  std::vector<AttrSpec> tpg_files, tpg_attrib, tpg_param, acl_attrib;

  bool has(std::string_view feature) const;
  const AttrSpec* find(const std::vector<AttrSpec>& set, std::string_view name) const;
};

struct BackstoreSpec {
  std::string plugin;      ///< name in saveconfig.json (fileio, block, ramdisk, pscsi, user)
  std::string dir_prefix;  ///< configfs HBA prefix (fileio, iblock, rd_mcp, pscsi, user)
  std::vector<std::string> aliases;
  std::vector<AttrSpec> attrib;
  bool alua = true;
  std::size_t dev_max_length = 0;       ///< the longest 'dev' the kernel keeps (0: no 'dev')
  std::vector<std::string> saved_keys;  ///< the keys saveconfig.json has for this plugin
  const AttrSpec* find(std::string_view name) const;
};

/// Whether `value` matches `pattern`, one of the patterns saveconfig.schema.json uses, by a
/// hand-written matcher that runs in constant stack space; nullopt for any other pattern.
std::optional<bool> match_pattern(std::string_view pattern, std::string_view value);

/// The offset of the first control character (U+0000-U+001F or U+007F) in `s`, or npos.
std::size_t find_control_char(std::string_view s);

/// The schema of the LIO configfs tree and of saveconfig.json (configfs-schema/).
class Schema {
 public:
  /// The schema embedded at build time from configfs-schema/.
  static const Schema& builtin();
  /// Builds a schema from the two documents (tree.json, saveconfig.schema.json).
  Schema(const nlohmann::json& tree, nlohmann::json saveconfig_schema);

  /// A known fabric, or nullptr.
  const FabricSpec* known_fabric(std::string_view name) const;
  /// A known fabric, or the generic fallback renamed to `name`.
  FabricSpec fabric(std::string_view name) const;
  /// The fabric whose configfs directory is `dir`.
  std::string fabric_name_for_dir(std::string_view dir) const;
  /// The configfs directory of a fabric.
  std::string fabric_dir(std::string_view name) const;
  /// rtslib's fabric order (targets are listed fabric by fabric in this order).
  const std::vector<std::string>& fabric_order() const { return fabric_order_; }
  const std::vector<std::string>& target_dir_excludes() const { return excludes_; }

  const BackstoreSpec* backstore(std::string_view plugin) const;  ///< by plugin or alias
  const BackstoreSpec* backstore_by_dir(std::string_view dir_prefix) const;
  const std::vector<BackstoreSpec>& backstores() const { return backstores_; }
  const std::vector<AttrSpec>& alua_tg_pt_gp() const { return alua_; }
  int lun_index_max() const { return lun_max_; }
  /// Parameters and attributes of every fabric's WWN (target) directory.
  const std::vector<AttrSpec>& target_param() const { return target_param_; }
  const std::vector<AttrSpec>& target_attrib() const { return target_attrib_; }
  int mapped_lun_index_max() const { return mapped_lun_max_; }

  /// What a tool shows of one kind of object, in display order: every field's type, range
  /// and description. Kinds: "port" and "session" (tree.json's fc_host and session), "tpg"
  /// (the fabric's TPG files and attributes), "target", "lun", "acl", "mapped_lun" and
  /// "backstore:<plugin>" (saveconfig.schema.json's fields, then tree.json's files). Empty
  /// for an unknown kind.
  std::vector<AttrSpec> describe(std::string_view kind, std::string_view fabric = "qla2xxx") const;

  /// Checks a saveconfig.json document against saveconfig.schema.json (structure). Every
  /// string is bounded by its maxLength before its pattern is tried; control characters are
  /// refused in every string and key. Patterns are matched by fixed, non-recursive matchers
  /// (no regex engine sees the input): the constructor refuses a schema with a pattern it has
  /// no matcher for.
  std::vector<Problem> check_structure(const nlohmann::json& doc, const std::string& file) const;

 private:
  std::vector<FabricSpec> fabrics_;
  FabricSpec generic_;
  std::vector<BackstoreSpec> backstores_;
  std::vector<AttrSpec> alua_;
  std::vector<AttrSpec> target_param_, target_attrib_;
  std::vector<AttrSpec> fc_host_, session_, lun_files_, mapped_lun_files_;
  std::vector<std::string> fabric_order_;
  std::vector<std::string> excludes_;
  std::map<std::string, std::string, std::less<>> fabric_dirs_;
  int lun_max_ = 65535;
  int mapped_lun_max_ = 255;
  nlohmann::json save_schema_;
  std::vector<AttrSpec> saved_fields(std::string_view definition,
                                     std::initializer_list<std::string_view> keys) const;
  void check_node(const nlohmann::json& schema, const nlohmann::json& value,
                  const std::string& path, const std::string& file,
                  std::vector<Problem>& out) const;
};

}  // namespace qlat
