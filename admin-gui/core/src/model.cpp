#include "qlat/model.h"

#include <cctype>
#include <set>
#include <utility>

namespace qlat {

using nlohmann::json;

AttrValue attr_from_text(const std::string& text) {
  // Python's int(): optional sign, decimal digits, surrounding whitespace already stripped.
  std::size_t i = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    i = 1;
  }
  if (i >= text.size() || text.size() - i > 18) {
    return text;
  }
  for (std::size_t k = i; k < text.size(); ++k) {
    if (std::isdigit(static_cast<unsigned char>(text[k])) == 0) {
      return text;
    }
  }
  return static_cast<std::int64_t>(std::stoll(text));
}

std::string attr_to_text(const AttrValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return std::to_string(*i);
  }
  return std::get<std::string>(v);
}

namespace {

/// A saved file's "parameters" as the reader would give them back from configfs: values are
/// read as rtslib reads them (attr_from_text), so an integer is in its decimal form. The
/// kernel prints what it parsed, too: cmd_completion_affinity written as "-0" reads "0".
/// Without this a restored "-0" would differ from the live tree forever.
ParamMap params_from_json(const json& j) {
  ParamMap m;
  if (j.contains("parameters")) {
    for (auto& [k, v] : j.at("parameters").get<ParamMap>()) {
      m[k] = attr_to_text(attr_from_text(v));
    }
  }
  return m;
}

json attrs_to_json(const AttrMap& m) {
  json j = json::object();
  for (const auto& [k, v] : m) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      j[k] = *i;
    } else {
      j[k] = std::get<std::string>(v);
    }
  }
  return j;
}

AttrMap attrs_from_json(const json& parent) {
  AttrMap m;
  if (!parent.contains("attributes")) {
    return m;
  }
  for (const auto& [k, v] : parent.at("attributes").items()) {
    if (v.is_number_integer()) {
      m[k] = v.get<std::int64_t>();
    } else {
      m[k] = v.get<std::string>();
    }
  }
  return m;
}

void auth_to_json(json& j, const AuthMap& a) {
  for (const auto& [k, v] : a) {
    if (!v.empty()) {
      j[k] = v;
    }
  }
}

AuthMap auth_from_json(const json& j, const char* prefix) {
  AuthMap a;
  for (const auto& [k, v] : j.items()) {
    if (k.starts_with(prefix) && v.is_string() && !v.get<std::string>().empty()) {
      a[k] = v.get<std::string>();
    }
  }
  return a;
}

template <typename T>
std::vector<T> list(const json& j, const char* key) {
  if (!j.contains(key)) {
    return {};
  }
  return j.at(key).get<std::vector<T>>();
}

}  // namespace

bool StorageObject::same_identity(const StorageObject& o) const {
  return plugin == o.plugin && name == o.name && dev == o.dev &&
         (plugin == "block" || size == o.size) && (!o.wwn || wwn == o.wwn) &&
         write_back == o.write_back && aio == o.aio && readonly == o.readonly &&
         nullio == o.nullio && config == o.config;
}

const StorageObject* Config::find_storage_object(const std::string& path) const {
  for (const auto& so : storage_objects) {
    if (so.path() == path) {
      return &so;
    }
  }
  return nullptr;
}

const MappedLun* NodeAcl::find_mapped(std::uint32_t index) const {
  for (const auto& m : mapped_luns) {
    if (m.index == index) {
      return &m;
    }
  }
  return nullptr;
}

MappedLun* NodeAcl::find_mapped(std::uint32_t index) {
  return const_cast<MappedLun*>(std::as_const(*this).find_mapped(index));
}

const Lun* Tpg::find_lun(std::uint32_t index) const {
  for (const auto& l : luns) {
    if (l.index == index) {
      return &l;
    }
  }
  return nullptr;
}

const NodeAcl* Tpg::find_acl(const std::string& node_wwn) const {
  for (const auto& a : node_acls) {
    if (a.node_wwn == node_wwn) {
      return &a;
    }
  }
  return nullptr;
}

NodeAcl* Tpg::find_acl(const std::string& node_wwn) {
  return const_cast<NodeAcl*>(std::as_const(*this).find_acl(node_wwn));
}

std::uint32_t Tpg::next_free_lun() const {
  std::uint32_t n = 0;
  while (find_lun(n) != nullptr) {
    ++n;
  }
  return n;
}

const Target* Config::find_target(const std::string& fabric, const std::string& wwn) const {
  for (const auto& t : targets) {
    if (t.fabric == fabric && t.wwn == wwn) {
      return &t;
    }
  }
  return nullptr;
}

Target* Config::find_target(const std::string& fabric, const std::string& wwn) {
  return const_cast<Target*>(std::as_const(*this).find_target(fabric, wwn));
}

const Tpg* Config::fc_tpg(const std::string& wwn) const {
  const Target* t = find_target(kFcFabric, wwn);
  return (t == nullptr || t->tpgs.empty()) ? nullptr : &t->tpgs.front();
}

Tpg* Config::fc_tpg(const std::string& wwn) {
  return const_cast<Tpg*>(std::as_const(*this).fc_tpg(wwn));
}

std::vector<std::string> Config::groups(const std::string& wwn) const {
  std::set<std::string> out;
  if (const Tpg* tpg = fc_tpg(wwn)) {
    for (const auto& acl : tpg->node_acls) {
      if (!acl.group().empty()) {
        out.insert(acl.group());
      }
    }
  }
  return {out.begin(), out.end()};
}

std::vector<const NodeAcl*> Config::group_members(const std::string& wwn,
                                                  const std::string& group) const {
  std::vector<const NodeAcl*> out;
  if (const Tpg* tpg = fc_tpg(wwn)) {
    for (const auto& acl : tpg->node_acls) {
      if (!group.empty() && acl.group() == group) {
        out.push_back(&acl);
      }
    }
  }
  return out;
}

std::vector<std::string> Config::all_groups() const {
  std::set<std::string> out;
  for (const auto& t : targets) {
    if (t.fabric != kFcFabric || t.tpgs.empty()) {
      continue;
    }
    for (const auto& acl : t.tpgs.front().node_acls) {
      if (!acl.group().empty()) {
        out.insert(acl.group());
      }
    }
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> Config::group_member_wwpns(const std::string& group) const {
  std::set<std::string> out;
  for (const auto& t : targets) {
    if (group.empty() || t.fabric != kFcFabric || t.tpgs.empty()) {
      continue;
    }
    for (const auto& acl : t.tpgs.front().node_acls) {
      if (acl.group() == group) {
        out.insert(acl.node_wwn);
      }
    }
  }
  return {out.begin(), out.end()};
}

std::size_t Config::mapped_lun_count() const {
  std::size_t n = 0;
  for (const auto& t : targets) {
    for (const auto& tpg : t.tpgs) {
      for (const auto& acl : tpg.node_acls) {
        n += acl.mapped_luns.size();
      }
    }
  }
  return n;
}

void to_json(json& j, const AluaTpg& v) {
  j = json::object();
  j["name"] = v.name;
  j["tg_pt_gp_id"] = v.tg_pt_gp_id;
  for (const auto& [k, x] : v.values) {
    j[k] = x;
  }
}

void from_json(const json& j, AluaTpg& v) {
  v.name = j.at("name").get<std::string>();
  v.tg_pt_gp_id = j.at("tg_pt_gp_id").get<std::int64_t>();
  v.values.clear();
  for (const auto& [k, x] : j.items()) {
    if (k != "name" && k != "tg_pt_gp_id" && x.is_number_integer()) {
      v.values[k] = x.get<std::int64_t>();
    }
  }
}

void to_json(json& j, const StorageObject& v) {
  j = json::object();
  j["name"] = v.name;
  j["plugin"] = v.plugin;
  j["alua_tpgs"] = v.alua_tpgs;
  const auto attrs = attrs_to_json(v.attributes);
  if (!attrs.empty()) {
    j["attributes"] = attrs;
  }
  // What the object does not have (a file that left it out) stays out: null is no valid
  // wwn or dev, and 0 or "" would read back as a value. A tree read from configfs has them.
  auto opt = [&](const char* key, const auto& o) {
    if (o) {
      j[key] = *o;
    }
  };
  if (v.plugin == "fileio") {
    j["write_back"] = v.write_back;
    opt("wwn", v.wwn);
    opt("dev", v.dev);
    opt("size", v.size);
    j["aio"] = v.aio;
  } else if (v.plugin == "block") {
    j["write_back"] = v.write_back;
    j["readonly"] = v.readonly;
    opt("wwn", v.wwn);
    opt("dev", v.dev);
  } else if (v.plugin == "ramdisk") {
    opt("wwn", v.wwn);
    opt("size", v.size);
    if (v.nullio) {
      j["nullio"] = true;
    }
  } else if (v.plugin == "pscsi") {
    opt("dev", v.dev);
  } else if (v.plugin == "user") {
    opt("wwn", v.wwn);
    opt("size", v.size);
    j["config"] = v.config ? json(*v.config) : json(nullptr);
    opt("hw_max_sectors", v.hw_max_sectors);
    opt("control", v.control);
  }
}

void from_json(const json& j, StorageObject& v) {
  v = StorageObject{};
  v.name = j.at("name").get<std::string>();
  v.plugin = j.at("plugin").get<std::string>();
  if (v.plugin == "rd_mcp") {
    v.plugin = "ramdisk";
  }
  v.attributes = attrs_from_json(j);
  v.alua_tpgs = list<AluaTpg>(j, "alua_tpgs");
  auto opt_str = [&](const char* key) -> std::optional<std::string> {
    if (j.contains(key) && j.at(key).is_string()) {
      return j.at(key).get<std::string>();
    }
    return std::nullopt;
  };
  v.dev = opt_str("dev");
  v.wwn = opt_str("wwn");
  v.config = opt_str("config");
  v.control = opt_str("control");
  if (j.contains("size")) {
    v.size = j.at("size").get<std::uint64_t>();
  }
  if (j.contains("hw_max_sectors")) {
    v.hw_max_sectors = j.at("hw_max_sectors").get<std::uint64_t>();
  }
  v.write_back = j.value("write_back", false);
  v.aio = j.value("aio", false);
  v.readonly = j.value("readonly", false);
  v.nullio = j.value("nullio", false);
}

void to_json(json& j, const MappedLun& v) {
  j = json{{"index", v.index}, {"tpg_lun", v.tpg_lun}, {"write_protect", v.write_protect}};
  // No alias yet (a file without one): leave it out, as "" is not a valid name.
  if (!v.alias.empty()) {
    j["alias"] = v.alias;
  }
}

void from_json(const json& j, MappedLun& v) {
  v.index = j.at("index").get<std::uint32_t>();
  v.tpg_lun = j.at("tpg_lun").get<std::uint32_t>();
  v.write_protect = j.value("write_protect", false);
  v.alias = j.value("alias", std::string());
}

void to_json(json& j, const NodeAcl& v) {
  j = json::object();
  j["node_wwn"] = v.node_wwn;
  j["mapped_luns"] = v.mapped_luns;
  const auto attrs = attrs_to_json(v.attributes);
  if (!attrs.empty()) {
    j["attributes"] = attrs;
  }
  if (v.tag && !v.tag->empty()) {
    j["tag"] = *v.tag;
  }
  auth_to_json(j, v.auth);
}

void from_json(const json& j, NodeAcl& v) {
  v = NodeAcl{};
  v.node_wwn = j.at("node_wwn").get<std::string>();
  v.attributes = attrs_from_json(j);
  v.mapped_luns = list<MappedLun>(j, "mapped_luns");
  if (j.contains("tag") && j.at("tag").is_string() && !j.at("tag").get<std::string>().empty()) {
    v.tag = j.at("tag").get<std::string>();
  }
  v.auth = auth_from_json(j, "chap_");
}

void to_json(json& j, const Lun& v) {
  j = json{{"index", v.index},
           {"storage_object", v.storage_object},
           {"alua_tg_pt_gp_name", v.alua_tg_pt_gp_name ? json(*v.alua_tg_pt_gp_name) : json()}};
  if (!v.alias.empty()) {
    j["alias"] = v.alias;
  }
}

void from_json(const json& j, Lun& v) {
  v.index = j.at("index").get<std::uint32_t>();
  v.storage_object = j.at("storage_object").get<std::string>();
  v.alias = j.value("alias", std::string());
  v.alua_tg_pt_gp_name.reset();
  if (j.contains("alua_tg_pt_gp_name") && j.at("alua_tg_pt_gp_name").is_string()) {
    v.alua_tg_pt_gp_name = j.at("alua_tg_pt_gp_name").get<std::string>();
  }
}

void to_json(json& j, const Portal& v) {
  j = json{
      {"ip_address", v.ip_address}, {"port", v.port}, {"iser", v.iser}, {"offload", v.offload}};
}

void from_json(const json& j, Portal& v) {
  v.ip_address = j.at("ip_address").get<std::string>();
  v.port = j.at("port").get<std::uint32_t>();
  v.iser = j.value("iser", false);
  v.offload = j.value("offload", false);
}

void to_json(json& j, const Tpg& v) {
  j = json::object();
  j["tag"] = v.tag;
  j["enable"] = v.enable;
  j["luns"] = v.luns;
  j["portals"] = v.portals;
  j["node_acls"] = v.node_acls;
  const auto attrs = attrs_to_json(v.attributes);
  if (!attrs.empty()) {
    j["attributes"] = attrs;
  }
  if (!v.parameters.empty()) {
    j["parameters"] = v.parameters;
  }
  auth_to_json(j, v.auth);
}

void from_json(const json& j, Tpg& v) {
  v = Tpg{};
  v.tag = j.at("tag").get<std::uint32_t>();
  v.enable = j.value("enable", true);
  v.attributes = attrs_from_json(j);
  v.parameters = params_from_json(j);
  v.luns = list<Lun>(j, "luns");
  v.portals = list<Portal>(j, "portals");
  v.node_acls = list<NodeAcl>(j, "node_acls");
  v.auth = auth_from_json(j, "chap_");
}

void to_json(json& j, const Target& v) {
  j = json{{"wwn", v.wwn}, {"fabric", v.fabric}, {"tpgs", v.tpgs}};
  const auto attrs = attrs_to_json(v.attributes);
  if (!attrs.empty()) {
    j["attributes"] = attrs;
  }
  if (!v.parameters.empty()) {
    j["parameters"] = v.parameters;
  }
}

void from_json(const json& j, Target& v) {
  v.wwn = j.at("wwn").get<std::string>();
  v.fabric = j.at("fabric").get<std::string>();
  v.tpgs = list<Tpg>(j, "tpgs");
  v.attributes = attrs_from_json(j);
  v.parameters = params_from_json(j);
}

void to_json(json& j, const FabricModule& v) {
  j = json::object();
  j["name"] = v.name;
  j["discovery_enable_auth"] = v.discovery_enable_auth;
  auth_to_json(j, v.auth);
}

void from_json(const json& j, FabricModule& v) {
  v.name = j.at("name").get<std::string>();
  v.discovery_enable_auth = j.value("discovery_enable_auth", false);
  v.auth = auth_from_json(j, "discovery_");
  v.auth.erase("discovery_enable_auth");
}

void to_json(json& j, const Config& v) {
  j = json{{"fabric_modules", v.fabric_modules},
           {"storage_objects", v.storage_objects},
           {"targets", v.targets}};
}

void from_json(const json& j, Config& v) {
  v.fabric_modules = list<FabricModule>(j, "fabric_modules");
  v.storage_objects = list<StorageObject>(j, "storage_objects");
  v.targets = list<Target>(j, "targets");
}

}  // namespace qlat
