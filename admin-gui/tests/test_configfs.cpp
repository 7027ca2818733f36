#define BOOST_TEST_MODULE qlat_configfs
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "qlat/configfs.h"
#include "qlat/error.h"
#include "qlat/ports.h"
#include "testutil.h"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(confined_paths_are_relative_and_plain) {
  for (const char* ok : {"", "core", "core/rd_mcp_0/rd0", "qla2xxx/21:00:00:24:ff:00:00:01"}) {
    BOOST_CHECK_NO_THROW(qlat::check_confined(ok));
  }
  for (const char* bad : {"/core", "..", ".", "core/..", "core/../..", "core//rd0", "core/",
                          "core/./rd0", "./core"}) {
    BOOST_CHECK_THROW(qlat::check_confined(bad), qlat::Error);
  }
}

BOOST_AUTO_TEST_CASE(links_resolve_lexically_inside_the_root) {
  qlat::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "core/rd_mcp_0/rd0");
  fs::create_directories(root / "qla2xxx/w/tpgt_1/lun/lun_0");
  fs::create_directory_symlink("../../../../../core/rd_mcp_0/rd0",
                               root / "qla2xxx/w/tpgt_1/lun/lun_0/link");
  fs::create_directory_symlink((root / "core/./rd_mcp_0//rd0").string(), root / "abs");
  fs::create_directory_symlink("../../../../..", root / "qla2xxx/w/tpgt_1/lun/up");
  fs::create_directory_symlink("/tmp", root / "out");

  qlat::FsBackend cfs(root.string());
  BOOST_TEST(cfs.resolve_link("qla2xxx/w/tpgt_1/lun/lun_0/link") == "core/rd_mcp_0/rd0");
  BOOST_TEST(cfs.resolve_link("abs") == "core/rd_mcp_0/rd0");
  BOOST_CHECK_THROW(cfs.resolve_link("qla2xxx/w/tpgt_1/lun/up"), qlat::Error);
  BOOST_CHECK_THROW(cfs.resolve_link("out"), qlat::Error);
  BOOST_CHECK_THROW(cfs.resolve_link("../abs"), qlat::Error);
}

BOOST_AUTO_TEST_CASE(sysfs_line_is_the_first_line_without_its_end) {
  qlat::test::TempDir tmp;
  const fs::path f = fs::path(tmp.path()) / "port_state";
  std::ofstream(f) << "Online \nsecond line\n";
  BOOST_TEST(qlat::sysfs_line(f) == "Online");
  BOOST_TEST(qlat::sysfs_line(fs::path(tmp.path()) / "missing").empty());
}
