#define BOOST_TEST_MODULE qlat_validate
#include <boost/test/unit_test.hpp>

#include <functional>

#include "qlat/error.h"
#include "qlat/saveconfig.h"
#include "qlat/validate.h"
#include "testutil.h"

using namespace qlat;
using nlohmann::json;
using namespace std::string_literals;

namespace {

json mixed() {
  return json::parse(qlat::test::slurp(qlat::test::fixture("mixed.saveconfig.json")));
}

/// Parses a mutated copy of the mixed fixture; returns the problems (none if accepted).
std::vector<Problem> problems_after(const std::function<void(json&)>& mutate) {
  auto doc = mixed();
  mutate(doc);
  try {
    parse_config(doc.dump(2), "bad.json");
  } catch (const ValidationError& e) {
    return e.problems();
  }
  return {};
}

bool has(const std::vector<Problem>& ps, const std::string& path, const std::string& reason_part) {
  for (const auto& p : ps) {
    if (p.file == "bad.json" && p.json_path == path &&
        p.reason.find(reason_part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string dump(const std::vector<Problem>& ps) {
  std::string s;
  for (const auto& p : ps) {
    s += p.to_string() + "\n";
  }
  return s;
}

int index_of_target(const json& doc, const std::string& fabric) {
  for (std::size_t i = 0; i < doc.at("targets").size(); ++i) {
    if (doc.at("targets").at(i).at("fabric") == fabric) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_fixture_itself_is_valid) {
  BOOST_TEST(problems_after([](json&) {}).empty());
}

BOOST_AUTO_TEST_CASE(bad_wwn_is_rejected_with_its_path) {
  int q = 0;
  const auto ps = problems_after([&](json& d) {
    q = index_of_target(d, "qla2xxx");
    d["targets"][q]["wwn"] = "naa.9999";
  });
  const auto path = "/targets/" + std::to_string(q) + "/wwn";
  BOOST_TEST(has(ps, path, "not a valid WWN for fabric qla2xxx"), dump(ps));
  const auto ps2 = problems_after([&](json& d) {
    q = index_of_target(d, "iscsi");
    d["targets"][q]["tpgs"][0]["node_acls"][0]["node_wwn"] = "iqn.bad_name";
  });
  BOOST_TEST(has(ps2, "/targets/" + std::to_string(q) + "/tpgs/0/node_acls/0/node_wwn",
                 "not a valid initiator WWN"),
             dump(ps2));
}

BOOST_AUTO_TEST_CASE(unknown_attribute_is_rejected) {
  const auto ps = problems_after(
      [](json& d) { d["storage_objects"][0]["attributes"]["emulate_everything"] = 1; });
  BOOST_TEST(has(ps, "/storage_objects/0/attributes/emulate_everything", "unknown attribute"),
             dump(ps));
  int q = 0;
  const auto ps2 = problems_after([&](json& d) {
    q = index_of_target(d, "qla2xxx");
    d["targets"][q]["tpgs"][0]["attributes"]["authentication"] = 0;
  });
  BOOST_TEST(has(ps2, "/targets/" + std::to_string(q) + "/tpgs/0/attributes/authentication",
                 "unknown attribute 'authentication' for a qla2xxx TPG"),
             dump(ps2));
}

BOOST_AUTO_TEST_CASE(out_of_range_value_is_rejected) {
  const auto ps = problems_after(
      [](json& d) { d["storage_objects"][0]["attributes"]["emulate_write_cache"] = 7; });
  BOOST_TEST(has(ps, "/storage_objects/0/attributes/emulate_write_cache", "out of range"),
             dump(ps));
  int i = 0;
  const auto ps2 = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    d["targets"][i]["tpgs"][0]["attributes"]["login_timeout"] = 99;
  });
  BOOST_TEST(has(ps2, "/targets/" + std::to_string(i) + "/tpgs/0/attributes/login_timeout",
                 "out of range [5, 30]"),
             dump(ps2));
  const auto ps3 = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    d["targets"][i]["tpgs"][0]["node_acls"][0]["mapped_luns"][0]["index"] = 300;
  });
  BOOST_TEST(has(ps3, "/targets/" + std::to_string(i) + "/tpgs/0/node_acls/0/mapped_luns/0/index",
                 "above the maximum"),
             dump(ps3));
}

BOOST_AUTO_TEST_CASE(lun_pointing_at_a_missing_backstore_is_rejected) {
  int i = 0;
  const auto ps = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    d["targets"][i]["tpgs"][0]["luns"][0]["storage_object"] = "/backstores/fileio/nowhere";
  });
  BOOST_TEST(has(ps, "/targets/" + std::to_string(i) + "/tpgs/0/luns/0/storage_object",
                 "missing storage object /backstores/fileio/nowhere"),
             dump(ps));
  const auto ps2 = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    d["targets"][i]["tpgs"][0]["node_acls"][0]["mapped_luns"][0]["tpg_lun"] = 42;
  });
  BOOST_TEST(has(ps2, "/targets/" + std::to_string(i) + "/tpgs/0/node_acls/0/mapped_luns/0/tpg_lun",
                 "TPG LUN 42"),
             dump(ps2));
}

BOOST_AUTO_TEST_CASE(names_with_slash_or_dotdot_are_rejected) {
  for (const char* bad : {"../../etc", "a/b", "..", "."}) {
    const auto ps = problems_after([&](json& d) { d["storage_objects"][0]["name"] = bad; });
    BOOST_TEST(has(ps, "/storage_objects/0/name", "does not match"), bad << "\n" << dump(ps));
  }
  int i = 0;
  const auto ps = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    d["targets"][i]["tpgs"][0]["luns"][0]["alias"] = "..";
  });
  BOOST_TEST(has(ps, "/targets/" + std::to_string(i) + "/tpgs/0/luns/0/alias", "does not match"),
             dump(ps));
  const auto ps2 = problems_after([&](json& d) { d["targets"][0]["fabric"] = "../core"; });
  BOOST_TEST(has(ps2, "/targets/0/fabric", "not a valid name"), dump(ps2));
}

BOOST_AUTO_TEST_CASE(structure_errors_name_the_file_and_path) {
  try {
    parse_config(R"({"targets": [{"fabric": "iscsi"}]})", "/etc/x.json");
    BOOST_FAIL("accepted a target without a wwn");
  } catch (const ValidationError& e) {
    BOOST_TEST(std::string(e.what()) == "/etc/x.json: /targets/0: missing required key 'wwn'");
  }
  try {
    parse_config("{ not json", "/etc/y.json");
    BOOST_FAIL("accepted broken JSON");
  } catch (const ValidationError& e) {
    BOOST_TEST(std::string(e.what()).starts_with("/etc/y.json: /: not valid JSON"));
  }
}

BOOST_AUTO_TEST_CASE(duplicates_are_rejected) {
  int i = 0;
  const auto ps = problems_after([&](json& d) {
    i = index_of_target(d, "iscsi");
    auto& acls = d["targets"][i]["tpgs"][0]["node_acls"];
    acls.push_back(acls[0]);
  });
  BOOST_TEST(has(ps, "/targets/" + std::to_string(i) + "/tpgs/0/node_acls/2/node_wwn", "duplicate"),
             dump(ps));
}

namespace {

/// The problems of a file of tests/fuzz/regress/saveconfig/ (none if it loads).
std::vector<Problem> regress_problems(const std::string& name) {
  const auto text =
      qlat::test::slurp(qlat::test::source_dir() + "/tests/fuzz/regress/saveconfig/" + name);
  try {
    (void)parse_config(text, "bad.json");
  } catch (const ValidationError& e) {
    return e.problems();
  }
  return {};
}

}  // namespace

// Issue #20: a 60,000-byte storage object name overflowed the stack in std::regex (SIGSEGV in
// qlatctl and qlatctl serve), and one of 20,000 bytes passed, though configfs holds 255.
BOOST_AUTO_TEST_CASE(a_name_longer_than_name_max_is_refused_before_any_pattern) {
  for (const auto* name : {"storage-object-name-60000", "storage-object-name-20000"}) {
    const auto ps = regress_problems(name);
    BOOST_TEST(has(ps, "/storage_objects/0/name", "longer than the 255 the kernel accepts"),
               name << ": " << dump(ps));
  }
  auto at = [](std::size_t n) {
    const json doc = {{"storage_objects",
                       {{{"plugin", "ramdisk"}, {"name", std::string(n, 'x')}, {"size", 4096}}}}};
    try {
      (void)parse_config(doc.dump(), "bad.json");
    } catch (const ValidationError& e) {
      return e.problems();
    }
    return std::vector<Problem>{};
  };
  BOOST_TEST(at(255).empty(), dump(at(255)));
  BOOST_TEST(has(at(256), "/storage_objects/0/name", "256 bytes"), dump(at(256)));
}

// Issue #20: "/etc/shadow\0x" was validated as one path and written as another.
BOOST_AUTO_TEST_CASE(control_characters_are_refused_in_every_string_and_key) {
  auto ps = regress_problems("fileio-dev-with-nul");
  BOOST_TEST(has(ps, "/storage_objects/0/dev", "control character (byte 0 at offset 11)"),
             dump(ps));
  ps = regress_problems("attribute-key-with-nul");
  BOOST_TEST(has(ps, "/targets/0/attributes/x\0y"s, "control character"), dump(ps));
  for (const char* s : {"a\nb", "a\tb", "a\x7f", "a\x01"}) {
    ps = problems_after([s](json& doc) { doc["storage_objects"][0]["name"] = s; });
    BOOST_TEST(has(ps, "/storage_objects/0/name", "control character"), dump(ps));
    ps = problems_after([s](json& doc) { doc["targets"][0]["tpgs"][0]["luns"][0]["alias"] = s; });
    BOOST_TEST(has(ps, "/targets/0/tpgs/0/luns/0/alias", "control character"), dump(ps));
  }
  BOOST_TEST(!is_safe_name("a\x01"));
  BOOST_TEST(!is_safe_name(std::string(256, 'a')));
  BOOST_TEST(is_safe_name(std::string(255, 'a')));
}

// A ',' ends fd_dev_name= in the control file: "/tmp/a,fd_dev_size=1" would be planned as
// one path and read by the kernel as another path and a size. And fileio keeps 255 bytes.
BOOST_AUTO_TEST_CASE(a_dev_the_control_file_would_read_otherwise_is_refused) {
  auto ps = regress_problems("fileio-dev-with-comma");
  BOOST_TEST(has(ps, "/storage_objects/0/dev", "','"), dump(ps));
  ps = regress_problems("fileio-dev-256");
  BOOST_TEST(has(ps, "/storage_objects/0/dev", "longer than the 255 a fileio backstore holds"),
             dump(ps));
}
