#include "views/fixture.h"

namespace qlat::admin {

Config fixtureConfig() {
  static const char* const kJson = R"({
  "storage_objects": [
    {"plugin": "fileio", "name": "disk0", "dev": "/var/lib/qlat/disk0.img",
     "size": 1073741824, "attributes": {"block_size": 512, "emulate_tpu": 0}},
    {"plugin": "fileio", "name": "disk1", "dev": "/var/lib/qlat/disk1.img",
     "size": 4294967296, "attributes": {"block_size": 512}},
    {"plugin": "block", "name": "sdb", "dev": "/dev/sdb", "attributes": {"block_size": 512}},
    {"plugin": "ramdisk", "name": "scratch", "size": 268435456, "attributes": {}}
  ],
  "targets": [
    {"fabric": "qla2xxx", "wwn": "naa.21000024ff000001", "tpgs": [
      {"tag": 1, "enable": true,
       "attributes": {"cache_dynamic_acls": 1, "demo_mode_login_only": 1,
                      "demo_mode_write_protect": 1, "generate_node_acls": 0,
                      "prod_mode_write_protect": 0},
       "parameters": {}, "portals": [],
       "luns": [
         {"index": 0, "storage_object": "/backstores/fileio/disk0",
          "alua_tg_pt_gp_name": "default_tg_pt_gp"},
         {"index": 1, "storage_object": "/backstores/block/sdb",
          "alua_tg_pt_gp_name": "default_tg_pt_gp"}
       ],
       "node_acls": [
         {"node_wwn": "naa.21000024ff100001", "tag": "esx",
          "mapped_luns": [{"index": 0, "tpg_lun": 0, "write_protect": false},
                          {"index": 1, "tpg_lun": 1, "write_protect": true}]},
         {"node_wwn": "naa.21000024ff100002", "tag": "esx",
          "mapped_luns": [{"index": 0, "tpg_lun": 0, "write_protect": false},
                          {"index": 1, "tpg_lun": 1, "write_protect": true}]}
       ]}
    ]}
  ]
})";
  return nlohmann::json::parse(kJson).get<Config>();
}

LiveState fixtureLive() {
  LiveState live;
  live.ports = {
      {"naa.21000024ff000001", "naa.20000024ff000001", "target", "Online", "8 Gbit", true, "host3",
       "qla2xxx"},
      {"naa.21000024ff000002", "naa.20000024ff000002", "target", "Online", "8 Gbit", false, "host4",
       "qla2xxx"},
  };
  live.sessions = {
      {"naa.21000024ff000001", "naa.21000024ff100001", "0x010100", true},
      {"naa.21000024ff000001", "naa.21000024ff100002", "0x010200", true},
      {"naa.21000024ff000001", "naa.21000024ff100003", "0x010300", false},
  };
  return live;
}

}  // namespace qlat::admin
