#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace qlat::admin {

/// A local FC port as `qlatctl serve` reports it (from /sys/class/fc_host).
struct Port {
  std::string wwpn;             ///< naa.<16 hex>
  std::string wwnn;             ///< naa.<16 hex>
  std::string role;             ///< "target", "initiator", "both", "none" (qlat's role)
  std::string link_state;       ///< Online, Linkdown, ...
  std::string speed;            ///< "8 Gbit", "unknown"
  bool target_enabled = false;  ///< from the configuration: its qla2xxx TPG is enabled
  std::string host;             ///< host3: the scsi_host, for set_port_role
  std::string driver;           ///< qla2xxx
};

/// An initiator logged in to a local target port (FC login; with or without an ACL).
struct Session {
  std::string port_wwpn;       ///< the local target port
  std::string initiator_wwpn;  ///< naa.<16 hex>
  std::string nport_id;        ///< 0x010200
  bool lio_session = false;    ///< LIO has a session for it (an ACL allows it)
};

/// The live state: what is, as opposed to what the admin wants.
struct LiveState {
  std::vector<Port> ports;
  std::vector<Session> sessions;
};

void from_json(const nlohmann::json& j, Port& v);
void to_json(nlohmann::json& j, const Port& v);
void from_json(const nlohmann::json& j, Session& v);
void to_json(nlohmann::json& j, const Session& v);

}  // namespace qlat::admin
