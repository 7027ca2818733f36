#include "qlat/ports.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "qlat/wwn.h"

namespace qlat {

namespace fs = std::filesystem;

std::string sysfs_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string s;
  std::getline(in, s);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

std::vector<FcPort> list_fc_ports(const std::string& sysfs_root) {
  std::vector<FcPort> out;
  const fs::path cls = fs::path(sysfs_root) / "class/fc_host";
  std::error_code ec;
  if (!fs::is_directory(cls, ec)) {
    return out;
  }
  for (const auto& e : fs::directory_iterator(cls, ec)) {
    const auto name = e.path().filename().string();
    if (!name.starts_with("host")) {
      continue;
    }
    FcPort p;
    p.host = name;
    const auto port_name = sysfs_line(e.path() / "port_name");
    const auto w = Wwn::parse(port_name, {Wwn::Type::naa});
    if (!w) {
      continue;
    }
    p.wwn = w->str();
    p.port_state = sysfs_line(e.path() / "port_state");
    p.roles = sysfs_line(e.path() / "roles");
    p.role = sysfs_line(fs::path(sysfs_root) / "class/scsi_host" / name / "role");
    // rtslib: realpath(fc_host/hostN), cut three components -> the PCI (or emulated) device.
    auto host = fs::canonical(e.path(), ec);
    if (!ec) {
      const auto dev = host.parent_path().parent_path().parent_path();
      auto drv = fs::canonical(dev / "driver", ec);
      if (!ec) {
        p.driver = drv.filename().string();
      }
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const FcPort& a, const FcPort& b) { return a.host < b.host; });
  return out;
}

std::vector<std::string> needed_fc_ports(const Config& config) {
  std::vector<std::string> out;
  for (const auto& t : config.targets) {
    std::optional<Wwn> w;
    if (t.fabric == kFcFabric) {
      w = Wwn::parse(t.wwn, {Wwn::Type::naa});
    } else if (t.fabric == "qla2xxx_npiv") {
      const auto at = t.wwn.find('@');
      w = Wwn::parse(t.wwn.substr(0, at), {Wwn::Type::naa});
    }
    if (w && std::find(out.begin(), out.end(), w->str()) == out.end()) {
      out.push_back(w->str());
    }
  }
  return out;
}

}  // namespace qlat
