#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace qlat {

/// The fabric of qla2xxx FC target ports (one TPG, tpgt_1, per port).
inline constexpr const char* kFcFabric = "qla2xxx";

/// An attribute value as saveconfig.json holds it: an integer when the text is one, else text.
using AttrValue = std::variant<std::int64_t, std::string>;
using AttrMap = std::map<std::string, AttrValue>;
using ParamMap = std::map<std::string, std::string>;
/// CHAP settings (chap_userid, chap_password, ...), only the non-empty ones.
using AuthMap = std::map<std::string, std::string>;

/// rtslib's rule: an attribute read as text becomes an integer when it parses as one.
AttrValue attr_from_text(const std::string& text);
std::string attr_to_text(const AttrValue& v);

struct AluaTpg {
  std::string name;
  std::int64_t tg_pt_gp_id = 0;
  std::map<std::string, std::int64_t> values;  ///< alua_access_state, preferred, ...
  friend bool operator==(const AluaTpg&, const AluaTpg&) = default;
};

struct StorageObject {
  std::string plugin;  ///< fileio, block, ramdisk, pscsi, user
  std::string name;
  AttrMap attributes;
  std::vector<AluaTpg> alua_tpgs;
  std::optional<std::string> dev;
  std::optional<std::uint64_t> size;
  std::optional<std::string> wwn;
  bool write_back = false;
  bool aio = false;
  bool readonly = false;
  bool nullio = false;
  std::optional<std::string> config;  ///< user: handler config (null when none)
  std::optional<std::uint64_t> hw_max_sectors;
  std::optional<std::string> control;

  /// "/backstores/<plugin>/<name>", as LUNs refer to it.
  std::string path() const { return "/backstores/" + plugin + "/" + name; }
  /// True when the two differ in what is fixed at creation (device, size, serial, modes).
  bool same_identity(const StorageObject& o) const;
  friend bool operator==(const StorageObject&, const StorageObject&) = default;
};

struct MappedLun {
  std::uint32_t index = 0;
  std::uint32_t tpg_lun = 0;
  bool write_protect = false;
  std::string alias;
  friend bool operator==(const MappedLun&, const MappedLun&) = default;
};

struct NodeAcl {
  std::string node_wwn;
  AttrMap attributes;
  std::vector<MappedLun> mapped_luns;
  std::optional<std::string> tag;
  AuthMap auth;
  /// The mapped LUN the initiator sees as `index`, or nullptr.
  const MappedLun* find_mapped(std::uint32_t index) const;
  MappedLun* find_mapped(std::uint32_t index);
  /// The initiator group (the tag), "" when none.
  std::string group() const { return tag.value_or(std::string()); }
  friend bool operator==(const NodeAcl&, const NodeAcl&) = default;
};

struct Lun {
  std::uint32_t index = 0;
  std::string storage_object;  ///< /backstores/<plugin>/<name>
  std::string alias;
  std::optional<std::string> alua_tg_pt_gp_name;
  friend bool operator==(const Lun&, const Lun&) = default;
};

struct Portal {
  std::string ip_address;
  std::uint32_t port = 3260;
  bool iser = false;
  bool offload = false;
  friend bool operator==(const Portal&, const Portal&) = default;
};

struct Tpg {
  std::uint32_t tag = 1;
  bool enable = true;
  AttrMap attributes;
  ParamMap parameters;
  std::vector<Lun> luns;
  std::vector<Portal> portals;
  std::vector<NodeAcl> node_acls;
  AuthMap auth;
  const Lun* find_lun(std::uint32_t index) const;
  const NodeAcl* find_acl(const std::string& node_wwn) const;
  NodeAcl* find_acl(const std::string& node_wwn);
  /// The smallest LUN index not used by this TPG.
  std::uint32_t next_free_lun() const;
  friend bool operator==(const Tpg&, const Tpg&) = default;
};

struct Target {
  std::string fabric;
  std::string wwn;
  std::vector<Tpg> tpgs;
  AttrMap attributes;   ///< <wwn>/attrib (none on 6.1)
  ParamMap parameters;  ///< <wwn>/param (cmd_completion_affinity)
  /// "<fabric>/<wwn>/tpgt_<tag>": how plans and conflicts name one of its TPGs.
  std::string tpg_path(const Tpg& g) const {
    return fabric + "/" + wwn + "/tpgt_" + std::to_string(g.tag);
  }
  friend bool operator==(const Target&, const Target&) = default;
};

struct FabricModule {
  std::string name;
  bool discovery_enable_auth = false;
  AuthMap auth;  ///< discovery_userid, discovery_password, ...
  friend bool operator==(const FabricModule&, const FabricModule&) = default;
};

/// The whole LIO configuration: what saveconfig.json holds and what configfs shows.
struct Config {
  std::vector<FabricModule> fabric_modules;
  std::vector<StorageObject> storage_objects;
  std::vector<Target> targets;

  const StorageObject* find_storage_object(const std::string& path) const;
  std::size_t mapped_lun_count() const;
  const Target* find_target(const std::string& fabric, const std::string& wwn) const;
  Target* find_target(const std::string& fabric, const std::string& wwn);
  /// The first TPG of the qla2xxx target on `wwn` (qla2xxx has only tpgt_1), or nullptr.
  const Tpg* fc_tpg(const std::string& wwn) const;
  Tpg* fc_tpg(const std::string& wwn);
  /// The initiator groups (distinct non-empty ACL tags) of a qla2xxx target, sorted.
  std::vector<std::string> groups(const std::string& wwn) const;
  /// The ACLs of a qla2xxx target whose tag is `group` (none for "").
  std::vector<const NodeAcl*> group_members(const std::string& wwn, const std::string& group) const;
  /// Every initiator group, on any qla2xxx target, sorted. A group spans ports: its name
  /// is the tag of its members' ACLs on each port.
  std::vector<std::string> all_groups() const;
  /// The initiator WWPNs whose ACL on any qla2xxx target is tagged `group`, sorted.
  std::vector<std::string> group_member_wwpns(const std::string& group) const;
  friend bool operator==(const Config&, const Config&) = default;
};

void to_json(nlohmann::json& j, const AluaTpg& v);
void from_json(const nlohmann::json& j, AluaTpg& v);
void to_json(nlohmann::json& j, const StorageObject& v);
void from_json(const nlohmann::json& j, StorageObject& v);
void to_json(nlohmann::json& j, const MappedLun& v);
void from_json(const nlohmann::json& j, MappedLun& v);
void to_json(nlohmann::json& j, const NodeAcl& v);
void from_json(const nlohmann::json& j, NodeAcl& v);
void to_json(nlohmann::json& j, const Lun& v);
void from_json(const nlohmann::json& j, Lun& v);
void to_json(nlohmann::json& j, const Portal& v);
void from_json(const nlohmann::json& j, Portal& v);
void to_json(nlohmann::json& j, const Tpg& v);
void from_json(const nlohmann::json& j, Tpg& v);
void to_json(nlohmann::json& j, const Target& v);
void from_json(const nlohmann::json& j, Target& v);
void to_json(nlohmann::json& j, const FabricModule& v);
void from_json(const nlohmann::json& j, FabricModule& v);
void to_json(nlohmann::json& j, const Config& v);
void from_json(const nlohmann::json& j, Config& v);

}  // namespace qlat
