#define BOOST_TEST_MODULE qlat_rebase
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "qlat/configfs.h"
#include "qlat/plan.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"
#include "testutil.h"

using namespace qlat;
using qlat::test::fixture;
using qlat::test::TempDir;

namespace {

const char* kPort = "naa.21000024ff000001";
const char* kAcl = "naa.21000024ff000002";
const char* kNew = "naa.21000024ff0000aa";

Config mixed() {
  return load_config_file(fixture("mixed.saveconfig.json"));
}

Tpg& fc_tpg(Config& c) {
  for (auto& t : c.targets) {
    if (t.fabric == "qla2xxx" && t.wwn == kPort) {
      return t.tpgs.front();
    }
  }
  throw std::runtime_error("no qla2xxx target");
}

Tpg& iscsi_tpg(Config& c) {
  for (auto& t : c.targets) {
    if (t.fabric == "iscsi") {
      return t.tpgs.front();
    }
  }
  throw std::runtime_error("no iscsi target");
}

NodeAcl* find_acl(Config& c, const std::string& wwn) {
  auto& acls = fc_tpg(c).node_acls;
  const auto it =
      std::find_if(acls.begin(), acls.end(), [&](const NodeAcl& a) { return a.node_wwn == wwn; });
  return it == acls.end() ? nullptr : &*it;
}

const Lun* find_lun(Config& c, std::uint32_t index) {
  const auto& luns = fc_tpg(c).luns;
  const auto it =
      std::find_if(luns.begin(), luns.end(), [&](const Lun& l) { return l.index == index; });
  return it == luns.end() ? nullptr : &*it;
}

bool mentions(const std::vector<std::string>& lines, const std::string& what) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(what) != std::string::npos; });
}

/// The user allows one initiator: an ACL mapping TPG LUN 0 as LUN 0.
Config allow_one(Config c) {
  NodeAcl a;
  a.node_wwn = kNew;
  a.mapped_luns.push_back({0, 0, false, {}});
  fc_tpg(c).node_acls.push_back(a);
  return c;
}

/// Someone else adds LUN 5 (ramdisk/ram0) to the qla2xxx TPG.
Config add_lun5(Config c) {
  fc_tpg(c).luns.push_back({5, "/backstores/ramdisk/ram0", {}, {}});
  return c;
}

std::vector<std::string> preview(const Config& live, const Config& desired) {
  TempDir tmp;
  qlat::test::materialize(fixture("mixed.tree.json"), tmp.path() + "/target");
  FsBackend cfs(tmp.path() + "/target");
  std::vector<std::string> out;
  const auto plan = diff(live, desired, cfs);
  for (const auto& op : plan.ops()) {
    out.push_back(op->preview());
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sha256_known_answers) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(digest_names_the_tree) {
  const auto c = mixed();
  BOOST_TEST(digest(c) == digest(mixed()));
  BOOST_TEST(digest(c).starts_with("sha256:"));
  BOOST_TEST(digest(c).size() == 7 + 64);
  BOOST_TEST(digest(c) != digest(add_lun5(c)));
  BOOST_TEST(digest(c) == "sha256:" + sha256_hex(dump_config(c)));
}

BOOST_AUTO_TEST_CASE(a_lun_created_outside_survives_the_users_edit) {
  const auto base = mixed();
  const auto desired = allow_one(base);
  const auto current = add_lun5(base);
  // Without the rebase, the stale desired tree removes LUN 5.
  BOOST_TEST(mentions(preview(current, desired), "LUN 5"));

  auto r = rebase(base, desired, current);
  BOOST_TEST(r.clean());
  BOOST_TEST(find_lun(r.desired, 5) != nullptr);
  BOOST_TEST(find_acl(r.desired, kNew) != nullptr);
  BOOST_TEST(r.underneath.size() == 1U);
  BOOST_TEST(mentions(r.underneath, "LUN 5 of qla2xxx/naa.21000024ff000001/tpgt_1: created"));
  // The plan has the user's edit and nothing else.
  const auto plan = preview(current, r.desired);
  BOOST_TEST(!mentions(plan, "LUN 5"));
  BOOST_TEST(mentions(plan, kNew));
  BOOST_TEST(preview(allow_one(current), r.desired).empty());
}

BOOST_AUTO_TEST_CASE(an_acl_removed_outside_stays_removed) {
  const auto base = mixed();
  auto current = base;
  std::erase_if(fc_tpg(current).node_acls, [](const NodeAcl& a) { return a.node_wwn == kAcl; });
  // An edit elsewhere: the removed ACL is not re-created.
  auto r = rebase(base, allow_one(base), current);
  BOOST_TEST(r.clean());
  BOOST_TEST(find_acl(r.desired, kAcl) == nullptr);
  BOOST_TEST(find_acl(r.desired, kNew) != nullptr);
  BOOST_TEST(mentions(r.underneath, "ACL naa.21000024ff000002 of qla2xxx/"));
  BOOST_TEST(mentions(r.underneath, "removed outside"));

  // The user had edited that ACL (mapped one more LUN): a conflict, it stays removed.
  auto edited = base;
  find_acl(edited, kAcl)->mapped_luns.push_back({2, 7, true, {}});
  r = rebase(base, edited, current);
  BOOST_TEST(!r.clean());
  BOOST_TEST(find_acl(r.desired, kAcl) == nullptr);
  BOOST_TEST(mentions(r.conflicts, "ACL naa.21000024ff000002"));
  BOOST_TEST(mentions(r.conflicts, "removed outside; your edits to it are not applied"));
  BOOST_TEST((r.desired == current));
}

BOOST_AUTO_TEST_CASE(numbers_taken_outside_are_conflicts) {
  const auto base = mixed();
  // The user adds LUN 5 -> disk0, someone else LUN 5 -> ram0.
  auto desired = base;
  fc_tpg(desired).luns.push_back({5, "/backstores/fileio/disk0", {}, {}});
  const auto current = add_lun5(base);
  auto r = rebase(base, desired, current);
  BOOST_TEST(r.conflicts.size() == 1U);
  BOOST_TEST(mentions(r.conflicts, "LUN 5 of qla2xxx/naa.21000024ff000001/tpgt_1: created"));
  BOOST_TEST(find_lun(r.desired, 5)->storage_object == "/backstores/ramdisk/ram0");

  // Mapped LUN 2 of the ACL: the user maps TPG LUN 7, someone else TPG LUN 0.
  desired = base;
  find_acl(desired, kAcl)->mapped_luns.push_back({2, 7, false, {}});
  auto other = base;
  find_acl(other, kAcl)->mapped_luns.push_back({2, 0, false, {}});
  r = rebase(base, desired, other);
  BOOST_TEST(mentions(r.conflicts, "mapped LUN 2 of ACL naa.21000024ff000002"));
  BOOST_TEST((r.desired == other));

  // The same attribute changed both ways keeps the live value; the same change is no conflict.
  // (The iSCSI TPG's default_cmdsn_depth is 64 in the file.)
  desired = base;
  iscsi_tpg(desired).attributes["default_cmdsn_depth"] = std::int64_t{16};
  other = base;
  iscsi_tpg(other).attributes["default_cmdsn_depth"] = std::int64_t{32};
  r = rebase(base, desired, other);
  BOOST_TEST(mentions(r.conflicts, "attribute default_cmdsn_depth: changed both"));
  BOOST_TEST(std::get<std::int64_t>(iscsi_tpg(r.desired).attributes["default_cmdsn_depth"]) == 32);
  r = rebase(base, desired, desired);
  BOOST_TEST(r.clean());
  BOOST_TEST(r.underneath.size() == 1U);
  BOOST_TEST((r.desired == desired));
}

BOOST_AUTO_TEST_CASE(references_are_kept_or_dropped) {
  const auto base = mixed();
  // The user maps TPG LUN 7; someone else removed LUN 7 meanwhile: the mapping is dropped.
  auto desired = allow_one(base);
  find_acl(desired, kNew)->mapped_luns.push_back({1, 7, false, {}});
  auto current = base;
  std::erase_if(fc_tpg(current).luns, [](const Lun& l) { return l.index == 7; });
  find_acl(current, kAcl)->mapped_luns.erase(find_acl(current, kAcl)->mapped_luns.begin());
  auto r = rebase(base, desired, current);
  BOOST_TEST(mentions(r.conflicts, "its TPG LUN 7 is gone"));
  BOOST_TEST(find_acl(r.desired, kNew)->mapped_luns.size() == 1U);
  BOOST_TEST(find_lun(r.desired, 7) == nullptr);

  // The user removes LUN 7 (and its mapping); someone else mapped it to a new ACL: LUN 7 stays.
  desired = base;
  std::erase_if(fc_tpg(desired).luns, [](const Lun& l) { return l.index == 7; });
  find_acl(desired, kAcl)->mapped_luns.erase(find_acl(desired, kAcl)->mapped_luns.begin());
  current = allow_one(base);
  find_acl(current, kNew)->mapped_luns.push_back({1, 7, false, {}});
  r = rebase(base, desired, current);
  BOOST_TEST(find_lun(r.desired, 7) != nullptr);
  BOOST_TEST(mentions(r.conflicts, "LUN 7 of qla2xxx/naa.21000024ff000001/tpgt_1: mapped LUN 1"));
  BOOST_TEST(find_acl(r.desired, kAcl)->mapped_luns.size() == 1U);
  // Nothing changed underneath: the rebase is the user's tree.
  r = rebase(base, desired, base);
  BOOST_TEST(r.clean());
  BOOST_TEST(r.underneath.empty());
  BOOST_TEST((r.desired == desired));
}
