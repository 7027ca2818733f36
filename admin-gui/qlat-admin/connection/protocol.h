#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "state/config.h"
#include "state/live.h"

namespace qlat::admin::protocol {

// The semantic verbs qlat-admin sends to `qlatctl serve`, and how it reads their results.
// Kept in one place so the GUI follows docs/qlatctl-serve.md (cpp-core) when it changes.

inline constexpr const char* kReadTree = "read_tree";          ///< {} -> {"config": saveconfig}
inline constexpr const char* kListPorts = "list_ports";        ///< {} -> {"ports": [Port]}
inline constexpr const char* kListSessions = "list_sessions";  ///< {} -> {"sessions": [...]}
inline constexpr const char* kPlan = "plan";    ///< {"config": desired} -> {"operations": [...]}
inline constexpr const char* kApply = "apply";  ///< {"config": desired} -> {"executed": n}
inline constexpr const char* kSave = "save";    ///< {} -> {"path": "..."}
inline constexpr const char* kEnableTpg = "enable_tpg";       ///< {"wwn", "enable": bool}
inline constexpr const char* kSetPortRole = "set_port_role";  ///< {"wwn", "role"}

/// The configuration in a read_tree result: {"config": {...}} or the document itself.
std::optional<Config> parse_config(const nlohmann::json& result, std::string* error);
std::optional<std::vector<Port>> parse_ports(const nlohmann::json& result, std::string* error);
std::optional<std::vector<Session>> parse_sessions(const nlohmann::json& result,
                                                   std::string* error);
/// The preview lines of a plan result: {"operations": [{"preview": "..."}|"..."]} or
/// {"preview": ["..."]} or {"text": "line\nline"}.
std::optional<std::vector<std::string>> parse_plan(const nlohmann::json& result,
                                                   std::string* error);

}  // namespace qlat::admin::protocol
