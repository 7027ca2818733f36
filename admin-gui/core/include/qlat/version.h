#pragma once

#include <string_view>

namespace qlat {

/// The version of the qlat user-space tools.
std::string_view version() noexcept;

}  // namespace qlat
