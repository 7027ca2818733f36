// Fuzz target: the saveconfig.json reader and validator (qlat::parse_config).
// Any input is either a Config or a ValidationError naming the file and, for each
// problem, why; anything else (another exception, a crash, a sanitizer report) is a
// finding. A Config that parsed dumps to a text that parses back to the same Config.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "qlat/error.h"
#include "qlat/model.h"
#include "qlat/saveconfig.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_saveconfig: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check_problems(const qlat::ValidationError& e, const std::string& file) {
  if (e.problems().empty()) {
    fail("ValidationError without problems", e.what());
  }
  for (const auto& p : e.problems()) {
    if (p.file != file || p.reason.empty()) {
      fail("problem without its file or reason", p.to_string());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.saveconfig.json";
  qlat::Config c;
  try {
    c = qlat::parse_config(text, file);
  } catch (const qlat::ValidationError& e) {
    check_problems(e, file);
    return 0;
  }
  const auto dumped = qlat::dump_config(c);
  try {
    const auto again = qlat::parse_config(dumped, "dumped");
    if (!(again == c)) {
      fail("dump_config's text parses to another Config", dumped);
    }
  } catch (const qlat::ValidationError& e) {
    fail("dump_config's text of a valid Config is invalid", e.what());
  }
  return 0;
}
