#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qlat/model.h"

namespace qlat {

// Optimistic concurrency for the configuration: a digest names the live tree an edit was
// made against, and a three-way rebase carries the edits over to a tree that changed since.

/// SHA-256 of `data` (FIPS 180-4), as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

/// The digest of a tree: "sha256:" and the SHA-256 of dump_config(config), the canonical
/// saveconfig.json text (keys sorted). Two reads of an unchanged configfs tree give the
/// same digest; any change saveconfig.json would show gives another.
std::string digest(const Config& config);

/// What rebase() made of the user's edits on the current tree.
struct Rebased {
  Config desired;                       ///< current + the user's edits that still apply
  std::vector<std::string> underneath;  ///< base -> current: what changed meanwhile
  std::vector<std::string> conflicts;   ///< edits not carried over (or undone), and why
  bool clean() const { return conflicts.empty(); }
};

/// Three-way rebase. `base` is the tree the user edited, `desired` the user's result,
/// `current` the live tree now. Objects are matched by their keys (storage object path,
/// fabric + WWN, TPG tag, LUN index, portal address, ACL WWN, mapped LUN index; attribute,
/// parameter and auth names), and every object's own settings are compared as a whole.
/// For each object: what the user did not change is taken from `current` (so objects created
/// or removed outside stay so); what the user changed is taken from `desired` when `current`
/// still equals `base` there (or already equals `desired`). Otherwise it is a conflict, and
/// the live state wins: an edited object removed outside stays removed, a LUN number or
/// mapped LUN number taken outside keeps its live meaning, a setting changed both ways keeps
/// its live value, an object removed by the user but changed outside is kept. Finally no
/// LUN may name a missing backstore and no mapped LUN a missing TPG LUN: the object it
/// needs is kept from `current` when it is there, else the dangling one is dropped, each
/// listed as a conflict. diff(current, result.desired) thus contains only consequences of
/// the user's edits.
Rebased rebase(const Config& base, const Config& desired, const Config& current);

}  // namespace qlat
