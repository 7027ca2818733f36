#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "qlat/configfs.h"
#include "qlat/model.h"
#include "qlat/schema.h"

namespace qlat {

/// How far a read of the tree is: node ACLs read (each with its mapped LUNs, the bulk of a
/// big tree) out of those the tree has.
using ReadProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads the live tree under the backend's root into a Config, the way rtslib's dump() sees
/// it (same objects, values and list order), in time linear in the size of the tree.
/// `progress`, when given, is called after each node ACL (and once at the start).
Config read_tree(const Backend& cfs, const Schema& schema = Schema::builtin(),
                 const ReadProgress& progress = {});

/// One TPG as the listings show it: no attribute, LUN or ACL is read, only counted.
struct TpgSummary {
  std::uint32_t tag = 1;
  bool enable = true;
  std::size_t luns = 0;
  std::size_t acls = 0;
  bool operator==(const TpgSummary&) const = default;
};
/// One target as the listings show it.
struct TargetSummary {
  std::string fabric;
  std::string wwn;
  std::vector<TpgSummary> tpgs;
  bool operator==(const TargetSummary&) const = default;
};

/// Every target with its TPGs' enable and their LUN and ACL counts, in read_tree's order,
/// from directory listings and one read per TPG: what a first screen needs of a tree whose
/// mapped LUNs take seconds to read.
std::vector<TargetSummary> list_targets(const Backend& cfs,
                                        const Schema& schema = Schema::builtin());

/// Where a node ACL is: its target and TPG, and its directory relative to the root.
struct AclLocation {
  std::string fabric;
  std::string wwn;
  std::uint32_t tag = 1;
  std::string node_wwn;
  std::string dir;
};

/// Every node ACL, in read_tree's order, from directory listings only (list_sessions reads
/// each one's info file without reading the tree).
std::vector<AclLocation> list_acls(const Backend& cfs, const Schema& schema = Schema::builtin());

/// rtslib's info-file parsing: the last "<key>: <value>" in the whitespace-joined text.
std::string parse_info(std::string_view info, std::string_view key);

/// Paths of objects in the configfs tree, relative to its root.
namespace cfs_path {
std::string target(const Schema& schema, const std::string& fabric, const std::string& wwn);
std::string tpg(const Schema& schema, const std::string& fabric, const std::string& wwn,
                unsigned tag);
/// The node-ACL directory name for an initiator WWN in a fabric.
std::string acl_dir(const Schema& schema, const std::string& fabric, const std::string& node_wwn);
}  // namespace cfs_path

}  // namespace qlat
