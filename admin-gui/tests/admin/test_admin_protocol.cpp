// qlat-admin's side of the qlatctl serve protocol against answers recorded from the real
// server (data/serve-recorded.jsonl, written by record-serve.py).
#include <fstream>
#include <string>

#include <QTest>

#include "connection/protocol.h"
#include "fakesan.h"

using nlohmann::json;
using namespace qlat::admin;
using qlat::Config;
using qlat::NodeAcl;
using qlat::StorageObject;
using qlat::Tpg;

// QCOMPARE does not take nlohmann::json (QTest's generic overloads collide with its
// conversions); this compares and prints both. The comparison is a function so that
// arguments such as reply(...).result.at("x"), references into a temporary, live through it.
inline std::string json_mismatch(const json& a, const json& b) {
  return a == b ? std::string() : (a.dump() + "\n   != " + b.dump()).substr(0, 2000);
}
#define JSON_EQ(a, b)                                \
  do {                                               \
    const std::string jm_ = json_mismatch((a), (b)); \
    QVERIFY2(jm_.empty(), jm_.c_str());              \
  } while (false)

namespace {

/// The recorded answer to request `id` (1-based); the last line is the bad-JSON answer.
std::vector<std::string> recorded() {
  std::ifstream in(qlat::test::source_dir() + "/admin-gui/tests/data/serve-recorded.jsonl");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    out.push_back(json::parse(line).at("response").get<std::string>());
  }
  return out;
}

protocol::Reply reply(const std::string& line) {
  std::string err;
  auto r = protocol::decode_reply(line, &err);
  if (!r) {
    qFatal("cannot decode %s: %s", line.c_str(), err.c_str());
  }
  return *r;
}

}  // namespace

class TestProtocol : public QObject {
  Q_OBJECT
 private slots:
  void requests_are_method_and_params() {
    const auto a = json::parse(protocol::encode_request(7, "read_tree", nullptr));
    JSON_EQ(a, json::parse(R"({"id": 7, "method": "read_tree"})"));
    const auto b = json::parse(
        protocol::encode_request(8, protocol::kEnableTpg, protocol::tpg_params(qlat::test::kPort)));
    JSON_EQ(b, json::parse(R"({"id": 8, "method": "enable_tpg",
        "params": {"fabric": "qla2xxx", "wwn": "naa.21000024ff000001", "tag": 1}})"));
    const auto c = json::parse(protocol::encode_request(
        9, protocol::kSetPortRole, protocol::port_role_params("host3", "target")));
    JSON_EQ(c.at("params"), json::parse(R"({"host": "host3", "role": "target"})"));
    QVERIFY(!c.contains("verb"));
  }

  void hello_checks_the_version() {
    const auto r = reply(recorded().at(0));
    QVERIFY(r.ok);
    JSON_EQ(r.id, json(1));
    std::string err;
    const auto h = protocol::parse_hello(r.result, &err);
    QVERIFY2(h.has_value(), err.c_str());
    QCOMPARE(h->protocol, 3);
    QVERIFY(std::find(h->methods.begin(), h->methods.end(), "set_port_role") != h->methods.end());
    // A server of version 2 (no digests) is refused.
    auto v2 = r.result;
    v2["protocol"] = 2;
    QVERIFY(!protocol::parse_hello(v2, &err));
    QVERIFY2(err.find("protocol version 2") != std::string::npos, err.c_str());
    QVERIFY(!protocol::parse_hello(json::object(), &err));
  }

  void read_tree_is_the_saveconfig_document() {
    std::string err;
    const auto tree = protocol::parse_tree(reply(recorded().at(1)).result, &err);
    QVERIFY2(tree.has_value(), err.c_str());
    QVERIFY(tree->digest.starts_with("sha256:"));
    QCOMPARE(tree->digest.size(), std::size_t{71});
    const auto* c = &tree->config;
    QCOMPARE(c->storage_objects.size(), std::size_t{4});
    const Tpg* tpg = c->fc_tpg(qlat::test::kPort);
    QVERIFY(tpg != nullptr);
    QCOMPARE(tpg->luns.size(), std::size_t{2});
    QVERIFY(tpg->find_acl(qlat::test::kAclInitiator) != nullptr);
    // Everything the GUI does not type survives a round trip.
    const auto back = json(*c);
    JSON_EQ(back.at("storage_objects"),
            reply(recorded().at(1)).result.at("config").at("storage_objects"));
    QVERIFY(!protocol::parse_tree(reply(recorded().at(1)).result.at("config"), &err));
  }

  void ports_and_sessions() {
    const auto rec = recorded();
    std::string err;
    const auto ports = protocol::parse_ports(reply(rec.at(2)).result, &err);
    QVERIFY2(ports.has_value(), err.c_str());
    QCOMPARE(ports->size(), std::size_t{1});
    const Port& p = ports->front();
    QCOMPARE(p.wwpn, std::string(qlat::test::kPort));
    QCOMPARE(p.wwnn, std::string("naa.20000024ff000001"));
    QCOMPARE(p.host, std::string("host3"));
    QCOMPARE(p.role, std::string("target"));
    QCOMPARE(p.link_state, std::string("Online"));
    QCOMPARE(p.speed, std::string("8 Gbit"));
    // Without qlat's role file the role comes from fc_host's roles.
    auto upstream = reply(rec.at(2)).result;
    upstream[0].erase("role");
    upstream[0]["roles"] = "FCP Initiator, FCP Target";
    QCOMPARE(protocol::parse_ports(upstream, &err)->front().role, std::string("both"));

    const auto sessions =
        protocol::parse_sessions(reply(rec.at(2)).result, reply(rec.at(3)).result, &err);
    QVERIFY2(sessions.has_value(), err.c_str());
    QCOMPARE(sessions->size(), std::size_t{2});
    // The logged-in initiator without an ACL (from list_ports) ...
    QCOMPARE(sessions->at(0).initiator_wwpn, std::string(qlat::test::kLoggedIn));
    QCOMPARE(sessions->at(0).nport_id, std::string("0x010200"));
    QVERIFY(!sessions->at(0).lio_session);
    // ... and the ACL's LIO session (from list_sessions).
    QCOMPARE(sessions->at(1).initiator_wwpn, std::string(qlat::test::kAclInitiator));
    QCOMPARE(sessions->at(1).port_wwpn, std::string(qlat::test::kPort));
    QCOMPARE(sessions->at(1).nport_id, std::string("0x010100"));
    QVERIFY(sessions->at(1).lio_session);
    QVERIFY(!protocol::parse_ports(json::object(), &err));
  }

  void plan_apply_save() {
    const auto rec = recorded();
    std::string err;
    const auto ops = protocol::parse_plan(reply(rec.at(4)).result, &err);
    QVERIFY2(ops.has_value(), err.c_str());
    QCOMPARE(ops->size(), std::size_t{1});
    QCOMPARE(ops->front().object, std::string("/backstores/ramdisk/r9"));
    QCOMPARE(ops->front().preview,
             std::string("create storage object /backstores/ramdisk/r9 (8388608 bytes)"));
    QVERIFY(!protocol::parse_plan(json::array(), &err));

    const auto invalid = reply(rec.at(5));
    QVERIFY(!invalid.ok);
    QCOMPARE(invalid.code, std::string("invalid_config"));
    QCOMPARE(invalid.problems.size(), std::size_t{1});
    QVERIFY(invalid.error_text().find("/storage_objects/0/name: ") != std::string::npos);

    const auto disabled = protocol::parse_apply(reply(rec.at(6)).result, &err);
    QVERIFY2(disabled.has_value(), err.c_str());
    QVERIFY(disabled->ok);
    QCOMPARE(disabled->executed, std::size_t{1});
    const auto failed = protocol::parse_apply(
        json::parse(R"({"ok": false, "operations": 4, "executed": 2, "failed_object": "x",
                        "error": "EBUSY", "rolled_back": true, "rollback_errors": []})"),
        &err);
    QVERIFY(failed && !failed->ok);
    QVERIFY(failed->failure_text().find("operation 3 of 4 failed (x): EBUSY") == 0);

    QCOMPARE(reply(rec.at(7)).code, std::string("bad_request"));
    JSON_EQ(reply(rec.at(8)).result.at("role"), json("both"));
    QCOMPARE(*protocol::parse_save(reply(rec.at(9)).result, &err), std::string("@TMP@/saved.json"));
    QCOMPARE(reply(rec.at(10)).code, std::string("unknown_method"));
    // Edits against the tree before disable_tpg: stale, with the current tree (TPG disabled).
    const auto stale = reply(rec.at(11));
    QCOMPARE(stale.code, std::string(protocol::kStale));
    const auto now = protocol::parse_stale(stale.error, &err);
    QVERIFY2(now.has_value(), err.c_str());
    QVERIFY(now->digest != protocol::parse_tree(reply(rec.at(1)).result, &err)->digest);
    QVERIFY(!now->config.fc_tpg(qlat::test::kPort)->enable);
    QVERIFY(!protocol::parse_stale(json::object(), &err));
    // The plan names the tree it was made against.
    JSON_EQ(reply(rec.at(4)).result.at("digest"),
            json(protocol::parse_tree(reply(rec.at(1)).result, &err)->digest));
    const auto bad = reply(rec.at(12));
    QVERIFY(bad.id.is_null());
    QCOMPARE(bad.code, std::string("bad_json"));
  }

  void malformed_answers_are_errors() {
    std::string err;
    QVERIFY(!protocol::decode_reply("not json", &err));
    QVERIFY(!protocol::decode_reply(R"({"message": "progress"})", &err));
    QVERIFY(!protocol::decode_reply(R"({"id": 1, "ok": true})", &err));
    QVERIFY(!protocol::decode_reply(R"({"id": 1, "ok": false, "error": "text"})", &err));
    QVERIFY2(err.find("error object") != std::string::npos, err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "test_admin_protocol.moc"
