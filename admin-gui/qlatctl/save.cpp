// qlatctl save [FILE]: write the live configuration as targetcli-fb does, atomically.
#include <iostream>

#include "common.h"
#include "qlat/reader.h"
#include "qlat/saveconfig.h"

namespace qlatctl {

namespace {

struct SaveCmdOptions {
  std::string file;
  bool no_backup = false;
};

int run_save(const Global& g, const SaveCmdOptions& opt) {
  const auto file = opt.file.empty() ? qlat::default_save_file() : opt.file;
  qlat::FsBackend cfs(g.configfs);
  const auto c = qlat::read_tree(cfs);
  qlat::SaveOptions so;
  so.backup = !opt.no_backup;
  qlat::save_config_file(c, file, so);
  if (interactive()) {
    std::cerr << "saved " << c.storage_objects.size() << " storage objects, " << c.targets.size()
              << " targets, " << c.mapped_lun_count() << " mapped LUNs to " << file << "\n";
  }
  return kOk;
}

}  // namespace

void add_save(CLI::App& app, Global& g) {
  auto opt = std::make_shared<SaveCmdOptions>();
  auto* sub = app.add_subcommand("save", "Save the live configuration to FILE");
  sub->add_option("FILE", opt->file, "default: " + qlat::default_save_file());
  sub->add_flag("--no-backup", opt->no_backup, "keep no gzip copy of the previous file");
  sub->callback([&g, opt] { g.exit = run_save(g, *opt); });
}

}  // namespace qlatctl
