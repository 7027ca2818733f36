// Round trips of every IOCB builder and parser against hand-written bytes
// laid out as the ISP24xx firmware interface specifies. The FCP fields the
// firmware passes through (LUN, CDB, FCP_RSP_INFO, sense) sit in the IOCB as
// little-endian 32-bit words of the wire's: byte 0 of the wire at byte 3.
#define BOOST_TEST_MODULE qla_iocb
#include <boost/test/unit_test.hpp>

#include "vec.hpp"

BOOST_AUTO_TEST_CASE(cmd7_round_trip) {
  qla_cmd7_desc d{};
  d.handle = 0x12345678;
  d.nport_handle = 0x0081;
  d.timeout = 30;
  d.port_id = 0x010203;
  d.lun[1] = 0x05;
  d.cdb[0] = 0x28;
  d.cdb[8] = 0x08;
  d.tmf_flags = CMD7_TMF_READ_DATA;
  d.task = CMD7_TASK_SIMPLE;
  d.byte_count = 4096;
  d.dseg_count = 1;
  d.dsd_addr = 0x0000000123456000ULL;
  d.dsd_len = 4096;
  auto want =
      iocb({{0, {0x18, 0x01}},
            {4, {0x78, 0x56, 0x34, 0x12}},
            {8, {0x81, 0x00, 0x1e, 0x00, 0x01, 0x00}},
            {16, {0x00, 0x00, 0x05, 0x00}},  // LUN byte 1 at 2
            {24, {0x02, 0x00}},
            {28, {0x00, 0x00, 0x00, 0x28}},  // CDB byte 0 at 3
            {36, {0x00, 0x00, 0x00, 0x08}},  // CDB byte 8 at 11
            {44, {0x00, 0x10, 0x00, 0x00}},
            {48, {0x03, 0x02, 0x01}},
            {52, {0x00, 0x60, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00}}});
  qla_cmd7 p;
  qla_build_cmd7(&p, &d);
  BOOST_TEST(bytes_of(p) == want);

  qla_cmd7_desc back{};
  auto in = from_bytes<qla_cmd7>(want);
  BOOST_TEST(qla_parse_cmd7(&in, &back) == 0);
  BOOST_TEST(back.handle == d.handle);
  BOOST_TEST(back.port_id == d.port_id);
  BOOST_TEST(back.dsd_addr == d.dsd_addr);
  BOOST_TEST(back.byte_count == 4096u);
  BOOST_TEST(back.cdb[0] == 0x28);
  BOOST_TEST(back.cdb[8] == 0x08);
  BOOST_TEST(back.lun[1] == 0x05);
  in.hdr.entry_type = STATUS_TYPE;
  BOOST_TEST(qla_parse_cmd7(&in, &back) == -EINVAL);
}

BOOST_AUTO_TEST_CASE(sts24_and_cont_round_trip) {
  auto want = iocb({{0, {0x03, 0x01}},
                    {4, {0x01, 0x00, 0x00, 0x00}},
                    {8, {0x15, 0x00, 0x34, 0x12, 0x00, 0x02, 0x00, 0x00}},
                    {22, {0x02, 0x0a}},
                    {28, {0x12, 0x00, 0x00, 0x00}},
                    {36, {0x00, 0x05, 0x00, 0x70}}});  // sense bytes 0..3 reversed
  qla_sts_desc d{};
  d.handle = 1;
  d.comp_status = CS_DATA_UNDERRUN;
  d.ox_id = 0x1234;
  d.residual = 512;
  d.scsi_status = 0x02 | STS24_SENSE_LEN_VALID | STS24_RESID_UNDER;
  d.sense_len = 18;
  d.data[0] = 0x70;
  d.data[2] = 0x05;
  qla_sts24 p;
  qla_build_sts24(&p, &d);
  BOOST_TEST(bytes_of(p) == want);
  qla_sts_desc back{};
  auto in = from_bytes<qla_sts24>(want);
  BOOST_TEST(qla_parse_sts24(&in, &back) == 0);
  BOOST_TEST(back.comp_status == CS_DATA_UNDERRUN);
  BOOST_TEST((back.scsi_status & STS24_SCSI_STATUS_MASK) == 0x02);
  BOOST_TEST(back.residual == 512u);
  BOOST_TEST(back.sense_len == 18u);
  BOOST_TEST(back.data[0] == 0x70);
  BOOST_TEST(back.data[2] == 0x05);

  std::uint8_t sense[60] = {0xaa, 0xbb};
  qla_sts_cont c;
  qla_build_sts_cont(&c, sense, 2);
  BOOST_TEST(bytes_of(c) == iocb({{0, {0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0xbb, 0xaa}}}));
  std::uint8_t out[60] = {};
  BOOST_TEST(qla_parse_sts_cont(&c, out, 60) == 60u);
  BOOST_TEST(out[0] == 0xaa);
  BOOST_TEST(out[1] == 0xbb);
}

BOOST_AUTO_TEST_CASE(marker_round_trip) {
  qla_marker24 p;
  qla_build_marker(&p, 0, MK_SYNC_ALL, 0);
  BOOST_TEST(bytes_of(p) == iocb({{0, {0x04, 0x01}}, {10, {0x02}}}));
  std::uint8_t mod = 0;
  BOOST_TEST(qla_parse_marker(&p, &mod) == 0);
  BOOST_TEST(mod == MK_SYNC_ALL);
}

BOOST_AUTO_TEST_CASE(atio7_round_trip) {
  // attr_n_length: frame header + FCP_CMND, in bytes (0x38)
  auto want = iocb({{0, {0x06, 0x01, 0x38, 0x00}},
                    {4, {0x44, 0x33, 0x22, 0x11}},
                    {8, {0x06, 0x01, 0x01, 0x00, 0x00, 0x01, 0x02, 0x00, 0x08, 0x29,
                         0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x42, 0xff, 0xff}},
                    {33, {0x07}},
                    {41, {0x00, 0x00, 0x02, 0x12}},
                    {48, {0x24}},
                    {60, {0x00, 0x00, 0x00, 0x24}}});
  qla_fcp_cmnd_desc d{};
  d.exchange_addr = 0x11223344;
  d.d_id = 0x010100;
  d.s_id = 0x010200;
  d.ox_id = 0x0042;
  d.rx_id = 0xffff;
  d.lun[1] = 7;
  d.rw = ATIO7_RDDATA;
  d.cdb[0] = 0x12;
  d.cdb[4] = 0x24;
  d.fcp_dl = 0x24;
  qla_atio7 p;
  BOOST_TEST(qla_build_atio7(&p, sizeof(p), &d) == 64u);
  BOOST_TEST(bytes_of(p) == want);
  BOOST_TEST(qla_atio7_entries(&p) == 1u);
  qla_fcp_cmnd_desc back{};
  auto in = from_bytes<qla_atio7>(want);
  BOOST_TEST(qla_parse_atio7(&in, sizeof(in), &back) == 0);
  BOOST_TEST(back.s_id == 0x010200u);
  BOOST_TEST(back.d_id == 0x010100u);
  BOOST_TEST(back.ox_id == 0x42);
  BOOST_TEST(back.fcp_dl == 0x24u);
  BOOST_TEST(back.rw == ATIO7_RDDATA);
  BOOST_TEST(back.add_cdb_len == 0);
  BOOST_TEST(back.exchange_addr == 0x11223344u);
  // an FCP_CMND length short of the base FCP_CMND: malformed
  in.attr_n_length = 0x37;
  BOOST_TEST(qla_parse_atio7(&in, sizeof(in), &back) == -EINVAL);
}

// A 32-byte CDB (READ(32)): four words of additional CDB between the CDB
// and FCP_DL, so the ATIO runs on into a second ring entry.
BOOST_AUTO_TEST_CASE(atio7_additional_cdb_two_entries) {
  auto want = vec(128, {{0, {0x06, 0x02, 0x48, 0x00}},
                        {4, {0x05, 0x00, 0x00, 0x00}},
                        {8, {0x06, 0x01, 0x01, 0x00, 0x00, 0x01, 0x02, 0x00, 0x08, 0x29,
                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x43, 0xff, 0xff}},
                        {43, {0x12, 0x7f}},                // add_cdb_len 4, RDDATA; opcode
                        {51, {0x18, 0x00, 0x09}},          // additional length, READ(32)
                        {71, {0xaa}},                      // CDB byte 27 (LBA), in entry 2
                        {75, {0x08}},                      // CDB byte 31 (length)
                        {76, {0x00, 0x00, 0x10, 0x00}}});  // FCP_DL after the CDB
  qla_fcp_cmnd_desc d{};
  d.exchange_addr = 5;
  d.d_id = 0x010100;
  d.s_id = 0x010200;
  d.ox_id = 0x43;
  d.rx_id = 0xffff;
  d.rw = ATIO7_RDDATA;
  d.add_cdb_len = 4;
  d.cdb[0] = 0x7f;
  d.cdb[7] = 0x18;
  d.cdb[9] = 0x09;
  d.cdb[27] = 0xaa;
  d.cdb[31] = 0x08;
  d.fcp_dl = 0x1000;
  std::uint8_t buf[ATIO7_MAX_ENTRIES * QLA_IOCB_SIZE];
  BOOST_TEST(qla_build_atio7(buf, 64, &d) == 0u);  // one entry cannot hold it
  BOOST_TEST(qla_build_atio7(buf, sizeof(buf), &d) == 128u);
  BOOST_TEST(std::vector<std::uint8_t>(buf, buf + 128) == want);
  BOOST_TEST(qla_atio7_entries(buf) == 2u);

  qla_fcp_cmnd_desc back{};
  BOOST_TEST(qla_parse_atio7(want.data(), 128, &back) == 0);
  BOOST_TEST(back.add_cdb_len == 4);
  BOOST_TEST(back.cdb[0] == 0x7f);
  BOOST_TEST(back.cdb[27] == 0xaa);
  BOOST_TEST(back.cdb[31] == 0x08);
  BOOST_TEST(back.fcp_dl == 0x1000u);
  // the first entry alone, one entry counted, or a length short of it all
  BOOST_TEST(qla_parse_atio7(want.data(), 64, &back) == -EINVAL);
  auto one = want;
  one[1] = 1;
  BOOST_TEST(qla_parse_atio7(one.data(), 128, &back) == -EINVAL);
  auto shortlen = want;
  shortlen[2] = 0x38;
  BOOST_TEST(qla_parse_atio7(shortlen.data(), 128, &back) == -EINVAL);

  // the longest: 63 words of additional CDB, five entries
  d.add_cdb_len = 63;
  BOOST_TEST(qla_build_atio7(buf, sizeof(buf), &d) == 320u);
  BOOST_TEST(buf[1] == 5);
  BOOST_TEST(qla_parse_atio7(buf, sizeof(buf), &back) == 0);
  BOOST_TEST(back.fcp_dl == 0x1000u);
}

BOOST_AUTO_TEST_CASE(ctio7_mode0_and_mode1) {
  qla_ctio7_desc d{};
  d.handle = 0x10;
  d.nport_handle = 0x81;
  d.timeout = 10;
  d.initiator_id = 0x010200;
  d.exchange_addr = 0x11223344;
  d.flags = CTIO7_FLAGS_DATA_IN | CTIO7_FLAGS_SEND_STATUS;
  d.ox_id = 0x42;
  d.transfer_length = 36;
  d.dseg_count = 1;
  d.dsd_addr = 0x1000;
  d.dsd_len = 36;
  auto want = iocb({{0, {0x12, 0x01}},
                    {4, {0x10}},
                    {8, {0x81, 0x00, 0x0a, 0x00, 0x01, 0x00}},
                    {16, {0x00, 0x02, 0x01}},
                    {20, {0x44, 0x33, 0x22, 0x11}},
                    {26, {0x02, 0x80}},
                    {32, {0x42, 0x00}},
                    {44, {0x24}},
                    {52, {0x00, 0x10, 0x00, 0x00, 0, 0, 0, 0, 0x24}}});
  qla_ctio7 p;
  qla_build_ctio7(&p, &d);
  BOOST_TEST(bytes_of(p) == want);
  qla_ctio7_desc back{};
  BOOST_TEST(qla_parse_ctio7(&p, &back) == 0);
  BOOST_TEST(back.flags == d.flags);
  BOOST_TEST(back.dsd_addr == 0x1000u);
  BOOST_TEST(back.initiator_id == 0x010200u);

  qla_ctio7_desc s{};
  s.flags = CTIO7_FLAGS_STATUS_MODE_1 | CTIO7_FLAGS_SEND_STATUS;
  s.scsi_status = 0x02;
  s.sense_len = 18;
  s.sense[0] = 0x70;
  qla_build_ctio7(&p, &s);
  auto want1 =
      iocb({{0, {0x12, 0x01}}, {24, {0x12, 0x00, 0x40, 0x80}}, {34, {0x02, 0x00}}, {43, {0x70}}});
  BOOST_TEST(bytes_of(p) == want1);
  BOOST_TEST(qla_parse_ctio7(&p, &back) == 0);
  BOOST_TEST(back.sense_len == 18);
  BOOST_TEST(back.sense[0] == 0x70);
}

BOOST_AUTO_TEST_CASE(ctio7_completion) {
  auto want = iocb({{0, {0x12, 0x01}},
                    {4, {0x10}},
                    {8, {0x01, 0x00}},
                    {20, {0x44, 0x33, 0x22, 0x11}},
                    {26, {0x00, 0x80}},
                    {32, {0x42}}});
  qla_ctio7_done_desc d{};
  d.handle = 0x10;
  d.status = CTIO_SUCCESS;
  d.exchange_addr = 0x11223344;
  d.flags = CTIO7_FLAGS_SEND_STATUS;
  d.ox_id = 0x42;
  qla_ctio7_done p;
  qla_build_ctio7_done(&p, &d);
  BOOST_TEST(bytes_of(p) == want);
  qla_ctio7_done_desc back{};
  BOOST_TEST(qla_parse_ctio7_done(&p, &back) == 0);
  BOOST_TEST(back.status == CTIO_SUCCESS);
}

BOOST_AUTO_TEST_CASE(abts_recv_and_resp) {
  auto want = iocb({{0, {0x54, 0x01}},
                    {10, {0x81, 0x00}},
                    {16, {0x55, 0x00, 0x00, 0x00}},
                    {20, {0x00, 0x01, 0x01, 0x81, 0x00, 0x02, 0x01}},
                    {36, {0xff, 0xff, 0x42, 0x00}},
                    {60, {0x44, 0x33, 0x22, 0x11}}});
  qla_abts_desc d{};
  d.nport_handle = 0x81;
  d.exchange_address = 0x55;
  d.d_id = 0x010100;
  d.s_id = 0x010200;
  d.r_ctl = FC_RCTL_BA_ABTS;
  d.ox_id = 0x42;
  d.rx_id = 0xffff;
  d.exchange_addr_to_abort = 0x11223344;
  qla_abts_recv r;
  qla_build_abts_recv(&r, &d);
  BOOST_TEST(bytes_of(r) == want);
  qla_abts_desc back{};
  BOOST_TEST(qla_parse_abts_recv(&r, &back) == 0);
  BOOST_TEST(back.s_id == 0x010200u);
  BOOST_TEST(back.exchange_addr_to_abort == 0x11223344u);

  // the whole header and the SOF type come through
  auto want_full = want;
  want_full[15] = 0x10;  // SOFi3 in bits 7:4
  want_full[28] = 0x00;  // F_CTL 0x190000, LE
  want_full[29] = 0x00;
  want_full[30] = 0x19;
  want_full[32] = 0x03;  // SEQ_CNT
  want_full[35] = 0x05;  // SEQ_ID
  auto full = from_bytes<qla_abts_recv>(want_full);
  BOOST_TEST(qla_parse_abts_recv(&full, &back) == 0);
  BOOST_TEST(back.sof_type == ABTS_SOF_I3);
  BOOST_TEST(back.f_ctl == 0x190000u);
  BOOST_TEST(back.seq_cnt == 3);
  BOOST_TEST(back.seq_id == 5);
  qla_build_abts_recv(&r, &back);
  BOOST_TEST(bytes_of(r) == want_full);

  // BA_ACC, as the target engine builds it: the ABTS's header turned
  // around, F_CTL of the responder's last sequence (0x990000), SEQ_ID and
  // SEQ_CNT as received; payload: SEQ_ID not valid, RX_ID, OX_ID, high
  // SEQ_CNT 0xffff, low SEQ_CNT 0
  qla_abts_desc a = back;
  a.handle = 7;
  a.s_id = back.d_id;
  a.d_id = back.s_id;
  a.f_ctl = QLA_FCTL_BA_RSP;
  auto want_resp = iocb({{0, {0x55, 0x01}},
                         {4, {0x07}},
                         {10, {0x81, 0x00}},
                         {15, {0x10}},
                         {16, {0x55}},
                         {20, {0x00, 0x02, 0x01, 0x84, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00,
                               0x99, 0x00, 0x03, 0x00, 0x00, 0x05, 0xff, 0xff, 0x42, 0x00}},
                         {47, {BA_SEQ_ID_INVALID}},
                         {48, {0xff, 0xff, 0x42, 0x00, 0xff, 0xff, 0x00, 0x00}},
                         {60, {0x44, 0x33, 0x22, 0x11}}});
  qla_abts_resp p;
  qla_build_abts_resp(&p, &a);
  BOOST_TEST(bytes_of(p) == want_resp);
  qla_abts_desc b2{};
  BOOST_TEST(qla_parse_abts_resp(&p, &b2) == 0);
  BOOST_TEST(!b2.reject);
  BOOST_TEST(!b2.terminate);
  BOOST_TEST(b2.handle == 7u);
  BOOST_TEST(b2.f_ctl == QLA_FCTL_BA_RSP);
  BOOST_TEST(b2.ba_ox_id == 0x42);
  BOOST_TEST(b2.ba_rx_id == 0xffff);
  BOOST_TEST(b2.ba_high_seq_cnt == 0xffff);
  BOOST_TEST(b2.ba_low_seq_cnt == 0);
  // on the wire: word 1 OX_ID then RX_ID, word 2 low then high SEQ_CNT
  std::uint8_t wire[12];
  BOOST_TEST(qla_abts_resp_wire(&p, wire, sizeof(wire)) == 12u);
  BOOST_TEST(std::vector<std::uint8_t>(wire, wire + 12) ==
             vec(12, {{4, {0x00, 0x42, 0xff, 0xff, 0x00, 0x00, 0xff, 0xff}}}));

  // BA_RJT (the exchange is unknown): unable to perform, invalid
  // OX_ID-RX_ID combination
  a.reject = true;
  qla_build_abts_resp(&p, &a);
  auto want_rjt = want_resp;
  want_rjt[23] = FC_RCTL_BA_RJT;
  for (int i = 44; i < 56; i++) want_rjt[i] = 0;
  want_rjt[46] = BA_RJT_REASON_UNABLE;
  want_rjt[45] = BA_RJT_EXPL_BAD_OXRX;
  BOOST_TEST(bytes_of(p) == want_rjt);
  BOOST_TEST(qla_parse_abts_resp(&p, &b2) == 0);
  BOOST_TEST(b2.reject);
  BOOST_TEST(b2.rjt_reason == BA_RJT_REASON_UNABLE);
  BOOST_TEST(b2.rjt_expl == BA_RJT_EXPL_BAD_OXRX);
  BOOST_TEST(qla_abts_resp_wire(&p, wire, sizeof(wire)) == 4u);
  BOOST_TEST(std::vector<std::uint8_t>(wire, wire + 4) ==
             (std::vector<std::uint8_t>{0x00, 0x09, 0x03, 0x00}));
  // the terminate flag only when asked for
  a.terminate = true;
  qla_build_abts_resp(&p, &a);
  BOOST_TEST(p.control_flags == 0x0001);
  BOOST_TEST(qla_parse_abts_resp(&p, &b2) == 0);
  BOOST_TEST(b2.terminate);
}

BOOST_AUTO_TEST_CASE(abts_resp_completion) {
  // failed: the aborted exchange was not terminated (subcodes 0x1e, 0)
  auto want = iocb({{0, {0x55, 0x01}},
                    {4, {0xfe, 0xff, 0x02, 0x00}},
                    {8, {0x31, 0x00, 0x81, 0x00}},
                    {15, {0x10}},
                    {16, {0x55}},
                    {20, {0x00, 0x02, 0x01, 0x84, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00,
                          0x99, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0x42, 0x00}},
                    {52, {0x1e}},
                    {60, {0x44, 0x33, 0x22, 0x11}}});
  qla_abts_desc d{};
  auto in = from_bytes<qla_abts_resp_done>(want);
  BOOST_TEST(qla_parse_abts_resp_done(&in, &d) == 0);
  BOOST_TEST(d.comp_status == ABTS_RESP_COMPL_SUBCODE_ERROR);
  BOOST_TEST(d.subcode1 == (std::uint32_t)ABTS_RESP_SUBCODE_EXCH_NOT_TERM);
  BOOST_TEST(d.subcode2 == 0u);
  BOOST_TEST(d.d_id == 0x010200u);  // the response's header: the initiator
  BOOST_TEST(d.ox_id == 0x42);
  BOOST_TEST(d.exchange_addr_to_abort == 0x11223344u);
  qla_abts_resp_done p;
  qla_build_abts_resp_done(&p, &d);
  BOOST_TEST(bytes_of(p) == want);
}

BOOST_AUTO_TEST_CASE(imm_ntfy_and_nack) {
  auto want = iocb({{0, {0x0d, 0x01}},
                    {8, {0x81, 0x00}},
                    {12, {0x21, 0x00}},
                    {16, {0x46, 0x00, 0x20, 0x12, 0x99, 0x00, 0x00, 0x00}},
                    {32, {0x20, 0x00}},
                    {40, {0x21, 0x00, 0x00, 0x24, 0xff, 0x00, 0x00, 0x02}},
                    {56, {0x00, 0x02, 0x01}},
                    {62, {0x07, 0x00}}});
  qla_ntfy_desc d{};
  d.nport_handle = 0x81;
  d.flags = IMM_NTFY_FLAGS_PUREX_IOCB | 0x0020;
  d.status = IMM_NTFY_ELS;
  d.subcode = ELS_PRLI;
  d.fw_handle = 0x12;
  d.exchange_address = 0x99;
  d.prli_wd3 = PRLI_WD3_INITIATOR;
  d.port_name = 0x21000024ff000002ULL;
  d.port_id = 0x010200;
  d.ox_id = 7;
  qla_imm_ntfy p;
  qla_build_imm_ntfy(&p, &d);
  BOOST_TEST(bytes_of(p) == want);
  qla_ntfy_desc back{};
  BOOST_TEST(qla_parse_imm_ntfy(&p, &back) == 0);
  BOOST_TEST(back.prli_wd3 == PRLI_WD3_INITIATOR);
  BOOST_TEST(back.port_name == d.port_name);

  // the acknowledgement echoes the notify: status (not "success"),
  // subcode, firmware handle, exchange, OX_ID; of the flags only PUREX
  qla_ntfy_desc n;
  qla_nack_of_ntfy(&n, &back, 3);
  auto want_nack = iocb({{0, {0x0e, 0x01}},
                         {4, {0x03}},
                         {8, {0x81}},
                         {12, {0x01, 0x00}},
                         {16, {0x46, 0x00, 0x20, 0x12, 0x99}},
                         {62, {0x07}}});
  qla_nack k;
  qla_build_nack(&k, &n);
  BOOST_TEST(bytes_of(k) == want_nack);
  qla_ntfy_desc kb{};
  BOOST_TEST(qla_parse_nack(&k, &kb) == 0);
  BOOST_TEST(kb.exchange_address == 0x99u);
  BOOST_TEST(kb.subcode == ELS_PRLI);
  BOOST_TEST(kb.status == IMM_NTFY_ELS);
  BOOST_TEST(kb.fw_handle == 0x12);
  // not an ELS: no flags echoed
  back.status = IMM_NTFY_PORT_LOGOUT;
  qla_nack_of_ntfy(&n, &back, 3);
  BOOST_TEST(n.flags == 0);
  BOOST_TEST(n.status == IMM_NTFY_PORT_LOGOUT);
}

BOOST_AUTO_TEST_CASE(abort_and_tmf) {
  qla_abort_desc a{};
  a.handle = 2;
  a.nport_handle = 0x81;
  a.handle_to_abort = 0x1234;
  a.port_id = 0x010300;
  qla_abort24 p;
  qla_build_abort(&p, &a);
  BOOST_TEST(bytes_of(p) == iocb({{0, {0x33, 0x01}},
                                  {4, {0x02}},
                                  {8, {0x81}},
                                  {12, {0x34, 0x12}},
                                  {48, {0x00, 0x03, 0x01}}}));  // port_id at 48
  qla_abort_desc ab{};
  BOOST_TEST(qla_parse_abort(&p, &ab) == 0);
  BOOST_TEST(ab.handle_to_abort == 0x1234u);
  BOOST_TEST(ab.port_id == 0x010300u);

  qla_tmf_desc t{};
  t.handle = 5;
  t.nport_handle = 0x82;
  t.timeout = 20;
  t.lun[1] = 1;
  t.control_flags = TCF_LUN_RESET;
  t.port_id = 0x010300;
  qla_tsk_mgmt m;
  qla_build_tsk_mgmt(&m, &t);
  BOOST_TEST(bytes_of(m) == iocb({{0, {0x14, 0x01}},
                                  {4, {0x05}},
                                  {8, {0x82}},
                                  {14, {0x14}},
                                  {18, {0x01}},
                                  {24, {0x10}},
                                  {48, {0x00, 0x03, 0x01}}}));
  qla_tmf_desc tb{};
  BOOST_TEST(qla_parse_tsk_mgmt(&m, &tb) == 0);
  BOOST_TEST(tb.control_flags == TCF_LUN_RESET);
  BOOST_TEST(tb.lun[1] == 1);
}

// A task management IOCB completes as a status entry: RSP_CODE in the data
// area's first FCP word (wire byte 3, IOCB byte 36), valid with the
// response-info bit of scsi_status and rsp_data_len of 4 or more.
BOOST_AUTO_TEST_CASE(tmf_completion_is_a_status_entry) {
  auto want = iocb({{0, {0x03, 0x01}},
                    {4, {0x05}},
                    {22, {0x00, 0x01}},  // STS24_RSP_LEN_VALID
                    {32, {0x08}},        // rsp_data_len
                    {36, {0x04}}});      // RSP_CODE 4: not supported
  qla_sts24 s;
  qla_build_tmf_done(&s, 5, CS_COMPLETE, FCP_RSP_TMF_REJECTED);
  BOOST_TEST(bytes_of(s) == want);
  qla_tmf_done d{};
  BOOST_TEST(qla_parse_tmf_done(&s, &d) == 0);
  BOOST_TEST(d.handle == 5u);
  BOOST_TEST(d.comp_status == CS_COMPLETE);
  BOOST_TEST(d.rsp_code == FCP_RSP_TMF_REJECTED);
  // offset 28 is sense_len, not the answer
  auto sense = want;
  sense[28] = 0x04;
  sense[36] = 0x00;
  auto s2 = from_bytes<qla_sts24>(sense);
  BOOST_TEST(qla_parse_tmf_done(&s2, &d) == 0);
  BOOST_TEST(d.rsp_code == 0);
  // fewer than 4 bytes of response info, or none: no RSP_CODE
  auto shortinfo = want;
  shortinfo[32] = 2;
  s2 = from_bytes<qla_sts24>(shortinfo);
  BOOST_TEST(qla_parse_tmf_done(&s2, &d) == 0);
  BOOST_TEST(d.rsp_code == -1);
  qla_build_tmf_done(&s, 5, CS_PORT_LOGGED_OUT, -1);
  BOOST_TEST(bytes_of(s) == iocb({{0, {0x03, 0x01}}, {4, {0x05}}, {8, {0x29}}}));
  BOOST_TEST(qla_parse_tmf_done(&s, &d) == 0);
  BOOST_TEST(d.comp_status == CS_PORT_LOGGED_OUT);
  BOOST_TEST(d.rsp_code == -1);
  // the request itself, returned rejected
  qla_tmf_desc t{};
  t.handle = 6;
  qla_tsk_mgmt m;
  qla_build_tsk_mgmt(&m, &t);
  m.hdr.entry_status = QLA_ES_INVALID_PARAM;
  BOOST_TEST(qla_parse_tmf_done(&m, &d) == 0);
  BOOST_TEST(d.entry_status == QLA_ES_INVALID_PARAM);
  BOOST_TEST(d.handle == 6u);
}

BOOST_AUTO_TEST_CASE(ct_els_logio) {
  qla_ct_desc c{};
  c.handle = 9;
  c.nport_handle = QLA_NPH_SNS;
  c.timeout = 10;
  c.cmd_dma = 0x2000;
  c.cmd_len = 20;
  c.rsp_dma = 0x3000;
  c.rsp_len = 1024;
  qla_ct_iocb p;
  qla_build_ct(&p, &c);
  BOOST_TEST(bytes_of(p) == iocb({{0, {0x29, 0x01}},
                                  {4, {0x09}},
                                  {10, {0xfc, 0x07, 0x01, 0x00}},
                                  {16, {0x0a}},
                                  {20, {0x01}},
                                  {32, {0x00, 0x04, 0x00, 0x00, 0x14}},
                                  {40, {0x00, 0x20}},
                                  {48, {0x14}},
                                  {52, {0x00, 0x30}},
                                  {60, {0x00, 0x04}}}));
  qla_ct_desc cb{};
  BOOST_TEST(qla_parse_ct(&p, &cb) == 0);
  BOOST_TEST(cb.rsp_dma == 0x3000u);
  BOOST_TEST(cb.cmd_len == 20u);

  qla_els_desc e{};
  e.handle = 4;
  e.opcode = ELS_SCR;
  e.d_id = FC_DID_FCTRL;
  e.s_id = 0x0a0b0c;
  e.tx_dma = 0x4000;
  e.tx_len = 8;
  e.rx_dma = 0x5000;
  e.rx_len = 8;
  qla_els_iocb ep;
  qla_build_els(&ep, &e);
  BOOST_TEST(bytes_of(ep) == iocb({{0, {0x53, 0x01}},
                                   {4, {0x04}},
                                   {12, {0x01}},
                                   {20, {0x01, 0x00, 0x62}},
                                   // d_id AL_PA, area, domain; s_id domain,
                                   // AL_PA, area (upstream's ELS builders)
                                   {24, {0xfd, 0xff, 0xff, 0x0a, 0x0c, 0x0b}},
                                   {32, {0x08, 0, 0, 0, 0x08}},
                                   {40, {0x00, 0x40}},
                                   {48, {0x08}},
                                   {52, {0x00, 0x50}},
                                   {60, {0x08}}}));
  qla_els_desc eb{};
  BOOST_TEST(qla_parse_els(&ep, &eb) == 0);
  BOOST_TEST(eb.d_id == (std::uint32_t)FC_DID_FCTRL);
  BOOST_TEST(eb.s_id == 0x0a0b0cu);

  qla_logio_desc l{};
  l.handle = 6;
  l.nport_handle = 0x81;
  l.control_flags = LCF_COMMAND_PLOGI | LCF_COND_PLOGI;
  l.port_id = 0x010300;
  qla_logio lp;
  qla_build_logio(&lp, &l);
  BOOST_TEST(bytes_of(lp) == iocb({{0, {0x52, 0x01}},
                                   {4, {0x06}},
                                   {10, {0x81, 0x00, 0x10, 0x00}},
                                   {16, {0x00, 0x03, 0x01}}}));
  // completion: comp_status 0x31 with an ELS reject reason
  auto done = iocb({{0, {0x52, 0x01}},
                    {4, {0x06}},
                    {8, {0x31, 0x00, 0x81}},
                    {16, {0x00, 0x03, 0x01}},
                    {20, {0x18}},
                    {24, {0x03}}});
  auto in = from_bytes<qla_logio>(done);
  qla_logio_desc lb{};
  BOOST_TEST(qla_parse_logio(&in, &lb) == 0);
  BOOST_TEST(lb.comp_status == CS_LOGIO_ERROR);
  BOOST_TEST(lb.io_param[0] == (std::uint32_t)LSC_SCODE_ELS_REJECT);
  BOOST_TEST(lb.io_param[1] == 3u);

  // the port id is logged in under handle 0x0401: PORTID_USED (0x1a)
  auto pid_used = iocb({{0, {0x52, 0x01}},
                        {4, {0x06}},
                        {8, {0x31, 0x00, 0x81}},
                        {16, {0x00, 0x03, 0x01}},
                        {20, {0x1a}},
                        {24, {0x01, 0x04}}});
  in = from_bytes<qla_logio>(pid_used);
  BOOST_TEST(qla_parse_logio(&in, &lb) == 0);
  BOOST_TEST(lb.io_param[0] == (std::uint32_t)LSC_SCODE_PORTID_USED);
  BOOST_TEST(lb.io_param[0] == 0x1au);
  BOOST_TEST((lb.io_param[1] & 0xffff) == 0x0401u);
  // handle 0x81 is port 010500's: NPORT_USED (0x1b)
  auto nph_used = iocb({{0, {0x52, 0x01}},
                        {4, {0x06}},
                        {8, {0x31, 0x00, 0x81}},
                        {16, {0x00, 0x03, 0x01}},
                        {20, {0x1b}},
                        {24, {0x00, 0x05, 0x01}}});
  in = from_bytes<qla_logio>(nph_used);
  BOOST_TEST(qla_parse_logio(&in, &lb) == 0);
  BOOST_TEST(lb.io_param[0] == (std::uint32_t)LSC_SCODE_NPORT_USED);
  BOOST_TEST(lb.io_param[0] == 0x1bu);
  BOOST_TEST(lb.io_param[1] == 0x010500u);
}

BOOST_AUTO_TEST_CASE(icb_and_port_db) {
  qla_icb_desc d{};
  d.port_name = 0x21000024ff000001ULL;
  d.node_name = 0x20000024ff000001ULL;
  d.req_dma = 0x100000;
  d.rsp_dma = 0x200000;
  d.atio_dma = 0x300000;
  d.req_len = 128;
  d.rsp_len = 128;
  d.atio_len = 64;
  d.frame_size = 2048;
  d.fo1 = FO1_TARGET_MODE;
  d.exchange_count = ICB_XCHG_TARGET_ONLY;
  d.msix = 1;
  d.msix_atio = 2;
  qla_init_cb cb;
  qla_build_icb(&cb, &d);
  auto raw = bytes_of(cb);
  BOOST_TEST(raw[0] == 1);
  BOOST_TEST(raw[4] == 0x00);
  BOOST_TEST(raw[5] == 0x08);
  BOOST_TEST(raw[12] == 0x21);
  BOOST_TEST(raw[19] == 0x01);
  BOOST_TEST(raw[20] == 0x20);
  BOOST_TEST(raw[38] == 128);
  BOOST_TEST(raw[46] == 0x10);
  BOOST_TEST(raw[54] == 0x20);
  BOOST_TEST(raw[78] == 64);
  BOOST_TEST(raw[82] == 0x30);
  BOOST_TEST(raw[92] == 0x10);
  BOOST_TEST(raw[8] == 0xff);
  BOOST_TEST(raw[9] == 0xff);
  BOOST_TEST(raw[68] == 1);
  BOOST_TEST(raw[70] == 2);
  qla_icb_desc back{};
  qla_parse_icb(&cb, &back);
  BOOST_TEST(back.port_name == d.port_name);
  BOOST_TEST(back.atio_dma == d.atio_dma);
  BOOST_TEST(back.fo1 == d.fo1);
  BOOST_TEST(back.exchange_count == 0xffff);
  BOOST_TEST(back.msix == 1);
  BOOST_TEST(back.msix_atio == 2);

  // GET_PORT_DATABASE as upstream's port_database_24xx: login states
  // PDS_* (PRLI complete is 6) and the port id domain first
  auto want = vec(64, {{2, {0x06, 0x04}},
                       {8, {0x0a, 0x0b, 0x0c}},
                       {14, {0x81, 0x00}},
                       {22, {0x10, 0x00}},
                       {24, {0x21, 0, 0, 0x24, 0xff, 0, 0, 0x03}},
                       {32, {0x20, 0, 0, 0x24, 0xff, 0, 0, 0x03}}});
  qla_pdb_desc p{};
  p.login_state = PDS_PRLI_COMPLETE;
  p.last_login_state = PDS_PLOGI_COMPLETE;
  p.port_id = 0x0a0b0c;
  p.nport_handle = 0x81;
  p.prli_wd3 = PDB_PRLI_TARGET;
  p.port_name = 0x21000024ff000003ULL;
  p.node_name = 0x20000024ff000003ULL;
  qla_port_db pd;
  qla_build_port_db(&pd, &p);
  BOOST_TEST(bytes_of(pd) == want);
  qla_pdb_desc pb{};
  qla_parse_port_db(&pd, &pb);
  BOOST_TEST(pb.port_id == p.port_id);
  BOOST_TEST(pb.prli_wd3 == PDB_PRLI_TARGET);
  BOOST_TEST(pb.login_state == 6);
  BOOST_TEST(pb.last_login_state == 4);
  // the FCP state is the low nibble; NVMe's is the high one
  auto nvme = want;
  nvme[2] = 0x56;
  qla_parse_port_db(reinterpret_cast<const qla_port_db*>(nvme.data()), &pb);
  BOOST_TEST(pb.login_state == PDS_PRLI_COMPLETE);
  BOOST_TEST(PDS_PLOGI_PENDING == 0x03);
  BOOST_TEST(PDS_PLOGI_COMPLETE == 0x04);
  BOOST_TEST(PDS_PRLI_PENDING == 0x05);
  BOOST_TEST(PDS_PORT_UNAVAILABLE == 0x07);
  BOOST_TEST(PDS_LOGO_PENDING == 0x11);
}

BOOST_AUTO_TEST_CASE(helpers) {
  qla_le_id id;
  qla_le_id_set(&id, 0xabcdef);
  BOOST_TEST(id.al_pa == 0xef);
  BOOST_TEST(id.domain == 0xab);
  BOOST_TEST(qla_le_id_get(&id) == 0xabcdefu);
  std::uint8_t w[8];
  qla_wwn_set(w, 0x0102030405060708ULL);
  BOOST_TEST(w[0] == 1);
  BOOST_TEST(w[7] == 8);
  BOOST_TEST(qla_wwn_get(w) == 0x0102030405060708ULL);
  qla_dsd64 dsd;
  qla_dsd_set(&dsd, 0x1122334455667788ULL, 9);
  BOOST_TEST(qla_dsd_addr(&dsd) == 0x1122334455667788ULL);
}

BOOST_AUTO_TEST_CASE(parsers_reject_other_entry_types) {
  // an all-zero entry has type 0, which no parser accepts
  std::vector<std::uint8_t> z(QLA_IOCB_SIZE, 0);
  qla_cmd7_desc c7;
  qla_sts_desc st;
  qla_fcp_cmnd_desc fc;
  qla_ctio7_desc ct7;
  qla_ctio7_done_desc cd;
  qla_abts_desc ab;
  qla_ntfy_desc nt;
  qla_abort_desc ao;
  qla_tmf_desc tm;
  qla_ct_desc ct;
  qla_els_desc el;
  qla_logio_desc lo;
  std::uint8_t mod;
  BOOST_TEST(qla_parse_cmd7((const qla_cmd7*)z.data(), &c7) == -EINVAL);
  BOOST_TEST(qla_parse_sts24((const qla_sts24*)z.data(), &st) == -EINVAL);
  BOOST_TEST(qla_parse_marker((const qla_marker24*)z.data(), &mod) == -EINVAL);
  BOOST_TEST(qla_parse_atio7(z.data(), QLA_IOCB_SIZE, &fc) == -EINVAL);
  BOOST_TEST(qla_parse_ctio7((const qla_ctio7*)z.data(), &ct7) == -EINVAL);
  BOOST_TEST(qla_parse_ctio7_done((const qla_ctio7_done*)z.data(), &cd) == -EINVAL);
  BOOST_TEST(qla_parse_abts_recv((const qla_abts_recv*)z.data(), &ab) == -EINVAL);
  BOOST_TEST(qla_parse_abts_resp((const qla_abts_resp*)z.data(), &ab) == -EINVAL);
  BOOST_TEST(qla_parse_abts_resp_done((const qla_abts_resp_done*)z.data(), &ab) == -EINVAL);
  BOOST_TEST(qla_parse_imm_ntfy((const qla_imm_ntfy*)z.data(), &nt) == -EINVAL);
  BOOST_TEST(qla_parse_nack((const qla_nack*)z.data(), &nt) == -EINVAL);
  BOOST_TEST(qla_parse_abort((const qla_abort24*)z.data(), &ao) == -EINVAL);
  BOOST_TEST(qla_parse_tsk_mgmt((const qla_tsk_mgmt*)z.data(), &tm) == -EINVAL);
  BOOST_TEST(qla_parse_ct((const qla_ct_iocb*)z.data(), &ct) == -EINVAL);
  BOOST_TEST(qla_parse_els((const qla_els_iocb*)z.data(), &el) == -EINVAL);
  BOOST_TEST(qla_parse_logio((const qla_logio*)z.data(), &lo) == -EINVAL);
  std::uint8_t cont[60];
  BOOST_TEST(qla_parse_sts_cont((const qla_sts_cont*)z.data(), cont, 60) == 0u);
}

BOOST_AUTO_TEST_CASE(every_builder_sets_type_and_count) {
  std::vector<std::uint8_t> b(QLA_IOCB_SIZE, 0xee);
  auto check = [&](std::uint8_t type) {
    BOOST_TEST(qla_iocb_type(b.data()) == type);
    BOOST_TEST(b[1] == 1);
    BOOST_TEST(b[3] == 0);  // entry_status cleared
    std::fill(b.begin(), b.end(), 0xee);
  };
  qla_cmd7_desc c7{};
  qla_build_cmd7((qla_cmd7*)b.data(), &c7);
  check(COMMAND_TYPE_7);
  qla_sts_desc st{};
  qla_build_sts24((qla_sts24*)b.data(), &st);
  check(STATUS_TYPE);
  qla_build_marker((qla_marker24*)b.data(), 0, MK_SYNC_ALL, 0);
  check(MARKER_TYPE);
  qla_ctio7_desc ct7{};
  qla_build_ctio7((qla_ctio7*)b.data(), &ct7);
  check(CTIO_TYPE7);
  qla_abts_desc ab{};
  qla_build_abts_recv((qla_abts_recv*)b.data(), &ab);
  check(ABTS_RECV_24XX);
  qla_build_abts_resp((qla_abts_resp*)b.data(), &ab);
  check(ABTS_RESP_24XX);
  qla_ntfy_desc nt{};
  qla_build_imm_ntfy((qla_imm_ntfy*)b.data(), &nt);
  check(IMMED_NOTIFY_TYPE);
  qla_build_nack((qla_nack*)b.data(), &nt);
  check(NOTIFY_ACK_TYPE);
  qla_abort_desc ao{};
  qla_build_abort((qla_abort24*)b.data(), &ao);
  check(ABORT_IOCB_TYPE);
  qla_tmf_desc tm{};
  qla_build_tsk_mgmt((qla_tsk_mgmt*)b.data(), &tm);
  check(TSK_MGMT_IOCB_TYPE);
  qla_ct_desc ct{};
  qla_build_ct((qla_ct_iocb*)b.data(), &ct);
  check(CT_IOCB_TYPE);
  qla_els_desc el{};
  qla_build_els((qla_els_iocb*)b.data(), &el);
  check(ELS_IOCB_TYPE);
  qla_logio_desc lo{};
  qla_build_logio((qla_logio*)b.data(), &lo);
  check(LOGINOUT_PORT_IOCB_TYPE);
}
