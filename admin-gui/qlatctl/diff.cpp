// qlatctl diff FILE: what restore would change (exit 0: nothing, 3: differences).
#include <iostream>

#include "common.h"
#include "qlat/reader.h"
#include "qlat/saveconfig.h"

namespace qlatctl {

namespace {

struct DiffCmdOptions {
  std::string file;
  bool json = false;
};

int run_diff(const Global& g, const DiffCmdOptions& opt) {
  const auto desired = qlat::load_config_file(opt.file);
  qlat::FsBackend cfs(g.configfs);
  const auto plan = qlat::diff(qlat::read_tree(cfs), desired, cfs);
  print_plan(plan, opt.json);
  return plan.empty() ? kOk : kDiffers;
}

}  // namespace

void add_diff(CLI::App& app, Global& g) {
  auto opt = std::make_shared<DiffCmdOptions>();
  auto* sub =
      app.add_subcommand("diff", "Show the operations that would turn the live tree into FILE");
  sub->add_option("FILE", opt->file, "a saveconfig.json file")->required();
  sub->add_flag("--json", opt->json, "print the plan as JSON");
  sub->callback([&g, opt] { g.exit = run_diff(g, *opt); });
}

}  // namespace qlatctl
