// The one WWN parser: 0x-hex, colon, naa. and bare forms.
#define BOOST_TEST_MODULE qla_wwn
#include <boost/test/unit_test.hpp>

#include <string>

#include "vec.hpp"

static int parse(const std::string& s, std::uint64_t* w) {
  return qla_parse_wwn(s.data(), s.size(), w);
}

BOOST_AUTO_TEST_CASE(accepted_forms) {
  std::uint64_t w = 0;
  const std::uint64_t want = 0x21000024ff00000aULL;
  for (const char* s : {"0x21000024ff00000a", "0X21000024FF00000A", "21:00:00:24:ff:00:00:0a",
                        "21:00:00:24:FF:00:00:0A\n", "naa.21000024ff00000a", "NAA.21000024ff00000a",
                        "21000024ff00000a", "0x21000024ff00000a\n"}) {
    w = 0;
    BOOST_TEST_CONTEXT(s) {
      BOOST_TEST(parse(s, &w) == 0);
      BOOST_TEST(w == want);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejected_forms) {
  std::uint64_t w = 42;
  for (const char* s :
       {"", "0x", "naa.", "0x21000024ff00000", "0x21000024ff00000ab", "21:00:00:24:ff:00:00",
        "21-00-00-24-ff-00-00-0a", "21:00:00:24:ff:00:00:0g", "2100:0024:ff00:000a",
        "0x21000024ff00000a\n\n", "iqn.21000024ff00000a", " 0x21000024ff00000a"}) {
    BOOST_TEST_CONTEXT(s) {
      BOOST_TEST(parse(s, &w) == -EINVAL);
    }
  }
  BOOST_TEST(w == 42u);
}
