#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "qlat/model.h"

namespace qlat {

/// A local FC port as sysfs shows it (/sys/class/fc_host/hostN).
struct FcPort {
  std::string host;        ///< host3
  std::string wwn;         ///< naa.21000024ff000001
  std::string driver;      ///< qla2xxx
  std::string port_state;  ///< Online, Linkdown, ...
  std::string roles;       ///< FCP Target, FCP Initiator, ...
  /// qlat's qla2xxx role (scsi_host/hostN/role): none, initiator, target or both; empty
  /// where the driver has no such attribute (upstream qla2xxx).
  std::string role;
};

/// The first line of a sysfs file without its trailing newline and spaces, or "" when it
/// cannot be read.
std::string sysfs_line(const std::filesystem::path& file);

/// The FC ports under `sysfs_root` (/sys), found the way rtslib finds qla2xxx WWNs.
std::vector<FcPort> list_fc_ports(const std::string& sysfs_root = "/sys");

/// The qla2xxx port WWNs (naa.) a configuration needs present: its qla2xxx targets and the
/// physical ports of its qla2xxx_npiv targets.
std::vector<std::string> needed_fc_ports(const Config& config);

}  // namespace qlat
