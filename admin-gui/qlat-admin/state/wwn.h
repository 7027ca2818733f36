#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qlat::admin {

/// The canonical FC WWPN form LIO saves ("naa." + 16 lowercase hex digits) of a WWPN typed
/// in any usual spelling: "naa.21000024ff000001", "21:00:00:24:ff:00:00:01", "0x2100...",
/// "21-00-...", or 16 bare hex digits. nullopt when `text` is none of these.
std::optional<std::string> canonical_wwpn(std::string_view text);

/// Why `text` is not a usable initiator or target WWPN, or nullopt when it is.
std::optional<std::string> wwpn_problem(std::string_view text);

/// The colon form configfs uses for a canonical FC WWPN (naa.2100... -> 21:00:...); any
/// other name (an iSCSI IQN, a loopback or SAS NAA) unchanged.
std::string colon_wwpn(std::string_view canonical);

}  // namespace qlat::admin
