#include "state/config.h"

#include <algorithm>
#include <set>

namespace qlat::admin {

namespace {

using nlohmann::json;

/// The keys of `j` not in `known`, to be written back unchanged.
json rest(const json& j, std::initializer_list<const char*> known) {
  json out = json::object();
  for (const auto& item : j.items()) {
    const auto& key = item.key();
    if (std::none_of(known.begin(), known.end(), [&key](const char* k) { return key == k; })) {
      out[key] = item.value();
    }
  }
  return out;
}

json with_extra(json j, const json& extra) {
  for (const auto& [key, value] : extra.items()) {
    if (!j.contains(key)) {
      j[key] = value;
    }
  }
  return j;
}

}  // namespace

const MappedLun* NodeAcl::find_mapped(std::uint32_t index) const {
  for (const auto& m : mapped_luns) {
    if (m.index == index) {
      return &m;
    }
  }
  return nullptr;
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

const StorageObject* Config::find_storage_object(const std::string& path) const {
  for (const auto& so : storage_objects) {
    if (so.path() == path) {
      return &so;
    }
  }
  return nullptr;
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
      if (!acl.tag.empty()) {
        out.insert(acl.tag);
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
      if (!group.empty() && acl.tag == group) {
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
      if (!acl.tag.empty()) {
        out.insert(acl.tag);
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
      if (acl.tag == group) {
        out.insert(acl.node_wwn);
      }
    }
  }
  return {out.begin(), out.end()};
}

void from_json(const json& j, StorageObject& v) {
  v.plugin = j.at("plugin").get<std::string>();
  v.name = j.at("name").get<std::string>();
  v.dev = j.value("dev", std::string());
  if (j.contains("size") && j.at("size").is_number_unsigned()) {
    v.size = j.at("size").get<std::uint64_t>();
  }
  v.attributes = j.value("attributes", json::object());
  v.extra = rest(j, {"plugin", "name", "dev", "size", "attributes"});
}

void to_json(json& j, const StorageObject& v) {
  j = json{{"plugin", v.plugin}, {"name", v.name}, {"attributes", v.attributes}};
  if (!v.dev.empty()) {
    j["dev"] = v.dev;
  }
  if (v.size) {
    j["size"] = *v.size;
  }
  j = with_extra(j, v.extra);
}

void from_json(const json& j, MappedLun& v) {
  v.index = j.at("index").get<std::uint32_t>();
  v.tpg_lun = j.at("tpg_lun").get<std::uint32_t>();
  v.write_protect = j.value("write_protect", false);
  v.extra = rest(j, {"index", "tpg_lun", "write_protect"});
}

void to_json(json& j, const MappedLun& v) {
  j = with_extra(
      json{{"index", v.index}, {"tpg_lun", v.tpg_lun}, {"write_protect", v.write_protect}},
      v.extra);
}

void from_json(const json& j, NodeAcl& v) {
  v.node_wwn = j.at("node_wwn").get<std::string>();
  v.tag = j.contains("tag") && j.at("tag").is_string() ? j.at("tag").get<std::string>() : "";
  v.mapped_luns = j.value("mapped_luns", std::vector<MappedLun>{});
  v.extra = rest(j, {"node_wwn", "tag", "mapped_luns"});
}

void to_json(json& j, const NodeAcl& v) {
  j = json{{"node_wwn", v.node_wwn}, {"mapped_luns", v.mapped_luns}};
  if (!v.tag.empty()) {
    j["tag"] = v.tag;
  }
  j = with_extra(j, v.extra);
}

void from_json(const json& j, Lun& v) {
  v.index = j.at("index").get<std::uint32_t>();
  v.storage_object = j.at("storage_object").get<std::string>();
  v.extra = rest(j, {"index", "storage_object"});
}

void to_json(json& j, const Lun& v) {
  j = with_extra(json{{"index", v.index}, {"storage_object", v.storage_object}}, v.extra);
}

void from_json(const json& j, Tpg& v) {
  v.tag = j.value("tag", 1U);
  v.enable = j.value("enable", true);
  v.attributes = j.value("attributes", json::object());
  v.luns = j.value("luns", std::vector<Lun>{});
  v.node_acls = j.value("node_acls", std::vector<NodeAcl>{});
  v.extra = rest(j, {"tag", "enable", "attributes", "luns", "node_acls"});
}

void to_json(json& j, const Tpg& v) {
  j = with_extra(json{{"tag", v.tag},
                      {"enable", v.enable},
                      {"attributes", v.attributes},
                      {"luns", v.luns},
                      {"node_acls", v.node_acls}},
                 v.extra);
}

void from_json(const json& j, Target& v) {
  v.fabric = j.at("fabric").get<std::string>();
  v.wwn = j.at("wwn").get<std::string>();
  v.tpgs = j.value("tpgs", std::vector<Tpg>{});
  v.extra = rest(j, {"fabric", "wwn", "tpgs"});
}

void to_json(json& j, const Target& v) {
  j = with_extra(json{{"fabric", v.fabric}, {"wwn", v.wwn}, {"tpgs", v.tpgs}}, v.extra);
}

void from_json(const json& j, Config& v) {
  v.storage_objects = j.value("storage_objects", std::vector<StorageObject>{});
  v.targets = j.value("targets", std::vector<Target>{});
  v.extra = rest(j, {"storage_objects", "targets"});
}

void to_json(json& j, const Config& v) {
  j = with_extra(json{{"storage_objects", v.storage_objects}, {"targets", v.targets}}, v.extra);
}

}  // namespace qlat::admin
