// The shapes of qlatctl serve's protocol (qlat/serve_protocol.h): what each side writes is
// what the other reads, and the optional keys appear only when set.
#define BOOST_TEST_MODULE qlat_serve_protocol
#include <boost/test/unit_test.hpp>

#include "qlat/serve_protocol.h"

using nlohmann::json;
namespace serve = qlat::serve;

BOOST_AUTO_TEST_CASE(requests_leave_out_empty_params) {
  BOOST_TEST(serve::request(7, serve::kReadTree, nullptr).dump() ==
             R"({"id":7,"method":"read_tree"})");
  BOOST_TEST(
      serve::request(8, serve::kSetPortRole, serve::PortRoleParams{"host3", "target"}).dump() ==
      R"({"id":8,"method":"set_port_role","params":{"host":"host3",)"
      R"("role":"target"}})");
}

BOOST_AUTO_TEST_CASE(hello_lists_the_methods_of_its_version) {
  BOOST_TEST(serve::methods(1).size() == 10U);
  const auto m = serve::methods(2);
  BOOST_TEST(m.back() == serve::kUnsubscribe);
  const json h = serve::Hello{3, "1.0.0", "/sys/kernel/config/target", m};
  const auto back = h.get<serve::Hello>();
  BOOST_TEST(back.protocol == 3);
  BOOST_TEST(back.methods == m);
  BOOST_TEST(json::object().get<serve::Hello>().protocol == 0);
}

BOOST_AUTO_TEST_CASE(errors_carry_problems_and_more_keys) {
  serve::Error e{serve::kStale, "changed", {{"/targets/0", "gone"}}, {{"tree", 1}}};
  const json j = serve::error_answer(nullptr, e);
  BOOST_TEST(j.dump() == R"({"error":{"code":"stale","message":"changed","problems":)"
                         R"([{"path":"/targets/0","reason":"gone"}],"tree":1},"id":null,)"
                         R"("ok":false})");
  const auto back = j.at("error").get<serve::Error>();
  BOOST_TEST(back.problems.size() == 1U);
  BOOST_TEST(back.problems.front().reason == "gone");
  BOOST_TEST(back.extra == json({{"tree", 1}}));
  // No problems: no key.
  BOOST_TEST(!json(serve::make_error(serve::kFailed, "x")).contains("problems"));
}

BOOST_AUTO_TEST_CASE(ports_and_sessions_leave_out_what_is_unknown) {
  serve::PortInfo p;
  p.host = "host3";
  p.wwn = "naa.21000024ff000001";
  p.initiators = {{"naa.21000024ff0000aa", "0x010200"}};
  json j = p;
  BOOST_TEST(!j.contains("role"));
  BOOST_TEST(!j.contains("node_name"));
  BOOST_TEST(j.at("speed") == "");
  BOOST_TEST(j.get<serve::PortInfo>().initiators.front().port_id == "0x010200");

  serve::SessionInfo s;
  s.fabric = "qla2xxx";
  s.node_wwn = "naa.21000024ff000002";
  s.alias = "";  // an empty line of `info` is still a key
  j = s;
  BOOST_TEST(j.contains("alias"));
  BOOST_TEST(!j.contains("nport_id"));
  const auto back = j.get<serve::SessionInfo>();
  BOOST_TEST((back.alias && back.alias->empty()));
  BOOST_TEST(!back.state.has_value());
}

BOOST_AUTO_TEST_CASE(apply_outcomes_name_the_failure_only_when_failed) {
  serve::ApplyOutcome ok;
  ok.ok = true;
  ok.operations = ok.executed = 2;
  BOOST_TEST(json(ok).dump() == R"({"executed":2,"ok":true,"operations":2})");
  serve::ApplyOutcome bad;
  bad.operations = 4;
  bad.executed = 2;
  bad.failed_object = "x";
  bad.error = "EBUSY";
  bad.rolled_back = true;
  const auto back = json(bad).get<serve::ApplyOutcome>();
  BOOST_TEST(back.failure_text().starts_with("operation 3 of 4 failed (x): EBUSY"));
  BOOST_TEST(ok.failure_text().empty());
}

BOOST_AUTO_TEST_CASE(notifications_are_lines_without_an_id) {
  const auto line = serve::line(serve::Notification{serve::kSessionAdded, {{"key", 1}}});
  const auto n = serve::decode_notification(line);
  BOOST_TEST_REQUIRE(n.has_value());
  BOOST_TEST(n->name == serve::kSessionAdded);
  BOOST_TEST(serve::changes_sessions(n->name));
  BOOST_TEST(!serve::changes_sessions(serve::kUnsubscribed));
  BOOST_TEST(!serve::decode_notification(R"({"id":1,"notification":"resync"})"));
  BOOST_TEST(!serve::decode_notification("not json"));
}
