#include "qlat/version.h"

namespace qlat {

std::string_view version() noexcept {
  return "0.1.0";
}

}  // namespace qlat
