#include "connection/protocol.h"

#include <algorithm>

namespace qlat::admin::protocol {

using nlohmann::json;
namespace serve = qlat::serve;

namespace {

void set(std::string* error, std::string text) {
  if (error != nullptr) {
    *error = std::move(text);
  }
}

std::string str(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string shortened(const json& j) {
  auto s = j.dump();
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

/// qla2xxx role from fc_host's roles ("FCP Target", "FCP Initiator, FCP Target", ...).
std::string role_from_roles(const std::string& roles) {
  const bool t = roles.find("Target") != std::string::npos;
  const bool i = roles.find("Initiator") != std::string::npos;
  return t && i ? "both" : t ? "target" : i ? "initiator" : "none";
}

}  // namespace

std::string encode_request(std::uint64_t id, const std::string& method, const json& params) {
  return serve::request(id, method, params).dump();
}

std::string Reply::error_text() const {
  if (ok) {
    return {};
  }
  std::string s = message.empty() ? "qlatctl serve failed without a message" : message;
  if (!code.empty() && code != "failed") {
    s += " (" + code + ")";
  }
  for (const auto& p : problems) {
    s += "\n" + p;
  }
  return s;
}

std::optional<Reply> decode_reply(const std::string& line, std::string* error) {
  const auto j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    set(error, "qlatctl serve wrote a line that is not a JSON object: " + line.substr(0, 200));
    return std::nullopt;
  }
  if (!j.contains("id") || !j.contains("ok") || !j.at("ok").is_boolean()) {
    set(error, "qlatctl serve wrote an object that is not an answer: " + shortened(j));
    return std::nullopt;
  }
  Reply r;
  r.id = j.at("id");
  r.ok = j.at("ok").get<bool>();
  if (r.ok) {
    if (!j.contains("result")) {
      set(error, "qlatctl serve answered ok without a result: " + shortened(j));
      return std::nullopt;
    }
    r.result = j.at("result");
    return r;
  }
  const auto e = j.value("error", json());
  if (!e.is_object()) {
    set(error, "qlatctl serve answered a failure without an error object: " + shortened(j));
    return std::nullopt;
  }
  r.error = e;
  const auto err = e.get<serve::Error>();
  r.code = err.code;
  r.message = err.message;
  for (const auto& p : err.problems) {
    r.problems.push_back(p.path + ": " + p.reason);
  }
  return r;
}

std::optional<Hello> parse_hello(const json& result, std::string* error) {
  if (!result.is_object() || !result.contains("protocol") ||
      !result.at("protocol").is_number_integer()) {
    set(error, "qlatctl serve's hello has no protocol version: " + shortened(result));
    return std::nullopt;
  }
  const auto h = result.get<Hello>();
  if (h.protocol != kVersion) {
    set(error, "qlatctl serve " + h.version + " speaks protocol version " +
                   std::to_string(h.protocol) + "; this qlat-admin speaks version " +
                   std::to_string(kVersion));
    return std::nullopt;
  }
  return h;
}

std::optional<Config> parse_config(const json& result, std::string* error) {
  if (!result.is_object()) {
    set(error, "qlatctl serve sent no configuration: " + shortened(result));
    return std::nullopt;
  }
  try {
    return result.get<Config>();
  } catch (const json::exception& e) {
    set(error, std::string("qlatctl serve sent a malformed configuration: ") + e.what());
    return std::nullopt;
  }
}

std::optional<Tree> parse_tree(const json& result, std::string* error) {
  if (!result.is_object() || !result.contains("config") || str(result, "digest").empty()) {
    set(error, "qlatctl serve sent no tree with a digest: " + shortened(result));
    return std::nullopt;
  }
  const auto t = result.get<serve::Tree>();
  auto c = parse_config(t.config, error);
  if (!c) {
    return std::nullopt;
  }
  return Tree{std::move(*c), t.digest, t.saved};
}

std::optional<Tree> parse_stale(const json& error_object, std::string* error) {
  if (!error_object.is_object() || !error_object.contains("tree")) {
    set(error, "qlatctl serve answered stale without the current tree");
    return std::nullopt;
  }
  return parse_tree(error_object.at("tree"), error);
}

json plan_params(const Config& desired, const std::string& base) {
  return serve::PlanParams{desired, base};
}

std::optional<std::vector<Port>> parse_ports(const json& result, std::string* error) {
  if (!result.is_array()) {
    set(error, "qlatctl serve sent a port list that is not an array: " + shortened(result));
    return std::nullopt;
  }
  std::vector<Port> out;
  for (const auto& p : result) {
    if (!p.is_object() || str(p, "wwn").empty() || str(p, "host").empty()) {
      set(error, "qlatctl serve sent a port without wwn or host: " + shortened(p));
      return std::nullopt;
    }
    const auto info = p.get<serve::PortInfo>();
    Port port;
    port.wwpn = info.wwn;
    port.wwnn = info.node_name;
    port.host = info.host;
    port.driver = info.driver;
    port.role = info.role.empty() ? role_from_roles(info.roles) : info.role;
    port.link_state = info.port_state;
    port.speed = info.speed;
    out.push_back(std::move(port));
  }
  return out;
}

std::optional<std::vector<Session>> parse_sessions(const json& ports_result,
                                                   const json& sessions_result,
                                                   std::string* error) {
  if (!ports_result.is_array() || !sessions_result.is_array()) {
    set(error, "qlatctl serve sent a port or session list that is not an array");
    return std::nullopt;
  }
  std::vector<Session> out;
  auto find = [&out](const std::string& port, const std::string& ini) {
    return std::find_if(out.begin(), out.end(), [&](const Session& s) {
      return s.port_wwpn == port && s.initiator_wwpn == ini;
    });
  };
  for (const auto& p : ports_result) {
    const auto ini = p.is_object() ? p.value("initiators", json::array()) : json::array();
    for (const auto& i : ini) {
      if (!i.is_object() || str(i, "wwpn").empty()) {
        set(error, "qlatctl serve sent a logged-in initiator without wwpn: " + shortened(i));
        return std::nullopt;
      }
      const auto x = i.get<serve::Initiator>();
      out.push_back({str(p, "wwn"), x.wwpn, x.port_id, false});
    }
  }
  for (const auto& s : sessions_result) {
    if (!s.is_object() || str(s, "node_wwn").empty() || str(s, "wwn").empty()) {
      set(error, "qlatctl serve sent a session without wwn or node_wwn: " + shortened(s));
      return std::nullopt;
    }
    const auto info = s.get<serve::SessionInfo>();
    if (info.fabric != kFcFabric) {
      continue;
    }
    const auto nport_id = info.nport_id.value_or("");
    const auto it = find(info.wwn, info.node_wwn);
    if (it != out.end()) {
      it->lio_session = true;
      if (it->nport_id.empty()) {
        it->nport_id = nport_id;
      }
    } else {
      out.push_back({info.wwn, info.node_wwn, nport_id, true});
    }
  }
  return out;
}

std::optional<std::vector<PlanOp>> parse_plan(const json& result, std::string* error) {
  if (!result.is_object() || !result.contains("operations") ||
      !result.at("operations").is_array()) {
    set(error, "qlatctl serve sent a plan without operations: " + shortened(result));
    return std::nullopt;
  }
  for (const auto& op : result.at("operations")) {
    if (!op.is_object() || !op.contains("preview") || !op.at("preview").is_string()) {
      set(error, "qlatctl serve sent an operation without a preview: " + shortened(op));
      return std::nullopt;
    }
  }
  return result.get<serve::PlanResult>().operations;
}

std::optional<ApplyOutcome> parse_apply(const json& result, std::string* error) {
  if (!result.is_object() || !result.contains("ok") || !result.at("ok").is_boolean()) {
    set(error, "qlatctl serve sent an apply result without 'ok': " + shortened(result));
    return std::nullopt;
  }
  return result.get<ApplyOutcome>();
}

std::optional<std::string> parse_save(const json& result, std::string* error) {
  if (!result.is_object() || str(result, "file").empty()) {
    set(error, "qlatctl serve sent a save result without 'file': " + shortened(result));
    return std::nullopt;
  }
  return result.get<serve::SaveResult>().file;
}

json tpg_params(const std::string& wwpn, std::uint32_t tag) {
  return serve::TpgParams{kFcFabric, wwpn, tag};
}

json port_role_params(const std::string& host, const std::string& role) {
  return serve::PortRoleParams{host, role};
}

}  // namespace qlat::admin::protocol
