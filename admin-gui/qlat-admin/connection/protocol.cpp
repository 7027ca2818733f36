#include "connection/protocol.h"

#include <sstream>

namespace qlat::admin::protocol {

using nlohmann::json;

namespace {

template <class T>
std::optional<T> read(const json& j, std::string* error, const char* what) {
  try {
    return j.get<T>();
  } catch (const json::exception& e) {
    if (error != nullptr) {
      *error = std::string("qlatctl serve sent malformed ") + what + ": " + e.what();
    }
    return std::nullopt;
  }
}

}  // namespace

std::optional<Config> parse_config(const json& result, std::string* error) {
  const json& doc = result.is_object() && result.contains("config") ? result.at("config") : result;
  if (!doc.is_object()) {
    if (error != nullptr) {
      *error = "qlatctl serve sent no configuration";
    }
    return std::nullopt;
  }
  return read<Config>(doc, error, "configuration");
}

std::optional<std::vector<Port>> parse_ports(const json& result, std::string* error) {
  const json& list = result.is_object() && result.contains("ports") ? result.at("ports") : result;
  return read<std::vector<Port>>(list, error, "port list");
}

std::optional<std::vector<Session>> parse_sessions(const json& result, std::string* error) {
  const json& list =
      result.is_object() && result.contains("sessions") ? result.at("sessions") : result;
  return read<std::vector<Session>>(list, error, "session list");
}

std::optional<std::vector<std::string>> parse_plan(const json& result, std::string* error) {
  std::vector<std::string> out;
  if (result.is_object() && result.contains("operations") && result.at("operations").is_array()) {
    for (const auto& op : result.at("operations")) {
      if (op.is_string()) {
        out.push_back(op.get<std::string>());
      } else if (op.is_object() && op.contains("preview") && op.at("preview").is_string()) {
        out.push_back(op.at("preview").get<std::string>());
      } else {
        if (error != nullptr) {
          *error = "qlatctl serve sent an operation without a preview: " + op.dump();
        }
        return std::nullopt;
      }
    }
    return out;
  }
  if (result.is_object() && result.contains("preview") && result.at("preview").is_array()) {
    return read<std::vector<std::string>>(result.at("preview"), error, "plan preview");
  }
  if (result.is_object() && result.contains("text") && result.at("text").is_string()) {
    std::istringstream in(result.at("text").get<std::string>());
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) {
        out.push_back(line);
      }
    }
    return out;
  }
  if (error != nullptr) {
    *error = "qlatctl serve sent a plan without operations: " + result.dump().substr(0, 200);
  }
  return std::nullopt;
}

}  // namespace qlat::admin::protocol
