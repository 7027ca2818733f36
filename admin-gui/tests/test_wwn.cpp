#define BOOST_TEST_MODULE qlat_wwn
#include <boost/test/unit_test.hpp>

#include "qlat/wwn.h"

using qlat::Wwn;
using T = qlat::Wwn::Type;

BOOST_AUTO_TEST_CASE(naa_every_spelling_is_the_same_wwn) {
  for (const char* s :
       {"naa.21000024ff000001", "21:00:00:24:ff:00:00:01", "0x21000024ff000001", "21000024FF000001",
        "  NAA.21000024FF000001\n", "21-00-00-24-ff-00-00-01"}) {
    auto w = Wwn::parse(s, {T::naa});
    BOOST_TEST_REQUIRE(w.has_value(), s);
    BOOST_TEST(w->str() == "naa.21000024ff000001");
    BOOST_TEST(w->colon() == "21:00:00:24:ff:00:00:01");
    BOOST_TEST(w->hex0x() == "0x21000024ff000001");
    BOOST_TEST(w->dir_name("colon") == "21:00:00:24:ff:00:00:01");
    BOOST_TEST(w->dir_name("canonical") == "naa.21000024ff000001");
  }
}

BOOST_AUTO_TEST_CASE(naa_rejects_bad_forms) {
  for (const char* s : {"naa.31000024ff000001", "naa.21000024ff00001", "naa.21000024ff0000011",
                        "21:00:00:24:ff:00:00:0g", "", "eui.21000024ff000001",
                        "naa.2100/024ff000001", "2100:0024:ff00:0001", "21:00:00:24:ff:00:00:01:",
                        "210:00:00:24:ff:00:00:01", "0000000000000000"}) {
    BOOST_TEST(!Wwn::parse(s, {T::naa}).has_value(), s);
  }
}

BOOST_AUTO_TEST_CASE(iqn_and_eui) {
  auto i = Wwn::parse("iqn.2003-01.org.linux-iscsi.host:sn.1234", {T::iqn, T::naa, T::eui});
  BOOST_TEST_REQUIRE(i.has_value());
  BOOST_TEST((i->type() == T::iqn));
  BOOST_TEST(i->str() == "iqn.2003-01.org.linux-iscsi.host:sn.1234");
  BOOST_TEST(!Wwn::parse("iqn.2003-01.org_bad.host", {T::iqn}).has_value());
  BOOST_TEST(!Wwn::parse("iqn.03-01.org.x", {T::iqn}).has_value());
  BOOST_TEST(!Wwn::parse("iqn.2003-01.org.x y", {T::iqn}).has_value());
  auto e = Wwn::parse("EUI.0123456789ABCDEF", {T::iqn, T::naa, T::eui});
  BOOST_TEST_REQUIRE(e.has_value());
  BOOST_TEST((e->type() == T::eui));
  BOOST_TEST(e->str() == "eui.0123456789abcdef");
  // iSCSI accepts naa too; a bare hex string reads as naa first, like rtslib.
  auto n = Wwn::parse("0x5001405abcdef012", {T::iqn, T::naa, T::eui});
  BOOST_TEST_REQUIRE(n.has_value());
  BOOST_TEST(n->str() == "naa.5001405abcdef012");
}

BOOST_AUTO_TEST_CASE(npiv_forms) {
  auto a = Wwn::parse("21:00:00:24:ff:00:00:01@21000024ff0000aa:20000024ff0000aa", {T::npiv});
  auto b = Wwn::parse("0x21000024ff000001@0x21000024FF0000AA:20000024ff0000aa", {T::npiv});
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST((*a == *b));
  BOOST_TEST(a->str() == "21000024ff000001@21000024ff0000aa:20000024ff0000aa");
  BOOST_TEST(a->dir_name("npiv") == "21:00:00:24:ff:00:00:01@21000024ff0000aa:20000024ff0000aa");
  BOOST_TEST(!Wwn::parse("21000024ff000001@21000024ff0000aa", {T::npiv}).has_value());
}

BOOST_AUTO_TEST_CASE(free_names_are_confined) {
  BOOST_TEST(Wwn::parse("anything-goes.1", {T::free}).has_value());
  for (const char* s : {"..", ".", "a/b", "a b", ""}) {
    BOOST_TEST(!Wwn::parse(s, {T::free}).has_value(), s);
  }
}

BOOST_AUTO_TEST_CASE(type_names_from_schema) {
  auto w = Wwn::parse("naa.21000024ff000001", std::vector<std::string>{"iqn", "naa"});
  BOOST_TEST_REQUIRE(w.has_value());
  BOOST_TEST((w->type() == T::naa));
  BOOST_TEST(Wwn::type_name(T::eui) == "eui");
}

BOOST_AUTO_TEST_CASE(fc_wwpn_problem_says_what_is_wrong) {
  BOOST_TEST(!Wwn::fc_wwpn_problem(" 21-00-00-24-FF-00-00-01 ").has_value());
  BOOST_TEST(!Wwn::fc_wwpn_problem("naa.50014051e2b2f0a1").has_value());
  BOOST_TEST(*Wwn::fc_wwpn_problem("  ") == "empty WWPN");
  BOOST_TEST(Wwn::fc_wwpn_problem("21:00:00:24:ff:zz:00:02")->find("is not a WWPN") !=
             std::string::npos);
  BOOST_TEST(Wwn::fc_wwpn_problem("2100:0024:ff00:0001")->find("is not a WWPN") !=
             std::string::npos);
  BOOST_TEST(*Wwn::fc_wwpn_problem("00:00:00:00:00:00:00:00") == "the all-zero WWPN is not valid");
  BOOST_TEST(*Wwn::fc_wwpn_problem("31:00:00:24:ff:00:00:01") ==
             "'31:00:00:24:ff:00:00:01' has NAA type 3: FC WWPNs start with 1, 2 or 5");
}

BOOST_AUTO_TEST_CASE(display_wwn_colons_fc_names_only) {
  BOOST_TEST(qlat::display_wwn("naa.5001405abcdef012") == "50:01:40:5a:bc:de:f0:12");
  BOOST_TEST(qlat::display_wwn("iqn.1994-05.com.redhat:client1") ==
             "iqn.1994-05.com.redhat:client1");
  BOOST_TEST(qlat::display_wwn("eui.0123456789abcdef") == "eui.0123456789abcdef");
  BOOST_TEST(qlat::display_wwn("naa.6001405abcdef0123456789abcdef012") ==
             "naa.6001405abcdef0123456789abcdef012");
}
