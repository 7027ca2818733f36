#pragma once
// Live events of qla2xxx ports and their target sessions, as netlink delivers them:
// the qlat_sess generic netlink family of tcm_qla2xxx (kernel/include/uapi/qlat_nl.h) and
// the FC transport's events (NETLINK_SCSITRANSPORT, struct fc_nl_event). Pure functions
// over bytes and JSON, no sockets: qlatctl watch and serve read the sockets, the unit tests
// feed recorded messages. The JSON forms are documented in docs/qlatctl-watch.md.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace qlat::events {

using Bytes = std::span<const std::uint8_t>;

/// A parse outcome: a value, or why there is none. `ignored` marks what a reader must skip
/// without complaint (a command or FC message type it does not know); `error` says what is
/// wrong with the message and where.
template <class T>
struct Parsed {
  std::optional<T> value;
  bool ignored = false;
  std::string error;
  explicit operator bool() const { return value.has_value(); }
};

/// The netlink messages in one datagram, or an error naming the offset of the bad one.
struct Split {
  std::vector<Bytes> messages;
  std::string error;
};
Split split_messages(Bytes datagram);

/// nlmsghdr's type of a whole message (split_messages checked its length).
std::uint16_t message_type(Bytes msg);
/// NLMSG_DONE, NLMSG_ERROR (with its errno, 0 for an ACK), or neither (nullopt).
constexpr std::uint16_t kNlmsgError = 2;
constexpr std::uint16_t kNlmsgDone = 3;
std::optional<int> message_error(Bytes msg);

/// One qlat_sess message: an event or a dump reply.
struct SessEvent {
  enum class Kind { session, login, logout, acl_denied };
  Kind kind = Kind::session;
  std::string fabric;
  std::uint64_t target = 0;          ///< the target port's WWPN
  std::uint16_t tpgt = 0;            ///< the TPG tag
  std::uint64_t initiator = 0;       ///< the initiator's WWPN
  std::uint64_t initiator_node = 0;  ///< the initiator's WWNN
  std::uint32_t port_id = 0;         ///< the initiator's N_Port ID
  std::uint32_t host = 0;            ///< the target port's SCSI host number
  std::uint64_t seq = 0;
  std::uint64_t time_ns = 0;  ///< CLOCK_REALTIME
  std::optional<std::string> acl;
  bool dynamic = false;
  std::optional<std::uint32_t> reason;  ///< logout
  std::optional<std::int32_t> err;      ///< acl_denied
};

/// Parses a whole netlink message of the qlat_sess family (`family` is its id; 0 accepts
/// any). Every message must carry FABRIC, TGT_WWPN, TPGT, INI_WWPN, INI_WWNN, PORT_ID,
/// HOST_NO, SEQ and TIMESTAMP; a logout REASON, an ACL_DENIED ERRNO. Attributes it does
/// not know are skipped, as the uapi header asks; a known one of the wrong size is an error.
Parsed<SessEvent> parse_sess(Bytes msg, std::uint16_t family);

/// struct fc_nl_event, as include/uapi/scsi/scsi_netlink_fc.h defines it (Debian's user
/// headers do not ship it). Native byte order, 8-byte aligned.
struct FcNlEvent {
  // struct scsi_nl_hdr
  std::uint8_t version;
  std::uint8_t transport;
  std::uint16_t magic;
  std::uint16_t msgtype;
  std::uint16_t msglen;
  // the event
  std::uint64_t seconds;
  std::uint64_t vendor_id;
  std::uint16_t host_no;
  std::uint16_t event_datalen;
  std::uint32_t event_num;
  std::uint32_t event_code;
  std::uint32_t event_data;
};
static_assert(sizeof(FcNlEvent) == 40, "struct fc_nl_event is 40 bytes");

constexpr std::uint16_t kScsiTransportMsg = 0x11;  ///< SCSI_TRANSPORT_MSG (NLMSG_MIN_TYPE + 1)
constexpr int kScsiNlGrpFcEvents = 4;  ///< SCSI_NL_GRP_FC_EVENTS, the group number joined
constexpr std::uint16_t kScsiNlMagic = 0xA1B2;
constexpr std::uint8_t kScsiNlTransportFc = 1;
constexpr std::uint16_t kFcNlAsyncEvent = 0x0100;

/// enum fc_host_event_code (include/scsi/scsi_transport_fc.h).
enum FcCode : std::uint32_t {
  kFcLip = 0x1,
  kFcLinkup = 0x2,
  kFcLinkdown = 0x3,
  kFcLipreset = 0x4,
  kFcRscn = 0x5,
  kFcAdapterChange = 0x103,
  kFcPortUnknown = 0x200,
  kFcPortOffline = 0x201,
  kFcPortOnline = 0x202,
  kFcPortFabric = 0x204,
  kFcLinkUnknown = 0x500,
  kFcLinkFpin = 0x501,
  kFcVendorUnique = 0xffff,
};

/// One FC transport event.
struct FcEvent {
  std::uint32_t code = 0;
  std::uint16_t host = 0;
  std::uint32_t number = 0;  ///< fc_get_event_number()
  std::uint64_t seconds = 0;
  std::uint16_t datalen = 0;
  std::uint32_t data = 0;  ///< the first 4 data bytes (every event qla2xxx posts has 4)
};

/// Parses a whole NETLINK_SCSITRANSPORT message carrying a struct fc_nl_event. Messages of
/// another transport or type are `ignored`.
Parsed<FcEvent> parse_fc(Bytes msg);

// ---- JSON lines (docs/qlatctl-watch.md) ----

/// host number -> the port's WWPN ("naa.21000024ff000001"), from /sys/class/fc_host.
using HostMap = std::map<std::uint32_t, std::string>;
HostMap host_map(const std::string& sysfs_root = "/sys");

/// "naa.<16 hex>".
std::string naa(std::uint64_t wwn);
/// "0x<6 hex>".
std::string port_id_str(std::uint32_t id);
/// ISO 8601 UTC with milliseconds: 2026-12-07T05:01:02.123Z.
std::string iso_time(std::uint64_t ns);
/// A session's logout reason by name (logo, prlo, link_down, ...; "reason_N" when unknown).
std::string reason_name(std::uint32_t reason);
/// The link speed of a LINKUP event's data (qla2xxx posts its PORT_SPEED_* code), as
/// fc_host's speed attribute spells it ("8 Gbit"), or "" when unknown.
std::string speed_name(std::uint32_t code);

/// One line for a qlat_sess message; a dump reply (session) gets "dump": true.
nlohmann::json sess_json(const SessEvent& e);
/// One line for an FC event; `hosts` gives its port's WWPN when known.
nlohmann::json fc_json(const FcEvent& e, const HostMap& hosts);
/// The dump line of a port (/sys/class/fc_host/hostN).
struct PortState {
  std::uint32_t host = 0;
  std::string wwpn;
  std::string state;  ///< port_state: Online, Linkdown, ...
  std::string speed;  ///< "8 Gbit", "unknown"
  std::string port_id;
};
nlohmann::json port_json(const PortState& p);
/// The qla2xxx ports under sysfs_root/class/fc_host, in host order.
std::vector<PortState> port_states(const std::string& sysfs_root = "/sys");

/// The text form of a JSON line: "<time> <event> key=value ...".
std::string text_line(const nlohmann::json& line);

/// The serve notification (docs/qlatctl-serve.md, protocol 2) a watch line implies:
/// {"notification": name, "params": {...the state change..., "event": line}}, or null for
/// lines that are not events (dump lines, synced).
nlohmann::json notification(const nlohmann::json& line);

}  // namespace qlat::events
