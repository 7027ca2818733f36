#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace qlat::admin {

// The desired-state tree qlat-admin edits: the shape of saveconfig.json (rtslib-fb's format),
// which is what `qlatctl serve` reads and plans from. Only the fields the GUI edits are typed;
// every other key of each object is kept in `extra` and written back unchanged, so a round
// trip through the GUI loses nothing. (The core library's qlat::Config has the same shape;
// this thin GUI-side copy lets qlat-admin build without it.)

struct StorageObject {
  std::string plugin;  ///< fileio, block, ramdisk, ...
  std::string name;
  std::string dev;                    ///< file or block device; empty for ramdisk
  std::optional<std::uint64_t> size;  ///< bytes (fileio, ramdisk)
  nlohmann::json attributes = nlohmann::json::object();
  nlohmann::json extra = nlohmann::json::object();

  /// "/backstores/<plugin>/<name>", as LUNs refer to it.
  std::string path() const { return "/backstores/" + plugin + "/" + name; }
};

struct MappedLun {
  std::uint32_t index = 0;    ///< the LUN number the initiator sees
  std::uint32_t tpg_lun = 0;  ///< the TPG LUN it maps
  bool write_protect = false;
  nlohmann::json extra = nlohmann::json::object();
};

struct NodeAcl {
  std::string node_wwn;  ///< naa.<16 hex>
  std::string tag;       ///< initiator group; empty when none
  std::vector<MappedLun> mapped_luns;
  nlohmann::json extra = nlohmann::json::object();

  const MappedLun* find_mapped(std::uint32_t index) const;
};

struct Lun {
  std::uint32_t index = 0;
  std::string storage_object;  ///< /backstores/<plugin>/<name>
  nlohmann::json extra = nlohmann::json::object();
};

struct Tpg {
  std::uint32_t tag = 1;
  bool enable = true;
  nlohmann::json attributes = nlohmann::json::object();
  std::vector<Lun> luns;
  std::vector<NodeAcl> node_acls;
  nlohmann::json extra = nlohmann::json::object();

  const Lun* find_lun(std::uint32_t index) const;
  const NodeAcl* find_acl(const std::string& node_wwn) const;
  NodeAcl* find_acl(const std::string& node_wwn);
  /// The smallest LUN index not used by this TPG.
  std::uint32_t next_free_lun() const;
};

struct Target {
  std::string fabric;
  std::string wwn;
  std::vector<Tpg> tpgs;
  nlohmann::json extra = nlohmann::json::object();
};

struct Config {
  std::vector<StorageObject> storage_objects;
  std::vector<Target> targets;
  nlohmann::json extra = nlohmann::json::object();

  const StorageObject* find_storage_object(const std::string& path) const;
  const Target* find_target(const std::string& fabric, const std::string& wwn) const;
  Target* find_target(const std::string& fabric, const std::string& wwn);
  /// The first TPG of the qla2xxx target on `wwn` (qla2xxx has only tpgt_1), or nullptr.
  const Tpg* fc_tpg(const std::string& wwn) const;
  Tpg* fc_tpg(const std::string& wwn);
  /// The initiator groups (distinct non-empty ACL tags) of a qla2xxx target, sorted.
  std::vector<std::string> groups(const std::string& wwn) const;
  /// The ACLs of a qla2xxx target whose tag is `group`.
  std::vector<const NodeAcl*> group_members(const std::string& wwn, const std::string& group) const;
  /// Every initiator group, on any qla2xxx target, sorted. A group spans ports: its name
  /// is the tag of its members' ACLs on each port.
  std::vector<std::string> all_groups() const;
  /// The initiator WWPNs whose ACL on any qla2xxx target is tagged `group`, sorted.
  std::vector<std::string> group_member_wwpns(const std::string& group) const;
};

inline constexpr const char* kFcFabric = "qla2xxx";

void from_json(const nlohmann::json& j, StorageObject& v);
void to_json(nlohmann::json& j, const StorageObject& v);
void from_json(const nlohmann::json& j, MappedLun& v);
void to_json(nlohmann::json& j, const MappedLun& v);
void from_json(const nlohmann::json& j, NodeAcl& v);
void to_json(nlohmann::json& j, const NodeAcl& v);
void from_json(const nlohmann::json& j, Lun& v);
void to_json(nlohmann::json& j, const Lun& v);
void from_json(const nlohmann::json& j, Tpg& v);
void to_json(nlohmann::json& j, const Tpg& v);
void from_json(const nlohmann::json& j, Target& v);
void to_json(nlohmann::json& j, const Target& v);
void from_json(const nlohmann::json& j, Config& v);
void to_json(nlohmann::json& j, const Config& v);

}  // namespace qlat::admin
