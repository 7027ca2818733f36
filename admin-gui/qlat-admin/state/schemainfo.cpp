#include "state/schemainfo.h"

#include <map>

namespace qlat::admin {

namespace {

AttrInfo b01(std::string name, std::string description) {
  return AttrInfo{std::move(name), "bool (0/1)", 0, 1, std::move(description)};
}

AttrInfo text(std::string name, std::string description) {
  return AttrInfo{std::move(name), "string", std::nullopt, std::nullopt, std::move(description)};
}

AttrInfo integer(std::string name, std::int64_t min, std::int64_t max, std::string description) {
  return AttrInfo{std::move(name), "integer", min, max, std::move(description)};
}

const std::map<std::string, std::vector<AttrInfo>, std::less<>>& table() {
  static const std::map<std::string, std::vector<AttrInfo>, std::less<>> t = {
      {"port",
       {
           text("wwpn", "World Wide Port Name of the local FC port (fc_host port_name)."),
           text("wwnn", "World Wide Node Name of the HBA (fc_host node_name)."),
           text("role",
                "qla2xxx port role: target, initiator, both or none (qlat's scsi_host role)."),
           text("link_state", "FC link state (fc_host port_state): Online, Linkdown, ..."),
           text("speed", "Negotiated link speed (fc_host speed)."),
           b01("target_enabled",
               "Whether the qla2xxx target on this port is enabled "
               "(tpgt_1/enable). Changing it logs every initiator out."),
       }},
      {"tpg",
       {
           b01("enable", "tpgt_1/enable: the port accepts initiator logins."),
           b01("generate_node_acls",
               "Demo mode: initiators without an ACL get a dynamic session. qlat-admin "
               "creates targets with 0 so only initiators with an ACL see LUNs."),
           b01("cache_dynamic_acls", "Keep dynamic ACLs after their session ends."),
           b01("demo_mode_write_protect", "Dynamic (demo-mode) sessions see LUNs read-only."),
           b01("prod_mode_write_protect", "Sessions with an explicit ACL see LUNs read-only."),
           b01("demo_mode_login_only",
               "Demo-mode sessions may log in but see only the virtual LUN 0."),
           integer("fabric_prot_type", 0, 3, "T10-PI protection type: 0, 1 or 3."),
       }},
      {"acl",
       {
           text("node_wwn", "The initiator's WWPN (acls/<colon wwpn>)."),
           text("tag",
                "Initiator group: the node ACL tag, as targetcli's ACL groups and "
                "saveconfig.json carry it. Mapping a LUN to a group maps it for every member."),
           integer("mapped_luns", 0, 255, "Number of LUNs this initiator sees."),
       }},
      {"mapped_lun",
       {
           integer("index", 0, 255, "The LUN number the initiator sees (acls/<wwpn>/lun_N)."),
           integer("tpg_lun", 0, 65535, "The TPG LUN it maps (link to ../../lun/lun_M)."),
           b01("write_protect", "The initiator sees this LUN read-only."),
       }},
      {"lun",
       {
           integer("index", 0, 65535, "TPG LUN number (tpgt_1/lun/lun_N)."),
           text("storage_object", "The backstore this LUN exports."),
       }},
      {"backstore:fileio",
       {
           text("name", "Backstore name (core/fileio_N/<name>)."),
           text("dev", "Backing file path."),
           integer("size", 1, INT64_MAX, "Size in bytes (the file is created or extended)."),
       }},
      {"backstore:block",
       {
           text("name", "Backstore name (core/iblock_N/<name>)."),
           text("dev", "Block device path, e.g. /dev/sdb or /dev/disk/by-id/..."),
       }},
      {"backstore:ramdisk",
       {
           text("name", "Backstore name (core/rd_mcp_N/<name>)."),
           integer("size", 1, INT64_MAX, "Size in bytes of memory to allocate."),
       }},
      {"session",
       {
           text("initiator", "WWPN of the logged-in initiator."),
           text("nport_id", "The initiator's FC N_Port ID (24-bit fabric address)."),
           text("acl",
                "Whether an explicit node ACL allows this initiator; without one it "
                "sees nothing (or only LUN 0 in demo mode)."),
       }},
  };
  return t;
}

}  // namespace

std::string AttrInfo::type_text() const {
  if (type == "integer" && min && max) {
    if (*max == INT64_MAX) {
      return "integer >= " + std::to_string(*min);
    }
    return "integer " + std::to_string(*min) + ".." + std::to_string(*max);
  }
  return type;
}

const std::vector<AttrInfo>& attributes_of(std::string_view kind) {
  static const std::vector<AttrInfo> none;
  const auto& t = table();
  auto it = t.find(kind);
  return it == t.end() ? none : it->second;
}

const AttrInfo* find_attribute(std::string_view kind, std::string_view name) {
  for (const auto& a : attributes_of(kind)) {
    if (a.name == name) {
      return &a;
    }
  }
  return nullptr;
}

}  // namespace qlat::admin
