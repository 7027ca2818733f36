// Conversions between the core's UTF-8 std::string and Qt's QString, shared by the views,
// models and wizard (one definition: the tools build compiles sources in unity batches).
#pragma once

#include <QString>

#include <string>

namespace qlat::admin {

/// A UTF-8 std::string (all text from the core and from qlatctl is UTF-8) as a QString.
inline QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace qlat::admin
