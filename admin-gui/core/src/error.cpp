#include "qlat/error.h"

#include <cstring>

namespace qlat {

SysError::SysError(const std::string& what, const std::string& path, int err)
    : Error(what + " " + path + ": " + std::strerror(err)), path_(path), err_(err) {}

std::string Problem::to_string() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  s += ": ";
  s += json_path.empty() ? std::string("/") : json_path;
  s += ": ";
  s += reason;
  return s;
}

namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) {
    if (!s.empty()) {
      s += '\n';
    }
    s += p.to_string();
  }
  return s;
}
}  // namespace

ValidationError::ValidationError(std::vector<Problem> problems)
    : Error(join(problems)), problems_(std::move(problems)) {}

}  // namespace qlat
