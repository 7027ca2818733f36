#pragma once
// Shared by qlatctl's subcommands: global options, output helpers, the restore engine.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "qlat/configfs.h"
#include "qlat/model.h"
#include "qlat/plan.h"

namespace qlatctl {

/// Exit codes: 0 success, 1 operation failed (nothing or everything rolled back),
/// 2 invalid input (nothing changed), 3 differences found (diff only).
enum Exit { kOk = 0, kFailed = 1, kInvalid = 2, kDiffers = 3 };

struct Global {
  std::string configfs = "/sys/kernel/config/target";
  std::string sysfs = "/sys";
  int exit = 0;  ///< set by the subcommand that ran
};

/// True when stderr is a terminal: show progress lines.
bool interactive();
/// A progress callback that redraws one line on a terminal, and does nothing otherwise.
qlat::ProgressFn progress_line(const std::string& what);

/// Prints an error (every problem on its own line) to stderr, prefixed by "qlatctl: ".
void print_error(const std::string& message);

/// Waits until every FC port the configuration names is present, up to `seconds`.
/// Returns the missing ports (empty when all are present).
std::vector<std::string> wait_for_ports(const qlat::Config& config, const Global& g,
                                        double seconds);

/// The outcome of applying a plan, for people or as JSON.
int report_apply(const qlat::ApplyResult& r, std::size_t total, bool json);

void add_show(CLI::App& app, Global& g);
void add_save(CLI::App& app, Global& g);
void add_restore(CLI::App& app, Global& g);
void add_diff(CLI::App& app, Global& g);
void add_clear(CLI::App& app, Global& g);
void add_serve(CLI::App& app, Global& g);

}  // namespace qlatctl
