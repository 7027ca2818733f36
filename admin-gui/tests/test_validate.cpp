#define BOOST_TEST_MODULE qlat_validate
#include <boost/test/unit_test.hpp>

#include <functional>

#include "qlat/error.h"
#include "qlat/saveconfig.h"
#include "qlat/validate.h"
#include "testutil.h"

using namespace qlat;
using nlohmann::json;

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
