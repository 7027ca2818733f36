#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/model.h"
#include "qlat/serve_protocol.h"
#include "state/live.h"

namespace qlat::admin::protocol {

// The client side of `qlatctl serve`'s JSON-lines protocol, version 3 (docs/qlatctl-serve.md
// is the contract; after `subscribe` the client follows version 2's notifications). The
// shapes (method names, parameters, results, errors, notifications) are the core's
// qlat/serve_protocol.h, which the server writes with; this adds what the GUI requires of
// each answer and its own types (Config, Port, Session). Pure functions, so that tests
// check them against answers recorded from the real server.

/// The version asked for in hello and required in its answer.
using qlat::serve::kVersion;

using qlat::serve::kApply;
using qlat::serve::kDisableTpg;
using qlat::serve::kEnableTpg;
using qlat::serve::kHello;
using qlat::serve::kListPorts;
using qlat::serve::kListSessions;
using qlat::serve::kListTargets;
using qlat::serve::kPlan;
using qlat::serve::kProgress;
using qlat::serve::kReadTree;
using qlat::serve::kSave;
using qlat::serve::kSetPortRole;
using qlat::serve::kStale;
using qlat::serve::kSubscribe;

/// A notification line, {"notification": name, "params": {...}} without an id.
using qlat::serve::Notification;
/// The notification `line` is, or nullopt when it is none (an answer, or not JSON).
using qlat::serve::decode_notification;
/// True when `name` changes what list_ports or list_sessions answer (a login, a logout, a
/// link change, a remote port, a resync): the client reads both again.
using qlat::serve::changes_sessions;

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

using qlat::serve::Hello;
/// The hello result; nullopt when malformed or of a protocol version other than kVersion.
std::optional<Hello> parse_hello(const nlohmann::json& result, std::string* error);

/// A saveconfig document.
std::optional<Config> parse_config(const nlohmann::json& result, std::string* error);

/// A live tree and its digest (the generation edits are made against).
struct Tree {
  Config config;
  std::string digest;  ///< sha256:<64 hex>
  /// The running configuration against the saved file, where the server says (read_tree).
  std::optional<qlat::serve::SavedState> saved;
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
using qlat::serve::PlanOp;
/// plan: {"operations": [{"object", "preview", "undo"}]}.
std::optional<std::vector<PlanOp>> parse_plan(const nlohmann::json& result, std::string* error);

/// apply (and enable_tpg / disable_tpg): the outcome.
using qlat::serve::ApplyOutcome;
std::optional<ApplyOutcome> parse_apply(const nlohmann::json& result, std::string* error);

/// save: the file written.
std::optional<std::string> parse_save(const nlohmann::json& result, std::string* error);

/// enable_tpg / disable_tpg parameters for the qla2xxx target on `wwpn` (tpgt_1).
nlohmann::json tpg_params(const std::string& wwpn, std::uint32_t tag = 1);
/// set_port_role parameters.
nlohmann::json port_role_params(const std::string& host, const std::string& role);

/// The roles set_port_role takes, in the order the GUI offers them.
using qlat::serve::kRoles;

}  // namespace qlat::admin::protocol
