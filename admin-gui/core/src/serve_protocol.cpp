// The JSON shapes of `qlatctl serve`'s protocol: see serve_protocol.h.
#include "qlat/serve_protocol.h"

#include <algorithm>

namespace qlat::serve {

using nlohmann::json;

namespace {

/// The string at `key`, or "" when missing or not a string.
std::string text_at(const json& o, const char* key) {
  if (!o.is_object()) {
    return {};
  }
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The strings of the array at `key`, skipping what is not a string.
std::vector<std::string> texts_at(const json& o, const char* key) {
  std::vector<std::string> out;
  if (const auto it = o.find(key); it != o.end() && it->is_array()) {
    for (const auto& x : *it) {
      if (x.is_string()) {
        out.push_back(x.get<std::string>());
      }
    }
  }
  return out;
}

/// The objects of the array at `key` as T, skipping what is not an object.
template <typename T>
std::vector<T> objects_at(const json& o, const char* key) {
  std::vector<T> out;
  if (const auto it = o.find(key); it != o.end() && it->is_array()) {
    for (const auto& x : *it) {
      if (x.is_object()) {
        out.push_back(x.get<T>());
      }
    }
  }
  return out;
}

std::size_t count_at(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

void put_if(json& j, const char* key, const std::string& v) {
  if (!v.empty()) {
    j[key] = v;
  }
}

void put_if(json& j, const char* key, const std::optional<std::string>& v) {
  if (v) {
    j[key] = *v;
  }
}

std::optional<std::string> maybe_text_at(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it != o.end() && it->is_string()) {
    return it->get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> methods(int protocol) {
  // The order of hello's list (protocol 1's, then what later versions added).
  std::vector<std::string> m = {kHello, kReadTree, kListPorts, kListSessions, kPlan,
                                kApply, kSave,     kEnableTpg, kDisableTpg,   kSetPortRole};
  if (protocol >= 2) {
    m.emplace_back(kSubscribe);
    m.emplace_back(kUnsubscribe);
  }
  if (protocol >= 3) {
    m.emplace_back(kListTargets);
  }
  return m;
}

bool changes_sessions(const std::string& name) {
  return std::find(kSessionNotifications.begin(), kSessionNotifications.end(), name) !=
         kSessionNotifications.end();
}

json request(const json& id, const std::string& method, const json& params) {
  json j = {{"id", id}, {"method", method}};
  if (!params.is_null() && !(params.is_object() && params.empty())) {
    j["params"] = params;
  }
  return j;
}

void to_json(json& j, const Problem& v) {
  j = {{"path", v.path}, {"reason", v.reason}};
}
void from_json(const json& j, Problem& v) {
  v.path = text_at(j, "path");
  v.reason = text_at(j, "reason");
}

Error make_error(std::string code, std::string message) {
  Error e;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

void to_json(json& j, const Error& v) {
  j = {{"code", v.code}, {"message", v.message}};
  if (!v.problems.empty()) {
    j["problems"] = v.problems;
  }
  if (v.extra.is_object()) {
    j.update(v.extra);
  }
}

void from_json(const json& j, Error& v) {
  v.code = text_at(j, "code");
  v.message = text_at(j, "message");
  v.problems = objects_at<Problem>(j, "problems");
  v.extra = json::object();
  if (!j.is_object()) {
    return;
  }
  for (const auto& [k, x] : j.items()) {
    if (k != "code" && k != "message" && k != "problems") {
      v.extra[k] = x;
    }
  }
}

json ok_answer(const json& id, const json& result) {
  return {{"id", id}, {"ok", true}, {"result", result}};
}

json error_answer(const json& id, const Error& e) {
  return {{"id", id}, {"ok", false}, {"error", e}};
}

void to_json(json& j, const Notification& v) {
  j = {{"notification", v.name}, {"params", v.params}};
}

std::optional<Notification> decode_notification(const std::string& line) {
  const auto j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.contains("id") || !j.contains("notification") ||
      !j.at("notification").is_string()) {
    return std::nullopt;
  }
  Notification n;
  n.name = j.at("notification").get<std::string>();
  if (const auto p = j.find("params"); p != j.end() && p->is_object()) {
    n.params = *p;
  }
  return n;
}

std::string line(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void to_json(json& j, const HelloParams& v) {
  j = {{"protocol", v.protocol}};
}

void to_json(json& j, const PlanParams& v) {
  j = {{"config", v.config}, {"base", v.base}};
}

void to_json(json& j, const TpgParams& v) {
  j = {{"fabric", v.fabric}, {"wwn", v.wwn}, {"tag", v.tag}};
}

void to_json(json& j, const PortRoleParams& v) {
  j = {{"host", v.host}, {"role", v.role}};
}

void to_json(json& j, const Hello& v) {
  j = {{"protocol", v.protocol},
       {"version", v.version},
       {"configfs", v.configfs},
       {"methods", v.methods}};
}

void from_json(const json& j, Hello& v) {
  const auto p = j.find("protocol");
  v.protocol = p != j.end() && p->is_number_integer() ? p->get<int>() : 0;
  v.version = text_at(j, "version");
  v.configfs = text_at(j, "configfs");
  v.methods = texts_at(j, "methods");
}

void to_json(json& j, const SavedState& v) {
  j = {{"file", v.file}, {"state", v.state}};
  if (!v.error.empty()) {
    j["error"] = v.error;
  }
}

void from_json(const json& j, SavedState& v) {
  v.file = text_at(j, "file");
  v.state = text_at(j, "state");
  v.error = text_at(j, "error");
}

void to_json(json& j, const Tree& v) {
  j = {{"config", v.config}, {"digest", v.digest}};
  if (v.saved) {
    j["saved"] = *v.saved;
  }
}

void from_json(const json& j, Tree& v) {
  v.config = j.is_object() ? j.value("config", json()) : json();
  v.digest = text_at(j, "digest");
  if (j.is_object() && j.contains("saved") && j.at("saved").is_object()) {
    v.saved = j.at("saved").get<SavedState>();
  } else {
    v.saved.reset();
  }
}

void to_json(json& j, const Initiator& v) {
  j = {{"wwpn", v.wwpn}, {"port_id", v.port_id}};
}

void from_json(const json& j, Initiator& v) {
  v.wwpn = text_at(j, "wwpn");
  v.port_id = text_at(j, "port_id");
}

void to_json(json& j, const PortInfo& v) {
  j = {{"host", v.host},
       {"wwn", v.wwn},
       {"driver", v.driver},
       {"port_state", v.port_state},
       {"roles", v.roles}};
  put_if(j, "node_name", v.node_name);
  j["speed"] = v.speed;
  put_if(j, "role", v.role);
  j["initiators"] = v.initiators;
}

void from_json(const json& j, PortInfo& v) {
  v.host = text_at(j, "host");
  v.wwn = text_at(j, "wwn");
  v.driver = text_at(j, "driver");
  v.port_state = text_at(j, "port_state");
  v.roles = text_at(j, "roles");
  v.node_name = text_at(j, "node_name");
  v.speed = text_at(j, "speed");
  v.role = text_at(j, "role");
  v.initiators = objects_at<Initiator>(j, "initiators");
}

void to_json(json& j, const SessionInfo& v) {
  j = {{"fabric", v.fabric}, {"wwn", v.wwn}, {"tag", v.tag}, {"node_wwn", v.node_wwn}};
  put_if(j, "alias", v.alias);
  put_if(j, "id", v.id);
  put_if(j, "type", v.type);
  put_if(j, "state", v.state);
  put_if(j, "nport_id", v.nport_id);
}

void from_json(const json& j, SessionInfo& v) {
  v.fabric = text_at(j, "fabric");
  v.wwn = text_at(j, "wwn");
  const auto t = j.find("tag");
  v.tag = t != j.end() && t->is_number_unsigned() ? t->get<std::uint32_t>() : 0;
  v.node_wwn = text_at(j, "node_wwn");
  v.alias = maybe_text_at(j, "alias");
  v.id = maybe_text_at(j, "id");
  v.type = maybe_text_at(j, "type");
  v.state = maybe_text_at(j, "state");
  v.nport_id = maybe_text_at(j, "nport_id");
}

void to_json(json& j, const PlanOp& v) {
  j = {{"object", v.object}, {"preview", v.preview}, {"undo", v.undo}};
}

void from_json(const json& j, PlanOp& v) {
  v.object = text_at(j, "object");
  v.preview = text_at(j, "preview");
  v.undo = text_at(j, "undo");
}

void to_json(json& j, const PlanResult& v) {
  j = {{"operations", v.operations}, {"digest", v.digest}};
}

void from_json(const json& j, PlanResult& v) {
  v.operations = objects_at<PlanOp>(j, "operations");
  v.digest = text_at(j, "digest");
}

std::string ApplyOutcome::failure_text() const {
  if (ok) {
    return {};
  }
  std::string s =
      "operation " + std::to_string(executed + 1) + " of " + std::to_string(operations) + " failed";
  if (!failed_object.empty()) {
    s += " (" + failed_object + ")";
  }
  s += ": " + error;
  if (rolled_back) {
    s += "; the completed operations were undone, the configuration is as before";
  } else {
    s += "; undoing the completed operations failed too, the configuration is partly changed";
    for (const auto& e : rollback_errors) {
      s += "\n" + e;
    }
  }
  return s;
}

void to_json(json& j, const ApplyOutcome& v) {
  j = {{"ok", v.ok}, {"operations", v.operations}, {"executed", v.executed}};
  if (!v.ok) {
    j["failed_object"] = v.failed_object;
    j["error"] = v.error;
    j["rolled_back"] = v.rolled_back;
    j["rollback_errors"] = v.rollback_errors;
  }
  put_if(j, "digest", v.digest);
}

void from_json(const json& j, ApplyOutcome& v) {
  const auto ok = j.find("ok");
  v.ok = ok != j.end() && ok->is_boolean() && ok->get<bool>();
  v.operations = count_at(j, "operations");
  v.executed = count_at(j, "executed");
  v.failed_object = text_at(j, "failed_object");
  v.error = text_at(j, "error");
  const auto rb = j.find("rolled_back");
  v.rolled_back = rb != j.end() && rb->is_boolean() && rb->get<bool>();
  v.rollback_errors = texts_at(j, "rollback_errors");
  v.digest = text_at(j, "digest");
}

void to_json(json& j, const SaveResult& v) {
  j = {{"file", v.file}};
}
void from_json(const json& j, SaveResult& v) {
  v.file = text_at(j, "file");
}

void to_json(json& j, const RoleResult& v) {
  j = {{"host", v.host}, {"role", v.role}, {"file", v.file}};
}

void from_json(const json& j, RoleResult& v) {
  v.host = text_at(j, "host");
  v.role = text_at(j, "role");
  v.file = text_at(j, "file");
}

}  // namespace qlat::serve

namespace qlat {

void to_json(json& j, const TpgSummary& v) {
  j = {{"tag", v.tag}, {"enable", v.enable}, {"luns", v.luns}, {"acls", v.acls}};
}

void from_json(const json& j, TpgSummary& v) {
  v = {};
  if (!j.is_object()) {
    return;
  }
  v.tag = static_cast<std::uint32_t>(serve::count_at(j, "tag"));
  v.enable = !j.contains("enable") || !j.at("enable").is_boolean() || j.at("enable").get<bool>();
  v.luns = serve::count_at(j, "luns");
  v.acls = serve::count_at(j, "acls");
}

void to_json(json& j, const TargetSummary& v) {
  j = {{"fabric", v.fabric}, {"wwn", v.wwn}, {"tpgs", v.tpgs}};
}

void from_json(const json& j, TargetSummary& v) {
  v = {};
  if (!j.is_object()) {
    return;
  }
  v.fabric = serve::text_at(j, "fabric");
  v.wwn = serve::text_at(j, "wwn");
  v.tpgs = serve::objects_at<TpgSummary>(j, "tpgs");
}

}  // namespace qlat
