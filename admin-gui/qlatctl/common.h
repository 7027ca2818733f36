#pragma once
// Shared by qlatctl's subcommands: global options, output helpers, the restore engine.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/configfs.h"
#include "qlat/model.h"
#include "qlat/plan.h"
#include "qlat/serve_protocol.h"

namespace qlatctl {

/// Exit codes: 0 success, 1 operation failed (nothing or everything rolled back),
/// 2 invalid input (nothing changed), 3 differences found (diff only).
enum Exit { kOk = 0, kFailed = 1, kInvalid = 2, kDiffers = 3 };
/// 4: restore --expect DIGEST found another live tree; nothing changed.
inline constexpr int kStale = 4;

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

/// An FC port the configuration names that cannot hold a qla2xxx target (yet).
struct PortNotReady {
  std::string wwn;    ///< naa.21000024ff000001
  std::string state;  ///< "not present", "present as host3, role initiator"
};

/// Waits up to `seconds` until every FC port the configuration names is ready for a
/// qla2xxx target: present and, where qlat's scsi_host/hostN/role exists, in role target or
/// both (tcm_qla2xxx refuses a WWN directory for any other port). On a terminal, a progress
/// line names the ports still not ready and why. Returns those ports (empty when all are).
std::vector<PortNotReady> wait_for_ports(const qlat::Config& config, const Global& g,
                                         double seconds);

/// The ports as "WWN: state", joined by `separator`.
std::string describe(const std::vector<PortNotReady>& ports, const std::string& separator);

/// A plan on stdout: its text, or one line of JSON.
void print_plan(const qlat::Plan& plan, bool json);

/// The outcome of applying a plan of `total` operations, as serve's apply answers it and
/// `--json` prints it: ok, operations, executed and, on failure, the failed object, the
/// error and how the rollback went.
qlat::serve::ApplyOutcome apply_outcome(const qlat::ApplyResult& r, std::size_t total);

/// The outcome of applying a plan, for people or as JSON.
int report_apply(const qlat::ApplyResult& r, std::size_t total, bool json);

void add_show(CLI::App& app, Global& g);
void add_save(CLI::App& app, Global& g);
void add_restore(CLI::App& app, Global& g);
void add_diff(CLI::App& app, Global& g);
void add_clear(CLI::App& app, Global& g);
void add_serve(CLI::App& app, Global& g);
void add_watch(CLI::App& app, Global& g);

}  // namespace qlatctl
