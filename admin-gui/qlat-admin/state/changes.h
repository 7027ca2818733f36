#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "qlat/model.h"

namespace qlat::admin {

// Pending edits, kpmcore-style: every edit the admin makes is one Change that says what it
// will do (preview()) and applies itself to a desired-state Config. The pending list is
// applied or discarded as a whole; the desired tree is always live + pending, so a
// reconnect (which re-reads live) keeps the edits.

struct CreateBackstore {
  std::string plugin;  ///< fileio, block, ramdisk
  std::string name;
  std::string dev;         ///< file path (fileio) or block device (block)
  std::uint64_t size = 0;  ///< bytes (fileio, ramdisk)
  bool operator==(const CreateBackstore&) const = default;
};

struct CreateTarget {
  std::string wwn;  ///< a local FC port: qla2xxx target with tpgt_1
  bool operator==(const CreateTarget&) const = default;
};

struct CreateLun {
  std::string target;
  std::uint32_t index = 0;
  std::string storage_object;
  bool operator==(const CreateLun&) const = default;
};

struct CreateAcl {
  std::string target;
  std::string initiator;
  std::string group;  ///< the ACL tag; empty for none
  bool operator==(const CreateAcl&) const = default;
};

struct SetAclGroup {
  std::string target;
  std::string initiator;
  std::string group;
  bool operator==(const SetAclGroup&) const = default;
};

struct MapLun {
  std::string target;
  std::string initiator;
  std::uint32_t mapped_index = 0;
  std::uint32_t tpg_lun = 0;
  bool read_only = false;
  bool operator==(const MapLun&) const = default;
};

struct UnmapLun {
  std::string target;
  std::string initiator;
  std::uint32_t mapped_index = 0;
  bool operator==(const UnmapLun&) const = default;
};

struct DeleteAcl {
  std::string target;
  std::string initiator;
  bool operator==(const DeleteAcl&) const = default;
};

struct DeleteLun {
  std::string target;
  std::uint32_t index = 0;
  bool operator==(const DeleteLun&) const = default;
};

/// Read-only or read-write for one mapped LUN (acls/<initiator>/lun_N/write_protect).
struct SetWriteProtect {
  std::string target;
  std::string initiator;
  std::uint32_t mapped_index = 0;
  bool read_only = false;
  bool operator==(const SetWriteProtect&) const = default;
};

/// The LUN number an initiator sees a mapped LUN as (lun_`from` becomes lun_`to`).
struct RenumberMappedLun {
  std::string target;
  std::string initiator;
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  bool operator==(const RenumberMappedLun&) const = default;
};

/// One attribute of a target's TPG (tpgt_1/attrib/<name>), as typed; checked against the
/// type and range configfs-schema/ gives it.
struct SetTpgAttribute {
  std::string target;
  std::string name;
  std::string value;
  bool operator==(const SetTpgAttribute&) const = default;
};

using Change =
    std::variant<CreateBackstore, CreateTarget, CreateLun, CreateAcl, SetAclGroup, MapLun, UnmapLun,
                 DeleteAcl, DeleteLun, SetWriteProtect, RenumberMappedLun, SetTpgAttribute>;

/// One line for people: "map LUN 0 of naa.2100... to initiator naa.2100... as LUN 0 (read-only)".
std::string preview(const Change& change);

/// Applies `change` to `config`; returns why it cannot (nothing changed then), or nullopt.
std::optional<std::string> apply_change(Config& config, const Change& change);

/// live + changes. Stops at the first change that does not apply and says which and why.
struct Folded {
  Config desired;
  std::optional<std::string> error;
};
Folded fold(const Config& live, const std::vector<Change>& changes);

/// Changes that map TPG LUN `tpg_lun` to every member of `group` as LUN `mapped_index`.
std::vector<Change> map_lun_to_group(const Config& config, const std::string& target,
                                     const std::string& group, std::uint32_t mapped_index,
                                     std::uint32_t tpg_lun, bool read_only);

/// Changes that add `initiator` to `group`: an ACL tagged with the group (or a re-tag of its
/// existing ACL) and every LUN the group's members have, mapped the same way.
std::vector<Change> add_group_member(const Config& config, const std::string& target,
                                     const std::string& group, const std::string& initiator);

/// The change that creates an ACL for a logged-in initiator without one (one-click "allow").
Change allow_initiator(const std::string& target, const std::string& initiator);

}  // namespace qlat::admin
