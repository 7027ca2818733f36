#pragma once
// A SAN on disk for the qlat-admin tests: the mixed configfs tree (fixtures) under
// <tmp>/target and a sysfs under <tmp>/sys with the qla2xxx port naa.21000024ff000001 (host3,
// target role) and one initiator logged in to it (an rport with the initiator role), so
// that the real `qlatctl --configfs <tmp>/target --sysfs <tmp>/sys serve` answers as on a
// machine.

#include <filesystem>
#include <fstream>
#include <string>

#include "testutil.h"

namespace qlat::test {

inline constexpr const char* kPort = "naa.21000024ff000001";
inline constexpr const char* kAclInitiator = "naa.21000024ff000002";  ///< has an ACL
inline constexpr const char* kLoggedIn = "naa.21000024ff0000aa";      ///< logged in, no ACL

inline void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

inline void fake_san(const TempDir& tmp) {
  namespace fs = std::filesystem;
  materialize(fixture("mixed.tree.json"), tmp.path() + "/target");
  const auto sys = tmp.path() + "/sys";
  const auto dev = sys + "/devices/pci0000:00/0000:00:04.0";
  const auto fc = dev + "/host3/fc_host/host3";
  write_file(fc + "/port_name", "0x21000024ff000001\n");
  write_file(fc + "/node_name", "0x20000024ff000001\n");
  write_file(fc + "/port_state", "Online\n");
  write_file(fc + "/roles", "FCP Target\n");
  write_file(fc + "/speed", "8 Gbit\n");
  fs::create_directories(sys + "/bus/pci/drivers/qla2xxx");
  fs::create_directory_symlink(sys + "/bus/pci/drivers/qla2xxx", dev + "/driver");
  fs::create_directories(sys + "/class/fc_host");
  fs::create_directory_symlink(fc, sys + "/class/fc_host/host3");
  write_file(sys + "/class/scsi_host/host3/role", "target\n");
  const auto rp = sys + "/class/fc_remote_ports/rport-3:0-0";
  write_file(rp + "/port_name", "0x21000024ff0000aa\n");
  write_file(rp + "/port_id", "0x010200\n");
  write_file(rp + "/roles", "FCP Initiator\n");
  write_file(rp + "/port_state", "Online\n");
  // Another host's rport is not this port's initiator.
  const auto other = sys + "/class/fc_remote_ports/rport-4:0-0";
  write_file(other + "/port_name", "0x21000024ff0000bb\n");
  write_file(other + "/roles", "FCP Initiator\n");
  write_file(other + "/port_state", "Online\n");
}

/// What configfs would show for ramdisks created on the plain directory: their info file
/// (with the size from the rd_pages the core wrote to control), so read_tree sees the size.
inline void fill_ramdisk_info(const std::string& target_root) {
  namespace fs = std::filesystem;
  for (const auto& hba : fs::directory_iterator(target_root + "/core")) {
    if (!hba.path().filename().string().starts_with("rd_mcp_")) {
      continue;
    }
    for (const auto& so : fs::directory_iterator(hba.path())) {
      const auto control = slurp((so.path() / "control").string());
      const auto at = control.find("rd_pages=");
      if (!so.is_directory() || fs::exists(so.path() / "info") || at == std::string::npos) {
        continue;
      }
      const auto pages = std::stoul(control.substr(at + 9));
      std::ofstream(so.path() / "info")
          << "Status: ACTIVATED  Max Queue Depth: 128  SectorSize: 512  HwMaxSectors: 1024\n"
          << "        TCM RamDisk ID: 0  RamDisk Pages: " << pages << "  PAGES/PAGE_SIZE: " << pages
          << "*4096  SG_table_count: 1  nullio: 0\n";
    }
  }
}

/// The qlatctl serve command line for the fake SAN.
inline std::vector<std::string> serve_args(const TempDir& tmp) {
  return {"--configfs",  tmp.path() + "/target",    "--sysfs", tmp.path() + "/sys", "serve",
          "--save-file", tmp.path() + "/saved.json"};
}

}  // namespace qlat::test
