#define BOOST_TEST_MODULE qlat_events
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "qlat/events.h"
#include "testutil.h"

// The netlink messages of qlatctl watch and serve, parsed from bytes: the qlat_sess family's
// (kernel/include/uapi/qlat_nl.h, laid out as genlmsg_put and nla_put_* lay them out, a PAD
// attribute before a 64-bit one where needed) and the FC transport's (struct fc_nl_event).
// Malformed messages must give an error that says what is wrong, never a crash.

using nlohmann::json;
namespace ev = qlat::events;
using Msg = std::vector<std::uint8_t>;

namespace {

// Recorded layouts: family id 0x1c; target naa.21000024ff000001 on host 5, TPG 1;
// initiator naa.21000024ff000002 (node naa.20000024ff000002, N_Port ID 010200);
// timestamp 2026-12-07T05:01:02.123Z.
const Msg kLogin = {
    0xa4, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x71, 0x6c, 0x61, 0x32, 0x78, 0x78,
    0x78, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0xff, 0x24,
    0x00, 0x00, 0x21, 0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00,
    0x0c, 0x00, 0x05, 0x00, 0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21, 0x04, 0x00, 0x01,
    0x00, 0x0c, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x20, 0x08, 0x00,
    0x07, 0x00, 0x00, 0x02, 0x01, 0x00, 0x08, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04,
    0x00, 0x01, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0d, 0x00, 0x15, 0xd9, 0x59, 0x55, 0x10, 0xe0, 0xee,
    0x18, 0x19, 0x00, 0x08, 0x00, 0x6e, 0x61, 0x61, 0x2e, 0x32, 0x31, 0x30, 0x30, 0x30, 0x30,
    0x32, 0x34, 0x66, 0x66, 0x30, 0x30, 0x30, 0x30, 0x30, 0x32, 0x00, 0x00, 0x00, 0x00};
const Msg kLoginDyn = {
    0x8c, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x71, 0x6c, 0x61, 0x32, 0x78, 0x78, 0x78, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21,
    0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x05, 0x00,
    0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x06, 0x00,
    0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x20, 0x08, 0x00, 0x07, 0x00, 0x00, 0x02, 0x01, 0x00,
    0x08, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0c, 0x00,
    0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0d, 0x00,
    0x15, 0xd9, 0x59, 0x55, 0x10, 0xe0, 0xee, 0x18, 0x04, 0x00, 0x09, 0x00};
const Msg kLogout = {
    0x90, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x71, 0x6c, 0x61, 0x32, 0x78, 0x78, 0x78, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21,
    0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x05, 0x00,
    0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x06, 0x00,
    0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x20, 0x08, 0x00, 0x07, 0x00, 0x00, 0x02, 0x01, 0x00,
    0x08, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0c, 0x00,
    0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0d, 0x00,
    0x15, 0xa3, 0xf4, 0x90, 0x10, 0xe0, 0xee, 0x18, 0x08, 0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00};
const Msg kDenied = {
    0x90, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x05, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x71, 0x6c, 0x61, 0x32, 0x78, 0x78, 0x78, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21,
    0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x05, 0x00,
    0x03, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x06, 0x00,
    0x03, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x20, 0x08, 0x00, 0x07, 0x00, 0x00, 0x03, 0x01, 0x00,
    0x08, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0c, 0x00,
    0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0d, 0x00,
    0x15, 0x6d, 0x8f, 0xcc, 0x10, 0xe0, 0xee, 0x18, 0x08, 0x00, 0x0b, 0x00, 0xf3, 0xff, 0xff, 0xff};
const Msg kSession = {
    0xa4, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0xd2, 0x04, 0x00,
    0x00, 0x02, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x71, 0x6c, 0x61, 0x32, 0x78, 0x78,
    0x78, 0x00, 0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0xff, 0x24,
    0x00, 0x00, 0x21, 0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00,
    0x0c, 0x00, 0x05, 0x00, 0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x21, 0x04, 0x00, 0x01,
    0x00, 0x0c, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0xff, 0x24, 0x00, 0x00, 0x20, 0x08, 0x00,
    0x07, 0x00, 0x00, 0x02, 0x01, 0x00, 0x08, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04,
    0x00, 0x01, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x0d, 0x00, 0x15, 0xd9, 0x59, 0x55, 0x10, 0xe0, 0xee,
    0x18, 0x19, 0x00, 0x08, 0x00, 0x6e, 0x61, 0x61, 0x2e, 0x32, 0x31, 0x30, 0x30, 0x30, 0x30,
    0x32, 0x34, 0x66, 0x66, 0x30, 0x30, 0x30, 0x30, 0x30, 0x32, 0x00, 0x00, 0x00, 0x00};
const Msg kLinkup = {0x38, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                     0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0xb2, 0xa1, 0x00, 0x01, 0x28, 0x00,
                     0x8e, 0x3d, 0x16, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                     0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00, 0x00,
                     0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00};
const Msg kLinkdown = {0x38, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                       0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0xb2, 0xa1, 0x00, 0x01, 0x28, 0x00,
                       0x8e, 0x3d, 0x16, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                       0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00, 0x00,
                       0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
const Msg kRscn = {0x38, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                   0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0xb2, 0xa1, 0x00, 0x01, 0x28, 0x00,
                   0x8e, 0x3d, 0x16, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                   0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00, 0x00,
                   0x05, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x00};
const Msg kPortOnline = {0x38, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                         0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0xb2, 0xa1, 0x00, 0x01, 0x28, 0x00,
                         0x8e, 0x3d, 0x16, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                         0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00, 0x00,
                         0x02, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00};

constexpr std::uint16_t kFamily = 0x1c;

std::uint32_t u32_at(const Msg& m, std::size_t off) {
  std::uint32_t v = 0;
  std::memcpy(&v, m.data() + off, 4);
  return v;
}
void put_u32(Msg& m, std::size_t off, std::uint32_t v) {
  std::memcpy(m.data() + off, &v, 4);
}
void put_u16(Msg& m, std::size_t off, std::uint16_t v) {
  std::memcpy(m.data() + off, &v, 2);
}

/// The message with `extra` appended (nlmsg_len updated).
Msg with(Msg m, const Msg& extra) {
  m.insert(m.end(), extra.begin(), extra.end());
  put_u32(m, 0, static_cast<std::uint32_t>(m.size()));
  return m;
}

/// The offset of the first attribute of type `type` in a genl message.
std::size_t attr_offset(const Msg& m, std::uint16_t type) {
  std::size_t off = 20;
  while (off + 4 <= m.size()) {
    std::uint16_t len = 0, t = 0;
    std::memcpy(&len, m.data() + off, 2);
    std::memcpy(&t, m.data() + off + 2, 2);
    if (t == type) {
      return off;
    }
    off += (len + 3U) & ~3U;
  }
  BOOST_FAIL("no attribute " << type);
  return 0;
}

/// The message without the attribute of type `type`.
Msg without(Msg m, std::uint16_t type) {
  const auto off = attr_offset(m, type);
  std::uint16_t len = 0;
  std::memcpy(&len, m.data() + off, 2);
  m.erase(m.begin() + static_cast<long>(off),
          m.begin() + static_cast<long>(off + ((len + 3U) & ~3U)));
  put_u32(m, 0, static_cast<std::uint32_t>(m.size()));
  return m;
}

ev::Parsed<ev::SessEvent> sess(const Msg& m) {
  return ev::parse_sess(m, kFamily);
}

void expect_error(const ev::Parsed<ev::SessEvent>& p, const std::string& part) {
  BOOST_TEST(!p);
  BOOST_TEST(!p.ignored);
  BOOST_TEST(p.error.find(part) != std::string::npos,
             "error '" << p.error << "' lacks '" << part << "'");
}

}  // namespace

BOOST_AUTO_TEST_CASE(sess_login_line) {
  const auto p = sess(kLogin);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const json want = json::parse(R"({"event":"sess_login","seq":7,"time":"2026-12-07T05:01:02.123Z",
    "fabric":"qla2xxx","target":"naa.21000024ff000001","tpgt":1,"initiator":"naa.21000024ff000002",
    "initiator_node":"naa.20000024ff000002","port_id":"0x010200","acl":"naa.21000024ff000002",
    "dynamic":false,"host":5})");
  BOOST_TEST(ev::sess_json(*p.value) == want, ev::sess_json(*p.value).dump());
}

BOOST_AUTO_TEST_CASE(sess_login_dynamic_without_acl) {
  const auto p = sess(kLoginDyn);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const auto j = ev::sess_json(*p.value);
  BOOST_TEST(j.at("dynamic").get<bool>());
  BOOST_TEST(!j.contains("acl"));
  BOOST_TEST(j.at("seq") == 8);
}

BOOST_AUTO_TEST_CASE(sess_logout_line) {
  const auto p = sess(kLogout);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const auto j = ev::sess_json(*p.value);
  BOOST_TEST(j.at("event") == "sess_logout");
  BOOST_TEST(j.at("reason") == "logo");
  BOOST_TEST(j.at("time") == "2026-12-07T05:01:03.123Z");
  BOOST_TEST(!j.contains("dynamic"));
  BOOST_TEST(!j.contains("dump"));
}

BOOST_AUTO_TEST_CASE(acl_denied_line) {
  const auto p = sess(kDenied);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const auto j = ev::sess_json(*p.value);
  BOOST_TEST(j.at("event") == "acl_denied");
  BOOST_TEST(j.at("errno") == 13);
  BOOST_TEST(j.at("initiator") == "naa.21000024ff000003");
  BOOST_TEST(j.at("port_id") == "0x010300");
  BOOST_TEST(!j.contains("acl"));
}

BOOST_AUTO_TEST_CASE(session_dump_line) {
  const auto p = sess(kSession);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const auto j = ev::sess_json(*p.value);
  BOOST_TEST(j.at("event") == "session");
  BOOST_TEST(j.at("dump") == true);
  BOOST_TEST(j.at("seq") == 12);
  BOOST_TEST(j.at("acl") == "naa.21000024ff000002");
}

BOOST_AUTO_TEST_CASE(reasons_by_name) {
  BOOST_TEST(ev::reason_name(0) == "unknown");
  BOOST_TEST(ev::reason_name(2) == "prlo");
  BOOST_TEST(ev::reason_name(3) == "link_down");
  BOOST_TEST(ev::reason_name(4) == "port_gone");
  BOOST_TEST(ev::reason_name(5) == "tpg_disabled");
  BOOST_TEST(ev::reason_name(6) == "acl_removed");
  BOOST_TEST(ev::reason_name(7) == "admin");
  BOOST_TEST(ev::reason_name(99) == "reason_99");
}

BOOST_AUTO_TEST_CASE(sess_unknown_attribute_is_skipped) {
  // A later version's attribute (type 200, 4 bytes): readers ignore it (qlat_nl.h).
  const auto p = sess(with(kLogin, {8, 0, 200, 0, 1, 2, 3, 4}));
  BOOST_TEST_REQUIRE(bool(p), p.error);
  BOOST_TEST(p.value->seq == 7U);
  // A nested/byte-order flag on a known type does not hide it.
  const auto q = sess(with(kLogin, {8, 0, 14, 0x40, 9, 0, 0, 0}));
  BOOST_TEST_REQUIRE(bool(q), q.error);
  BOOST_TEST(q.value->host == 9U);
}

BOOST_AUTO_TEST_CASE(sess_unknown_command_and_family_are_ignored) {
  auto m = kLogin;
  m[16] = 77;
  const auto p = sess(m);
  BOOST_TEST(!p);
  BOOST_TEST(p.ignored);
  BOOST_TEST(p.error.find("command 77") != std::string::npos);
  const auto q = ev::parse_sess(kLogin, 0x1d);
  BOOST_TEST(!q);
  BOOST_TEST(q.ignored);
}

BOOST_AUTO_TEST_CASE(sess_truncated) {
  // Cut anywhere: never a crash; an error naming the problem. (Cut just before the last
  // attribute, the optional ACL, or in its padding, the message is whole.)
  const auto acl = attr_offset(kLogin, 8);
  for (std::size_t n = 0; n < acl + 25; ++n) {
    if (n == acl) {
      continue;
    }
    Msg m(kLogin.begin(), kLogin.begin() + static_cast<long>(n));
    if (m.size() >= 4) {
      put_u32(m, 0, static_cast<std::uint32_t>(m.size()));  // consistent nlmsg_len
    }
    const auto p = sess(m);
    BOOST_TEST(!p, "cut at " << n);
    BOOST_TEST(!p.error.empty());
  }
  expect_error(sess(Msg(kLogin.begin(), kLogin.begin() + 10)), "too short");
  Msg cut(kLogin.begin(), kLogin.end() - 6);
  put_u32(cut, 0, static_cast<std::uint32_t>(cut.size()));
  expect_error(sess(cut), "bytes left");
  // nlmsg_len disagreeing with the bytes
  Msg bad = kLogin;
  put_u32(bad, 0, u32_at(kLogin, 0) + 8);
  expect_error(sess(bad), "nlmsg_len");
}

BOOST_AUTO_TEST_CASE(sess_wrong_sizes) {
  auto m = kLogin;
  const auto off = attr_offset(m, 4);  // TPGT: u16
  put_u16(m, off, 8);                  // claims 4 payload bytes (the padding)
  expect_error(sess(m), "attribute TPGT has 4 bytes, want 2");
  m = kLogin;
  put_u16(m, attr_offset(m, 7), 6);  // PORT_ID: u32 with 2 bytes
  expect_error(sess(m), "attribute PORT_ID has 2 bytes, want 4");
  m = kLogin;
  put_u16(m, attr_offset(m, 14), 2);  // shorter than an attribute header
  expect_error(sess(m), "HOST_NO");
  m = kLogin;
  const auto fab = attr_offset(m, 2);
  m[fab + 4 + 7] = 'x';  // "qla2xxx" without its NUL
  expect_error(sess(m), "FABRIC is not a NUL-terminated string");
  // a flag with a payload
  expect_error(sess(with(kLogin, {8, 0, 9, 0, 1, 0, 0, 0})), "DYNAMIC has 4 bytes, want 0");
}

BOOST_AUTO_TEST_CASE(sess_missing_attributes) {
  expect_error(sess(without(kLogin, 12)), "SEQ is missing");
  expect_error(sess(without(kLogin, 5)), "INI_WWPN is missing");
  expect_error(sess(without(kLogout, 10)), "SESS_LOGOUT: attribute REASON is missing");
  expect_error(sess(without(kDenied, 11)), "ERRNO is missing");
}

BOOST_AUTO_TEST_CASE(split_datagram) {
  Msg d = kLogin;
  d.insert(d.end(), kLogout.begin(), kLogout.end());
  const auto s = ev::split_messages(d);
  BOOST_TEST(s.error.empty());
  BOOST_TEST_REQUIRE(s.messages.size() == 2U);
  BOOST_TEST(bool(sess(Msg(s.messages[1].begin(), s.messages[1].end()))));
  d.resize(d.size() - 3);
  const auto t = ev::split_messages(d);
  BOOST_TEST(t.messages.size() == 1U);
  BOOST_TEST(t.error.find("has length") != std::string::npos, t.error);
  const auto u = ev::split_messages(Msg{1, 2, 3});
  BOOST_TEST(u.error.find("too short") != std::string::npos);
  // NLMSG_DONE and NLMSG_ERROR
  Msg done = {20, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  BOOST_TEST(ev::message_error(done).value_or(-99) == 0);
  Msg err = {36,   0,    0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
             0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0};
  BOOST_TEST(ev::message_error(err).value_or(-99) == -1);
  BOOST_TEST(!ev::message_error(kLogin).has_value());
}

BOOST_AUTO_TEST_CASE(fc_events) {
  const ev::HostMap hosts = {{5, "naa.21000024ff000001"}};
  auto p = ev::parse_fc(kLinkup);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  BOOST_TEST(ev::fc_json(*p.value, hosts) ==
                 json::parse(R"({"event":"fc_linkup","time":"2026-12-07T05:01:02.000Z","host":5,
                   "event_num":42,"wwpn":"naa.21000024ff000001","speed":"8 Gbit","speed_code":4})"),
             ev::fc_json(*p.value, hosts).dump());
  p = ev::parse_fc(kLinkdown);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  BOOST_TEST(ev::fc_json(*p.value, hosts).at("event") == "fc_linkdown");
  p = ev::parse_fc(kRscn);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  BOOST_TEST(ev::fc_json(*p.value, hosts).at("port_id") == "0x010300");
  p = ev::parse_fc(kPortOnline);
  BOOST_TEST_REQUIRE(bool(p), p.error);
  const auto j = ev::fc_json(*p.value, {});
  BOOST_TEST(j.at("event") == "fc_port_online");
  BOOST_TEST(j.at("port_id") == "0x010200");
  BOOST_TEST(!j.contains("wwpn"));  // host 5 unknown to this map
}

BOOST_AUTO_TEST_CASE(fc_malformed) {
  for (std::size_t n = 0; n < kLinkup.size(); ++n) {
    Msg m(kLinkup.begin(), kLinkup.begin() + static_cast<long>(n));
    if (m.size() >= 4) {
      put_u32(m, 0, static_cast<std::uint32_t>(m.size()));
    }
    const auto p = ev::parse_fc(m);
    BOOST_TEST(!p, "cut at " << n);
    BOOST_TEST(!p.ignored);
    BOOST_TEST(!p.error.empty());
  }
  auto m = kLinkup;
  m[16 + 2] = 0;  // magic
  BOOST_TEST(ev::parse_fc(m).error.find("magic") != std::string::npos);
  m = kLinkup;
  put_u16(m, 16 + 26, 64);  // event_datalen past the end
  BOOST_TEST(ev::parse_fc(m).error.find("event_datalen 64") != std::string::npos);
  m = kLinkup;
  m[4] = 0x12;  // another message type: ignored
  BOOST_TEST(ev::parse_fc(m).ignored);
  m = kLinkup;
  m[16 + 1] = 0;  // another transport: ignored
  BOOST_TEST(ev::parse_fc(m).ignored);
}

BOOST_AUTO_TEST_CASE(text_lines) {
  const auto p = sess(kLogout);
  BOOST_TEST_REQUIRE(bool(p));
  const auto t = ev::text_line(ev::sess_json(*p.value));
  BOOST_TEST(t.starts_with("2026-12-07T05:01:03.123Z sess_logout "), t);
  BOOST_TEST(t.find(" reason=logo") != std::string::npos, t);
  BOOST_TEST(t.find(" tpgt=1") != std::string::npos, t);
}

BOOST_AUTO_TEST_CASE(notifications) {
  const ev::HostMap hosts = {{5, "naa.21000024ff000001"}};
  auto line = ev::sess_json(*sess(kLogin).value);
  auto n = ev::notification(line);
  BOOST_TEST(n.at("notification") == "session_added");
  const json key = {{"fabric", "qla2xxx"},
                    {"wwn", "naa.21000024ff000001"},
                    {"tag", 1},
                    {"node_wwn", "naa.21000024ff000002"}};
  BOOST_TEST(n.at("params").at("key") == key);
  BOOST_TEST(n.at("params").at("session").at("nport_id") == "0x010200");
  BOOST_TEST(n.at("params").at("session").at("acl") == "naa.21000024ff000002");
  BOOST_TEST(n.at("params").at("event") == line);
  BOOST_TEST(!n.contains("id"));

  n = ev::notification(ev::sess_json(*sess(kLogout).value));
  BOOST_TEST(n.at("notification") == "session_removed");
  BOOST_TEST(n.at("params").at("key") == key);
  BOOST_TEST(n.at("params").at("reason") == "logo");

  n = ev::notification(ev::sess_json(*sess(kDenied).value));
  BOOST_TEST(n.at("notification") == "login_refused");
  BOOST_TEST(n.at("params").at("key").at("node_wwn") == "naa.21000024ff000003");
  BOOST_TEST(n.at("params").at("errno") == 13);

  n = ev::notification(ev::fc_json(*ev::parse_fc(kLinkup).value, hosts));
  BOOST_TEST(n.at("notification") == "port_changed");
  BOOST_TEST(n.at("params").at("host") == "host5");
  BOOST_TEST(n.at("params").at("wwn") == "naa.21000024ff000001");
  BOOST_TEST(n.at("params").at("port_state") == "Online");
  BOOST_TEST(n.at("params").at("speed") == "8 Gbit");
  n = ev::notification(ev::fc_json(*ev::parse_fc(kLinkdown).value, hosts));
  BOOST_TEST(n.at("params").at("port_state") == "Linkdown");
  n = ev::notification(ev::fc_json(*ev::parse_fc(kRscn).value, hosts));
  BOOST_TEST(n.at("notification") == "fabric_changed");
  BOOST_TEST(n.at("params").at("port_id") == "0x010300");
  n = ev::notification(ev::fc_json(*ev::parse_fc(kPortOnline).value, hosts));
  BOOST_TEST(n.at("notification") == "initiator_online");
  BOOST_TEST(n.at("params").at("port_id") == "0x010200");

  // Dump lines and markers are not notifications; resync is.
  BOOST_TEST(ev::notification(ev::sess_json(*sess(kSession).value)).is_null());
  BOOST_TEST(ev::notification(json{{"event", "synced"}, {"seq", 3}}).is_null());
  BOOST_TEST(ev::notification(json{{"event", "resync"}, {"source", "fc"}}).at("notification") ==
             "resync");
}

BOOST_AUTO_TEST_CASE(ports_from_sysfs) {
  // host5, a qla2xxx port (found as rtslib finds them: the device's driver link).
  namespace fs = std::filesystem;
  const qlat::test::TempDir tmp;
  const auto dev = tmp.path() + "/sys/devices/pci0000:00/0000:00:04.0";
  const auto fc = dev + "/host5/fc_host/host5";
  fs::create_directories(fc);
  fs::create_directories(tmp.path() + "/sys/bus/pci/drivers/qla2xxx");
  fs::create_directory_symlink(tmp.path() + "/sys/bus/pci/drivers/qla2xxx", dev + "/driver");
  std::ofstream(fc + "/port_name") << "0x21000024ff000001\n";
  std::ofstream(fc + "/port_state") << "Linkdown\n";
  std::ofstream(fc + "/speed") << "unknown\n";
  std::ofstream(fc + "/port_id") << "0x010100\n";
  fs::create_directories(tmp.path() + "/sys/class/fc_host");
  fs::create_directory_symlink(fc, tmp.path() + "/sys/class/fc_host/host5");
  const auto hosts = ev::host_map(tmp.path() + "/sys");
  BOOST_TEST_REQUIRE(hosts.size() == 1U);
  BOOST_TEST(hosts.at(5) == "naa.21000024ff000001");
  const auto ports = ev::port_states(tmp.path() + "/sys");
  BOOST_TEST_REQUIRE(ports.size() == 1U);
  BOOST_TEST(ev::port_json(ports[0]) ==
                 json::parse(R"({"event":"port","host":5,"wwpn":"naa.21000024ff000001",
                   "port_state":"Linkdown","speed":"unknown","port_id":"0x010100","dump":true})"),
             ev::port_json(ports[0]).dump());
  BOOST_TEST(ev::text_line(ev::port_json(ports[0])) ==
             "port dump=true host=5 port_id=0x010100 port_state=Linkdown speed=unknown "
             "wwpn=naa.21000024ff000001");
}
