#pragma once

#include <optional>
#include <string>
#include <vector>

#include "qlat/configfs.h"
#include "qlat/model.h"

namespace qlat::admin {

// qlat-admin edits the core library's qlat::Config (qlat/model.h); this validates it
// against configfs-schema/ and plans it with the same code `qlatctl serve` runs.

/// The core's configuration of `config`, validated against configfs-schema/ (the check
/// `plan` and `apply` make on the server); nullopt with every problem in `error` otherwise.
std::optional<qlat::Config> to_core(const Config& config, std::string* error);

/// The preview lines of diff(live, desired) as the core plans them on `cfs` (read only);
/// nullopt with the cause when either tree does not validate.
std::optional<std::vector<std::string>> core_plan(const Config& live, const Config& desired,
                                                  const qlat::Backend& cfs, std::string* error);

}  // namespace qlat::admin
