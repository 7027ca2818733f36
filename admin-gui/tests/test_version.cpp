#define BOOST_TEST_MODULE qlat_version
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "qlat/version.h"

BOOST_AUTO_TEST_CASE(version_is_semver) {
  const auto v = qlat::version();
  BOOST_TEST(std::count(v.begin(), v.end(), '.') == 2);
}
