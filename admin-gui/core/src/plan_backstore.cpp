#include "plan_backstore.h"

#include <unistd.h>

#include <algorithm>
#include <random>

#include "qlat/error.h"

namespace qlat::detail {

std::string random_hex(std::size_t n) {
  static std::random_device rd;
  static std::mt19937_64 gen(rd());
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += hex[gen() % 16];
  }
  return s;
}

std::string random_uuid() {
  auto h = random_hex(32);
  h[12] = '4';
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

/// The SCSI address of a pscsi backstore's device: "H:C:T:L" as given, or the address of a
/// /dev/sdX node as the host says.
std::string pscsi_hctl(const std::string& dev, const Backend& cfs) {
  if (std::count(dev.begin(), dev.end(), ':') == 3 && dev.find('/') == std::string::npos) {
    return dev;
  }
  if (auto hctl = cfs.scsi_address(dev)) {
    return *hctl;
  }
  throw Error("pscsi device " + dev + " is not a SCSI device");
}

std::string attrs_text(const AttrValue& v) {
  return attr_to_text(v);
}

/// The steps that create a storage object as rtslib does (control, udev_path, enable, wwn,
/// attributes, ALUA groups).
std::vector<Step> so_steps(const StorageObject& so, const BackstoreSpec& bs, const std::string& hba,
                           bool create_hba, bool fresh_wwn, const Backend& cfs) {
  std::vector<Step> st;
  const auto dir = hba + "/" + so.name;
  if (create_hba) {
    st.push_back({Step::Kind::mkdir, hba, {}, {}});
  }
  st.push_back({Step::Kind::mkdir, dir, {}, {}});
  auto control = [&](const std::string& v) {
    st.push_back({Step::Kind::write, dir + "/control", v, {}});
  };
  const auto dev = so.dev.value_or("");
  if (so.plugin == "fileio") {
    if (cfs.host_kind(dev) == HostKind::block_device) {
      control("fd_dev_name=" + dev);
    } else {
      control("fd_dev_name=" + dev + ",fd_dev_size=" + std::to_string(so.size.value_or(0)));
    }
    if (so.write_back) {
      st.push_back({Step::Kind::ensure, dir + "/attrib/emulate_write_cache", "1", {}});
      control("fd_buffered_io=1");
    }
    if (so.aio) {
      control("fd_async_io=1");
    }
    st.push_back({Step::Kind::write, dir + "/udev_path", dev, {}});
  } else if (so.plugin == "block") {
    // rtslib refuses a block backstore on anything but a block device; so does iblock, but
    // only when it is enabled, with an ENOENT that does not say what is missing.
    if (const auto kind = cfs.host_kind(dev); kind && *kind != HostKind::block_device) {
      throw Error("storage object " + so.path() + ": " + dev +
                  (*kind == HostKind::missing ? " does not exist" : " is not a block device"));
    }
    st.push_back({Step::Kind::write, dir + "/udev_path", dev, {}});
    control("udev_path=" + dev);
    control(std::string("readonly=") + (so.readonly ? "1" : "0"));
  } else if (so.plugin == "ramdisk") {
    const long page = ::sysconf(_SC_PAGESIZE);
    auto pages = (so.size.value_or(0) + static_cast<std::uint64_t>(page) / 2) /
                 static_cast<std::uint64_t>(page);
    control("rd_pages=" + std::to_string(pages == 0 ? 1 : pages));
    if (so.nullio) {
      control("rd_nullio=1");
    }
  } else if (so.plugin == "pscsi") {
    const auto hctl = pscsi_hctl(dev, cfs);
    std::vector<std::string> f;
    std::size_t a = 0;
    for (int i = 0; i < 4; ++i) {
      const auto e = hctl.find(':', a);
      f.push_back(hctl.substr(a, e - a));
      a = e + 1;
    }
    control("scsi_host_id=" + f[0] + ",scsi_channel_id=" + f[1] + ",scsi_target_id=" + f[2] +
            ",scsi_lun_id=" + f[3]);
    if (dev.starts_with("/")) {
      st.push_back({Step::Kind::write, dir + "/udev_path", dev, {}});
    }
  } else if (so.plugin == "user") {
    control("dev_config=" + so.config.value_or(""));
    control("dev_size=" + std::to_string(so.size.value_or(0)));
    if (so.hw_max_sectors && *so.hw_max_sectors != 0) {
      control("hw_max_sectors=" + std::to_string(*so.hw_max_sectors));
    }
    if (so.control && !so.control->empty()) {
      control(*so.control);
    }
  }
  st.push_back({Step::Kind::write, dir + "/enable", "1", {}});
  if (so.plugin != "pscsi") {
    const auto serial = so.wwn && !so.wwn->empty() ? *so.wwn : (fresh_wwn ? random_uuid() : "");
    if (!serial.empty()) {
      st.push_back({Step::Kind::ensure, dir + "/wwn/vpd_unit_serial", serial, {}});
    }
  }
  for (const auto& [k, v] : so.attributes) {
    const auto* spec = bs.find(k);
    if (spec != nullptr && spec->access != Access::rw) {
      continue;
    }
    st.push_back({Step::Kind::ensure, dir + "/attrib/" + k, attrs_text(v), {}});
  }
  for (const auto& g : so.alua_tpgs) {
    if (g.name == "default_tg_pt_gp") {
      continue;
    }
    const auto gdir = dir + "/alua/" + g.name;
    st.push_back({Step::Kind::mkdir, gdir, {}, {}});
    st.push_back({Step::Kind::write, gdir + "/tg_pt_gp_id", std::to_string(g.tg_pt_gp_id), {}});
  }
  for (const auto& g : so.alua_tpgs) {
    if (g.name == "default_tg_pt_gp") {
      continue;  // the kernel's own group keeps its settings, as rtslib leaves it
    }
    const auto gdir = dir + "/alua/" + g.name;
    for (const auto& [k, v] : g.values) {
      st.push_back({Step::Kind::ensure, gdir + "/" + k, std::to_string(v), {}});
    }
  }
  return st;
}

std::string so_desc(const StorageObject& so) {
  std::string d = "storage object " + so.path();
  if (so.dev) {
    d += " (" + *so.dev;
    if (so.size && so.plugin == "fileio") {
      d += ", " + std::to_string(*so.size) + " bytes";
    }
    d += ")";
  } else if (so.size) {
    d += " (" + std::to_string(*so.size) + " bytes)";
  }
  return d;
}

}  // namespace qlat::detail
