// The request handler of `qlatctl serve`: see serve_handler.h and docs/qlatctl-serve.md.
#include "serve_handler.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <tuple>

#include "qlat/error.h"
#include "qlat/ports.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"
#include "qlat/serve_protocol.h"
#include "qlat/validate.h"
#include "qlat/version.h"
#include "qlat/wwn.h"

namespace qlatctl {

namespace serve = qlat::serve;

namespace {

using nlohmann::json;

const json& param(const json& req, const char* key) {
  if (!req.contains("params") || !req.at("params").is_object() || !req.at("params").contains(key)) {
    throw RequestError(serve::kBadRequest, std::string("missing parameter '") + key + "'");
  }
  return req.at("params").at(key);
}

std::string string_param(const json& req, const char* key) {
  const auto& v = param(req, key);
  if (!v.is_string()) {
    throw RequestError(serve::kBadRequest, std::string("parameter '") + key + "' must be a string");
  }
  return v.get<std::string>();
}

/// An invalid configuration's problems, as the error object lists them.
std::vector<serve::Problem> problems_of(const qlat::ValidationError& e) {
  std::vector<serve::Problem> out;
  for (const auto& p : e.problems()) {
    out.push_back({p.json_path, p.reason});
  }
  return out;
}

qlat::Config config_param(const json& req) {
  const auto& c = param(req, "config");
  try {
    return qlat::parse_config(c.dump(), "<request>");
  } catch (const qlat::ValidationError& e) {
    throw RequestError(serve::kInvalidConfig, e.what(), problems_of(e));
  }
}

/// The TPG directory of (fabric, wwn, tag), with every part validated.
std::string tpg_dir(const json& req) {
  const auto fabric = string_param(req, "fabric");
  const auto wwn = string_param(req, "wwn");
  const auto& tagv = param(req, "tag");
  if (!qlat::is_safe_name(fabric)) {
    throw RequestError(serve::kBadRequest, "invalid fabric name");
  }
  const auto f = qlat::Schema::builtin().fabric(fabric);
  if (!qlat::Wwn::parse(wwn, f.wwn_types)) {
    throw RequestError(serve::kBadRequest, "invalid WWN '" + wwn + "' for fabric " + fabric);
  }
  if (!tagv.is_number_unsigned() || tagv.get<unsigned>() > 65535) {
    throw RequestError(serve::kBadRequest, "'tag' must be an integer 0..65535");
  }
  return qlat::cfs_path::tpg(qlat::Schema::builtin(), fabric, wwn, tagv.get<unsigned>());
}

/// One list_ports entry: fc_host's names and state, qlat's role, and the initiators logged in
/// to the port (its fc_remote_ports with the FCP Initiator role, online).
serve::PortInfo port_info(const qlat::FcPort& p, const std::string& sysfs) {
  namespace fs = std::filesystem;
  const fs::path fc = fs::path(sysfs) / "class/fc_host" / p.host;
  serve::PortInfo out;
  out.host = p.host;
  out.wwn = p.wwn;
  out.driver = p.driver;
  out.port_state = p.port_state;
  out.roles = p.roles;
  out.speed = qlat::sysfs_line(fc / "speed");
  out.role = p.role;
  if (const auto nn =
          qlat::Wwn::parse(qlat::sysfs_line(fc / "node_name"), {qlat::Wwn::Type::naa})) {
    out.node_name = nn->str();
  }
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
      out.initiators.push_back({w->str(), qlat::sysfs_line(e.path() / "port_id")});
    }
  }
  // In the order of their JSON objects: port_id, then wwpn.
  std::sort(out.initiators.begin(), out.initiators.end(),
            [](const serve::Initiator& x, const serve::Initiator& y) {
              return std::tie(x.port_id, x.wwpn) < std::tie(y.port_id, y.wwpn);
            });
  return out;
}

std::vector<serve::SessionInfo> sessions(const qlat::Backend& cfs) {
  std::vector<serve::SessionInfo> out;
  // The ACLs from listings: reading the tree for them took seconds on a big one.
  for (const auto& a : qlat::list_acls(cfs)) {
    std::string info;
    try {
      info = cfs.read(a.dir + "/info");
    } catch (const qlat::Error&) {
      continue;
    }
    if (info.empty() || info.starts_with("No active")) {
      continue;
    }
    serve::SessionInfo s;
    s.fabric = a.fabric;
    s.wwn = a.wwn;
    s.tag = a.tag;
    s.node_wwn = a.node_wwn;
    std::istringstream in(info);
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with("InitiatorAlias:")) {
        s.alias = qlat::parse_info(line, "InitiatorAlias");
      } else if (line.starts_with("LIO Session ID:")) {
        s.id = qlat::parse_info(line, "LIO Session ID");
        s.type = qlat::parse_info(line, "SessionType");
      } else if (auto p = line.find("TARG_SESS_STATE_"); p != std::string::npos) {
        auto st = line.substr(p + 16);
        s.state = st.substr(0, st.find_first_of(" \t"));
      } else if (line.starts_with("FC N_Port ID:")) {
        s.nport_id = qlat::parse_info(line, "FC N_Port ID");
      }
    }
    out.push_back(s);
  }
  return out;
}

serve::Tree tree(const qlat::Config& c) {
  return {c, qlat::digest(c), std::nullopt};
}

}  // namespace

serve::SavedState ServeHandler::saved_state(const qlat::Config& live) const {
  serve::SavedState out{save_file_, "same", {}};
  std::error_code ec;
  if (!std::filesystem::exists(save_file_, ec)) {
    out.state = "missing";
    return out;
  }
  // The saved file is what a restore at boot would make of the running configuration:
  // they are the same when planning it changes nothing.
  try {
    const auto saved = qlat::load_config_file(save_file_);
    if (!qlat::diff(live, saved, cfs_).empty()) {
      out.state = "differs";
    }
  } catch (const std::exception& e) {
    out.state = "unreadable";
    out.error = e.what();
  }
  return out;
}

ServeHandler::ServeHandler(const Global& g, qlat::Backend& cfs, std::string save_file,
                           EventsFn events)
    : g_(g), cfs_(cfs), save_file_(std::move(save_file)), events_(std::move(events)) {}

json ServeHandler::handle(const json& req) {
  if (!req.is_object() || !req.contains("method") || !req.at("method").is_string()) {
    throw RequestError(serve::kBadRequest, "a request is an object with a string 'method'");
  }
  const auto m = req.at("method").get<std::string>();
  if (m == serve::kHello) {
    protocol_ = 1;
    if (req.contains("params") && req.at("params").is_object() &&
        req.at("params").contains("protocol")) {
      const auto& v = req.at("params").at("protocol");
      if (!v.is_number_integer() || v.get<int>() < 1) {
        throw RequestError(serve::kBadRequest, "'protocol' must be an integer >= 1");
      }
      protocol_ = std::min(v.get<int>(), serve::kVersion);
    }
    return serve::Hello{protocol_, std::string(qlat::version()), g_.configfs,
                        serve::methods(protocol_)};
  }
  if (m == serve::kSubscribe || m == serve::kUnsubscribe) {
    if (protocol_ < 2) {
      throw RequestError(serve::kUnknownMethod, "'" + m +
                                                    "' is a protocol 2 method: say hello with "
                                                    "params {\"protocol\": 2} first");
    }
    if (!events_) {
      throw RequestError(serve::kFailed, "subscribe: no event source");
    }
    return events_(m == serve::kSubscribe);
  }
  if (m == serve::kReadTree) {
    qlat::ReadProgress progress;
    if (protocol_ >= 3 && notify_ && req.contains("params") && req.at("params").is_object() &&
        req.at("params").value("progress", false)) {
      // At most ten a second, and always the last: a big tree has thousands of ACLs.
      progress = [this, last = std::chrono::steady_clock::time_point()](std::size_t done,
                                                                        std::size_t total) mutable {
        const auto now = std::chrono::steady_clock::now();
        if (done != total && now - last < std::chrono::milliseconds(100)) {
          return;
        }
        last = now;
        notify_(serve::Notification{
            serve::kProgress, {{"method", serve::kReadTree}, {"done", done}, {"total", total}}});
      };
    }
    const auto c = qlat::read_tree(cfs_, qlat::Schema::builtin(), progress);
    if (protocol_ >= 3) {
      auto t = tree(c);
      t.saved = saved_state(c);
      return t;
    }
    return c;
  }
  if (m == serve::kListTargets) {
    if (protocol_ < 3) {
      throw RequestError(serve::kUnknownMethod,
                         "'list_targets' is a protocol 3 method: say hello with params "
                         "{\"protocol\": 3} first");
    }
    return qlat::list_targets(cfs_);
  }
  if (m == serve::kListPorts) {
    std::vector<serve::PortInfo> a;
    for (const auto& p : qlat::list_fc_ports(g_.sysfs)) {
      a.push_back(port_info(p, g_.sysfs));
    }
    return a;
  }
  if (m == serve::kListSessions) {
    return sessions(cfs_);
  }
  if (m == serve::kPlan || m == serve::kApply) {
    const auto desired = config_param(req);
    const auto live = qlat::read_tree(cfs_);
    const auto live_digest = check_base(req, live);
    auto plan = qlat::diff(live, desired, cfs_);
    if (m == serve::kPlan) {
      serve::PlanResult out{{}, live_digest};
      for (const auto& op : plan.ops()) {
        out.operations.push_back({op->object(), op->preview(), op->undo_preview()});
      }
      return out;
    }
    const auto waiting = wait_for_ports(desired, g_, 0);
    if (!waiting.empty()) {
      throw RequestError(serve::kPortsMissing,
                         "FC ports not ready for a qla2xxx target (present, in role target "
                         "or both): " +
                             describe(waiting, "; "));
    }
    const auto r = qlat::apply(plan, cfs_);
    auto out = apply_outcome(r, plan.size());
    out.digest = live_digest;
    return out;
  }
  if (m == serve::kSave) {
    if (req.contains("params") && req.at("params").contains("file")) {
      throw RequestError(serve::kBadRequest, "save writes the default file only");
    }
    const auto c = qlat::read_tree(cfs_);
    qlat::save_config_file(c, save_file_);
    return serve::SaveResult{save_file_};
  }
  if (m == serve::kEnableTpg || m == serve::kDisableTpg) {
    const auto dir = tpg_dir(req);
    if (!cfs_.exists(dir + "/enable")) {
      throw RequestError(serve::kNotFound, "no such TPG or it has no enable switch: " + dir);
    }
    auto live = qlat::read_tree(cfs_);
    auto desired = live;
    bool found = false;
    for (auto& t : desired.targets) {
      for (auto& g : t.tpgs) {
        if (qlat::cfs_path::tpg(qlat::Schema::builtin(), t.fabric, t.wwn, g.tag) == dir) {
          g.enable = m == serve::kEnableTpg;
          found = true;
        }
      }
    }
    if (!found) {
      throw RequestError(serve::kNotFound, "no such TPG: " + dir);
    }
    auto plan = qlat::diff(live, desired, cfs_);
    return apply_outcome(qlat::apply(plan, cfs_), plan.size());
  }
  if (m == serve::kSetPortRole) {
    const auto host = string_param(req, "host");
    const auto role = string_param(req, "role");
    // host[0-9]{1,5}, checked without a regex engine (see qlat::match_pattern).
    const auto digits = std::string_view(host).substr(std::min<std::size_t>(host.size(), 4));
    if (!host.starts_with("host") || digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      throw RequestError(serve::kBadRequest, "invalid host '" + host + "'");
    }
    // qlat's qla2xxx: scsi_host/hostN/role (none, initiator, target, both); upstream
    // qla2xxx: scsi_host/hostN/qlini_mode (enabled, disabled, dual, exclusive).
    const char* mode = role == "target"      ? "disabled"
                       : role == "initiator" ? "enabled"
                       : role == "both"      ? "dual"
                       : role == "none"      ? ""
                                             : nullptr;
    if (mode == nullptr) {
      throw RequestError(serve::kBadRequest, "role must be target, initiator, both or none");
    }
    bool qla = false;
    for (const auto& p : qlat::list_fc_ports(g_.sysfs)) {
      qla = qla || (p.host == host && p.driver == "qla2xxx");
    }
    if (!qla) {
      throw RequestError(serve::kNotFound, host + " is not a qla2xxx FC port");
    }
    const auto dir = g_.sysfs + "/class/scsi_host/" + host;
    const bool qlat_role = std::filesystem::exists(dir + "/role");
    if (!qlat_role && *mode == '\0') {
      throw RequestError(serve::kBadRequest, "this qla2xxx has no 'none' role");
    }
    const auto path = dir + (qlat_role ? "/role" : "/qlini_mode");
    std::ofstream out(path);
    out << (qlat_role ? role : std::string(mode));
    out.flush();
    if (!out) {
      throw RequestError(serve::kFailed, "cannot write " + path);
    }
    return serve::RoleResult{host, role, path};
  }
  throw RequestError(serve::kUnknownMethod, "unknown method '" + m + "'");
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
      throw RequestError(serve::kBadJson, e.what());
    }
    if (req.is_object() && req.contains("id")) {
      id = req.at("id");
    }
    resp = serve::ok_answer(id, handle(req));
  } catch (const RequestError& e) {
    resp = serve::error_answer(id, e.error);
  } catch (const qlat::ValidationError& e) {
    // Invalid input found past config_param: still invalid input, nothing changed.
    resp = serve::error_answer(id, {serve::kInvalidConfig, e.what(), problems_of(e)});
  } catch (const json::exception& e) {
    // A request value of the wrong JSON type reached by an accessor.
    resp = serve::error_answer(id, serve::make_error(serve::kBadRequest, e.what()));
  } catch (const std::exception& e) {
    resp = serve::error_answer(id, serve::make_error(serve::kFailed, e.what()));
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
      throw RequestError(serve::kBadRequest,
                         "missing parameter 'base': the digest of the tree the edits were made "
                         "against (read_tree's \"digest\")");
    }
    return d;
  }
  const auto base = string_param(req, "base");
  if (base != d) {
    throw RequestError(serve::kStale,
                       "the configuration changed since it was read (base " + base + ", live " + d +
                           "): nothing was done; rebase the edits on the "
                           "current tree",
                       {}, {{"tree", tree(live)}});
  }
  return d;
}

std::string ServeHandler::too_long() {
  return line(
      serve::error_answer(nullptr, serve::make_error(serve::kBadRequest, "request too long")));
}

std::string ServeHandler::line(const json& j) {
  return serve::line(j);
}

}  // namespace qlatctl
