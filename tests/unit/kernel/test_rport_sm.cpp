// The remote-port state machine's transition table, checked exhaustively.
#define BOOST_TEST_MODULE qla_rport_sm
#include <boost/test/unit_test.hpp>

#include <map>
#include <utility>

#include "vec.hpp"

using S = qla_rp_state;
using E = qla_rp_event;

static const std::map<std::pair<S, E>, S> expected = {
    {{QLA_RP_NEW, QLA_RPE_FOUND}, QLA_RP_LOGIN},
    {{QLA_RP_NEW, QLA_RPE_PEER_LOGIN}, QLA_RP_GPDB},
    {{QLA_RP_NEW, QLA_RPE_GONE}, QLA_RP_DELETED},
    {{QLA_RP_NEW, QLA_RPE_LINK_DOWN}, QLA_RP_DELETED},
    {{QLA_RP_NEW, QLA_RPE_REMOVE}, QLA_RP_DELETED},
    {{QLA_RP_LOGIN, QLA_RPE_LOGIN_OK}, QLA_RP_GPDB},
    {{QLA_RP_LOGIN, QLA_RPE_LOGIN_FAIL}, QLA_RP_RETRY},
    {{QLA_RP_LOGIN, QLA_RPE_LINK_DOWN}, QLA_RP_LOST},
    {{QLA_RP_LOGIN, QLA_RPE_REMOVE}, QLA_RP_DELETED},
    {{QLA_RP_GPDB, QLA_RPE_GPDB_OK}, QLA_RP_ONLINE},
    {{QLA_RP_GPDB, QLA_RPE_GPDB_FAIL}, QLA_RP_RETRY},
    {{QLA_RP_GPDB, QLA_RPE_LINK_DOWN}, QLA_RP_LOST},
    {{QLA_RP_GPDB, QLA_RPE_REMOVE}, QLA_RP_DELETED},
    {{QLA_RP_ONLINE, QLA_RPE_FOUND}, QLA_RP_ONLINE},
    {{QLA_RP_ONLINE, QLA_RPE_PEER_LOGIN}, QLA_RP_ONLINE},
    {{QLA_RP_ONLINE, QLA_RPE_GONE}, QLA_RP_LOST},
    {{QLA_RP_ONLINE, QLA_RPE_PEER_LOGO}, QLA_RP_LOST},
    {{QLA_RP_ONLINE, QLA_RPE_LINK_DOWN}, QLA_RP_LOST},
    {{QLA_RP_ONLINE, QLA_RPE_REMOVE}, QLA_RP_DELETED},
    {{QLA_RP_RETRY, QLA_RPE_RETRY_TIMER}, QLA_RP_LOGIN},
    {{QLA_RP_RETRY, QLA_RPE_PEER_LOGIN}, QLA_RP_GPDB},
    {{QLA_RP_RETRY, QLA_RPE_GIVE_UP}, QLA_RP_LOST},
    {{QLA_RP_RETRY, QLA_RPE_GONE}, QLA_RP_LOST},
    {{QLA_RP_RETRY, QLA_RPE_LINK_DOWN}, QLA_RP_LOST},
    {{QLA_RP_RETRY, QLA_RPE_REMOVE}, QLA_RP_DELETED},
    {{QLA_RP_LOST, QLA_RPE_FOUND}, QLA_RP_LOGIN},
    {{QLA_RP_LOST, QLA_RPE_PEER_LOGIN}, QLA_RP_GPDB},
    {{QLA_RP_LOST, QLA_RPE_GONE}, QLA_RP_LOST},
    {{QLA_RP_LOST, QLA_RPE_PEER_LOGO}, QLA_RP_LOST},
    {{QLA_RP_LOST, QLA_RPE_LINK_DOWN}, QLA_RP_LOST},
    {{QLA_RP_LOST, QLA_RPE_DEV_LOSS}, QLA_RP_DELETED},
    {{QLA_RP_LOST, QLA_RPE_REMOVE}, QLA_RP_DELETED},
};

BOOST_AUTO_TEST_CASE(whole_table) {
  for (int s = 0; s < QLA_RP_NR_STATES; s++) {
    for (int e = 0; e < QLA_RPE_NR_EVENTS; e++) {
      auto it = expected.find({(S)s, (E)e});
      S want = it == expected.end() ? QLA_RP_INVALID : it->second;
      BOOST_TEST_CONTEXT(qla_rp_state_name((S)s) << " + " << qla_rp_event_name((E)e)) {
        BOOST_TEST(qla_rp_next((S)s, (E)e) == want);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(deleted_is_terminal_and_bounds) {
  for (int e = 0; e < QLA_RPE_NR_EVENTS; e++)
    BOOST_TEST(qla_rp_next(QLA_RP_DELETED, (E)e) == QLA_RP_INVALID);
  BOOST_TEST(qla_rp_next(QLA_RP_INVALID, QLA_RPE_FOUND) == QLA_RP_INVALID);
  BOOST_TEST(qla_rp_next(QLA_RP_NEW, QLA_RPE_NR_EVENTS) == QLA_RP_INVALID);
}

BOOST_AUTO_TEST_CASE(a_login_with_one_dropped_plogi) {
  S s = QLA_RP_NEW;
  for (E e :
       {QLA_RPE_FOUND, QLA_RPE_LOGIN_FAIL, QLA_RPE_RETRY_TIMER, QLA_RPE_LOGIN_OK, QLA_RPE_GPDB_OK})
    s = qla_rp_next(s, e);
  BOOST_TEST(s == QLA_RP_ONLINE);
  s = qla_rp_next(s, QLA_RPE_LINK_DOWN);
  BOOST_TEST(s == QLA_RP_LOST);
  s = qla_rp_next(s, QLA_RPE_DEV_LOSS);
  BOOST_TEST(s == QLA_RP_DELETED);
}

BOOST_AUTO_TEST_CASE(names) {
  BOOST_TEST(std::string(qla_rp_state_name(QLA_RP_ONLINE)) == "online");
  BOOST_TEST(std::string(qla_rp_event_name(QLA_RPE_DEV_LOSS)) == "dev_loss");
  BOOST_TEST(std::string(qla_rp_state_name((S)99)) == "?");
}
