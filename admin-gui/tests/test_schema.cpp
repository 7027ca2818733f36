#define BOOST_TEST_MODULE qlat_schema
#include <boost/test/unit_test.hpp>

#include "qlat/schema.h"
#include "testutil.h"

using nlohmann::json;
using qlat::Schema;

BOOST_AUTO_TEST_CASE(builtin_schema_has_every_level) {
  const auto& s = Schema::builtin();
  for (const char* f : {"qla2xxx", "qla2xxx_npiv", "iscsi", "loopback"}) {
    BOOST_TEST(s.known_fabric(f) != nullptr, f);
  }
  for (const char* b : {"fileio", "block", "ramdisk", "pscsi", "user"}) {
    BOOST_TEST(s.backstore(b) != nullptr, b);
  }
  BOOST_TEST(s.backstore("rd_mcp") == s.backstore("ramdisk"));
  BOOST_TEST(s.backstore_by_dir("iblock")->plugin == "block");
  BOOST_TEST(!s.alua_tg_pt_gp().empty());
  const auto* qla = s.known_fabric("qla2xxx");
  BOOST_TEST(qla->has("acls"));
  BOOST_TEST(!qla->has("tpgts"));
  BOOST_TEST(qla->wwn_dir_form == "colon");
  BOOST_TEST(qla->needs_port);
  BOOST_TEST(qla->find(qla->tpg_attrib, "demo_mode_login_only") != nullptr);
  const auto* iscsi = s.known_fabric("iscsi");
  BOOST_TEST(iscsi->has("nps"));
  BOOST_TEST(iscsi->has("auth"));
  BOOST_TEST(iscsi->find(iscsi->tpg_param, "MaxBurstLength") != nullptr);
  // Unknown fabrics fall back to the generic description.
  const auto g = s.fabric("vhost");
  BOOST_TEST(g.name == "vhost");
  BOOST_TEST(g.open_attributes);
  BOOST_TEST(s.fabric_dir("tcm_fc") == "fc");
  BOOST_TEST(s.fabric_name_for_dir("fc") == "tcm_fc");
}

BOOST_AUTO_TEST_CASE(attribute_types_and_ranges) {
  const auto& s = Schema::builtin();
  const auto* sbc = s.backstore("fileio");
  const auto* wc = sbc->find("emulate_write_cache");
  BOOST_TEST_REQUIRE(wc != nullptr);
  BOOST_TEST(!wc->check(json(1)).has_value());
  BOOST_TEST(wc->check(json(2)).has_value());
  BOOST_TEST(wc->check(json("yes")).has_value());
  const auto* bs = sbc->find("block_size");
  BOOST_TEST(!bs->check(json(4096)).has_value());
  BOOST_TEST(bs->check(json(1000)).has_value());
  const auto* hw = sbc->find("hw_block_size");
  BOOST_TEST((hw->access == qlat::Access::ro));
  BOOST_TEST(hw->check(json(512)).has_value());
}

BOOST_AUTO_TEST_CASE(schema_files_on_disk_equal_the_embedded_ones) {
  // The library reads configfs-schema/ itself: loading the files gives the same schema.
  const auto tree =
      json::parse(qlat::test::slurp(qlat::test::source_dir() + "/configfs-schema/tree.json"));
  const auto save = json::parse(
      qlat::test::slurp(qlat::test::source_dir() + "/configfs-schema/saveconfig.schema.json"));
  const Schema s(tree, save);
  BOOST_TEST(s.fabric_order() == Schema::builtin().fabric_order());
  BOOST_TEST(s.backstores().size() == Schema::builtin().backstores().size());
}

BOOST_AUTO_TEST_CASE(structure_check_reports_json_paths) {
  const auto& s = Schema::builtin();
  auto doc = json::parse(R"({"storage_objects": [{"name": "a", "plugin": "floppy"}],
                             "targets": [{"wwn": "x", "fabric": "iscsi", "tpgs": [{"tag": "one"}]}],
                             "extra": 1})");
  const auto problems = s.check_structure(doc, "f.json");
  std::set<std::string> paths;
  for (const auto& p : problems) {
    paths.insert(p.json_path);
    BOOST_TEST(p.file == "f.json");
  }
  BOOST_TEST(paths.count("/storage_objects/0/plugin") == 1);
  BOOST_TEST(paths.count("/targets/0/tpgs/0/tag") == 1);
  BOOST_TEST(paths.count("/extra") == 1);
}
