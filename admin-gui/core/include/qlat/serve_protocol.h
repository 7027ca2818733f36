#pragma once
// The JSON shapes of `qlatctl serve`'s protocol (docs/qlatctl-serve.md is the contract), in
// one place for both sides: the server (qlatctl/serve_handler.cpp) writes them with to_json,
// the client (qlat-admin/connection/protocol.cpp) reads them with from_json. Method names,
// error codes, notification names, the request and answer envelopes, and each result. No Qt.
//
// Requests are {"id": N, "method": "...", "params": {...}}; answers {"id": N, "ok": true,
// "result": ...} or {"id": N, "ok": false, "error": {"code", "message", ...}}; notifications
// {"notification": name, "params": {...}} without an id. One JSON document per line.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/reader.h"

namespace qlat::serve {

/// The highest protocol version served, and the one qlat-admin asks for. A client gets
/// version 1 unless its hello asks for more; version 2 added the notifications, version 3
/// the digests: read_tree answers {"config", "digest"}, plan and apply need `base`.
inline constexpr int kVersion = 3;

// Methods.
inline constexpr const char* kHello = "hello";         ///< {"protocol"} -> Hello
inline constexpr const char* kReadTree = "read_tree";  ///< -> Tree (protocol 3)
/// -> [TargetSummary] (protocol 3): targets and their TPGs from listings, without the tree.
inline constexpr const char* kListTargets = "list_targets";
inline constexpr const char* kListPorts = "list_ports";        ///< -> [PortInfo]
inline constexpr const char* kListSessions = "list_sessions";  ///< -> [SessionInfo]
inline constexpr const char* kPlan = "plan";                   ///< PlanParams -> PlanResult
inline constexpr const char* kApply = "apply";                 ///< PlanParams -> ApplyOutcome
inline constexpr const char* kSave = "save";                   ///< -> SaveResult
inline constexpr const char* kEnableTpg = "enable_tpg";        ///< TpgParams -> ApplyOutcome
inline constexpr const char* kDisableTpg = "disable_tpg";      ///< TpgParams -> ApplyOutcome
inline constexpr const char* kSetPortRole = "set_port_role";   ///< PortRoleParams -> RoleResult
inline constexpr const char* kSubscribe = "subscribe";         ///< protocol 2
inline constexpr const char* kUnsubscribe = "unsubscribe";     ///< protocol 2

/// The methods hello lists for `protocol`, in that order.
std::vector<std::string> methods(int protocol);

// Error codes.
inline constexpr const char* kBadJson = "bad_json";
inline constexpr const char* kBadRequest = "bad_request";
inline constexpr const char* kInvalidConfig = "invalid_config";
inline constexpr const char* kUnknownMethod = "unknown_method";
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kPortsMissing = "ports_missing";
/// plan and apply when `base` is not the live tree's digest; the error carries "tree".
inline constexpr const char* kStale = "stale";
inline constexpr const char* kFailed = "failed";

// Notifications (protocol 2, after subscribe).
inline constexpr const char* kSessionAdded = "session_added";
inline constexpr const char* kSessionRemoved = "session_removed";
inline constexpr const char* kLoginRefused = "login_refused";
inline constexpr const char* kPortChanged = "port_changed";
inline constexpr const char* kInitiatorOnline = "initiator_online";
inline constexpr const char* kInitiatorOffline = "initiator_offline";
inline constexpr const char* kFabricChanged = "fabric_changed";
inline constexpr const char* kResync = "resync";
inline constexpr const char* kUnsubscribed = "unsubscribed";
/// Not an event: sent while a read_tree asked for it ({"progress": true}, protocol 3) reads,
/// {"method": "read_tree", "done": N, "total": M} in node ACLs, before the answer.
inline constexpr const char* kProgress = "progress";
/// The notifications that change what list_ports or list_sessions answer.
inline constexpr std::array<const char*, 8> kSessionNotifications = {
    kSessionAdded,     kSessionRemoved, kPortChanged, kInitiatorOnline,
    kInitiatorOffline, kFabricChanged,  kResync,      kLoginRefused};
bool changes_sessions(const std::string& name);

// The envelopes.

/// {"id", "method"} plus "params" when not null and not an empty object.
nlohmann::json request(const nlohmann::json& id, const std::string& method,
                       const nlohmann::json& params);

/// One problem of an invalid configuration: a JSON path and a reason.
struct Problem {
  std::string path;
  std::string reason;
};
void to_json(nlohmann::json& j, const Problem& v);
void from_json(const nlohmann::json& j, Problem& v);

/// An answer's error object: {"code", "message", "problems" when any, ...extra}.
// clang-tidy 14 reports bugprone-exception-escape for any class with an nlohmann::json
// member (from json's own noexcept special members); nothing here throws.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct Error {
  std::string code;
  std::string message;
  std::vector<Problem> problems;
  nlohmann::json extra = nlohmann::json::object();  ///< more keys (stale: "tree")
};
/// An error without problems or more keys.
Error make_error(std::string code, std::string message);
void to_json(nlohmann::json& j, const Error& v);
/// Lenient: a key missing or of another type is left empty.
void from_json(const nlohmann::json& j, Error& v);

nlohmann::json ok_answer(const nlohmann::json& id, const nlohmann::json& result);
nlohmann::json error_answer(const nlohmann::json& id, const Error& e);

/// A notification: {"notification": name, "params": {...}}.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct Notification {
  std::string name;
  nlohmann::json params = nlohmann::json::object();
};
void to_json(nlohmann::json& j, const Notification& v);
/// The notification `line` is, or nullopt when it is none (an answer, or not JSON).
std::optional<Notification> decode_notification(const std::string& line);

/// A response or notification as one line (invalid UTF-8 replaced, never thrown).
std::string line(const nlohmann::json& j);

// Requests' parameters.

/// hello: the version the client speaks.
struct HelloParams {
  int protocol = 1;
};
void to_json(nlohmann::json& j, const HelloParams& v);

/// plan and apply: the desired tree (a saveconfig document) and the digest of the tree it
/// was made against.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct PlanParams {
  nlohmann::json config;
  std::string base;
};
void to_json(nlohmann::json& j, const PlanParams& v);

/// enable_tpg and disable_tpg.
struct TpgParams {
  std::string fabric;
  std::string wwn;
  std::uint32_t tag = 1;
};
void to_json(nlohmann::json& j, const TpgParams& v);

/// set_port_role.
struct PortRoleParams {
  std::string host;
  std::string role;  ///< one of kRoles
};
void to_json(nlohmann::json& j, const PortRoleParams& v);
/// The roles set_port_role takes, in the order a GUI offers them.
inline constexpr std::array<const char*, 4> kRoles = {"target", "initiator", "both", "none"};

// Results. from_json is lenient: keys missing or of another type are left empty, so that
// each client decides what it requires.

struct Hello {
  int protocol = 0;
  std::string version;
  std::string configfs;
  std::vector<std::string> methods;
};
void to_json(nlohmann::json& j, const Hello& v);
void from_json(const nlohmann::json& j, Hello& v);

/// How the running configuration stands to the saved one (the file `save` writes): "same"
/// (restoring the file would change nothing), "differs", "missing" (no file) or
/// "unreadable" (with `error`).
struct SavedState {
  std::string file;
  std::string state;
  std::string error;  ///< left out when empty
};
void to_json(nlohmann::json& j, const SavedState& v);
void from_json(const nlohmann::json& j, SavedState& v);

/// read_tree (protocol 3) and a stale error's "tree": the saveconfig document and its
/// digest (sha256:<64 hex>). Each side parses `config` into its model. read_tree adds
/// "saved", the running configuration against the saved file (absent: not known).
// NOLINTNEXTLINE(bugprone-exception-escape)
struct Tree {
  nlohmann::json config;
  std::string digest;
  std::optional<SavedState> saved;
};
void to_json(nlohmann::json& j, const Tree& v);
void from_json(const nlohmann::json& j, Tree& v);

/// An initiator logged in to a port (an online fc_remote_port with the Initiator role).
struct Initiator {
  std::string wwpn;
  std::string port_id;
};
void to_json(nlohmann::json& j, const Initiator& v);
void from_json(const nlohmann::json& j, Initiator& v);

/// One list_ports entry.
struct PortInfo {
  std::string host;        ///< host3
  std::string wwn;         ///< naa.<16 hex>
  std::string driver;      ///< qla2xxx
  std::string port_state;  ///< Online, Linkdown, ...
  std::string roles;       ///< fc_host's roles: FCP Target, ...
  std::string node_name;   ///< naa.<16 hex>; left out when empty
  std::string speed;       ///< "8 Gbit", "unknown"
  std::string role;        ///< qlat's role; left out when empty (upstream qla2xxx)
  std::vector<Initiator> initiators;
};
void to_json(nlohmann::json& j, const PortInfo& v);
void from_json(const nlohmann::json& j, PortInfo& v);

/// One list_sessions entry: an ACL's active session (from its configfs `info`). The
/// optional fields are there when `info` has their line.
struct SessionInfo {
  std::string fabric;
  std::string wwn;
  std::uint32_t tag = 1;
  std::string node_wwn;
  std::optional<std::string> alias;
  std::optional<std::string> id;
  std::optional<std::string> type;
  std::optional<std::string> state;
  std::optional<std::string> nport_id;
};
void to_json(nlohmann::json& j, const SessionInfo& v);
void from_json(const nlohmann::json& j, SessionInfo& v);

/// One operation of a plan: the object, what it does, and its undo.
struct PlanOp {
  std::string object;
  std::string preview;
  std::string undo;
};
void to_json(nlohmann::json& j, const PlanOp& v);
void from_json(const nlohmann::json& j, PlanOp& v);

/// plan's result.
struct PlanResult {
  std::vector<PlanOp> operations;
  std::string digest;  ///< of the live tree planned against
};
void to_json(nlohmann::json& j, const PlanResult& v);
void from_json(const nlohmann::json& j, PlanResult& v);

/// apply's (and enable_tpg's, disable_tpg's) result. The failure keys are written only
/// when !ok, `digest` only by apply.
struct ApplyOutcome {
  bool ok = false;
  std::size_t operations = 0;
  std::size_t executed = 0;
  std::string failed_object;
  std::string error;
  bool rolled_back = false;
  std::vector<std::string> rollback_errors;
  std::string digest;

  /// For people: what failed, and whether the tree was left as it was; empty when ok.
  std::string failure_text() const;
};
void to_json(nlohmann::json& j, const ApplyOutcome& v);
void from_json(const nlohmann::json& j, ApplyOutcome& v);

/// save's result: the file written.
struct SaveResult {
  std::string file;
};
void to_json(nlohmann::json& j, const SaveResult& v);
void from_json(const nlohmann::json& j, SaveResult& v);

/// set_port_role's result.
struct RoleResult {
  std::string host;
  std::string role;
  std::string file;  ///< the sysfs file written
};
void to_json(nlohmann::json& j, const RoleResult& v);
void from_json(const nlohmann::json& j, RoleResult& v);

}  // namespace qlat::serve

namespace qlat {

/// One list_targets entry: {"fabric", "wwn", "tpgs": [{"tag", "enable", "luns", "acls"}]},
/// counts only. (In namespace qlat, beside the types, for nlohmann's lookup.)
void to_json(nlohmann::json& j, const TpgSummary& v);
void from_json(const nlohmann::json& j, TpgSummary& v);
void to_json(nlohmann::json& j, const TargetSummary& v);
void from_json(const nlohmann::json& j, TargetSummary& v);

}  // namespace qlat
