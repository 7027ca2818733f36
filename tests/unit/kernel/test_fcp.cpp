// FCP information units (FCP_CMND, FCP_XFER_RDY, FCP_RSP): builders and parsers.
#define BOOST_TEST_MODULE qla_fcp
#include <boost/test/unit_test.hpp>

#include <cstring>

#include "vec.hpp"

BOOST_AUTO_TEST_CASE(fcp_cmnd_round_trip) {
  qla_fcp_cmnd_iu c{};
  c.lun[1] = 3;
  c.task_attr = 2;
  c.rw = FCP_CMND_RDDATA;
  c.cdb[0] = 0x28;
  c.cdb[8] = 8;
  c.fcp_dl = 4096;
  std::uint8_t buf[FCP_CMND_LEN];
  BOOST_TEST(qla_fcp_build_cmnd(buf, sizeof(buf), &c) == 32u);
  auto want = vec(32, {{1, {3}}, {9, {2, 0, 2}}, {12, {0x28}}, {20, {8}}, {28, {0, 0, 0x10, 0}}});
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 32) == want);
  qla_fcp_cmnd_iu p{};
  BOOST_TEST(qla_fcp_parse_cmnd(buf, 32, &p) == 0);
  BOOST_TEST(p.fcp_dl == 4096u);
  BOOST_TEST(p.rw == FCP_CMND_RDDATA);
  BOOST_TEST(p.task_attr == 2);
  BOOST_TEST(std::memcmp(p.cdb, c.cdb, 16) == 0);
  // too short, or additional CDB bytes the IU does not hold: malformed
  BOOST_TEST(qla_fcp_parse_cmnd(buf, 31, &p) == -EINVAL);
  buf[11] |= 0x04;
  BOOST_TEST(qla_fcp_parse_cmnd(buf, 32, &p) == -EINVAL);
  BOOST_TEST(qla_fcp_build_cmnd(buf, 16, &c) == 0u);
}

BOOST_AUTO_TEST_CASE(fcp_cmnd_additional_cdb) {
  // WRITE SAME(32): 16 more CDB bytes (4 words) before FCP_DL
  qla_fcp_cmnd_iu c{};
  c.rw = FCP_CMND_WRDATA;
  c.add_cdb_len = 4;
  c.cdb[0] = 0x7f;
  c.cdb[7] = 0x18;
  c.cdb[9] = 0x0d;
  c.cdb[31] = 0x10;
  c.fcp_dl = 512;
  std::uint8_t buf[FCP_CMND_MAX_LEN];
  BOOST_TEST(qla_fcp_build_cmnd(buf, 47, &c) == 0u);
  BOOST_TEST(qla_fcp_build_cmnd(buf, sizeof(buf), &c) == 48u);
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 48) == vec(48, {{11, {0x11, 0x7f}},
                                                                  {19, {0x18, 0x00, 0x0d}},
                                                                  {43, {0x10}},
                                                                  {44, {0x00, 0x00, 0x02, 0x00}}}));
  qla_fcp_cmnd_iu p{};
  BOOST_TEST(qla_fcp_parse_cmnd(buf, 47, &p) == -EINVAL);
  BOOST_TEST(qla_fcp_parse_cmnd(buf, 48, &p) == 0);
  BOOST_TEST(p.add_cdb_len == 4);
  BOOST_TEST(p.rw == FCP_CMND_WRDATA);
  BOOST_TEST(p.cdb[31] == 0x10);
  BOOST_TEST(p.fcp_dl == 512u);
}

BOOST_AUTO_TEST_CASE(fcp_xfer_rdy) {
  std::uint8_t buf[FCP_XFER_RDY_LEN];
  BOOST_TEST(qla_fcp_build_xfer_rdy(buf, sizeof(buf), 0x10000, 0x2000) == 12u);
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 12) ==
             vec(12, {{0, {0, 1, 0, 0, 0, 0, 0x20, 0}}}));
  std::uint32_t off, burst;
  BOOST_TEST(qla_fcp_parse_xfer_rdy(buf, 12, &off, &burst) == 0);
  BOOST_TEST(off == 0x10000u);
  BOOST_TEST(burst == 0x2000u);
  BOOST_TEST(qla_fcp_parse_xfer_rdy(buf, 11, &off, &burst) == -EINVAL);
}

BOOST_AUTO_TEST_CASE(fcp_rsp_with_sense_and_residual) {
  qla_fcp_rsp_iu r{};
  r.flags = FCP_SNS_LEN_VAL | FCP_RESID_UNDER;
  r.scsi_status = 0x02;
  r.resid = 512;
  r.sense_len = 18;
  r.sense[0] = 0x70;
  r.sense[2] = 0x07;  // DATA PROTECT
  std::uint8_t buf[FCP_RSP_HDR_LEN + FCP_RSP_MAX_SENSE];
  BOOST_TEST(qla_fcp_build_rsp(buf, sizeof(buf), &r) == 42u);
  BOOST_TEST(buf[10] == (FCP_SNS_LEN_VAL | FCP_RESID_UNDER));
  BOOST_TEST(buf[11] == 0x02);
  BOOST_TEST(buf[14] == 0x02);  // resid 0x200, big-endian
  BOOST_TEST(buf[19] == 18);
  qla_fcp_rsp_iu p{};
  BOOST_TEST(qla_fcp_parse_rsp(buf, 42, &p) == 0);
  BOOST_TEST(p.resid == 512u);
  BOOST_TEST(p.sense_len == 18u);
  BOOST_TEST(p.sense[2] == 0x07);
  // the sense length is clipped to what the frame holds
  BOOST_TEST(qla_fcp_parse_rsp(buf, 30, &p) == 0);
  BOOST_TEST(p.sense_len == 6u);
  BOOST_TEST(qla_fcp_parse_rsp(buf, 23, &p) == -EINVAL);
  // good status, no sense: the 24-byte header only
  qla_fcp_rsp_iu g{};
  BOOST_TEST(qla_fcp_build_rsp(buf, sizeof(buf), &g) == 24u);
  BOOST_TEST(qla_fcp_parse_rsp(buf, 24, &p) == 0);
  BOOST_TEST(p.scsi_status == 0);
  BOOST_TEST(p.sense_len == 0u);
}

BOOST_AUTO_TEST_CASE(fcp_task_management_and_response_info) {
  qla_fcp_cmnd_iu c{};
  c.lun[1] = 2;
  c.tmf = FCP_TMF_LUN_RESET;
  std::uint8_t cmnd[FCP_CMND_LEN];
  BOOST_TEST(qla_fcp_build_cmnd(cmnd, sizeof(cmnd), &c) == 32u);
  BOOST_TEST(cmnd[10] == FCP_TMF_LUN_RESET);
  qla_fcp_cmnd_iu pc{};
  BOOST_TEST(qla_fcp_parse_cmnd(cmnd, 32, &pc) == 0);
  BOOST_TEST(pc.tmf == FCP_TMF_LUN_RESET);

  // the answer: FCP_RSP_INFO of 8 bytes, RSP_CODE in its fourth byte
  qla_fcp_rsp_iu r{};
  r.flags = FCP_RSP_LEN_VAL;
  r.rsp_code = FCP_RSP_TMF_REJECTED;
  std::uint8_t buf[FCP_RSP_HDR_LEN + FCP_RSP_INFO_LEN + FCP_RSP_MAX_SENSE];
  BOOST_TEST(qla_fcp_build_rsp(buf, sizeof(buf), &r) == 32u);
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 32) ==
             vec(32, {{10, {FCP_RSP_LEN_VAL}}, {23, {8}}, {27, {FCP_RSP_TMF_REJECTED}}}));
  qla_fcp_rsp_iu p{};
  BOOST_TEST(qla_fcp_parse_rsp(buf, 32, &p) == 0);
  BOOST_TEST(p.rsp_code == FCP_RSP_TMF_REJECTED);
  // response info longer than the frame, or shorter than 4 bytes: malformed
  BOOST_TEST(qla_fcp_parse_rsp(buf, 28, &p) == -EINVAL);
  buf[23] = 2;
  BOOST_TEST(qla_fcp_parse_rsp(buf, 32, &p) == -EINVAL);
  // sense after the response info
  r.flags = FCP_RSP_LEN_VAL | FCP_SNS_LEN_VAL;
  r.sense_len = 2;
  r.sense[0] = 0x70;
  r.sense[1] = 0x11;
  BOOST_TEST(qla_fcp_build_rsp(buf, sizeof(buf), &r) == 34u);
  BOOST_TEST(qla_fcp_parse_rsp(buf, 34, &p) == 0);
  BOOST_TEST(p.sense_len == 2u);
  BOOST_TEST(p.sense[1] == 0x11);
}
