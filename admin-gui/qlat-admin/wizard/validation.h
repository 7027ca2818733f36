#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qlat/model.h"
#include "state/changes.h"
#include "state/live.h"

namespace qlat::admin {

// The LUN mapping wizard's choices and the pure functions that check them and turn them
// into a plan. The wizard pages call these to explain a bad choice on the page that has it;
// unit tests call them directly.

struct NewBackstore {
  std::string plugin;  ///< fileio, block, ramdisk
  std::string name;
  std::string dev;         ///< fileio: file path; block: device path
  std::uint64_t size = 0;  ///< bytes; fileio and ramdisk
  std::string path() const { return "/backstores/" + plugin + "/" + name; }
};

struct LunChoice {
  std::string storage_object;  ///< backstore path
  std::uint32_t lun = 0;       ///< TPG LUN number, and the LUN number initiators see
  bool read_only = false;
};

struct WizardChoices {
  std::vector<std::string> targets;  ///< local port WWPNs (naa.)
  std::vector<std::string> existing_backstores;
  std::vector<NewBackstore> new_backstores;
  std::vector<std::string> initiators;  ///< logged-in, existing ACLs or typed (naa.)
  std::vector<std::string> groups;      ///< existing groups: every member of each
  std::string new_group;                ///< when set, the chosen initiators join this group
  std::vector<LunChoice> luns;          ///< one per backstore, existing ones first then new ones

  /// Every backstore path chosen, existing ones first, in order.
  std::vector<std::string> backstorePaths() const;
};

using Problem = std::optional<std::string>;

/// Targets: at least one, each a local port or an existing qla2xxx target.
Problem check_targets(const Config& config, const std::vector<Port>& ports,
                      const std::vector<std::string>& targets);

/// A typed initiator WWPN (any usual spelling).
Problem check_typed_wwpn(const std::string& text);

/// A group name: 1..64 of letters, digits, '-', '_', '.'.
Problem check_group_name(const std::string& name);

/// A backstore to create: valid name not in use, path or device not another backstore's,
/// size.
Problem check_new_backstore(const Config& config, const NewBackstore& b);

/// Backstores: at least one chosen or created; existing ones exist; no name, and no file
/// or device, twice.
Problem check_backstores(const Config& config, const WizardChoices& c);

/// The initiators the choices reach on `target`: chosen ones plus every member of each
/// chosen group on any port (a group spans ports), deduplicated, in order.
std::vector<std::string> resolve_initiators(const Config& config, const WizardChoices& c,
                                            const std::string& target);

/// Initiators: at least one chosen; typed ones valid; group name valid; each chosen group has
/// members (on any port).
Problem check_initiators(const Config& config, const WizardChoices& c);

/// LUN numbers: one per backstore, within 0..255, distinct, and free on every chosen target
/// (not a TPG LUN there) and for every initiator reached (not one of its mapped LUNs).
Problem check_luns(const Config& config, const WizardChoices& c);

/// `count` LUN numbers free on every chosen target and for every initiator reached, smallest
/// first (the wizard's defaults).
std::vector<std::uint32_t> next_free_luns(const Config& config, const WizardChoices& c,
                                          std::size_t count);

/// The plan: create the new backstores, the targets that do not exist yet, the LUNs; ACLs
/// (in the new group) for initiators without one, and ACLs in the group for the chosen
/// groups' members (from any port) without one on a chosen port; then map each LUN to
/// every initiator on every chosen port.
struct WizardPlan {
  std::vector<Change> changes;
  Problem problem;  ///< the first check that failed; changes empty then
};
WizardPlan wizard_plan(const Config& config, const std::vector<Port>& ports,
                       const WizardChoices& c);

/// The initiators the choices reach that are logged in now to a chosen port, as (port,
/// initiator) pairs in session order: they see the new LUNs after a rescan (a host scans at
/// login, not when a LUN is mapped to it while it is logged in).
std::vector<std::pair<std::string, std::string>> needs_rescan(const Config& config,
                                                              const std::vector<Session>& sessions,
                                                              const WizardChoices& c);

inline constexpr std::uint32_t kMaxMappedLun = 255;

}  // namespace qlat::admin
