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

// ---- scatter-gather: the command's one in-line DSD, then continuation
// type 1 entries (0x0a) of five DSDs each on the request ring ----

namespace {

// Segment i: address 0x1_000i_0000 + 0x10000, length 0x200 + i.
qla_seg seg_n(unsigned i) {
  return {0x100000000ULL + 0x10000ULL * (i + 1), 0x200u + i};
}

// Its DSD as the firmware reads it: address low, address high, length.
std::vector<std::uint8_t> dsd_n(unsigned i) {
  return {0x00, 0x00, std::uint8_t(i + 1), 0x00, 0x01, 0x00,
          0x00, 0x00, std::uint8_t(i),     0x02, 0x00, 0x00};
}

std::vector<qla_seg> segs(unsigned n) {
  std::vector<qla_seg> v;
  for (unsigned i = 0; i < n; i++) v.push_back(seg_n(i));
  return v;
}

// A read command type 7 with n segments (the first in-line).
qla_cmd7 cmd7_with(unsigned n) {
  qla_cmd7_desc d{};
  d.handle = 0x00010005;
  d.nport_handle = 0x0081;
  d.port_id = 0x010203;
  d.cdb[0] = 0x28;
  d.tmf_flags = CMD7_TMF_READ_DATA;
  d.byte_count = 0x10000;
  d.dseg_count = n;
  if (n) {
    d.dsd_addr = seg_n(0).addr;
    d.dsd_len = seg_n(0).len;
  }
  qla_cmd7 p;
  qla_build_cmd7(&p, &d);
  return p;
}

// The command entry's bytes, with its entry_count and segment count.
std::vector<std::uint8_t> cmd7_bytes(std::uint8_t entries, std::uint8_t n) {
  auto v = iocb({{0, {0x18, entries}},
                 {4, {0x05, 0x00, 0x01, 0x00}},
                 {8, {0x81, 0x00, 0x00, 0x00, n, 0x00}},
                 {24, {0x02, 0x00}},
                 {31, {0x28}},
                 {44, {0x00, 0x00, 0x01, 0x00}},
                 {48, {0x03, 0x02, 0x01}}});
  if (n) {
    auto d = dsd_n(0);
    std::memcpy(v.data() + 52, d.data(), d.size());
  }
  return v;
}

// A continuation holding segments first..first+count-1.
std::vector<std::uint8_t> cont_bytes(unsigned first, unsigned count) {
  auto v = iocb({{0, {0x0a, 0x01}}});
  for (unsigned i = 0; i < count; i++) {
    auto d = dsd_n(first + i);
    std::memcpy(v.data() + 4 + 12 * i, d.data(), d.size());
  }
  return v;
}

using Ring = std::vector<std::uint8_t>;

Ring ring_entry(const Ring& ring, unsigned i) {
  return Ring(ring.begin() + i * QLA_IOCB_SIZE, ring.begin() + (i + 1) * QLA_IOCB_SIZE);
}

}  // namespace

BOOST_AUTO_TEST_CASE(sg_entry_count_as_upstream) {
  // one command for up to one segment, then one more entry per five
  BOOST_TEST(qla_iocb_entries(0) == 1u);
  BOOST_TEST(qla_iocb_entries(1) == 1u);
  BOOST_TEST(qla_iocb_entries(2) == 2u);
  BOOST_TEST(qla_iocb_entries(6) == 2u);
  BOOST_TEST(qla_iocb_entries(7) == 3u);
  BOOST_TEST(qla_iocb_entries(11) == 3u);
  BOOST_TEST(qla_iocb_entries(256) == 52u);
}

BOOST_AUTO_TEST_CASE(sg_continuation_entry) {
  BOOST_TEST(sizeof(qla_cont_a64) == 64u);
  auto s = segs(3);
  qla_cont_a64 c;
  std::memset(&c, 0xee, sizeof(c));
  qla_build_cont_a64(&c, s.data(), 3);
  BOOST_TEST(bytes_of(c) == cont_bytes(0, 3));  // unused DSDs zero
  qla_seg back[5]{};
  BOOST_TEST(qla_parse_cont_a64(&c, back, 3) == 0);
  BOOST_TEST(back[2].addr == s[2].addr);
  BOOST_TEST(back[2].len == s[2].len);
  c.hdr.entry_type = COMMAND_TYPE_7;
  BOOST_TEST(qla_parse_cont_a64(&c, back, 3) == -EINVAL);
}

// A command with n segments posted at ring index 0: the command, then its
// continuations; nothing after them is touched.
static void check_cmd7_on_ring(unsigned n, std::vector<std::vector<std::uint8_t>> want) {
  const unsigned len = 8;
  Ring ring(len * QLA_IOCB_SIZE, 0xcc);
  auto s = segs(n);
  auto p = cmd7_with(n);
  BOOST_TEST(qla_ring_put(ring.data(), len, 0, &p, s.data(), n) == want.size());
  for (unsigned i = 0; i < want.size(); i++) BOOST_TEST(ring_entry(ring, i) == want[i]);
  BOOST_TEST(ring_entry(ring, want.size()) == Ring(QLA_IOCB_SIZE, 0xcc));
}

BOOST_AUTO_TEST_CASE(sg_cmd7_one_segment) {
  check_cmd7_on_ring(1, {cmd7_bytes(1, 1)});
}

BOOST_AUTO_TEST_CASE(sg_cmd7_two_segments) {
  check_cmd7_on_ring(2, {cmd7_bytes(2, 2), cont_bytes(1, 1)});
}

BOOST_AUTO_TEST_CASE(sg_cmd7_six_segments) {
  check_cmd7_on_ring(6, {cmd7_bytes(2, 6), cont_bytes(1, 5)});
}

BOOST_AUTO_TEST_CASE(sg_cmd7_seven_segments) {
  check_cmd7_on_ring(7, {cmd7_bytes(3, 7), cont_bytes(1, 5), cont_bytes(6, 1)});
}

BOOST_AUTO_TEST_CASE(sg_cmd7_wraps_at_the_ring_end) {
  // seven segments from the last but one entry of a four-entry ring
  const unsigned len = 4;
  Ring ring(len * QLA_IOCB_SIZE, 0xcc);
  auto s = segs(7);
  auto p = cmd7_with(7);
  BOOST_TEST(qla_ring_put(ring.data(), len, 2, &p, s.data(), 7) == 3u);
  BOOST_TEST(ring_entry(ring, 2) == cmd7_bytes(3, 7));
  BOOST_TEST(ring_entry(ring, 3) == cont_bytes(1, 5));
  BOOST_TEST(ring_entry(ring, 0) == cont_bytes(6, 1));
  BOOST_TEST(ring_entry(ring, 1) == Ring(QLA_IOCB_SIZE, 0xcc));
}

BOOST_AUTO_TEST_CASE(sg_ctio7_data_in_with_continuations) {
  qla_ctio7_desc d{};
  d.handle = 0x00020003;
  d.nport_handle = 0x81;
  d.exchange_addr = 0x11223344;
  d.flags = CTIO7_FLAGS_DATA_IN | CTIO7_FLAGS_STATUS_MODE_0;
  d.transfer_length = 0x1000;
  d.dseg_count = 7;
  d.dsd_addr = seg_n(0).addr;
  d.dsd_len = seg_n(0).len;
  qla_ctio7 p;
  qla_build_ctio7(&p, &d);
  auto want = iocb({{0, {0x12, 0x03}},
                    {4, {0x03, 0x00, 0x02, 0x00}},
                    {8, {0x81, 0x00, 0x00, 0x00, 0x07, 0x00}},
                    {20, {0x44, 0x33, 0x22, 0x11}},
                    {26, {0x02, 0x00}},
                    {44, {0x00, 0x10}}});
  auto d0 = dsd_n(0);
  std::memcpy(want.data() + 52, d0.data(), d0.size());
  BOOST_TEST(bytes_of(p) == want);
  const unsigned len = 4;
  Ring ring(len * QLA_IOCB_SIZE, 0xcc);
  auto s = segs(7);
  BOOST_TEST(qla_ring_put(ring.data(), len, 3, &p, s.data(), 7) == 3u);
  BOOST_TEST(ring_entry(ring, 3) == want);
  BOOST_TEST(ring_entry(ring, 0) == cont_bytes(1, 5));
  BOOST_TEST(ring_entry(ring, 1) == cont_bytes(6, 1));
  qla_ctio7_desc back{};
  BOOST_TEST(qla_parse_ctio7(&p, &back) == 0);
  BOOST_TEST(back.dseg_count == 7);
  BOOST_TEST(back.dsd_addr == seg_n(0).addr);
}
