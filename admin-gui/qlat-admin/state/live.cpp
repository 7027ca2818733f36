#include "state/live.h"

namespace qlat::admin {

using nlohmann::json;

void from_json(const json& j, Port& v) {
  v.wwpn = j.at("wwpn").get<std::string>();
  v.wwnn = j.value("wwnn", std::string());
  v.role = j.value("role", std::string());
  v.link_state = j.value("link_state", std::string());
  v.speed = j.value("speed", std::string());
  v.target_enabled = j.value("target_enabled", false);
  v.host = j.value("host", std::string());
  v.driver = j.value("driver", std::string());
}

void to_json(json& j, const Port& v) {
  j = json{{"wwpn", v.wwpn},   {"wwnn", v.wwnn},
           {"role", v.role},   {"link_state", v.link_state},
           {"speed", v.speed}, {"target_enabled", v.target_enabled},
           {"host", v.host},   {"driver", v.driver}};
}

void from_json(const json& j, Session& v) {
  v.port_wwpn = j.at("port").get<std::string>();
  v.initiator_wwpn = j.at("initiator").get<std::string>();
  v.nport_id = j.value("nport_id", std::string());
  v.lio_session = j.value("lio_session", false);
}

void to_json(json& j, const Session& v) {
  j = json{{"port", v.port_wwpn},
           {"initiator", v.initiator_wwpn},
           {"nport_id", v.nport_id},
           {"lio_session", v.lio_session}};
}

}  // namespace qlat::admin
