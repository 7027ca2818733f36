#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "state/config.h"
#include "state/live.h"

namespace qlat::admin::protocol {

// The client side of `qlatctl serve`'s JSON-lines protocol, version 3 (docs/qlatctl-serve.md
// is the contract; after `subscribe` the client follows version 2's notifications): requests {"id":
// N, "method": "...", "params": {...}}, answers
// {"id": N, "ok": true, "result": ...} or {"id": N, "ok": false, "error": {"code", "message"}}.
// Pure functions, so that tests check them against answers recorded from the real server.

/// The version asked for in hello and required in its answer. Version 3: read_tree carries
/// the tree's digest, plan and apply send the `base` digest and may answer "stale".
inline constexpr int kVersion = 3;

inline constexpr const char* kHello = "hello";
inline constexpr const char* kReadTree = "read_tree";          ///< -> the saveconfig document
inline constexpr const char* kListPorts = "list_ports";        ///< -> [port]
inline constexpr const char* kListSessions = "list_sessions";  ///< -> [session]
inline constexpr const char* kPlan = "plan";    ///< {"config", "base"} -> {"operations": [op]}
inline constexpr const char* kApply = "apply";  ///< {"config", "base"} -> {"ok", "executed", ...}
/// The error code of plan and apply when `base` is not the live tree's digest.
inline constexpr const char* kStale = "stale";
inline constexpr const char* kSave = "save";                  ///< -> {"file"}
inline constexpr const char* kEnableTpg = "enable_tpg";       ///< {"fabric","wwn","tag"}
inline constexpr const char* kDisableTpg = "disable_tpg";     ///< {"fabric","wwn","tag"}
inline constexpr const char* kSetPortRole = "set_port_role";  ///< {"host","role"}
inline constexpr const char* kSubscribe = "subscribe";        ///< -> {"sessions", "fc", "notes"}

/// A notification line, {"notification": name, "params": {...}} without an id.
struct Notification {
  std::string name;
  nlohmann::json params = nlohmann::json::object();
};
/// The notification `line` is, or nullopt when it is none (an answer, or not JSON).
std::optional<Notification> decode_notification(const std::string& line);
/// True when `name` changes what list_ports or list_sessions answer (a login, a logout, a
/// link change, a remote port, a resync): the client reads both again.
bool changes_sessions(const std::string& name);

/// One request line (without the newline); `params` is left out when null or empty.
std::string encode_request(std::uint64_t id, const std::string& method,
                           const nlohmann::json& params);

/// One answer.
// clang-tidy 14 reports bugprone-exception-escape for any class with an nlohmann::json
// member (from json's own noexcept special members); nothing here throws.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct Reply {
  nlohmann::json id;  ///< as sent; null for a line the server could not parse
  bool ok = false;
  nlohmann::json result;
  std::string code;                   ///< error code (bad_request, invalid_config, ...) when !ok
  std::string message;                ///< error text when !ok
  std::vector<std::string> problems;  ///< invalid_config: "<path>: <reason>"
  nlohmann::json error;               ///< the whole error object when !ok (stale: "tree")

  /// For people: "message" plus each problem; empty when ok.
  std::string error_text() const;
};

/// Decodes one answer line; nullopt (with `error`) when it is not a protocol answer.
std::optional<Reply> decode_reply(const std::string& line, std::string* error);

struct Hello {
  int protocol = 0;
  std::string version;
  std::string configfs;
  std::vector<std::string> methods;
};
/// The hello result; nullopt when malformed or of a protocol version other than kVersion.
std::optional<Hello> parse_hello(const nlohmann::json& result, std::string* error);

/// A saveconfig document.
std::optional<Config> parse_config(const nlohmann::json& result, std::string* error);

/// A live tree and its digest (the generation edits are made against).
struct Tree {
  Config config;
  std::string digest;  ///< sha256:<64 hex>
};
/// read_tree's result {"config", "digest"}, or a stale error's "tree".
std::optional<Tree> parse_tree(const nlohmann::json& result, std::string* error);
/// The current tree a "stale" error object carries.
std::optional<Tree> parse_stale(const nlohmann::json& error_object, std::string* error);

/// plan / apply parameters: the desired tree and the digest of the tree it was made from.
nlohmann::json plan_params(const Config& desired, const std::string& base);

/// list_ports: the FC ports. `role` is qlat's role where the server reports it, else derived
/// from fc_host's roles; target_enabled is left false (it comes from the configuration).
std::optional<std::vector<Port>> parse_ports(const nlohmann::json& result, std::string* error);

/// The initiators logged in to the ports (list_ports' "initiators") plus the qla2xxx ACL
/// sessions of list_sessions, one entry per (port, initiator).
std::optional<std::vector<Session>> parse_sessions(const nlohmann::json& ports_result,
                                                   const nlohmann::json& sessions_result,
                                                   std::string* error);

/// One operation of a plan, as the core previews it.
struct PlanOp {
  std::string object;
  std::string preview;
  std::string undo;
};
/// plan: {"operations": [{"object", "preview", "undo"}]}.
std::optional<std::vector<PlanOp>> parse_plan(const nlohmann::json& result, std::string* error);

/// apply (and enable_tpg / disable_tpg): the outcome.
struct ApplyOutcome {
  bool ok = false;
  std::size_t operations = 0;
  std::size_t executed = 0;
  std::string failed_object;
  std::string error;
  bool rolled_back = false;
  std::vector<std::string> rollback_errors;

  /// For people: what failed, and whether the tree was left as it was.
  std::string failure_text() const;
};
std::optional<ApplyOutcome> parse_apply(const nlohmann::json& result, std::string* error);

/// save: the file written.
std::optional<std::string> parse_save(const nlohmann::json& result, std::string* error);

/// enable_tpg / disable_tpg parameters for the qla2xxx target on `wwpn` (tpgt_1).
nlohmann::json tpg_params(const std::string& wwpn, std::uint32_t tag = 1);
/// set_port_role parameters.
nlohmann::json port_role_params(const std::string& host, const std::string& role);

/// The roles set_port_role takes, in the order the GUI offers them.
inline constexpr std::array<const char*, 4> kRoles = {"target", "initiator", "both", "none"};

}  // namespace qlat::admin::protocol
