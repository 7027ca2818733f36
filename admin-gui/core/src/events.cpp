#include "qlat/events.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "qlat/ports.h"
#include "qlat/serve_protocol.h"
#include "qlat/wwn.h"
#include "qlat_nl.h"

namespace qlat::events {

namespace {

using nlohmann::json;

constexpr std::size_t kNlmsgHdr = 16;  // struct nlmsghdr
constexpr std::size_t kGenlHdr = 4;    // struct genlmsghdr
constexpr std::size_t kNlaHdr = 4;     // struct nlattr
constexpr std::uint16_t kNlaTypeMask = 0x3fff;

std::size_t align4(std::size_t n) {
  return (n + 3U) & ~std::size_t{3};
}

template <class T>
T load(Bytes b, std::size_t off) {
  T v{};
  std::memcpy(&v, b.data() + off, sizeof(T));
  return v;
}

template <class T>
Parsed<T> fail(const std::string& why) {
  Parsed<T> p;
  p.error = why;
  return p;
}

template <class T>
Parsed<T> skip(const std::string& why) {
  Parsed<T> p;
  p.ignored = true;
  p.error = why;
  return p;
}

const char* cmd_name(std::uint8_t cmd) {
  switch (cmd) {
    case QLAT_NL_CMD_SESSION:
      return "SESSION";
    case QLAT_NL_CMD_SESS_LOGIN:
      return "SESS_LOGIN";
    case QLAT_NL_CMD_SESS_LOGOUT:
      return "SESS_LOGOUT";
    case QLAT_NL_CMD_ACL_DENIED:
      return "ACL_DENIED";
    default:
      return "?";
  }
}

const char* attr_name(std::uint16_t type) {
  static constexpr std::array<const char*, 15> names = {
      "UNSPEC", "PAD",     "FABRIC", "TGT_WWPN", "TPGT", "INI_WWPN",  "INI_WWNN", "PORT_ID",
      "ACL",    "DYNAMIC", "REASON", "ERRNO",    "SEQ",  "TIMESTAMP", "HOST_NO"};
  static_assert(names.size() == QLAT_NL_A_MAX + 1, "a name for every attribute");
  return type <= QLAT_NL_A_MAX ? names[type] : "?";
}

/// The payload size an attribute of this type must have; 0 for a flag, -1 for a string,
/// -2 for one to skip (PAD, UNSPEC, unknown).
int attr_size(std::uint16_t type) {
  switch (type) {
    case QLAT_NL_A_TGT_WWPN:
    case QLAT_NL_A_INI_WWPN:
    case QLAT_NL_A_INI_WWNN:
    case QLAT_NL_A_SEQ:
    case QLAT_NL_A_TIMESTAMP:
      return 8;
    case QLAT_NL_A_TPGT:
      return 2;
    case QLAT_NL_A_PORT_ID:
    case QLAT_NL_A_REASON:
    case QLAT_NL_A_ERRNO:
    case QLAT_NL_A_HOST_NO:
      return 4;
    case QLAT_NL_A_DYNAMIC:
      return 0;
    case QLAT_NL_A_FABRIC:
    case QLAT_NL_A_ACL:
      return -1;
    default:
      return -2;
  }
}

std::string hex(std::uint64_t v, int width) {
  std::array<char, 24> buf{};
  std::snprintf(buf.data(), buf.size(), "%0*llx", width, static_cast<unsigned long long>(v));
  return buf.data();
}

}  // namespace

Split split_messages(Bytes datagram) {
  Split s;
  std::size_t off = 0;
  while (off < datagram.size()) {
    if (datagram.size() - off < kNlmsgHdr) {
      s.error = "netlink datagram: " + std::to_string(datagram.size() - off) + " bytes at offset " +
                std::to_string(off) + " are too short for a nlmsghdr";
      return s;
    }
    const auto len = load<std::uint32_t>(datagram, off);
    if (len < kNlmsgHdr || len > datagram.size() - off) {
      s.error = "netlink datagram: message at offset " + std::to_string(off) + " has length " +
                std::to_string(len) + ", " + std::to_string(datagram.size() - off) + " bytes left";
      return s;
    }
    s.messages.push_back(datagram.subspan(off, len));
    off += align4(len);
  }
  return s;
}

std::uint16_t message_type(Bytes msg) {
  return msg.size() >= kNlmsgHdr ? load<std::uint16_t>(msg, 4) : 0;
}

std::optional<int> message_error(Bytes msg) {
  const auto t = message_type(msg);
  if (t == kNlmsgDone) {
    return 0;
  }
  if (t != kNlmsgError) {
    return std::nullopt;
  }
  if (msg.size() < kNlmsgHdr + 4) {
    return -EPROTO;
  }
  return load<std::int32_t>(msg, kNlmsgHdr);
}

Parsed<SessEvent> parse_sess(Bytes msg, std::uint16_t family) {
  using P = Parsed<SessEvent>;
  if (msg.size() < kNlmsgHdr + kGenlHdr) {
    return fail<SessEvent>("qlat_sess message: " + std::to_string(msg.size()) +
                           " bytes, too short for the netlink and genetlink headers");
  }
  const auto len = load<std::uint32_t>(msg, 0);
  if (len != msg.size()) {
    return fail<SessEvent>("qlat_sess message: nlmsg_len " + std::to_string(len) + " but " +
                           std::to_string(msg.size()) + " bytes");
  }
  const auto type = message_type(msg);
  if (family != 0 && type != family) {
    return skip<SessEvent>("netlink message of type " + std::to_string(type) +
                           ", not the qlat_sess family (" + std::to_string(family) + ")");
  }
  const auto cmd = msg[kNlmsgHdr];
  SessEvent e;
  switch (cmd) {
    case QLAT_NL_CMD_SESSION:
      e.kind = SessEvent::Kind::session;
      break;
    case QLAT_NL_CMD_SESS_LOGIN:
      e.kind = SessEvent::Kind::login;
      break;
    case QLAT_NL_CMD_SESS_LOGOUT:
      e.kind = SessEvent::Kind::logout;
      break;
    case QLAT_NL_CMD_ACL_DENIED:
      e.kind = SessEvent::Kind::acl_denied;
      break;
    default:
      return skip<SessEvent>("qlat_sess message: unknown command " + std::to_string(cmd));
  }
  const std::string where = std::string("qlat_sess ") + cmd_name(cmd) + ": ";
  std::uint32_t seen = 0;
  std::size_t off = kNlmsgHdr + kGenlHdr;
  while (off < msg.size()) {
    if (msg.size() - off < kNlaHdr) {
      return fail<SessEvent>(where + "truncated attribute header at offset " + std::to_string(off));
    }
    const auto nla_len = load<std::uint16_t>(msg, off);
    const auto nla_type =
        static_cast<std::uint16_t>(load<std::uint16_t>(msg, off + 2) & kNlaTypeMask);
    if (nla_len < kNlaHdr || nla_len > msg.size() - off) {
      return fail<SessEvent>(where + "attribute " + attr_name(nla_type) + " (" +
                             std::to_string(nla_type) + ") at offset " + std::to_string(off) +
                             " has length " + std::to_string(nla_len) + ", " +
                             std::to_string(msg.size() - off) + " bytes left");
    }
    const auto data = msg.subspan(off + kNlaHdr, nla_len - kNlaHdr);
    const int want = attr_size(nla_type);
    if (want >= 0 && data.size() != static_cast<std::size_t>(want)) {
      return fail<SessEvent>(where + "attribute " + attr_name(nla_type) + " has " +
                             std::to_string(data.size()) + " bytes, want " + std::to_string(want));
    }
    std::string str;
    if (want == -1) {
      if (data.empty() || data.back() != 0) {
        return fail<SessEvent>(where + "attribute " + attr_name(nla_type) +
                               " is not a NUL-terminated string");
      }
      str.assign(reinterpret_cast<const char*>(data.data()), data.size() - 1);
      if (str.find('\0') != std::string::npos) {
        return fail<SessEvent>(where + "attribute " + attr_name(nla_type) + " has a NUL inside");
      }
    }
    switch (nla_type) {
      case QLAT_NL_A_FABRIC:
        e.fabric = str;
        break;
      case QLAT_NL_A_TGT_WWPN:
        e.target = load<std::uint64_t>(data, 0);
        break;
      case QLAT_NL_A_TPGT:
        e.tpgt = load<std::uint16_t>(data, 0);
        break;
      case QLAT_NL_A_INI_WWPN:
        e.initiator = load<std::uint64_t>(data, 0);
        break;
      case QLAT_NL_A_INI_WWNN:
        e.initiator_node = load<std::uint64_t>(data, 0);
        break;
      case QLAT_NL_A_PORT_ID:
        e.port_id = load<std::uint32_t>(data, 0);
        break;
      case QLAT_NL_A_ACL:
        e.acl = str;
        break;
      case QLAT_NL_A_DYNAMIC:
        e.dynamic = true;
        break;
      case QLAT_NL_A_REASON:
        e.reason = load<std::uint32_t>(data, 0);
        break;
      case QLAT_NL_A_ERRNO:
        e.err = load<std::int32_t>(data, 0);
        break;
      case QLAT_NL_A_SEQ:
        e.seq = load<std::uint64_t>(data, 0);
        break;
      case QLAT_NL_A_TIMESTAMP:
        e.time_ns = load<std::uint64_t>(data, 0);
        break;
      case QLAT_NL_A_HOST_NO:
        e.host = load<std::uint32_t>(data, 0);
        break;
      default:
        break;  // PAD, or an attribute of a later version: skipped
    }
    if (nla_type < 32) {
      seen |= 1U << nla_type;
    }
    off += align4(nla_len);
  }
  std::vector<std::uint16_t> need = {QLAT_NL_A_FABRIC,   QLAT_NL_A_TGT_WWPN, QLAT_NL_A_TPGT,
                                     QLAT_NL_A_INI_WWPN, QLAT_NL_A_INI_WWNN, QLAT_NL_A_PORT_ID,
                                     QLAT_NL_A_HOST_NO,  QLAT_NL_A_SEQ,      QLAT_NL_A_TIMESTAMP};
  if (e.kind == SessEvent::Kind::logout) {
    need.push_back(QLAT_NL_A_REASON);
  }
  if (e.kind == SessEvent::Kind::acl_denied) {
    need.push_back(QLAT_NL_A_ERRNO);
  }
  for (const auto a : need) {
    if ((seen & (1U << a)) == 0) {
      return fail<SessEvent>(where + "attribute " + attr_name(a) + " is missing");
    }
  }
  P p;
  p.value = std::move(e);
  return p;
}

Parsed<FcEvent> parse_fc(Bytes msg) {
  if (msg.size() < kNlmsgHdr) {
    return fail<FcEvent>("FC event: " + std::to_string(msg.size()) +
                         " bytes, too short for a nlmsghdr");
  }
  const auto len = load<std::uint32_t>(msg, 0);
  if (len != msg.size()) {
    return fail<FcEvent>("FC event: nlmsg_len " + std::to_string(len) + " but " +
                         std::to_string(msg.size()) + " bytes");
  }
  if (message_type(msg) != kScsiTransportMsg) {
    return skip<FcEvent>("NETLINK_SCSITRANSPORT message of type " +
                         std::to_string(message_type(msg)));
  }
  const auto body = msg.subspan(kNlmsgHdr);
  // The header first: a message of another transport may be shorter than an FC event.
  constexpr std::size_t kScsiNlHdr = 8;
  if (body.size() < kScsiNlHdr) {
    return fail<FcEvent>("FC event: " + std::to_string(body.size()) +
                         " payload bytes, too short for a scsi_nl_hdr");
  }
  const auto magic = load<std::uint16_t>(body, 2);
  const auto transport = body[1];
  const auto msgtype = load<std::uint16_t>(body, 4);
  if (magic != kScsiNlMagic) {
    return fail<FcEvent>("FC event: scsi_nl_hdr magic 0x" + hex(magic, 4) + ", want 0xa1b2");
  }
  if (transport != kScsiNlTransportFc || msgtype != kFcNlAsyncEvent) {
    return skip<FcEvent>("SCSI netlink message of transport " + std::to_string(transport) +
                         " type 0x" + hex(msgtype, 4));
  }
  if (body.size() < sizeof(FcNlEvent)) {
    return fail<FcEvent>("FC event: " + std::to_string(body.size()) + " payload bytes, want " +
                         std::to_string(sizeof(FcNlEvent)));
  }
  FcNlEvent raw{};
  std::memcpy(&raw, body.data(), sizeof(raw));
  if (raw.msglen > body.size()) {
    return fail<FcEvent>("FC event: scsi_nl_hdr msglen " + std::to_string(raw.msglen) + ", " +
                         std::to_string(body.size()) + " payload bytes");
  }
  // event_data starts at offset 36; datalen bytes of it must be in the message.
  constexpr std::size_t kDataOff = offsetof(FcNlEvent, event_data);
  if (raw.event_datalen > body.size() - kDataOff) {
    return fail<FcEvent>("FC event: event_datalen " + std::to_string(raw.event_datalen) +
                         " runs past the message (" + std::to_string(body.size() - kDataOff) +
                         " bytes of data)");
  }
  FcEvent e;
  e.code = raw.event_code;
  e.host = raw.host_no;
  e.number = raw.event_num;
  e.seconds = raw.seconds;
  e.datalen = raw.event_datalen;
  e.data = raw.event_datalen >= 4 ? raw.event_data : 0;
  Parsed<FcEvent> p;
  p.value = e;
  return p;
}

// ---- JSON ----

std::string naa(std::uint64_t wwn) {
  return "naa." + hex(wwn, 16);
}

std::string port_id_str(std::uint32_t id) {
  return "0x" + hex(id & 0xffffffU, 6);
}

std::string iso_time(std::uint64_t ns) {
  const auto secs = static_cast<std::time_t>(ns / 1000000000U);
  const auto ms = static_cast<unsigned>((ns / 1000000U) % 1000U);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 40> buf{};
  const auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf.data() + n, buf.size() - n, ".%03uZ", ms);
  return buf.data();
}

std::string reason_name(std::uint32_t reason) {
  switch (reason) {
    case QLAT_NL_REASON_UNKNOWN:
      return "unknown";
    case QLAT_NL_REASON_LOGO:
      return "logo";
    case QLAT_NL_REASON_PRLO:
      return "prlo";
    case QLAT_NL_REASON_LINK_DOWN:
      return "link_down";
    case QLAT_NL_REASON_PORT_GONE:
      return "port_gone";
    case QLAT_NL_REASON_TPG_DISABLED:
      return "tpg_disabled";
    case QLAT_NL_REASON_ACL_REMOVED:
      return "acl_removed";
    case QLAT_NL_REASON_ADMIN:
      return "admin";
    default:
      return "reason_" + std::to_string(reason);
  }
}

std::string speed_name(std::uint32_t code) {
  // qla2xxx's PORT_SPEED_* codes (qla_def.h), as the firmware reports the link rate.
  switch (code) {
    case 0x00:
      return "1 Gbit";
    case 0x01:
      return "2 Gbit";
    case 0x03:
      return "4 Gbit";
    case 0x04:
      return "8 Gbit";
    case 0x05:
      return "16 Gbit";
    case 0x06:
      return "32 Gbit";
    case 0x07:
      return "64 Gbit";
    case 0x13:
      return "10 Gbit";
    default:
      return "";
  }
}

json sess_json(const SessEvent& e) {
  static constexpr std::array<const char*, 4> names = {"session", "sess_login", "sess_logout",
                                                       "acl_denied"};
  json j = {{"event", names[static_cast<int>(e.kind)]},
            {"seq", e.seq},
            {"time", iso_time(e.time_ns)},
            {"fabric", e.fabric},
            {"target", naa(e.target)},
            {"tpgt", e.tpgt},
            {"initiator", naa(e.initiator)},
            {"initiator_node", naa(e.initiator_node)},
            {"port_id", port_id_str(e.port_id)},
            {"host", e.host}};
  if (e.kind == SessEvent::Kind::session || e.kind == SessEvent::Kind::login) {
    if (e.acl) {
      j["acl"] = *e.acl;
    }
    j["dynamic"] = e.dynamic;
  }
  if (e.kind == SessEvent::Kind::logout) {
    j["reason"] = reason_name(e.reason.value_or(0));
  }
  if (e.kind == SessEvent::Kind::acl_denied) {
    const auto err = e.err.value_or(0);
    j["errno"] = err < 0 ? -static_cast<std::int64_t>(err) : err;
  }
  if (e.kind == SessEvent::Kind::session) {
    j["dump"] = true;
  }
  return j;
}

json fc_json(const FcEvent& e, const HostMap& hosts) {
  std::string name;
  switch (e.code) {
    case kFcLip:
      name = "fc_lip";
      break;
    case kFcLinkup:
      name = "fc_linkup";
      break;
    case kFcLinkdown:
      name = "fc_linkdown";
      break;
    case kFcLipreset:
      name = "fc_lipreset";
      break;
    case kFcRscn:
      name = "fc_rscn";
      break;
    case kFcPortOnline:
      name = "fc_port_online";
      break;
    case kFcPortOffline:
      name = "fc_port_offline";
      break;
    default:
      name = "fc_event";
      break;
  }
  json j = {{"event", name},
            {"time", iso_time(e.seconds * 1000000000U)},
            {"host", e.host},
            {"event_num", e.number}};
  if (const auto it = hosts.find(e.host); it != hosts.end()) {
    j["wwpn"] = it->second;
  }
  switch (e.code) {
    case kFcLinkup:
      if (const auto s = speed_name(e.data); !s.empty()) {
        j["speed"] = s;
      }
      j["speed_code"] = e.data;
      break;
    case kFcRscn:
    case kFcPortOnline:
    case kFcPortOffline:
      j["port_id"] = port_id_str(e.data);
      break;
    case kFcLip:
    case kFcLinkdown:
    case kFcLipreset:
      break;
    default:
      j["code"] = e.code;
      j["data"] = e.data;
      break;
  }
  return j;
}

HostMap host_map(const std::string& sysfs_root) {
  HostMap m;
  for (const auto& p : list_fc_ports(sysfs_root)) {
    try {
      m[static_cast<std::uint32_t>(std::stoul(p.host.substr(4)))] = p.wwn;
    } catch (const std::exception&) {
      continue;
    }
  }
  return m;
}

json port_json(const PortState& p) {
  return {{"event", "port"},  {"host", p.host},       {"wwpn", p.wwpn}, {"port_state", p.state},
          {"speed", p.speed}, {"port_id", p.port_id}, {"dump", true}};
}

std::vector<PortState> port_states(const std::string& sysfs_root) {
  namespace fs = std::filesystem;
  std::vector<PortState> out;
  for (const auto& p : list_fc_ports(sysfs_root)) {
    if (p.driver != "qla2xxx") {
      continue;
    }
    PortState s;
    try {
      s.host = static_cast<std::uint32_t>(std::stoul(p.host.substr(4)));
    } catch (const std::exception&) {
      continue;
    }
    const fs::path fc = fs::path(sysfs_root) / "class/fc_host" / p.host;
    s.wwpn = p.wwn;
    s.state = p.port_state;
    s.speed = sysfs_line(fc / "speed");
    const auto id = sysfs_line(fc / "port_id");
    try {
      s.port_id = port_id_str(static_cast<std::uint32_t>(std::stoul(id, nullptr, 16)));
    } catch (const std::exception&) {
      s.port_id = id;
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const PortState& a, const PortState& b) { return a.host < b.host; });
  return out;
}

std::string text_line(const json& line) {
  std::string out;
  if (line.contains("time")) {
    out = line.at("time").get<std::string>() + " ";
  }
  out += line.value("event", std::string("?"));
  for (const auto& [k, v] : line.items()) {
    if (k == "event" || k == "time") {
      continue;
    }
    // Strings as they are, unless a space would make them ambiguous ("16 Gbit").
    const bool bare = v.is_string() && v.get<std::string>().find(' ') == std::string::npos;
    out += " " + k + "=" + (bare ? v.get<std::string>() : v.dump());
  }
  return out;
}

json notification(const json& line) {
  if (!line.is_object() || line.value("dump", false)) {
    return nullptr;
  }
  const auto ev = line.value("event", std::string());
  const auto key = [&line] {
    return json{{"fabric", line.at("fabric")},
                {"wwn", line.at("target")},
                {"tag", line.at("tpgt")},
                {"node_wwn", line.at("initiator")}};
  };
  const auto port = [&line] {
    json p = {{"host", "host" + std::to_string(line.at("host").get<std::uint32_t>())}};
    if (line.contains("wwpn")) {
      p["wwn"] = line.at("wwpn");
    }
    return p;
  };
  std::string name;
  json params;
  if (ev == "sess_login") {
    name = serve::kSessionAdded;
    params = {{"key", key()},
              {"session",
               {{"nport_id", line.at("port_id")},
                {"node_name", line.at("initiator_node")},
                {"dynamic", line.at("dynamic")}}}};
    if (line.contains("acl")) {
      params["session"]["acl"] = line.at("acl");
    }
  } else if (ev == "sess_logout") {
    name = serve::kSessionRemoved;
    params = {{"key", key()}, {"reason", line.at("reason")}};
  } else if (ev == "acl_denied") {
    name = serve::kLoginRefused;
    params = {{"key", key()}, {"nport_id", line.at("port_id")}, {"errno", line.at("errno")}};
  } else if (ev == "fc_linkup" || ev == "fc_linkdown") {
    name = serve::kPortChanged;
    params = port();
    params["port_state"] = ev == "fc_linkup" ? "Online" : "Linkdown";
    if (line.contains("speed")) {
      params["speed"] = line.at("speed");
    }
  } else if (ev == "fc_port_online" || ev == "fc_port_offline") {
    name = ev == "fc_port_online" ? serve::kInitiatorOnline : serve::kInitiatorOffline;
    params = port();
    params["port_id"] = line.at("port_id");
  } else if (ev == "fc_rscn" || ev == "fc_lip" || ev == "fc_lipreset" || ev == "fc_event") {
    name = serve::kFabricChanged;
    params = port();
    if (line.contains("port_id")) {
      params["port_id"] = line.at("port_id");
    }
  } else if (ev == "resync") {
    name = serve::kResync;
    params = json::object();
  } else {
    return nullptr;
  }
  params["event"] = line;
  return serve::Notification{name, params};
}

}  // namespace qlat::events
