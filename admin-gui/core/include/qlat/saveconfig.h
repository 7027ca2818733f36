#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qlat/model.h"
#include "qlat/schema.h"

namespace qlat {

/// Debian's targetcli-fb default and the upstream one it falls back to.
inline constexpr const char* kDefaultSaveFile = "/etc/rtslib-fb-target/saveconfig.json";
inline constexpr const char* kFallbackSaveFile = "/etc/target/saveconfig.json";

/// The default file: Debian's if its directory exists, else the upstream one if present.
std::string default_save_file();

/// Parses and validates a saveconfig.json text: the structure against
/// saveconfig.schema.json, then names, attributes, WWNs and references against tree.json.
/// Throws ValidationError naming `file`, the JSON path and the reason; nothing else happens.
Config parse_config(std::string_view text, const std::string& file,
                    const Schema& schema = Schema::builtin());
/// Reads and parses a file (see parse_config).
Config load_config_file(const std::string& path, const Schema& schema = Schema::builtin());

/// The text rtslib writes: keys sorted, indent 2, a final newline.
std::string dump_config(const Config& config);

struct SaveOptions {
  bool backup = true;  ///< keep a gzip copy of the previous file in backup/
  unsigned max_backup_files = 10;
};

/// Writes atomically: temp file 0600 in the same directory, fsync, rename, fsync the dir.
/// The previous file, if different from the newest backup, is kept as
/// backup/saveconfig-YYYYmmdd-HH:MM:SS-json.gz (as targetcli does).
void save_config_file(const Config& config, const std::string& path, const SaveOptions& opt = {});

}  // namespace qlat
