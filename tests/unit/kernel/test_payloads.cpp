// Name server (CT) and ELS payload builders and parsers (big-endian wire).
#define BOOST_TEST_MODULE qla_payloads
#include <boost/test/unit_test.hpp>

#include "vec.hpp"

BOOST_AUTO_TEST_CASE(gpn_ft_request_and_accept) {
  std::uint8_t buf[256];
  BOOST_TEST(qla_ct_build_gpn_ft(buf, sizeof(buf), FC_TYPE_FCP) == 20u);
  auto want = vec(20, {{0, {0x01, 0, 0, 0, 0xfc, 0x02, 0, 0, 0x01, 0x72}}, {19, {0x08}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 20) == want);
  std::uint16_t cmd;
  std::uint32_t pid;
  std::uint8_t type, feat;
  BOOST_TEST(qla_ct_parse_req(buf, 20, &cmd, &pid, &type, &feat) == 0);
  BOOST_TEST(cmd == CT_CMD_GPN_FT);
  BOOST_TEST(type == FC_TYPE_FCP);

  auto acc = vec(48, {{0, {0x01, 0, 0, 0, 0xfc, 0x02, 0, 0, 0x80, 0x02}},
                      {17, {0x01, 0x01, 0x00}},
                      {24, {0x21, 0, 0, 0x24, 0xff, 0, 0, 0x01}},
                      {32, {0x80, 0x01, 0x02, 0x00}},
                      {40, {0x21, 0, 0, 0x24, 0xff, 0, 0, 0x02}}});
  std::uint8_t out[48];
  BOOST_TEST(qla_ct_build_rsp(out, 48, CT_ACCEPT, 0) == 16u);
  BOOST_TEST(qla_ct_gpn_ft_add(out, 48, 0, 0x010100, 0x21000024ff000001ULL, false) == 32u);
  BOOST_TEST(qla_ct_gpn_ft_add(out, 48, 1, 0x010200, 0x21000024ff000002ULL, true) == 48u);
  BOOST_TEST(std::vector<std::uint8_t>(out, out + 48) == acc);
  qla_gpn_ft_port ports[4];
  BOOST_TEST(qla_ct_parse_gpn_ft(acc.data(), 48, ports, 4) == 2);
  BOOST_TEST(ports[1].port_id == 0x010200u);
  BOOST_TEST(ports[1].port_name == 0x21000024ff000002ULL);
  // truncated: no last-entry mark within the buffer
  BOOST_TEST(qla_ct_parse_gpn_ft(acc.data(), 40, ports, 4) == -EINVAL);
  acc[8] = 0x80;
  acc[9] = 0x01;
  BOOST_TEST(qla_ct_parse_gpn_ft(acc.data(), 48, ports, 4) == -EIO);
}

BOOST_AUTO_TEST_CASE(rft_id_and_rff_id) {
  std::uint8_t buf[64];
  BOOST_TEST(qla_ct_build_rft_id(buf, sizeof(buf), 0x010100, FC_TYPE_FCP) == 52u);
  auto want = vec(
      52,
      {{0, {0x01, 0, 0, 0, 0xfc, 0x02, 0, 0, 0x02, 0x17}}, {17, {0x01, 0x01, 0x00}}, {22, {0x01}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 52) == want);
  std::uint16_t cmd;
  std::uint32_t pid;
  std::uint8_t type, feat;
  BOOST_TEST(qla_ct_parse_req(buf, 52, &cmd, &pid, &type, &feat) == 0);
  BOOST_TEST(cmd == CT_CMD_RFT_ID);
  BOOST_TEST(pid == 0x010100u);
  BOOST_TEST(type == FC_TYPE_FCP);

  BOOST_TEST(qla_ct_build_rff_id(buf, sizeof(buf), 0x010100, FC4_FEATURE_INITIATOR, FC_TYPE_FCP) ==
             24u);
  auto want2 = vec(24, {{0, {0x01, 0, 0, 0, 0xfc, 0x02, 0, 0, 0x02, 0x1f}},
                        {17, {0x01, 0x01, 0x00}},
                        {22, {0x02, 0x08}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 24) == want2);
  BOOST_TEST(qla_ct_parse_req(buf, 24, &cmd, &pid, &type, &feat) == 0);
  BOOST_TEST(feat == FC4_FEATURE_INITIATOR);
  BOOST_TEST(qla_ct_rsp_code(buf, 24) == CT_CMD_RFF_ID);
  BOOST_TEST(qla_ct_build_rff_id(buf, 20, 0, 0, 0) == 0u);
}

BOOST_AUTO_TEST_CASE(plogi_prli_logo_rscn) {
  std::uint8_t buf[128];
  BOOST_TEST(qla_els_build_plogi(buf, sizeof(buf), ELS_PLOGI, 0x21000024ff000001ULL,
                                 0x20000024ff000001ULL) == 116u);
  BOOST_TEST(buf[0] == 0x03);
  BOOST_TEST(buf[20] == 0x21);
  BOOST_TEST(buf[27] == 0x01);
  BOOST_TEST(buf[28] == 0x20);
  std::uint64_t p, n;
  BOOST_TEST(qla_els_parse_plogi(buf, 116, &p, &n) == ELS_PLOGI);
  BOOST_TEST(p == 0x21000024ff000001ULL);
  BOOST_TEST(n == 0x20000024ff000001ULL);
  BOOST_TEST(qla_els_parse_plogi(buf, 100, &p, &n) == -EINVAL);

  BOOST_TEST(qla_els_build_prli(buf, sizeof(buf), ELS_PRLI,
                                PRLI_WD3_INITIATOR | PRLI_WD3_READ_XFER_RDY_DIS) == 20u);
  auto want = vec(20, {{0, {0x20, 0x10, 0x00, 0x14, 0x08, 0x00, 0x20}}, {19, {0x22}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 20) == want);
  std::uint32_t wd3;
  BOOST_TEST(qla_els_parse_prli(buf, 20, &wd3) == ELS_PRLI);
  BOOST_TEST(wd3 == (std::uint32_t)(PRLI_WD3_INITIATOR | PRLI_WD3_READ_XFER_RDY_DIS));
  qla_els_build_prli(buf, sizeof(buf), ELS_LS_ACC, PRLI_WD3_TARGET);
  BOOST_TEST(buf[6] == 0x21);
  BOOST_TEST(qla_els_parse_prli(buf, 20, &wd3) == ELS_LS_ACC);
  BOOST_TEST(wd3 == (std::uint32_t)PRLI_WD3_TARGET);

  BOOST_TEST(qla_els_build_logo(buf, sizeof(buf), 0x010200, 0x21000024ff000002ULL) == 16u);
  auto want_logo =
      vec(16, {{0, {0x05}}, {5, {0x01, 0x02, 0x00}}, {8, {0x21, 0, 0, 0x24, 0xff, 0, 0, 0x02}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 16) == want_logo);
  std::uint32_t pid;
  BOOST_TEST(qla_els_parse_logo(buf, 16, &pid, &p) == 0);
  BOOST_TEST(pid == 0x010200u);

  std::uint8_t fmt = 0xff;
  BOOST_TEST(qla_els_build_rscn(buf, sizeof(buf), 0x010300, RSCN_FMT_PORT) == 8u);
  auto want_rscn = vec(8, {{0, {0x61, 0x04, 0x00, 0x08, 0x00, 0x01, 0x03, 0x00}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 8) == want_rscn);
  BOOST_TEST(qla_els_parse_rscn(buf, 8, &pid, &fmt) == 0);
  BOOST_TEST(pid == 0x010300u);
  BOOST_TEST(fmt == RSCN_FMT_PORT);
  // an area-format page: address format in bits 1:0 of the page's byte 0
  BOOST_TEST(qla_els_build_rscn(buf, sizeof(buf), 0x010300, RSCN_FMT_AREA) == 8u);
  BOOST_TEST(buf[4] == 0x01);
  buf[4] |= 0x3c;  // an event qualifier does not change the format
  BOOST_TEST(qla_els_parse_rscn(buf, 8, &pid, &fmt) == 0);
  BOOST_TEST(fmt == RSCN_FMT_AREA);
  buf[0] = ELS_LOGO;
  BOOST_TEST(qla_els_parse_rscn(buf, 8, &pid, &fmt) == -EINVAL);

  // SCR: the registration function in byte 7
  BOOST_TEST(qla_els_build_scr(buf, sizeof(buf), SCR_FUNC_FULL) == 8u);
  auto want_scr = vec(8, {{0, {0x62, 0, 0, 0, 0, 0, 0, 0x03}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 8) == want_scr);
  std::uint8_t fn = 0;
  BOOST_TEST(qla_els_parse_scr(buf, 8, &fn) == 0);
  BOOST_TEST(fn == SCR_FUNC_FULL);
  BOOST_TEST(qla_els_parse_scr(buf, 4, &fn) == -EINVAL);
  BOOST_TEST(qla_els_build_scr(buf, 4, SCR_FUNC_FULL) == 0u);
}

BOOST_AUTO_TEST_CASE(ct_unknown_command_and_short_buffers) {
  std::uint8_t buf[32];
  BOOST_TEST(qla_ct_build_rsp(buf, sizeof(buf), CT_CMD_RSPN_ID, 0) == 16u);
  buf[16] = buf[17] = buf[18] = buf[19] = 0;
  std::uint16_t cmd;
  std::uint32_t pid;
  std::uint8_t type, feat;
  BOOST_TEST(qla_ct_parse_req(buf, 20, &cmd, &pid, &type, &feat) == -EOPNOTSUPP);
  BOOST_TEST(qla_ct_parse_req(buf, 10, &cmd, &pid, &type, &feat) == -EINVAL);
  BOOST_TEST(qla_ct_build_gpn_ft(buf, 19, FC_TYPE_FCP) == 0u);
  BOOST_TEST(qla_ct_rsp_code(buf, 8) == -EINVAL);
  BOOST_TEST(qla_els_build_plogi(buf, sizeof(buf), ELS_PLOGI, 1, 2) == 0u);
  BOOST_TEST(qla_els_build_rscn(buf, 4, 0, RSCN_FMT_PORT) == 0u);
}
