#define BOOST_TEST_MODULE qlat_qlatctl
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "qlat/configfs.h"
#include "qlat/plan.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"
#include "qlat/serve_protocol.h"
#include "testutil.h"

// qlatctl itself, on a directory standing in for configfs (the VM tests use real configfs).

using nlohmann::json;
using qlat::test::fixture;
using qlat::test::slurp;
using qlat::test::TempDir;

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run qlatctl(const TempDir& tmp, const std::string& args, const std::string& input = "") {
  const auto in = tmp.path() + "/stdin", out = tmp.path() + "/stdout", err = tmp.path() + "/stderr";
  std::ofstream(in) << input;
  const auto cmd = std::string(QLATCTL_BIN) + " --configfs " + tmp.path() + "/target --sysfs " +
                   tmp.path() + "/sys " + args + " <" + in + " >" + out + " 2>" + err;
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
}

/// The qla2xxx port naa.21000024ff000001 as host3 in a fake sysfs, with qlat's role
/// attribute holding `role` (no role attribute when `role` is empty, as upstream's driver).
void fake_port(const TempDir& tmp, const std::string& role) {
  namespace fs = std::filesystem;
  const auto dev = tmp.path() + "/sys/devices/pci0000:00/0000:00:04.0";
  fs::create_directories(dev + "/host3/fc_host/host3");
  fs::create_directories(tmp.path() + "/sys/bus/pci/drivers/qla2xxx");
  fs::create_directory_symlink(tmp.path() + "/sys/bus/pci/drivers/qla2xxx", dev + "/driver");
  std::ofstream(dev + "/host3/fc_host/host3/port_name") << "0x21000024ff000001\n";
  std::ofstream(dev + "/host3/fc_host/host3/port_state") << "Online\n";
  fs::create_directories(tmp.path() + "/sys/class/fc_host");
  fs::create_directory_symlink(dev + "/host3/fc_host/host3",
                               tmp.path() + "/sys/class/fc_host/host3");
  fs::create_directories(tmp.path() + "/sys/class/scsi_host/host3");
  if (!role.empty()) {
    std::ofstream(tmp.path() + "/sys/class/scsi_host/host3/role") << role << "\n";
  }
}

/// The mixed tree, with the qla2xxx port of its target present in a fake sysfs.
void mixed_with_port(const TempDir& tmp, const std::string& role = "initiator") {
  qlat::test::materialize(fixture("mixed.tree.json"), tmp.path() + "/target");
  fake_port(tmp, role);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(save_writes_what_rtslib_writes) {
  TempDir tmp;
  mixed_with_port(tmp);
  const auto r = qlatctl(tmp, "save --no-backup " + tmp.path() + "/out.json");
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  // Same listing order as when rtslib dumped the fixture is not guaranteed on another
  // file system: compare as configurations, and the text of one with the other's order.
  const auto a = qlat::load_config_file(tmp.path() + "/out.json");
  const auto b = qlat::load_config_file(fixture("mixed.saveconfig.json"));
  BOOST_TEST((qlat::test::normalized(a) == qlat::test::normalized(b)));
}

BOOST_AUTO_TEST_CASE(diff_restore_and_exit_codes) {
  TempDir tmp;
  mixed_with_port(tmp);
  auto r = qlatctl(tmp, "diff " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.status == 0, r.out + r.err);
  BOOST_TEST(r.out.empty());
  r = qlatctl(tmp, "diff " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 3);
  BOOST_TEST(r.out.find("remove storage object /backstores/fileio/disk0") != std::string::npos);
  // An invalid file: exit 2, file/path/reason, nothing changed.
  std::ofstream(tmp.path() + "/bad.json")
      << R"({"storage_objects": [{"name": "a/b", "plugin": "fileio"}]})";
  r = qlatctl(tmp, "restore " + tmp.path() + "/bad.json");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find(tmp.path() + "/bad.json: /storage_objects/0/name:") != std::string::npos,
             r.err);
  r = qlatctl(tmp, "diff " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.out.empty());
  // A dry run prints the plan and changes nothing.
  r = qlatctl(tmp, "clear --dry-run");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.find("remove target qla2xxx/naa.21000024ff000001") != std::string::npos, r.out);
  r = qlatctl(tmp, "diff " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.out.empty());
  // A failure part-way: non-zero, the object named, rolled back.
  r = qlatctl(tmp, "restore --inject-failure-at 3 " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err.find("qlatctl: failed on ") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("rolled back") != std::string::npos, r.err);
  r = qlatctl(tmp, "clear");
  BOOST_TEST(r.status == 0, r.err);
  r = qlatctl(tmp, "diff " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 0, r.out);
}

BOOST_AUTO_TEST_CASE(restore_waits_for_fc_ports_and_names_the_missing_one) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.path() + "/target");
  std::filesystem::create_directories(tmp.path() + "/sys/class/fc_host");
  const auto r = qlatctl(tmp, "restore --wait-ports 0.5 " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "not ready for a qla2xxx target after 0.5s"), r.err);
  BOOST_TEST(contains(r.err, "qlatctl:   naa.21000024ff000001: not present\n"), r.err);
  BOOST_TEST(std::filesystem::is_empty(tmp.path() + "/target"));
}

BOOST_AUTO_TEST_CASE(restore_waits_for_the_target_role_and_names_the_role) {
  // tcm_qla2xxx refuses a WWN directory for a port in role initiator or none: the port
  // being present is not enough.
  for (const std::string role : {"initiator", "none"}) {
    TempDir tmp;
    std::filesystem::create_directories(tmp.path() + "/target");
    fake_port(tmp, role);
    const auto r = qlatctl(tmp, "restore --wait-ports 0.5 " + fixture("mixed.saveconfig.json"));
    BOOST_TEST(r.status == 1, role);
    BOOST_TEST(contains(r.err, "not ready for a qla2xxx target after 0.5s"), r.err);
    BOOST_TEST(
        contains(r.err, "qlatctl:   naa.21000024ff000001: present as host3, role " + role + "\n"),
        r.err);
    BOOST_TEST(std::filesystem::is_empty(tmp.path() + "/target"));
  }
  // Without --wait-ports, a restore checks once and fails the same way.
  TempDir tmp;
  std::filesystem::create_directories(tmp.path() + "/target");
  fake_port(tmp, "initiator");
  const auto r = qlatctl(tmp, "restore " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "not ready for a qla2xxx target (a port"), r.err);
  BOOST_TEST(contains(r.err, "naa.21000024ff000001: present as host3, role initiator"), r.err);
  BOOST_TEST(std::filesystem::is_empty(tmp.path() + "/target"));
}

BOOST_AUTO_TEST_CASE(restore_proceeds_once_the_port_is_in_target_role) {
  // Target, both, or a driver without qlat's role attribute (upstream's qla2xxx): no wait.
  for (const std::string role : {"target", "both", ""}) {
    TempDir tmp;
    mixed_with_port(tmp, role);
    const auto start = std::chrono::steady_clock::now();
    const auto r = qlatctl(tmp, "restore --wait-ports 30 " + fixture("mixed.saveconfig.json"));
    BOOST_TEST(r.status == 0, "role '" << role << "': " << r.err);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(took.count() < 10.0, "role '" << role << "' took " << took.count() << "s");
  }
  // A port that turns target while restore waits: restore goes on and applies the file.
  TempDir tmp;
  std::filesystem::create_directories(tmp.path() + "/target");
  fake_port(tmp, "initiator");
  std::thread turn([&tmp] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    std::ofstream(tmp.path() + "/sys/class/scsi_host/host3/role") << "target\n";
  });
  const auto r =
      qlatctl(tmp, "restore --dry-run --wait-ports 30 " + fixture("mixed.saveconfig.json"));
  turn.join();
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(contains(r.out, "create target qla2xxx/naa.21000024ff000001"), r.out);
}

BOOST_AUTO_TEST_CASE(serve_answers_a_scripted_session) {
  TempDir tmp;
  mixed_with_port(tmp);
  const auto empty = slurp(fixture("empty.saveconfig.json"));
  const char* iqn = "iqn.2003-01.org.linux-iscsi.qlat.x8664:sn.0123456789ab";
  std::ostringstream in;
  in << R"({"id": 1, "method": "hello"})"
     << "\n"
     << R"({"id": 2, "method": "read_tree"})"
     << "\n"
     << R"({"id": 3, "method": "list_ports"})"
     << "\n"
     << R"({"id": 4, "method": "disable_tpg", "params": {"fabric": "iscsi", "wwn": ")" << iqn
     << R"(", "tag": 1}})"
     << "\n"
     << "not json\n"
     << R"({"id": 6, "method": "exec", "params": {"cmd": "rm -rf /"}})"
     << "\n"
     << R"({"id": 7, "method": "enable_tpg", "params": {"fabric": "iscsi", "wwn": "../../x", "tag": 1}})"
     << "\n"
     << R"({"id": 8, "method": "plan", "params": {"config": )" << json::parse(empty).dump()
     << "}}\n"
     << R"({"id": 9, "method": "set_port_role", "params": {"host": "host3", "role": "target"}})"
     << "\n"
     << R"({"id": 10, "method": "save"})"
     << "\n"
     << R"({"id": 11, "method": "apply", "params": {"config": {"targets": [{"fabric": "iscsi", "wwn": "bad wwn"}]}}})"
     << "\n";
  const auto r = qlatctl(tmp, "serve --save-file " + tmp.path() + "/saved.json", in.str());
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  std::vector<json> resp;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    resp.push_back(json::parse(line));
  }
  BOOST_TEST_REQUIRE(resp.size() == 11u);
  BOOST_TEST(resp[0].at("result").at("protocol") == 1);
  BOOST_TEST(resp[1].at("result").at("targets").size() == 3u);
  BOOST_TEST(resp[2].at("result").at(0).at("wwn") == "naa.21000024ff000001");
  BOOST_TEST(resp[2].at("result").at(0).at("driver") == "qla2xxx");
  BOOST_TEST(resp[3].at("ok") == true);
  BOOST_TEST(slurp(tmp.path() + "/target/iscsi/" + iqn + "/tpgt_1/enable") == "0");
  BOOST_TEST(resp[4].at("error").at("code") == "bad_json");
  BOOST_TEST(resp[4].at("id").is_null());
  BOOST_TEST(resp[5].at("error").at("code") == "unknown_method");
  BOOST_TEST(resp[6].at("error").at("code") == "bad_request");
  BOOST_TEST(resp[7].at("result").at("operations").size() > 10u);
  BOOST_TEST(resp[8].at("result").at("role") == "target");
  BOOST_TEST(slurp(tmp.path() + "/sys/class/scsi_host/host3/role") == "target");
  BOOST_TEST(resp[9].at("result").at("file") == tmp.path() + "/saved.json");
  BOOST_TEST(resp[10].at("error").at("code") == "invalid_config");
  BOOST_TEST(resp[10].at("error").at("problems").at(0).at("path") == "/targets/0/wwn");
  for (std::size_t i = 0; i < resp.size(); ++i) {
    if (i != 4) {
      BOOST_TEST(resp[i].at("id") == i + 1);
    }
  }
}

namespace {

/// The qla2xxx TPG of the mixed tree.
qlat::Tpg& fc_tpg(qlat::Config& c) {
  for (auto& t : c.targets) {
    if (t.fabric == "qla2xxx") {
      return t.tpgs.front();
    }
  }
  throw std::runtime_error("no qla2xxx target");
}

qlat::Config live(const TempDir& tmp) {
  qlat::FsBackend cfs(tmp.path() + "/target");
  return qlat::read_tree(cfs);
}

/// Someone else (targetcli) adds LUN 5 -> ramdisk/ram0 to the qla2xxx TPG.
void add_lun5_outside(const TempDir& tmp) {
  qlat::FsBackend cfs(tmp.path() + "/target");
  const auto before = qlat::read_tree(cfs);
  auto after = before;
  fc_tpg(after).luns.push_back({5, "/backstores/ramdisk/ram0", {}, {}});
  auto plan = qlat::diff(before, after, cfs);
  BOOST_TEST_REQUIRE(qlat::apply(plan, cfs).ok);
}

bool has_lun5(const qlat::Config& c) {
  auto copy = c;
  const auto& luns = fc_tpg(copy).luns;
  return std::any_of(luns.begin(), luns.end(), [](const qlat::Lun& l) { return l.index == 5; });
}

std::vector<json> serve_lines(const TempDir& tmp, const std::vector<json>& requests) {
  std::ostringstream in;
  for (const auto& r : requests) {
    in << r.dump() << "\n";
  }
  const auto r = qlatctl(tmp, "serve --save-file " + tmp.path() + "/saved.json", in.str());
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  std::vector<json> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    out.push_back(json::parse(line));
  }
  BOOST_TEST_REQUIRE(out.size() == requests.size(), r.out);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(serve_read_tree_says_whether_running_differs_from_saved) {
  TempDir tmp;
  mixed_with_port(tmp, "target");
  const std::string saved = tmp.path() + "/saved.json";
  const json hello = {{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}};
  const json read = {{"id", 2}, {"method", "read_tree"}};
  auto state = [&] {
    const auto resp = serve_lines(tmp, {hello, read});
    const auto& st = resp[1].at("result").at("saved");
    BOOST_TEST(st.at("file") == saved);
    return st;
  };
  BOOST_TEST(state().at("state") == "missing");
  // Saved: the same. A LUN added underneath: differs. Saved again: the same.
  serve_lines(tmp, {hello, {{"id", 2}, {"method", "save"}}});
  BOOST_TEST(state().at("state") == "same");
  add_lun5_outside(tmp);
  BOOST_TEST(state().at("state") == "differs");
  serve_lines(tmp, {hello, {{"id", 2}, {"method", "save"}}});
  BOOST_TEST(state().at("state") == "same");
  // A file that does not load says why, naming it.
  std::ofstream(saved) << "{\"targets\": 5}";
  const auto bad = state();
  BOOST_TEST(bad.at("state") == "unreadable");
  BOOST_TEST(contains(bad.at("error").get<std::string>(), saved), bad.dump());
  // Protocol 1's read_tree is the bare document, as before.
  const auto p1 = serve_lines(tmp, {{{"id", 1}, {"method", "hello"}}, read});
  BOOST_TEST(!p1[1].at("result").contains("saved"));
}

BOOST_AUTO_TEST_CASE(serve_read_tree_reports_progress_when_asked) {
  TempDir tmp;
  mixed_with_port(tmp, "target");
  const auto acls = [&] {
    std::size_t n = 0;
    for (const auto& t : live(tmp).targets) {
      for (const auto& g : t.tpgs) {
        n += g.node_acls.size();
      }
    }
    return n;
  }();
  BOOST_TEST_REQUIRE(acls > 0u);
  std::ostringstream in;
  in << json{{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}}.dump() << "\n"
     << json{{"id", 2}, {"method", "read_tree"}, {"params", {{"progress", true}}}}.dump() << "\n"
     << json{{"id", 3}, {"method", "read_tree"}}.dump() << "\n";
  const auto r = qlatctl(tmp, "serve --save-file " + tmp.path() + "/saved.json", in.str());
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  std::vector<json> lines;
  std::istringstream out(r.out);
  for (std::string l; std::getline(out, l);) {
    lines.push_back(json::parse(l));
  }
  // hello, the progress of the first read (the start and the last at least), its answer,
  // and the second read's answer without any.
  BOOST_TEST_REQUIRE(lines.size() >= 5u, r.out);
  BOOST_TEST(lines[0].at("id") == 1);
  std::size_t i = 1;
  std::size_t last_done = 0;
  for (; i < lines.size() && lines[i].contains("notification"); ++i) {
    BOOST_TEST(lines[i].at("notification") == "progress");
    BOOST_TEST(lines[i].at("params").at("method") == "read_tree");
    BOOST_TEST(lines[i].at("params").at("total") == acls);
    last_done = lines[i].at("params").at("done").get<std::size_t>();
  }
  BOOST_TEST(i >= 3u, r.out);
  BOOST_TEST(last_done == acls);
  BOOST_TEST_REQUIRE(i + 2 == lines.size(), r.out);
  BOOST_TEST(lines[i].at("id") == 2);
  BOOST_TEST(lines[i + 1].at("id") == 3);
  BOOST_TEST(lines[i].at("result").at("digest") == lines[i + 1].at("result").at("digest"));
}

BOOST_AUTO_TEST_CASE(serve_list_targets_counts_what_read_tree_reads) {
  TempDir tmp;
  mixed_with_port(tmp, "target");
  const auto resp =
      serve_lines(tmp, {{{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}},
                        {{"id", 2}, {"method", "list_targets"}},
                        {{"id", 3}, {"method", "read_tree"}}});
  const auto& hello_methods = resp[0].at("result").at("methods");
  BOOST_TEST((std::find(hello_methods.begin(), hello_methods.end(), "list_targets") !=
              hello_methods.end()));
  const auto summary = resp[1].at("result").get<std::vector<qlat::TargetSummary>>();
  const auto tree = resp[2].at("result").at("config").get<qlat::Config>();
  // The same targets in the same order, each TPG with read_tree's enable and counts.
  BOOST_TEST_REQUIRE(summary.size() == tree.targets.size());
  for (std::size_t i = 0; i < summary.size(); ++i) {
    BOOST_TEST(summary[i].fabric == tree.targets[i].fabric);
    BOOST_TEST(summary[i].wwn == tree.targets[i].wwn);
    BOOST_TEST_REQUIRE(summary[i].tpgs.size() == tree.targets[i].tpgs.size());
    for (std::size_t g = 0; g < summary[i].tpgs.size(); ++g) {
      const auto& want = tree.targets[i].tpgs[g];
      BOOST_TEST(summary[i].tpgs[g].tag == want.tag);
      BOOST_TEST(summary[i].tpgs[g].enable == want.enable);
      BOOST_TEST(summary[i].tpgs[g].luns == want.luns.size());
      BOOST_TEST(summary[i].tpgs[g].acls == want.node_acls.size());
    }
  }
  // A protocol 1 client does not have it.
  const auto p1 =
      serve_lines(tmp, {{{"id", 1}, {"method", "hello"}}, {{"id", 2}, {"method", "list_targets"}}});
  BOOST_TEST(p1[1].at("error").at("code") == "unknown_method");
}

BOOST_AUTO_TEST_CASE(serve_refuses_edits_made_on_a_stale_tree) {
  TempDir tmp;
  mixed_with_port(tmp, "target");
  const auto base = live(tmp);
  const auto base_digest = qlat::digest(base);
  auto desired = base;
  qlat::NodeAcl acl;
  acl.node_wwn = "naa.21000024ff0000aa";
  acl.mapped_luns.push_back({0, 0, false, {}});
  fc_tpg(desired).node_acls.push_back(acl);

  // Protocol 3: read_tree carries the digest; plan needs the base.
  auto resp = serve_lines(
      tmp,
      {{{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}},
       {{"id", 2}, {"method", "read_tree"}},
       {{"id", 3}, {"method", "plan"}, {"params", {{"config", desired}}}},
       {{"id", 4}, {"method", "plan"}, {"params", {{"config", desired}, {"base", base_digest}}}}});
  BOOST_TEST(resp[0].at("result").at("protocol") == 3);
  BOOST_TEST(resp[1].at("result").at("digest") == base_digest);
  BOOST_TEST(resp[1].at("result").at("config").at("targets").size() == 3u);
  BOOST_TEST(resp[2].at("error").at("code") == "bad_request");
  BOOST_TEST(contains(resp[2].at("error").at("message"), "'base'"));
  BOOST_TEST(resp[3].at("result").at("digest") == base_digest);
  BOOST_TEST(resp[3].at("result").at("operations").size() == 2u);

  // LUN 5 appears underneath: plan and apply against the old base answer "stale" with the
  // current tree and change nothing, in protocol 1 too when a base is given.
  add_lun5_outside(tmp);
  const auto current = live(tmp);
  const auto current_digest = qlat::digest(current);
  BOOST_TEST(current_digest != base_digest);
  const json stale_apply = {
      {"id", 3}, {"method", "apply"}, {"params", {{"config", desired}, {"base", base_digest}}}};
  resp = serve_lines(
      tmp,
      {{{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}},
       {{"id", 2}, {"method", "plan"}, {"params", {{"config", desired}, {"base", base_digest}}}},
       stale_apply});
  for (const auto i : {1, 2}) {
    BOOST_TEST(resp[i].at("ok") == false);
    BOOST_TEST(resp[i].at("error").at("code") == "stale");
    BOOST_TEST(resp[i].at("error").at("tree").at("digest") == current_digest);
    BOOST_TEST((resp[i].at("error").at("tree").at("config").get<qlat::Config>() == current));
  }
  BOOST_TEST(has_lun5(live(tmp)));
  resp = serve_lines(tmp, {{{"id", 1}, {"method", "hello"}}, stale_apply});
  BOOST_TEST(resp[1].at("error").at("code") == "stale");
  BOOST_TEST((live(tmp) == current));

  // The client rebases its edit on the current tree: the plan is the edit only, LUN 5 stays.
  const auto rebased = qlat::rebase(base, desired, current);
  BOOST_TEST(rebased.clean());
  resp = serve_lines(tmp, {{{"id", 1}, {"method", "hello"}, {"params", {{"protocol", 3}}}},
                           {{"id", 2},
                            {"method", "plan"},
                            {"params", {{"config", rebased.desired}, {"base", current_digest}}}},
                           {{"id", 3},
                            {"method", "apply"},
                            {"params", {{"config", rebased.desired}, {"base", current_digest}}}}});
  BOOST_TEST(resp[1].at("result").at("operations").size() == 2u);
  BOOST_TEST(!contains(resp[1].at("result").at("operations").dump(), "lun_5"));
  BOOST_TEST(resp[2].at("result").at("ok") == true, resp[2].dump());
  BOOST_TEST(resp[2].at("result").at("digest") == current_digest);
  const auto after = live(tmp);
  BOOST_TEST(has_lun5(after));
  BOOST_TEST(after.mapped_lun_count() == current.mapped_lun_count() + 1);
}

BOOST_AUTO_TEST_CASE(restore_expect_refuses_another_tree) {
  TempDir tmp;
  mixed_with_port(tmp, "target");
  auto r = qlatctl(tmp, "show --digest");
  BOOST_TEST(r.status == 0, r.err);
  const auto d = r.out.substr(0, r.out.find('\n'));
  BOOST_TEST(d == qlat::digest(live(tmp)));
  // Another digest: exit 4, nothing changed, both digests named.
  const auto other = "sha256:" + std::string(64, '0');
  r = qlatctl(tmp, "restore --expect " + other + " " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 4);
  BOOST_TEST(contains(r.err, "not the expected one (expected " + other + ", live " + d + ")"),
             r.err);
  BOOST_TEST(qlat::digest(live(tmp)) == d);
  r = qlatctl(tmp, "restore --dry-run --expect " + other + " " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 4);
  // The live digest: restore proceeds.
  r = qlatctl(tmp, "restore --expect " + d + " " + fixture("empty.saveconfig.json"));
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(live(tmp).targets.empty());
}

// Issue #20: a 60,000-byte storage object name crashed qlatctl (std::regex overflowed the
// stack), a NUL in a fileio path passed, and 1e400 exited 1. Each is invalid input: exit 2,
// the file, the JSON path and the reason, nothing changed; serve answers each as invalid
// input and goes on.
BOOST_AUTO_TEST_CASE(malformed_input_is_invalid_input_for_restore_diff_and_serve) {
  TempDir tmp;
  mixed_with_port(tmp);
  const auto regress = qlat::test::source_dir() + "/tests/fuzz/regress/saveconfig/";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"storage-object-name-60000", ": /storage_objects/0/name: a string of 60000 bytes"},
      {"storage-object-name-20000", ": /storage_objects/0/name: a string of 20000 bytes"},
      {"fileio-dev-with-nul", ": /storage_objects/0/dev: a control character"},
      {"fileio-dev-with-comma", ": /storage_objects/0/dev: 'dev' has a ','"},
      {"number-out-of-range", ": /: not valid JSON"}};
  for (const auto& [name, where] : cases) {
    for (const auto* cmd : {"restore ", "restore --dry-run ", "diff "}) {
      const auto r = qlatctl(tmp, cmd + regress + name);
      BOOST_TEST(r.status == 2, cmd << name << ": " << r.err);
      BOOST_TEST(contains(r.err, regress + name + where), cmd << name << ": " << r.err);
    }
  }
  auto r = qlatctl(tmp, "diff " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.status == 0, r.out + r.err);

  auto doc = [&](const std::string& name) { return json::parse(slurp(regress + name)).dump(); };
  std::ostringstream in;
  in << R"({"id": 1, "method": "plan", "params": {"config": )" << doc("storage-object-name-60000")
     << "}}\n"
     << R"({"id": 2, "method": "apply", "params": {"config": )" << doc("fileio-dev-with-nul")
     << "}}\n"
     << R"({"id": 3, "method": "apply", "params": {"config": {"storage_objects": [{"name": "r", "plugin": "ramdisk", "size": 1e400}]}}})"
     << "\n"
     << "{\"id\": 4, \"method\": \"hello\", \"params\": {\"x\": \"\xff\"}}\n"
     << R"({"id": 5, "method": "set_port_role", "params": {"host": "host123456", "role": "target"}})"
     << "\n"
     << R"({"id": 6, "method": "hello"})"
     << "\n";
  r = qlatctl(tmp, "serve --save-file " + tmp.path() + "/saved.json", in.str());
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  std::vector<json> resp;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    resp.push_back(json::parse(line));
  }
  BOOST_TEST_REQUIRE(resp.size() == 6u, r.out);
  BOOST_TEST(resp[0].at("error").at("code") == "invalid_config");
  BOOST_TEST(resp[0].at("error").at("problems").at(0).at("path") == "/storage_objects/0/name");
  BOOST_TEST(resp[1].at("error").at("code") == "invalid_config");
  BOOST_TEST(resp[1].at("error").at("problems").at(0).at("path") == "/storage_objects/0/dev");
  BOOST_TEST(resp[2].at("error").at("code") == "bad_json", resp[2].dump());
  BOOST_TEST(resp[3].at("error").at("code") == "bad_json", resp[3].dump());
  BOOST_TEST(resp[4].at("error").at("code") == "bad_request", resp[4].dump());
  BOOST_TEST(resp[5].at("ok") == true);
  r = qlatctl(tmp, "diff " + fixture("mixed.saveconfig.json"));
  BOOST_TEST(r.status == 0, r.out + r.err);
}
