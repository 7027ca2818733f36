#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

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
