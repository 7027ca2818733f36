// qlatctl clear [--dry-run]: remove the whole configuration, transactionally.
#include <iostream>

#include "common.h"
#include "qlat/reader.h"

namespace qlatctl {

namespace {

struct ClearOptions {
  bool dry_run = false;
  bool json = false;
};

int run_clear(const Global& g, const ClearOptions& opt) {
  qlat::FsBackend cfs(g.configfs);
  auto plan = qlat::diff(qlat::read_tree(cfs), qlat::Config{}, cfs);
  if (opt.dry_run) {
    print_plan(plan, opt.json);
    return kOk;
  }
  const auto r = qlat::apply(plan, cfs, progress_line("clearing"));
  return report_apply(r, plan.size(), opt.json);
}

}  // namespace

void add_clear(CLI::App& app, Global& g) {
  auto opt = std::make_shared<ClearOptions>();
  auto* sub = app.add_subcommand("clear", "Remove every target and storage object");
  sub->add_flag("--dry-run", opt->dry_run, "print the plan, change nothing");
  sub->add_flag("--json", opt->json, "print the plan or the result as JSON");
  sub->callback([&g, opt] { g.exit = run_clear(g, *opt); });
}

}  // namespace qlatctl
