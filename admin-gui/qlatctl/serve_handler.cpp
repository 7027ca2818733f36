// The request handler of `qlatctl serve`: see serve_handler.h and docs/qlatctl-serve.md.
#include "serve_handler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "qlat/error.h"
#include "qlat/ports.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"
#include "qlat/validate.h"
#include "qlat/version.h"
#include "qlat/wwn.h"

namespace qlatctl {

namespace {

using nlohmann::json;

/// The highest protocol version served; a client gets version 1 unless its hello asks for
/// more ({"protocol": 3}), so that an older client sees no change. Version 2 added the
/// notifications, version 3 the digests: read_tree answers {"config", "digest"} and plan and
/// apply need the `base` digest the edits were made against.
constexpr int kProtocol = 3;

const json& param(const json& req, const char* key) {
  if (!req.contains("params") || !req.at("params").is_object() || !req.at("params").contains(key)) {
    throw RequestError("bad_request", std::string("missing parameter '") + key + "'");
  }
  return req.at("params").at(key);
}

std::string string_param(const json& req, const char* key) {
  const auto& v = param(req, key);
  if (!v.is_string()) {
    throw RequestError("bad_request", std::string("parameter '") + key + "' must be a string");
  }
  return v.get<std::string>();
}

qlat::Config config_param(const json& req) {
  const auto& c = param(req, "config");
  try {
    return qlat::parse_config(c.dump(), "<request>");
  } catch (const qlat::ValidationError& e) {
    json problems = json::array();
    for (const auto& p : e.problems()) {
      problems.push_back({{"path", p.json_path}, {"reason", p.reason}});
    }
    throw RequestError("invalid_config", e.what(), std::move(problems));
  }
}

/// The TPG directory of (fabric, wwn, tag), with every part validated.
std::string tpg_dir(const json& req) {
  const auto fabric = string_param(req, "fabric");
  const auto wwn = string_param(req, "wwn");
  const auto& tagv = param(req, "tag");
  if (!qlat::is_safe_name(fabric)) {
    throw RequestError("bad_request", "invalid fabric name");
  }
  const auto f = qlat::Schema::builtin().fabric(fabric);
  if (!qlat::Wwn::parse(wwn, f.wwn_types)) {
    throw RequestError("bad_request", "invalid WWN '" + wwn + "' for fabric " + fabric);
  }
  if (!tagv.is_number_unsigned() || tagv.get<unsigned>() > 65535) {
    throw RequestError("bad_request", "'tag' must be an integer 0..65535");
  }
  return qlat::cfs_path::tpg(qlat::Schema::builtin(), fabric, wwn, tagv.get<unsigned>());
}

/// One list_ports entry: fc_host's names and state, qlat's role, and the initiators logged in
/// to the port (its fc_remote_ports with the FCP Initiator role, online).
json port_json(const qlat::FcPort& p, const std::string& sysfs) {
  namespace fs = std::filesystem;
  const fs::path fc = fs::path(sysfs) / "class/fc_host" / p.host;
  json j = {{"host", p.host},
            {"wwn", p.wwn},
            {"driver", p.driver},
            {"port_state", p.port_state},
            {"roles", p.roles}};
  if (const auto nn =
          qlat::Wwn::parse(qlat::sysfs_line(fc / "node_name"), {qlat::Wwn::Type::naa})) {
    j["node_name"] = nn->str();
  }
  j["speed"] = qlat::sysfs_line(fc / "speed");
  if (!p.role.empty()) {
    j["role"] = p.role;
  }
  json initiators = json::array();
  const std::string prefix = "rport-" + p.host.substr(4) + ":";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(sysfs) / "class/fc_remote_ports", ec)) {
    const auto name = e.path().filename().string();
    if (!name.starts_with(prefix) ||
        qlat::sysfs_line(e.path() / "roles").find("Initiator") == std::string::npos ||
        qlat::sysfs_line(e.path() / "port_state") != "Online") {
      continue;
    }
    if (const auto w =
            qlat::Wwn::parse(qlat::sysfs_line(e.path() / "port_name"), {qlat::Wwn::Type::naa})) {
      initiators.push_back(
          {{"wwpn", w->str()}, {"port_id", qlat::sysfs_line(e.path() / "port_id")}});
    }
  }
  std::sort(initiators.begin(), initiators.end());
  j["initiators"] = initiators;
  return j;
}

json sessions(const qlat::Backend& cfs) {
  json out = json::array();
  const auto c = qlat::read_tree(cfs);
  for (const auto& t : c.targets) {
    for (const auto& g : t.tpgs) {
      const auto dir = qlat::cfs_path::tpg(qlat::Schema::builtin(), t.fabric, t.wwn, g.tag);
      for (const auto& a : g.node_acls) {
        const auto info_path =
            dir + "/acls/" +
            qlat::cfs_path::acl_dir(qlat::Schema::builtin(), t.fabric, a.node_wwn) + "/info";
        std::string info;
        try {
          info = cfs.read(info_path);
        } catch (const qlat::Error&) {
          continue;
        }
        if (info.empty() || info.starts_with("No active")) {
          continue;
        }
        json s = {{"fabric", t.fabric}, {"wwn", t.wwn}, {"tag", g.tag}, {"node_wwn", a.node_wwn}};
        std::istringstream in(info);
        std::string line;
        while (std::getline(in, line)) {
          if (line.starts_with("InitiatorAlias:")) {
            s["alias"] = qlat::parse_info(line, "InitiatorAlias");
          } else if (line.starts_with("LIO Session ID:")) {
            s["id"] = qlat::parse_info(line, "LIO Session ID");
            s["type"] = qlat::parse_info(line, "SessionType");
          } else if (auto p = line.find("TARG_SESS_STATE_"); p != std::string::npos) {
            auto st = line.substr(p + 16);
            s["state"] = st.substr(0, st.find_first_of(" \t"));
          } else if (line.starts_with("FC N_Port ID:")) {
            s["nport_id"] = qlat::parse_info(line, "FC N_Port ID");
          }
        }
        out.push_back(s);
      }
    }
  }
  return out;
}

json tree_json(const qlat::Config& c) {
  return {{"config", c}, {"digest", qlat::digest(c)}};
}

}  // namespace

ServeHandler::ServeHandler(const Global& g, qlat::Backend& cfs, std::string save_file,
                           EventsFn events)
    : g_(g), cfs_(cfs), save_file_(std::move(save_file)), events_(std::move(events)) {}

json ServeHandler::handle(const json& req) {
  if (!req.is_object() || !req.contains("method") || !req.at("method").is_string()) {
    throw RequestError("bad_request", "a request is an object with a string 'method'");
  }
  const auto m = req.at("method").get<std::string>();
  if (m == "hello") {
    protocol_ = 1;
    if (req.contains("params") && req.at("params").is_object() &&
        req.at("params").contains("protocol")) {
      const auto& v = req.at("params").at("protocol");
      if (!v.is_number_integer() || v.get<int>() < 1) {
        throw RequestError("bad_request", "'protocol' must be an integer >= 1");
      }
      protocol_ = std::min(v.get<int>(), kProtocol);
    }
    json methods = {"hello", "read_tree", "list_ports", "list_sessions", "plan",
                    "apply", "save",      "enable_tpg", "disable_tpg",   "set_port_role"};
    if (protocol_ >= 2) {
      methods.push_back("subscribe");
      methods.push_back("unsubscribe");
    }
    return {{"protocol", protocol_},
            {"version", std::string(qlat::version())},
            {"configfs", g_.configfs},
            {"methods", methods}};
  }
  if (m == "subscribe" || m == "unsubscribe") {
    if (protocol_ < 2) {
      throw RequestError("unknown_method", "'" + m +
                                               "' is a protocol 2 method: say hello with "
                                               "params {\"protocol\": 2} first");
    }
    if (!events_) {
      throw RequestError("failed", "subscribe: no event source");
    }
    return events_(m == "subscribe");
  }
  if (m == "read_tree") {
    const auto c = qlat::read_tree(cfs_);
    if (protocol_ >= 3) {
      return tree_json(c);
    }
    return c;
  }
  if (m == "list_ports") {
    json a = json::array();
    for (const auto& p : qlat::list_fc_ports(g_.sysfs)) {
      a.push_back(port_json(p, g_.sysfs));
    }
    return a;
  }
  if (m == "list_sessions") {
    return sessions(cfs_);
  }
  if (m == "plan" || m == "apply") {
    const auto desired = config_param(req);
    const auto live = qlat::read_tree(cfs_);
    const auto live_digest = check_base(req, live);
    auto plan = qlat::diff(live, desired, cfs_);
    if (m == "plan") {
      return {{"operations", plan.to_json()}, {"digest", live_digest}};
    }
    const auto waiting = wait_for_ports(desired, g_, 0);
    if (!waiting.empty()) {
      throw RequestError("ports_missing",
                         "FC ports not ready for a qla2xxx target (present, in role target "
                         "or both): " +
                             describe(waiting, "; "));
    }
    const auto r = qlat::apply(plan, cfs_);
    auto out = apply_json(r, plan.size());
    out["digest"] = live_digest;
    return out;
  }
  if (m == "save") {
    if (req.contains("params") && req.at("params").contains("file")) {
      throw RequestError("bad_request", "save writes the default file only");
    }
    const auto c = qlat::read_tree(cfs_);
    qlat::save_config_file(c, save_file_);
    return {{"file", save_file_}};
  }
  if (m == "enable_tpg" || m == "disable_tpg") {
    const auto dir = tpg_dir(req);
    if (!cfs_.exists(dir + "/enable")) {
      throw RequestError("not_found", "no such TPG or it has no enable switch: " + dir);
    }
    auto live = qlat::read_tree(cfs_);
    auto desired = live;
    bool found = false;
    for (auto& t : desired.targets) {
      for (auto& g : t.tpgs) {
        if (qlat::cfs_path::tpg(qlat::Schema::builtin(), t.fabric, t.wwn, g.tag) == dir) {
          g.enable = m == "enable_tpg";
          found = true;
        }
      }
    }
    if (!found) {
      throw RequestError("not_found", "no such TPG: " + dir);
    }
    auto plan = qlat::diff(live, desired, cfs_);
    return apply_json(qlat::apply(plan, cfs_), plan.size());
  }
  if (m == "set_port_role") {
    const auto host = string_param(req, "host");
    const auto role = string_param(req, "role");
    // host[0-9]{1,5}, checked without a regex engine (see qlat::match_pattern).
    const auto digits = std::string_view(host).substr(std::min<std::size_t>(host.size(), 4));
    if (!host.starts_with("host") || digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      throw RequestError("bad_request", "invalid host '" + host + "'");
    }
    // qlat's qla2xxx: scsi_host/hostN/role (none, initiator, target, both); upstream
    // qla2xxx: scsi_host/hostN/qlini_mode (enabled, disabled, dual, exclusive).
    const char* mode = role == "target"      ? "disabled"
                       : role == "initiator" ? "enabled"
                       : role == "both"      ? "dual"
                       : role == "none"      ? ""
                                             : nullptr;
    if (mode == nullptr) {
      throw RequestError("bad_request", "role must be target, initiator, both or none");
    }
    bool qla = false;
    for (const auto& p : qlat::list_fc_ports(g_.sysfs)) {
      qla = qla || (p.host == host && p.driver == "qla2xxx");
    }
    if (!qla) {
      throw RequestError("not_found", host + " is not a qla2xxx FC port");
    }
    const auto dir = g_.sysfs + "/class/scsi_host/" + host;
    const bool qlat_role = std::filesystem::exists(dir + "/role");
    if (!qlat_role && *mode == '\0') {
      throw RequestError("bad_request", "this qla2xxx has no 'none' role");
    }
    const auto path = dir + (qlat_role ? "/role" : "/qlini_mode");
    std::ofstream out(path);
    out << (qlat_role ? role : std::string(mode));
    out.flush();
    if (!out) {
      throw RequestError("failed", "cannot write " + path);
    }
    return {{"host", host}, {"role", role}, {"file", path}};
  }
  throw RequestError("unknown_method", "unknown method '" + m + "'");
}

/// One request line: one response line.
std::string ServeHandler::answer(const std::string& line) {
  if (line.empty()) {
    return {};
  }
  json resp;
  json id = nullptr;
  try {
    json req;
    try {
      req = json::parse(line);
    } catch (const json::exception& e) {
      // parse_error, and out_of_range for a number beyond a double (1e400): invalid
      // input, not a failure.
      throw RequestError("bad_json", e.what());
    }
    if (req.is_object() && req.contains("id")) {
      id = req.at("id");
    }
    resp = {{"id", id}, {"ok", true}, {"result", handle(req)}};
  } catch (const RequestError& e) {
    resp = {{"id", id}, {"ok", false}, {"error", {{"code", e.code}, {"message", e.what()}}}};
    if (!e.problems.empty()) {
      resp["error"]["problems"] = e.problems;
    }
    resp["error"].update(e.extra);
  } catch (const qlat::ValidationError& e) {
    // Invalid input found past config_param: still invalid input, nothing changed.
    json problems = json::array();
    for (const auto& p : e.problems()) {
      problems.push_back({{"path", p.json_path}, {"reason", p.reason}});
    }
    resp = {{"id", id},
            {"ok", false},
            {"error", {{"code", "invalid_config"}, {"message", e.what()}, {"problems", problems}}}};
  } catch (const json::exception& e) {
    // A request value of the wrong JSON type reached by an accessor.
    resp = {{"id", id}, {"ok", false}, {"error", {{"code", "bad_request"}, {"message", e.what()}}}};
  } catch (const std::exception& e) {
    resp = {{"id", id}, {"ok", false}, {"error", {{"code", "failed"}, {"message", e.what()}}}};
  }
  return ServeHandler::line(resp);
}

/// The live tree's digest, after checking the request's `base` against it (required from
/// protocol 3 on): edits made against another tree are refused with "stale" and the
/// current tree, so that the client rebases them instead of undoing what changed.
std::string ServeHandler::check_base(const json& req, const qlat::Config& live) const {
  auto d = qlat::digest(live);
  const bool has =
      req.contains("params") && req.at("params").is_object() && req.at("params").contains("base");
  if (!has) {
    if (protocol_ >= 3) {
      throw RequestError("bad_request",
                         "missing parameter 'base': the digest of the tree the edits were made "
                         "against (read_tree's \"digest\")");
    }
    return d;
  }
  const auto base = string_param(req, "base");
  if (base != d) {
    throw RequestError("stale",
                       "the configuration changed since it was read (base " + base + ", live " + d +
                           "): nothing was done; rebase the edits on the "
                           "current tree",
                       json::array(), {{"tree", tree_json(live)}});
  }
  return d;
}

std::string ServeHandler::too_long() {
  return line({{"id", nullptr},
               {"ok", false},
               {"error", {{"code", "bad_request"}, {"message", "request too long"}}}});
}

std::string ServeHandler::line(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace qlatctl
