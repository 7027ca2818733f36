#define BOOST_TEST_MODULE qlat_schema
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <regex>
#include <set>
#include <tuple>

#include "qlat/error.h"
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

BOOST_AUTO_TEST_CASE(describe_gives_every_shown_field_its_type_range_and_description) {
  const auto& s = Schema::builtin();
  auto find = [](const std::vector<qlat::AttrSpec>& v, const char* name) -> const qlat::AttrSpec* {
    const auto it = std::find_if(v.begin(), v.end(), [&](const auto& a) { return a.name == name; });
    return it == v.end() ? nullptr : &*it;
  };
  // What qlat-admin's details pane shows of each kind, and the type text it prints.
  const std::vector<std::tuple<const char*, const char*, const char*>> shown = {
      {"port", "wwpn", "string"},
      {"port", "role", "one of target, initiator, both, none"},
      {"port", "target_enabled", "bool (0/1)"},
      {"session", "nport_id", "string"},
      {"target", "wwn", "string"},
      {"tpg", "enable", "bool (0/1)"},
      {"tpg", "generate_node_acls", "bool (0/1)"},
      {"tpg", "fabric_prot_type", "one of 0, 1, 3"},
      {"lun", "index", "integer 0..65535"},
      {"lun", "storage_object", "string"},
      {"acl", "node_wwn", "string"},
      {"acl", "tag", "string"},
      {"acl", "mapped_luns", "list"},
      {"mapped_lun", "index", "integer 0..255"},
      {"mapped_lun", "tpg_lun", "integer 0..65535"},
      {"mapped_lun", "write_protect", "bool (0/1)"},
      {"backstore:fileio", "dev", "string"},
      {"backstore:fileio", "size", "integer >= 0"},
      {"backstore:ramdisk", "size", "integer >= 0"},
      {"backstore:block", "name", "string"},
  };
  for (const auto& [kind, name, type] : shown) {
    const auto fields = s.describe(kind);
    const auto* a = find(fields, name);
    BOOST_TEST_REQUIRE(a != nullptr, kind << "/" << name);
    BOOST_TEST(a->type_text() == type, kind << "/" << name);
    BOOST_TEST(!a->description.empty(), kind << "/" << name << " has no description");
  }
  // Only the keys a plugin saves: a ramdisk has no 'dev', a block device no 'size'.
  BOOST_TEST(find(s.describe("backstore:ramdisk"), "dev") == nullptr);
  BOOST_TEST(find(s.describe("backstore:block"), "size") == nullptr);
  // The backstore's attribute set follows its saved fields.
  BOOST_TEST(find(s.describe("backstore:fileio"), "emulate_tpu") != nullptr);
  BOOST_TEST(s.describe("no-such-kind").empty());
  BOOST_TEST(s.describe("backstore:no-such-plugin").empty());
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

namespace {

/// Calls f(where, node) for every object of a JSON document.
void each_object(const json& node, const std::string& where,
                 const std::function<void(const std::string&, const json&)>& f) {
  if (node.is_object()) {
    f(where, node);
    for (const auto& [k, v] : node.items()) {
      each_object(v, where + "/" + k, f);
    }
  } else if (node.is_array()) {
    for (const auto& v : node) {
      each_object(v, where, f);
    }
  }
}

json saveconfig_schema() {
  return json::parse(
      qlat::test::slurp(qlat::test::source_dir() + "/configfs-schema/saveconfig.schema.json"));
}

}  // namespace

// Issue #20: every string is bounded by what the kernel accepts, so no pattern (and no
// message quoting the value) ever sees more than that.
BOOST_AUTO_TEST_CASE(every_string_of_saveconfig_has_a_max_length) {
  each_object(saveconfig_schema(), "", [](const std::string& where, const json& n) {
    if (!n.contains("type") || n.contains("$ref")) {
      return;
    }
    const auto& t = n.at("type");
    const bool string =
        t == "string" || (t.is_array() && std::find(t.begin(), t.end(), "string") != t.end());
    BOOST_TEST((!string || n.contains("maxLength")), where);
  });
}

// The hand-written matchers say what the patterns say: compared with std::regex (here, in a
// test, on short strings only) over every string of up to 3 characters from an alphabet of
// the characters the patterns treat specially, and a few longer ones.
BOOST_AUTO_TEST_CASE(pattern_matchers_agree_with_the_patterns) {
  std::set<std::string> patterns;
  each_object(saveconfig_schema(), "", [&](const std::string&, const json& n) {
    if (n.contains("pattern")) {
      patterns.insert(n.at("pattern").get<std::string>());
    }
  });
  BOOST_TEST_REQUIRE(!patterns.empty());
  const std::string alphabet = std::string("./ \t\nab_Z09:[]") + '\0';
  std::vector<std::string> inputs = {"",
                                     "/backstores/fileio/disk0",
                                     "/backstores/rd_mcp/..",
                                     "/backstores/rd_mcp/.x",
                                     "/backstores//x",
                                     "/backstores/File/x",
                                     "/backstores/fileio/a/b",
                                     "/backstores/fileio/",
                                     "192.168.0.1",
                                     "[fe80::1]",
                                     "[fe80::1",
                                     "[]",
                                     "[g]",
                                     "iqn.2003-01.org.linux-iscsi:sn",
                                     "naa.5001405000000001"};
  std::vector<std::string> level = {""};
  for (int len = 1; len <= 3; ++len) {
    std::vector<std::string> next;
    for (const auto& s : level) {
      for (const char c : alphabet) {
        next.push_back(s + c);
      }
    }
    inputs.insert(inputs.end(), next.begin(), next.end());
    level = std::move(next);
  }
  for (const auto& p : patterns) {
    const std::regex re(p, std::regex::ECMAScript);
    for (const auto& in : inputs) {
      const auto mine = qlat::match_pattern(p, in);
      BOOST_TEST_REQUIRE(mine.has_value(), p);
      BOOST_TEST(*mine == std::regex_search(in, re), p << " on " << json(in).dump());
    }
  }
  BOOST_TEST(!qlat::match_pattern("^a+$", "a").has_value());
}

// A schema with a pattern qlat has no matcher for is refused when it is loaded.
BOOST_AUTO_TEST_CASE(a_schema_pattern_without_a_matcher_is_refused) {
  const auto tree =
      json::parse(qlat::test::slurp(qlat::test::source_dir() + "/configfs-schema/tree.json"));
  auto save = saveconfig_schema();
  save["definitions"]["name"]["pattern"] = "^(a+)+$";
  BOOST_CHECK_THROW(Schema(tree, save), qlat::Error);
}
