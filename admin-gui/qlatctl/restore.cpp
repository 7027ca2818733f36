// qlatctl restore [FILE] [--dry-run] [--wait-ports SECONDS] [--expect DIGEST]: validate,
// wait for the FC ports, check the live tree is the expected one, plan, apply transactionally.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "common.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "qlat/saveconfig.h"

namespace qlatctl {

namespace {

struct RestoreOptions {
  std::string file;
  bool dry_run = false;
  double wait_ports = 0;
  bool json = false;
  std::string expect;       ///< the digest the live tree must have (qlatctl show --digest)
  std::size_t fail_at = 0;  ///< test hook: fail the Nth change (0 = never)
};

int run_restore(const Global& g, const RestoreOptions& opt) {
  const bool explicit_file = !opt.file.empty();
  const auto file = explicit_file ? opt.file : qlat::default_save_file();
  if (!explicit_file && !std::filesystem::exists(file)) {
    std::cerr << "qlatctl: no saved configuration at " << file << ", nothing to restore\n";
    return kOk;
  }
  const auto desired = qlat::load_config_file(file);  // throws ValidationError: nothing done
  if (opt.wait_ports > 0 || !opt.dry_run) {
    const auto waiting = wait_for_ports(desired, g, opt.wait_ports);
    if (!waiting.empty()) {
      std::ostringstream after;
      if (opt.wait_ports > 0) {
        after << " after " << opt.wait_ports << "s";
      }
      print_error("FC port(s) named in " + file + " not ready for a qla2xxx target" + after.str() +
                  " (a port must be present, in role target or both):\n  " +
                  describe(waiting, "\n  "));
      return kFailed;
    }
  }
  qlat::FsBackend cfs(g.configfs);
  const auto live = qlat::read_tree(cfs);
  if (!opt.expect.empty()) {
    if (const auto d = qlat::digest(live); d != opt.expect) {
      print_error("the live configuration is not the expected one (expected " + opt.expect +
                  ", live " + d + "): nothing changed");
      return kStale;
    }
  }
  auto plan = qlat::diff(live, desired, cfs);
  if (opt.dry_run) {
    print_plan(plan, opt.json);
    return kOk;
  }
  qlat::FaultBackend faulty(cfs);
  faulty.fail_at(opt.fail_at);
  qlat::Backend& target = opt.fail_at != 0 ? static_cast<qlat::Backend&>(faulty) : cfs;
  const auto r = qlat::apply(plan, target, progress_line("restoring"));
  return report_apply(r, plan.size(), opt.json);
}

}  // namespace

void add_restore(CLI::App& app, Global& g) {
  auto opt = std::make_shared<RestoreOptions>();
  auto* sub = app.add_subcommand("restore", "Make the live configuration equal to FILE");
  sub->add_option("FILE", opt->file, "default: " + qlat::default_save_file());
  sub->add_flag("--dry-run", opt->dry_run, "print the plan, change nothing");
  sub->add_option("--wait-ports", opt->wait_ports,
                  "wait up to SECONDS for the file's FC ports to be present, in target role")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--json", opt->json, "print the plan or the result as JSON");
  sub->add_option("--expect", opt->expect,
                  "change nothing (exit 4) unless the live tree has this digest "
                  "(qlatctl show --digest)");
  sub->add_option("--inject-failure-at", opt->fail_at, "test hook: fail the Nth change")->group("");
  sub->callback([&g, opt] { g.exit = run_restore(g, *opt); });
}

}  // namespace qlatctl
