// Mailbox command builders and parsers: the register values each command
// puts in mailboxes 0..31 and which registers it reads back.
#define BOOST_TEST_MODULE qla_mbx
#include <boost/test/unit_test.hpp>

#include "vec.hpp"

BOOST_AUTO_TEST_CASE(init_firmware) {
  qla_mbx m;
  qla_mbx_init_fw(&m, 0x0000001122334455ULL, 128);
  BOOST_TEST(m.mb[0] == MBC_INITIALIZE_FIRMWARE);
  BOOST_TEST(m.mb[2] == 0x2233);
  BOOST_TEST(m.mb[3] == 0x4455);
  BOOST_TEST(m.mb[6] == 0x0000);
  BOOST_TEST(m.mb[7] == 0x0011);
  BOOST_TEST(m.mb[10] == 128);
  BOOST_TEST(m.out_mask == 0x4ffu);
  BOOST_TEST(qla_mbx_u64(&m, 3, 2, 7, 6) == 0x0000001122334455ULL);
}

BOOST_AUTO_TEST_CASE(load_ram_and_execute) {
  qla_mbx m;
  qla_mbx_load_ram(&m, 0xabcd12345678ULL, 0x00100000, 0x12345);
  BOOST_TEST(m.mb[0] == MBC_LOAD_RISC_RAM_EXTENDED);
  BOOST_TEST(m.mb[1] == 0x0000);
  BOOST_TEST(m.mb[8] == 0x0010);
  BOOST_TEST(m.mb[4] == 0x0001);
  BOOST_TEST(m.mb[5] == 0x2345);
  BOOST_TEST(m.mb[3] == 0x5678);
  BOOST_TEST(m.mb[2] == 0x1234);
  BOOST_TEST(m.mb[7] == 0xabcd);
  BOOST_TEST(m.out_mask == 0x1ffu);

  qla_mbx_exec_fw(&m, 0x00100000);
  BOOST_TEST(m.mb[0] == MBC_EXECUTE_FIRMWARE);
  BOOST_TEST(m.mb[1] == 0x0010);
  BOOST_TEST(m.mb[2] == 0x0000);
  BOOST_TEST(m.mb[3] == 0x0000);
  BOOST_TEST(m.mb[4] == 0x0000);
  BOOST_TEST(m.mb[11] == 0x0000);
  BOOST_TEST(m.out_mask == 0x81fu);
  BOOST_TEST(m.in_mask == 0x2fu);

  qla_mbx_verify_checksum(&m, 0x00100000);
  BOOST_TEST(m.mb[0] == MBC_VERIFY_CHECKSUM);
  BOOST_TEST(m.mb[1] == 0x0010);
}

BOOST_AUTO_TEST_CASE(get_id_parse) {
  qla_mbx m;
  qla_mbx_get_id(&m);
  BOOST_TEST(m.mb[0] == MBC_GET_ADAPTER_LOOP_ID);
  BOOST_TEST((m.in_mask & 0xce) == 0xceu);
  m.mb[0] = MBS_COMMAND_COMPLETE;
  m.mb[2] = 0x0300;
  m.mb[3] = 0x0001;
  m.mb[6] = QLA_TOPO_FABRIC;
  m.mb[7] = 0x0001;
  qla_mbx_id id{};
  BOOST_TEST(qla_mbx_parse_get_id(&m, &id) == 0);
  BOOST_TEST(id.port_id == 0x010300u);
  BOOST_TEST(id.topology == QLA_TOPO_FABRIC);
  BOOST_TEST(id.topology == 3);
  BOOST_TEST(id.sw_cap == 1);
  m.mb[0] = MBS_COMMAND_ERROR;
  BOOST_TEST(qla_mbx_parse_get_id(&m, &id) == -EIO);
}

BOOST_AUTO_TEST_CASE(port_db_and_misc) {
  qla_mbx m;
  qla_mbx_get_port_db(&m, 0x81, 0x1000);
  BOOST_TEST(m.mb[0] == MBC_GET_PORT_DATABASE);
  BOOST_TEST(m.mb[1] == 0x81);
  BOOST_TEST(m.mb[3] == 0x1000);
  qla_mbx_fw_version(&m);
  BOOST_TEST(m.mb[0] == MBC_GET_FIRMWARE_VERSION);
  m.mb[0] = MBS_COMMAND_COMPLETE;
  m.mb[1] = 9;
  m.mb[2] = 6;
  m.mb[3] = 1;
  qla_fw_version v{};
  BOOST_TEST(qla_mbx_parse_fw_version(&m, &v) == 0);
  BOOST_TEST(v.major == 9);
  BOOST_TEST(v.subminor == 1);
  qla_mbx_lip_full_login(&m);
  BOOST_TEST(m.mb[0] == MBC_LIP_FULL_LOGIN);
  qla_mbx_stop_fw(&m);
  BOOST_TEST(m.mb[0] == MBC_STOP_FIRMWARE);
  const uint16_t opts[QLA_FW_OPTS_WORDS] = {0, 0x0010, 0x0001, 0x2000, 0, 0, 0, 0, 0, 0, 0x0004};
  qla_mbx_set_fw_options(&m, opts);
  BOOST_TEST(m.mb[0] == MBC_SET_FIRMWARE_OPTION);
  BOOST_TEST(m.mb[1] == 0x0010);
  BOOST_TEST(m.mb[2] == 1);
  BOOST_TEST(m.mb[3] == 0x2000);
  BOOST_TEST(m.mb[10] == 0x0004);
  BOOST_TEST(m.out_mask == 0x40fu);
  qla_mbx_get_fw_state(&m);
  BOOST_TEST(m.mb[0] == MBC_GET_FIRMWARE_STATE);
  BOOST_TEST(qla_mbx_u32(&m, 0, 1) == MBC_GET_FIRMWARE_STATE);
}

// SEND_CHANGE_REQUEST as upstream's qla2x00_send_change_request: format in
// mailbox 1, vp index in 9; mailboxes 0, 1 and 9 out, 0 and 1 back.
BOOST_AUTO_TEST_CASE(send_change_request) {
  qla_mbx m;
  qla_mbx_send_change_request(&m, SCR_FORMAT_FULL, 0);
  BOOST_TEST(m.mb[0] == 0x0070);
  BOOST_TEST(m.mb[1] == 3);
  BOOST_TEST(m.mb[9] == 0);
  BOOST_TEST(m.out_mask == 0x203u);
  BOOST_TEST((m.in_mask & 0x3u) == 0x3u);
}

// MBA_RSCN_UPDATE as upstream's qla2x00_async_event reads it: domain in
// mailbox 1 bits 7:0 and the address format in bits 9:8, area and AL_PA in
// mailbox 2, the vp index in mailbox 3 bits 7:0.
BOOST_AUTO_TEST_CASE(rscn_update_mailboxes) {
  std::uint16_t mb[4] = {};
  qla_async_rscn_build(mb, 0x0a0b0c, RSCN_FMT_AREA, 0);
  BOOST_TEST(mb[0] == 0x8015);
  BOOST_TEST(mb[1] == 0x010a);
  BOOST_TEST(mb[2] == 0x0b0c);
  BOOST_TEST(mb[3] == 0);
  std::uint32_t pid;
  std::uint8_t fmt, vp;
  std::uint16_t in[4] = {0x8015, 0x0301, 0x0300, 0x0002};
  qla_async_rscn_parse(in, &pid, &fmt, &vp);
  BOOST_TEST(pid == 0x010300u);
  BOOST_TEST(fmt == RSCN_FMT_FABRIC);
  BOOST_TEST(vp == 2);
  // bits 15:10 of mailbox 1 are not part of the port id or format
  std::uint16_t junk[4] = {0x8015, 0xfc01, 0x0300, 0xff00};
  qla_async_rscn_parse(junk, &pid, &fmt, &vp);
  BOOST_TEST(pid == 0x010300u);
  BOOST_TEST(fmt == RSCN_FMT_PORT);
  BOOST_TEST(vp == 0);
}
