// Fuzz target: the WWN parser (qlat::Wwn). Whatever parses, as any type, parses again
// from its canonical form, and a naa or npiv WWN from its colon and configfs directory
// forms, to the same WWN of the same type.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qlat/wwn.h"

namespace {

using Type = qlat::Wwn::Type;

void same(const qlat::Wwn& w, const std::string& text, Type as) {
  const auto again = qlat::Wwn::parse(text, {as});
  if (!again || !(*again == w) || again->type() != w.type()) {
    std::fprintf(stderr, "fuzz_wwn: %s (%s) does not parse back from '%s'\n", w.str().c_str(),
                 std::string(qlat::Wwn::type_name(w.type())).c_str(), text.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const Type t : {Type::naa, Type::iqn, Type::eui, Type::npiv, Type::free}) {
    const auto w = qlat::Wwn::parse(text, {t});
    if (!w) {
      continue;
    }
    same(*w, w->str(), t);
    if (t == Type::naa) {
      same(*w, w->colon(), t);
      same(*w, w->hex0x(), t);
      same(*w, w->dir_name("colon"), t);
    }
    if (t == Type::npiv) {
      same(*w, w->dir_name("npiv"), t);
    }
  }
  // The names tree.json uses, and all types at once (the first that fits wins).
  (void)qlat::Wwn::parse(text, std::vector<std::string>{"naa", "iqn", "eui", "npiv", "free"});
  return 0;
}
