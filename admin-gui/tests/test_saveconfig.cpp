#define BOOST_TEST_MODULE qlat_saveconfig
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "qlat/configfs.h"
#include "qlat/reader.h"
#include "qlat/saveconfig.h"
#include "testutil.h"

namespace fs = std::filesystem;
using namespace qlat;
using qlat::test::fixture;
using qlat::test::slurp;

namespace {

std::vector<std::string> saveconfig_fixtures() {
  std::vector<std::string> out;
  for (const auto& e :
       fs::directory_iterator(qlat::test::source_dir() + "/configfs-schema/fixtures")) {
    const auto n = e.path().filename().string();
    if (n.ends_with(".saveconfig.json")) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string gunzip(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    return {};
  }
  std::string out;
  std::array<char, 4096> buf{};
  int n = 0;
  while ((n = gzread(gz, buf.data(), buf.size())) > 0) {
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
  gzclose(gz);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_fixture_round_trips_byte_for_byte) {
  const auto files = saveconfig_fixtures();
  BOOST_TEST_REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    const auto text = slurp(f);
    const auto config = parse_config(text, f);
    BOOST_TEST(dump_config(config) == text, f);
  }
}

BOOST_AUTO_TEST_CASE(reading_a_tree_gives_what_rtslib_dumped) {
  // Each NAME.tree.json was dumped by rtslib-fb as NAME.saveconfig.json.
  for (const auto& f : saveconfig_fixtures()) {
    const auto tree = f.substr(0, f.size() - std::string(".saveconfig.json").size()) + ".tree.json";
    if (!fs::exists(tree)) {
      continue;
    }
    qlat::test::TempDir tmp;
    const auto root = tmp.path() + "/target";
    qlat::test::materialize(tree, root);
    FsBackend cfs(root);
    const auto live = read_tree(cfs);
    const auto expected = parse_config(slurp(f), f);
    BOOST_TEST((qlat::test::normalized(live) == qlat::test::normalized(expected)), f);
    BOOST_TEST(
        dump_config(qlat::test::normalized(live)) == dump_config(qlat::test::normalized(expected)),
        f);
  }
}

BOOST_AUTO_TEST_CASE(mixed_fixture_has_every_kind_of_object) {
  const auto c = load_config_file(fixture("mixed.saveconfig.json"));
  std::set<std::string> plugins, fabrics;
  for (const auto& so : c.storage_objects) {
    plugins.insert(so.plugin);
  }
  for (const auto& t : c.targets) {
    fabrics.insert(t.fabric);
  }
  BOOST_TEST(plugins == (std::set<std::string>{"block", "fileio", "ramdisk"}));
  BOOST_TEST(fabrics == (std::set<std::string>{"iscsi", "loopback", "qla2xxx"}));
  BOOST_TEST(c.mapped_lun_count() == 6u);
}

BOOST_AUTO_TEST_CASE(info_parsing_takes_the_last_key_like_rtslib) {
  const std::string info =
      "Status: ACTIVATED  Max Queue Depth: 128  SectorSize: 512  HwMaxSectors: 16384\n"
      "        TCM FILEIO ID: 0        File: /x/y.img  Size: 1048576  Mode: O_DSYNC Async: 1";
  BOOST_TEST(parse_info(info, "Size") == "1048576");
  BOOST_TEST(parse_info(info, "File") == "/x/y.img");
  BOOST_TEST(parse_info(info, "Async") == "1");
  BOOST_TEST(parse_info(info, "Missing").empty());
}

BOOST_AUTO_TEST_CASE(save_is_atomic_private_and_keeps_a_gzip_backup) {
  qlat::test::TempDir tmp;
  const auto path = tmp.path() + "/etc/saveconfig.json";
  const auto c1 = load_config_file(fixture("empty.saveconfig.json"));
  const auto c2 = load_config_file(fixture("mixed.saveconfig.json"));
  save_config_file(c1, path);
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  BOOST_TEST(slurp(path) == dump_config(c1));
  BOOST_TEST(!fs::exists(path + ".temp"));
  save_config_file(c2, path);
  BOOST_TEST(slurp(path) == dump_config(c2));
  std::vector<fs::path> backups;
  for (const auto& e : fs::directory_iterator(tmp.path() + "/etc/backup")) {
    backups.push_back(e.path());
  }
  BOOST_TEST_REQUIRE(backups.size() == 1u);
  BOOST_TEST(backups[0].filename().string().starts_with("saveconfig-"));
  BOOST_TEST(backups[0].filename().string().ends_with("-json.gz"));
  BOOST_TEST(gunzip(backups[0].string()) == dump_config(c1));
  // The newest backup always holds the file as it was before the last save that changed it.
  save_config_file(c1, path);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(tmp.path() + "/etc/backup")) {
    names.push_back(e.path().string());
  }
  std::sort(names.begin(), names.end());
  BOOST_TEST(gunzip(names.back()) == dump_config(c2));
  BOOST_TEST(slurp(path) == dump_config(c1));
}

// Found by tests/fuzz (fuzz_saveconfig, tests/fuzz/regress/saveconfig/lun-without-alias): a
// LUN or mapped LUN without an alias loaded, but dumped with "alias": "", which is no valid
// name, so the saved text did not load again.
BOOST_AUTO_TEST_CASE(a_lun_without_alias_dumps_a_text_that_loads) {
  const auto text =
      slurp(qlat::test::source_dir() + "/tests/fuzz/regress/saveconfig/lun-without-alias");
  const auto config = parse_config(text, "no-alias.json");
  BOOST_TEST(config.targets.at(0).tpgs.at(0).luns.at(0).alias.empty());
  const auto dumped = dump_config(config);
  BOOST_TEST(dumped.find("\"alias\"") == std::string::npos, dumped);
  BOOST_TEST((parse_config(dumped, "dumped.json") == config));
}

// A number beyond a double (tests/fuzz/regress/saveconfig/number-out-of-range) is invalid
// input like any other JSON error, not another exception (qlatctl exited 1, not 2).
BOOST_AUTO_TEST_CASE(a_number_out_of_range_is_invalid_input) {
  const auto text =
      slurp(qlat::test::source_dir() + "/tests/fuzz/regress/saveconfig/number-out-of-range");
  try {
    (void)parse_config(text, "big.json");
    BOOST_FAIL("parsed");
  } catch (const ValidationError& e) {
    BOOST_TEST(e.problems().at(0).file == "big.json");
    BOOST_TEST(e.problems().at(0).reason.find("1e400") != std::string::npos,
               e.problems().at(0).reason);
  }
}

// Found by tests/fuzz (fuzz_saveconfig): a storage object without wwn, dev, size or the
// user backstore's values dumped them as null, 0 or "": null is refused, and 0 or "" read
// back as values the file did not have.
BOOST_AUTO_TEST_CASE(a_storage_object_without_optional_values_dumps_a_text_that_loads) {
  for (const auto* name :
       {"storage-object-without-wwn", "storage-objects-without-optional-values"}) {
    const auto text = slurp(qlat::test::source_dir() + "/tests/fuzz/regress/saveconfig/" + name);
    const auto config = parse_config(text, name);
    const auto dumped = dump_config(config);
    BOOST_TEST(dumped.find("\"wwn\": null") == std::string::npos, dumped);
    BOOST_TEST((parse_config(dumped, "dumped.json") == config), dumped);
  }
}

// What qlat-admin edits is this Config: a key the model has no field for is refused with
// its path, never dropped on the way through (every key the schema allows round-trips,
// above).
BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_not_dropped) {
  auto doc = nlohmann::json::parse(slurp(fixture("mixed.saveconfig.json")));
  doc["targets"][0]["tpgs"][0]["future_key"] = 1;
  try {
    parse_config(doc.dump(), "<test>");
    BOOST_FAIL("an unknown key was accepted");
  } catch (const ValidationError& e) {
    BOOST_TEST(std::string(e.what()).find("future_key") != std::string::npos, e.what());
  }
}

// The lookups qlat-admin's models and edits use: a group spans the qla2xxx ports.
BOOST_AUTO_TEST_CASE(groups_span_the_qla2xxx_ports) {
  Config c;
  for (const char* port : {"naa.21000024ff000001", "naa.21000024ff000002"}) {
    Target t;
    t.fabric = kFcFabric;
    t.wwn = port;
    Tpg g;
    NodeAcl a;
    a.node_wwn = std::string("naa.210000000000000") + port[19];
    a.tag = "esx";
    g.node_acls.push_back(a);
    a.node_wwn = "naa.2100000000000009";
    a.tag.reset();
    g.node_acls.push_back(a);
    Lun l;
    l.index = 0;
    g.luns.push_back(l);
    t.tpgs.push_back(g);
    c.targets.push_back(t);
  }
  BOOST_TEST(c.fc_tpg("naa.21000024ff000002") != nullptr);
  BOOST_TEST(c.fc_tpg("naa.21000024ff000003") == nullptr);
  BOOST_TEST(c.all_groups() == std::vector<std::string>{"esx"});
  BOOST_TEST(c.groups("naa.21000024ff000001") == std::vector<std::string>{"esx"});
  BOOST_TEST(c.group_members("naa.21000024ff000001", "esx").size() == 1U);
  BOOST_TEST(c.group_members("naa.21000024ff000001", "").empty());
  BOOST_TEST((c.group_member_wwpns("esx") ==
              std::vector<std::string>{"naa.2100000000000001", "naa.2100000000000002"}));
  BOOST_TEST(c.fc_tpg("naa.21000024ff000001")->next_free_lun() == 1U);
  BOOST_TEST(c.fc_tpg("naa.21000024ff000001")->find_acl("naa.2100000000000009")->group() == "");
}
