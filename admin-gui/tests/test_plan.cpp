#define BOOST_TEST_MODULE qlat_plan
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "qlat/configfs.h"
#include "qlat/mem_backend.h"
#include "qlat/plan.h"
#include "qlat/reader.h"
#include "qlat/saveconfig.h"
#include "testutil.h"

namespace fs = std::filesystem;
using namespace qlat;
using nlohmann::json;
using qlat::test::fixture;
using qlat::test::TempDir;

namespace {

const char* kIqn = "iqn.2003-01.org.linux-iscsi.qlat.x8664:sn.0123456789ab";

Config mixed() {
  return load_config_file(fixture("mixed.saveconfig.json"));
}

/// A materialized copy of the mixed tree (what rtslib dumped as mixed.saveconfig.json).
std::string mixed_tree(const TempDir& tmp) {
  auto root = tmp.path() + "/target";
  qlat::test::materialize(fixture("mixed.tree.json"), root);
  return root;
}

/// The objects of a tree: configfs object directories and links, with link targets.
std::set<std::string> structure(const std::string& root) {
  static const std::regex object(
      R"(^(core/[^/]+(/[^/]+(/alua/[^/]+)?)?|[^/]+/[^/]+(/tpgt_\d+(/lun/lun_\d+|/np/[^/]+|/acls/[^/]+(/lun_\d+)?)?)?)$)");
  std::set<std::string> s;
  for (const auto& [path, what] : qlat::test::snapshot(root)) {
    if (path.ends_with("/alua/default_tg_pt_gp")) {
      continue;  // the kernel's own group, created by configfs with the storage object
    }
    if (what.starts_with("link:") || (what == "dir" && std::regex_match(path, object))) {
      s.insert(path + " " + what);
    }
  }
  return s;
}

/// The model of a tree, without what only the kernel derives (info files, serials, ALUA
/// membership), which a plain directory cannot reproduce.
Config strip(Config c) {
  for (auto& so : c.storage_objects) {
    so.dev.reset();
    so.size.reset();
    so.wwn.reset();
    so.aio = so.readonly = so.nullio = false;
    std::erase_if(so.alua_tpgs, [](const AluaTpg& g) { return g.name == "default_tg_pt_gp"; });
  }
  for (auto& t : c.targets) {
    for (auto& g : t.tpgs) {
      for (auto& l : g.luns) {
        l.alua_tg_pt_gp_name.reset();
      }
    }
  }
  return c;
}

Config model(const std::string& root) {
  FsBackend b(root);
  return strip(read_tree(b));
}

/// A desired configuration different from the mixed tree in every way a plan can differ.
Config changed() {
  auto c = mixed();
  // A new storage object, an attribute change, one storage object removed with its LUNs.
  StorageObject so;
  so.plugin = "ramdisk";
  so.name = "ram9";
  so.size = 8 << 20;
  so.wwn = "11111111-2222-4333-8444-555555555555";
  c.storage_objects.push_back(so);
  for (auto& s : c.storage_objects) {
    if (s.name == "disk0") {
      s.attributes["emulate_tpu"] = 1;
    }
  }
  std::erase_if(c.storage_objects, [](const StorageObject& s) { return s.name == "blk0"; });
  for (auto& t : c.targets) {
    for (auto& g : t.tpgs) {
      std::erase_if(g.luns,
                    [](const Lun& l) { return l.storage_object == "/backstores/block/blk0"; });
      for (auto& a : g.node_acls) {
        std::erase_if(a.mapped_luns, [&](const MappedLun& m) {
          return std::none_of(g.luns.begin(), g.luns.end(),
                              [&](const Lun& l) { return l.index == m.tpg_lun; });
        });
      }
    }
  }
  // iSCSI: a new LUN mapped to a new ACL, one ACL removed, a TPG attribute changed.
  for (auto& t : c.targets) {
    if (t.fabric == "iscsi") {
      auto& g = t.tpgs.at(0);
      g.luns.push_back({9, "/backstores/ramdisk/ram9", "abcabcabca", std::nullopt});
      g.attributes["login_timeout"] = 20;
      std::erase_if(g.node_acls, [](const NodeAcl& a) { return a.node_wwn.ends_with("client2"); });
      NodeAcl acl;
      acl.node_wwn = "iqn.1994-05.com.redhat:client3";
      acl.mapped_luns.push_back({0, 9, true, "bbbbbbbbbb"});
      acl.mapped_luns.push_back({1, 0, false, "cccccccccc"});
      g.node_acls.push_back(acl);
    }
  }
  // The loopback target goes away.
  std::erase_if(c.targets, [](const Target& t) { return t.fabric == "loopback"; });
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_tree_gives_an_empty_plan) {
  TempDir tmp;
  const auto root = mixed_tree(tmp);
  FsBackend b(root);
  const auto plan = diff(read_tree(b), mixed(), b);
  BOOST_TEST(plan.empty(), plan.text());
}

BOOST_AUTO_TEST_CASE(restore_into_an_empty_tree_is_ordered) {
  TempDir tmp;
  const auto root = tmp.path() + "/target";
  fs::create_directories(root + "/core");
  FsBackend b(root);
  auto plan = diff(read_tree(b), mixed(), b);
  const auto& ops = plan.ops();
  BOOST_TEST_REQUIRE(!plan.empty());
  // Storage objects, then targets/TPGs/LUNs, mapped LUNs after the LUNs, enables last.
  std::size_t last_so = 0, first_target = ops.size(), last_lun = 0, first_mapped = ops.size();
  std::size_t first_enable = ops.size(), last_other = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto p = ops[i]->preview();
    if (p.starts_with("create storage object")) {
      last_so = i;
    } else if (p.starts_with("create target")) {
      first_target = std::min(first_target, i);
    } else if (p.starts_with("create LUN")) {
      last_lun = i;
    } else if (p.starts_with("create mapped LUN")) {
      first_mapped = std::min(first_mapped, i);
    }
    if (p.starts_with("set enable")) {
      first_enable = std::min(first_enable, i);
    } else {
      last_other = i;
    }
    BOOST_TEST(!ops[i]->undo_preview().empty());
  }
  BOOST_TEST(last_so < first_target);
  BOOST_TEST(first_enable > last_other);
  BOOST_TEST(first_mapped < ops.size());
  (void)last_lun;
  BOOST_TEST(plan.text().find("create LUN 0 in iscsi/" + std::string(kIqn) +
                              "/tpgt_1 -> /backstores/fileio/disk0") != std::string::npos,
             plan.text());
  const auto r = apply(plan, b);
  BOOST_TEST_REQUIRE(r.ok, r.error);
  // The objects are where configfs has them, qla2xxx in colon form, links to the backstores.
  BOOST_TEST(fs::is_directory(
      root + "/qla2xxx/21:00:00:24:ff:00:00:01/tpgt_1/acls/21:00:00:24:ff:00:00:02/lun_0"));
  BOOST_TEST(fs::is_symlink(root + "/iscsi/" + kIqn + "/tpgt_1/lun/lun_0/a1b2c3d4e5"));
  BOOST_TEST(b.resolve_link("iscsi/" + std::string(kIqn) + "/tpgt_1/lun/lun_0/a1b2c3d4e5")
                 .ends_with("/disk0"));
  BOOST_TEST(qlat::test::slurp(root + "/qla2xxx/21:00:00:24:ff:00:00:01/tpgt_1/enable") == "1");
  BOOST_TEST(qlat::test::slurp(root + "/qla2xxx/21:00:00:24:ff:00:00:01/tpgt_1/acls/"
                                      "21:00:00:24:ff:00:00:02/lun_0/write_protect") == "1");
  BOOST_TEST(fs::exists(root + "/loopback/naa.5001405abcdef012/tpgt_1/nexus"));
}

BOOST_AUTO_TEST_CASE(clear_removes_everything_in_dependency_order) {
  TempDir tmp;
  const auto root = mixed_tree(tmp);
  FsBackend b(root);
  auto plan = diff(read_tree(b), Config{}, b);
  // A plain directory refuses to remove a directory that still holds a link, as configfs
  // refuses to remove a LUN still mapped: success means the order is right.
  const auto r = apply(plan, b);
  BOOST_TEST_REQUIRE(r.ok, r.error);
  const auto after = read_tree(b);
  BOOST_TEST(after.storage_objects.empty());
  BOOST_TEST(after.targets.empty());
  // Disable precedes removal.
  BOOST_TEST(plan.ops().front()->preview().starts_with("set enable of"));
}

BOOST_AUTO_TEST_CASE(every_undo_restores_the_tree) {
  TempDir tmp;
  const auto root = mixed_tree(tmp);
  FsBackend b(root);
  const auto before_structure = structure(root);
  const auto before = model(root);
  auto plan = diff(read_tree(b), changed(), b);
  BOOST_TEST_REQUIRE(apply(plan, b).ok);
  BOOST_TEST(structure(root) != before_structure);
  std::for_each(plan.ops().rbegin(), plan.ops().rend(), [&b](const auto& op) { op->undo(b); });
  BOOST_TEST(structure(root) == before_structure);
  BOOST_TEST((model(root) == before));
  if (!(model(root) == before)) {
    BOOST_TEST(dump_config(model(root)) == dump_config(before));
  }
}

BOOST_AUTO_TEST_CASE(failure_at_each_step_rolls_back_to_the_old_tree) {
  std::size_t changes = 0;
  {
    TempDir tmp;
    const auto root = mixed_tree(tmp);
    FsBackend b(root);
    FaultBackend counting(b);
    auto plan = diff(read_tree(b), changed(), b);
    BOOST_TEST_REQUIRE(apply(plan, counting).ok);
    changes = counting.changes();
    // Applied fully, the tree is the new configuration.
    BOOST_TEST((qlat::test::normalized(model(root)) == qlat::test::normalized(strip(changed()))));
  }
  BOOST_TEST_REQUIRE(changes > 20u);
  for (std::size_t n = 1; n <= changes; ++n) {
    TempDir tmp;
    const auto root = mixed_tree(tmp);
    FsBackend b(root);
    const auto before_structure = structure(root);
    const auto before = model(root);
    FaultBackend faulty(b);
    faulty.fail_at(n);
    auto plan = diff(read_tree(b), changed(), b);
    const auto r = apply(plan, faulty);
    BOOST_TEST_REQUIRE(!r.ok, "step " << n);
    BOOST_TEST(r.rolled_back, "step " << n << ": " << r.rollback_errors.size());
    BOOST_TEST(!r.failed_object.empty());
    BOOST_TEST(r.error.find("injected failure") != std::string::npos, r.error);
    BOOST_TEST(r.error.find(root) != std::string::npos, r.error);
    BOOST_TEST(structure(root) == before_structure, "step " << n << ": " << r.error);
    BOOST_TEST((model(root) == before), "step " << n << ": " << r.error);
  }
}

BOOST_AUTO_TEST_CASE(failing_object_is_named) {
  TempDir tmp;
  const auto root = mixed_tree(tmp);
  FsBackend b(root);
  FaultBackend faulty(b);
  faulty.fail_on("client3");
  auto plan = diff(read_tree(b), changed(), b);
  const auto r = apply(plan, faulty);
  BOOST_TEST_REQUIRE(!r.ok);
  BOOST_TEST(r.failed_object.find("iqn.1994-05.com.redhat:client3") != std::string::npos,
             r.failed_object);
  BOOST_TEST(r.rolled_back);
}

BOOST_AUTO_TEST_CASE(kept_fabrics_are_left_alone) {
  TempDir tmp;
  const auto root = mixed_tree(tmp);
  FsBackend b(root);
  DiffOptions opt;
  opt.keep_fabrics = {"iscsi", "loopback"};
  auto desired = mixed();
  std::erase_if(desired.targets, [](const Target& t) { return t.fabric != "qla2xxx"; });
  const auto plan = diff(read_tree(b), desired, b, Schema::builtin(), opt);
  BOOST_TEST(plan.empty(), plan.text());
}

BOOST_AUTO_TEST_CASE(paths_are_confined_to_the_root) {
  TempDir tmp;
  FsBackend b(tmp.path());
  BOOST_CHECK_THROW(b.read("../etc/passwd"), Error);
  BOOST_CHECK_THROW(b.make_dir("core/../../x"), Error);
  BOOST_CHECK_THROW(b.write("/etc/x", "1"), Error);
  BOOST_CHECK_THROW(b.list("a//b"), Error);
}

// Item 7 of issue #20: what a plan does beyond configfs (loading a fabric's module, asking
// what a backstore's file or device is) goes through its Backend, so the in-memory backend
// and fault injection see it.
namespace {

Config one_target() {
  const json doc = {
      {"storage_objects",
       {{{"plugin", "ramdisk"},
         {"name", "r0"},
         {"size", 1048576},
         {"wwn", "11111111-2222-4333-8444-555555555555"}}}},
      {"targets",
       {{{"fabric", "iscsi"},
         {"wwn", kIqn},
         {"tpgs",
          {{{"tag", 1},
            {"luns", {{{"index", 0}, {"storage_object", "/backstores/ramdisk/r0"}}}}}}}}}}};
  return parse_config(doc.dump(), "one.json");
}

Config one_backstore(const std::string& plugin, const std::string& dev) {
  const json doc = {
      {"storage_objects", {{{"plugin", plugin}, {"name", "s0"}, {"dev", dev}, {"size", 4096}}}}};
  return parse_config(doc.dump(), "one.json");
}

/// The last value written to the control file of the only storage object.
std::string control_of(const Backend& b) {
  for (const auto& hba : b.list("core")) {
    for (const auto& so : b.list("core/" + hba.name)) {
      if (so.kind == DirEntry::Kind::dir) {
        return b.read("core/" + hba.name + "/" + so.name + "/control");
      }
    }
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_fabric_module_is_loaded_through_the_backend) {
  MemBackend mem;
  mem.needs_module("iscsi", "iscsi_target_mod");
  auto plan = diff(read_tree(mem), one_target(), mem);
  const auto r = apply(plan, mem);
  BOOST_TEST_REQUIRE(r.ok, r.error);
  BOOST_TEST(mem.modules_asked() == std::vector<std::string>{"iscsi_target_mod"});
  // (A round trip through read_tree needs the kernel's info files, which MemBackend lacks.)
  BOOST_TEST((mem.kind("iscsi/" + std::string(kIqn) + "/tpgt_1/lun/lun_0") == DirEntry::Kind::dir));
}

BOOST_AUTO_TEST_CASE(a_failing_modprobe_is_an_apply_error_with_context) {
  MemBackend mem;
  mem.needs_module("iscsi", "iscsi_target_mod");
  mem.break_module("iscsi_target_mod");
  auto plan = diff(read_tree(mem), one_target(), mem);
  const auto r = apply(plan, mem);
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.failed_object == std::string("iscsi/") + kIqn, r.failed_object);
  BOOST_TEST(r.error.find("cannot create iscsi") != std::string::npos, r.error);
  BOOST_TEST(r.error.find("modprobe iscsi_target_mod failed") != std::string::npos, r.error);
  BOOST_TEST(r.rolled_back);
  BOOST_TEST(read_tree(mem).storage_objects.empty());
  // Fault injection sees the module load like any other change.
  MemBackend ok;
  ok.needs_module("iscsi", "iscsi_target_mod");
  FaultBackend faulty(ok);
  faulty.fail_on("iscsi_target_mod");
  auto plan2 = diff(read_tree(ok), one_target(), ok);
  const auto r2 = apply(plan2, faulty);
  BOOST_TEST(!r2.ok);
  BOOST_TEST(r2.error.find("injected failure: load module iscsi_target_mod") != std::string::npos,
             r2.error);
  BOOST_TEST(ok.modules_asked().empty());
}

BOOST_AUTO_TEST_CASE(a_missing_block_device_is_reported) {
  MemBackend mem;
  const auto want = one_backstore("block", "/dev/qlat-none");
  mem.set_host("/dev/qlat-none", HostKind::missing);
  try {
    (void)diff(read_tree(mem), want, mem);
    BOOST_FAIL("planned");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "storage object /backstores/block/s0: /dev/qlat-none does not exist");
  }
  mem.set_host("/dev/qlat-none", HostKind::file);
  BOOST_CHECK_EXCEPTION((void)diff(read_tree(mem), want, mem), Error, [](const Error& e) {
    return std::string(e.what()).ends_with("/dev/qlat-none is not a block device");
  });
  mem.set_host("/dev/qlat-none", HostKind::block_device);
  auto plan = diff(read_tree(mem), want, mem);
  BOOST_TEST_REQUIRE(apply(plan, mem).ok);
  BOOST_TEST(control_of(mem) == "readonly=0");
}

BOOST_AUTO_TEST_CASE(backstore_details_come_from_the_backend_host) {
  {
    // fileio on a block device: the kernel takes its size from the device.
    MemBackend mem;
    mem.set_host("/dev/sdb", HostKind::block_device);
    auto plan = diff(read_tree(mem), one_backstore("fileio", "/dev/sdb"), mem);
    BOOST_TEST_REQUIRE(apply(plan, mem).ok);
    BOOST_TEST(control_of(mem) == "fd_dev_name=/dev/sdb");
  }
  {
    MemBackend mem;
    mem.set_host("/srv/disk.img", HostKind::file);
    auto plan = diff(read_tree(mem), one_backstore("fileio", "/srv/disk.img"), mem);
    BOOST_TEST_REQUIRE(apply(plan, mem).ok);
    BOOST_TEST(control_of(mem) == "fd_dev_name=/srv/disk.img,fd_dev_size=4096");
  }
  {
    // pscsi: the SCSI address of the device node, as the host says.
    MemBackend mem;
    mem.set_host("/dev/sdc", HostKind::block_device, "2:0:1:0");
    auto plan = diff(read_tree(mem), one_backstore("pscsi", "/dev/sdc"), mem);
    BOOST_TEST_REQUIRE(apply(plan, mem).ok);
    BOOST_TEST(control_of(mem) ==
               "scsi_host_id=2,scsi_channel_id=0,scsi_target_id=1,scsi_lun_id=0");
    MemBackend none;
    BOOST_CHECK_THROW((void)diff(read_tree(none), one_backstore("pscsi", "/dev/sdc"), none), Error);
  }
}
