#pragma once

#include <climits>
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/error.h"
#include "qlat/model.h"
#include "qlat/schema.h"

namespace qlat {

/// Checks a configuration against the tree schema: known attribute names with the right
/// type and range, WWNs valid for their fabric, names without '/' or '..', unique indexes,
/// LUNs pointing at storage objects of the file, mapped LUNs pointing at LUNs of their TPG.
/// Returns every problem found, with the JSON path of the offending value.
std::vector<Problem> validate(const Config& config, const std::string& file,
                              const Schema& schema = Schema::builtin());

/// Throws ValidationError if validate() finds anything.
void validate_or_throw(const Config& config, const std::string& file,
                       const Schema& schema = Schema::builtin());

/// The longest configfs directory, file or link name (NAME_MAX, 255; the schema's maxLength
/// of a name says the same).
inline constexpr std::size_t kNameMax = NAME_MAX;

/// A name that can be a single configfs path component: 1 to NAME_MAX bytes, no '/', no
/// blank or control character, not "." or "..".
bool is_safe_name(const std::string& name);

}  // namespace qlat
