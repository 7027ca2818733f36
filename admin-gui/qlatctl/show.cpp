// qlatctl show [--json] [--digest]: the live tree, or its digest.
#include <iostream>

#include "common.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"

namespace qlatctl {

namespace {

struct ShowOptions {
  bool json = false;
  bool digest = false;
};

std::string onoff(bool b) {
  return b ? "enabled" : "disabled";
}

void print_tree(const qlat::Config& c) {
  std::cout << "backstores\n";
  for (const auto& so : c.storage_objects) {
    std::cout << "  " << so.plugin << "/" << so.name;
    if (so.dev) {
      std::cout << "  " << *so.dev;
    }
    if (so.size) {
      std::cout << "  " << *so.size << " bytes";
    }
    if (so.wwn) {
      std::cout << "  serial " << *so.wwn;
    }
    std::cout << "\n";
  }
  std::cout << "targets\n";
  for (const auto& t : c.targets) {
    std::cout << "  " << t.fabric << " " << t.wwn << "\n";
    for (const auto& g : t.tpgs) {
      std::cout << "    tpgt_" << g.tag << " (" << onoff(g.enable) << ")\n";
      for (const auto& l : g.luns) {
        std::cout << "      lun " << l.index << " -> " << l.storage_object << "\n";
      }
      for (const auto& p : g.portals) {
        std::cout << "      portal " << p.ip_address << ":" << p.port << "\n";
      }
      for (const auto& a : g.node_acls) {
        std::cout << "      acl " << a.node_wwn << " (" << a.mapped_luns.size() << " mapped LUNs";
        std::size_t wp = 0;
        for (const auto& m : a.mapped_luns) {
          wp += m.write_protect ? 1 : 0;
        }
        if (wp != 0) {
          std::cout << ", " << wp << " write-protected";
        }
        std::cout << ")\n";
      }
    }
  }
}

int run_show(const Global& g, const ShowOptions& opt) {
  qlat::FsBackend cfs(g.configfs);
  const auto c = qlat::read_tree(cfs);
  if (opt.digest) {
    std::cout << qlat::digest(c) << "\n";
  } else if (opt.json) {
    std::cout << qlat::dump_config(c);
  } else {
    print_tree(c);
  }
  return kOk;
}

}  // namespace

void add_show(CLI::App& app, Global& g) {
  auto opt = std::make_shared<ShowOptions>();
  auto* sub = app.add_subcommand("show", "Show the live configuration");
  sub->add_flag("--json", opt->json, "print it as saveconfig.json does");
  sub->add_flag("--digest", opt->digest,
                "print only its digest (sha256:..., for restore --expect and serve's base)");
  sub->callback([&g, opt] { g.exit = run_show(g, *opt); });
}

}  // namespace qlatctl
