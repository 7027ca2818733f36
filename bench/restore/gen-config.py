#!/usr/bin/python3
"""Write a saveconfig.json: one iSCSI target, NLUNS ramdisk LUNs, NACLS node ACLs, every
ACL mapping every LUN (NLUNS x NACLS mapped LUNs), as rtslib-fb would save it.
usage: gen-config.py NLUNS NACLS OUT"""
import json, sys

nluns, nacls, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
iqn = "iqn.2026-11.org.qlat.bench:target"
sos = [{"name": "ram%d" % i, "plugin": "ramdisk", "size": 1048576, "alua_tpgs": [],
        "wwn": "00000000-0000-4000-8000-%012x" % i} for i in range(nluns)]
luns = [{"index": i, "storage_object": "/backstores/ramdisk/ram%d" % i, "alias": "l%09d" % i,
         "alua_tg_pt_gp_name": "default_tg_pt_gp"} for i in range(nluns)]
acls = [{"node_wwn": "iqn.2026-11.org.qlat.bench:init%d" % a,
         "mapped_luns": [{"index": i, "tpg_lun": i, "write_protect": False, "alias": "m%09d" % i}
                         for i in range(nluns)]} for a in range(nacls)]
tpg = {"tag": 1, "enable": True, "attributes": {"authentication": 0, "generate_node_acls": 0},
       "luns": luns, "node_acls": acls, "portals": []}
config = {"fabric_modules": [], "storage_objects": sos,
          "targets": [{"fabric": "iscsi", "wwn": iqn, "tpgs": [tpg]}]}
with open(out, "w") as f:
    f.write(json.dumps(config, sort_keys=True, indent=2) + "\n")
