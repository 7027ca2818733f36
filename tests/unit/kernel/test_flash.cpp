// NVRAM images and the flash layout table: the bytes a card's flash holds, built and
// parsed by the pure code the driver (reader) and the emulated card (builder) share.
#define BOOST_TEST_MODULE qla_flash
#include <boost/test/unit_test.hpp>

#include <cstring>

#include "vec.hpp"

static std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t off) {
  return b[off] | b[off + 1] << 8 | b[off + 2] << 16 | std::uint32_t(b[off + 3]) << 24;
}

BOOST_AUTO_TEST_CASE(nvram_bytes) {
  qla_nvram_desc d{};
  d.wwpn = 0x21000024ff000001ULL;
  d.wwnn = 0x20000024ff000001ULL;
  std::strcpy(d.model, "QLE2462");
  std::vector<std::uint8_t> nv(QLA_NV_SIZE);
  qla_build_nvram(nv.data(), &d);
  // "ISP ", version 1, names big-endian at 20 and 28, the model space-padded at 480
  BOOST_TEST(std::memcmp(nv.data(), "ISP ", 4) == 0);
  BOOST_TEST(nv[4] == 1);
  const std::uint8_t pn[] = {0x21, 0x00, 0x00, 0x24, 0xff, 0x00, 0x00, 0x01};
  BOOST_TEST(std::memcmp(nv.data() + 20, pn, 8) == 0);
  BOOST_TEST(nv[28] == 0x20);
  BOOST_TEST(std::memcmp(nv.data() + 480, "QLE2462         ", 16) == 0);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < QLA_NV_SIZE; i += 4) sum += le32(nv, i);
  BOOST_TEST(sum == 0u);

  qla_nvram_desc out{};
  BOOST_TEST(qla_parse_nvram(nv.data(), &out) == 0);
  BOOST_TEST(out.wwpn == d.wwpn);
  BOOST_TEST(out.wwnn == d.wwnn);
  BOOST_TEST(std::string(out.model) == "QLE2462");
}

BOOST_AUTO_TEST_CASE(nvram_rejects) {
  qla_nvram_desc d{};
  d.wwpn = 0x21000024ff000001ULL;
  std::vector<std::uint8_t> nv(QLA_NV_SIZE);
  qla_build_nvram(nv.data(), &d);
  qla_nvram_desc out{};
  auto bad = nv;
  bad[20] ^= 1;  // checksum no longer zero
  BOOST_TEST(qla_parse_nvram(bad.data(), &out) == -EINVAL);
  bad = nv;
  bad[0] = 'X';
  bad[QLA_NV_CHECKSUM] -= 'X' - 'I';  // checksum right, id wrong
  BOOST_TEST(qla_parse_nvram(bad.data(), &out) == -EINVAL);
  std::vector<std::uint8_t> erased(QLA_NV_SIZE, 0xff);
  BOOST_TEST(qla_parse_nvram(erased.data(), &out) == -EINVAL);
}

BOOST_AUTO_TEST_CASE(flt_build_find) {
  const qla_flt_desc r[] = {
      {QLA_FLT_REG_FW, 0x100000, 0x80000},
      {QLA_FLT_REG_NVRAM_0, 0x200000, 512},
      {QLA_FLT_REG_NVRAM_1, 0x201000, 512},
  };
  std::vector<std::uint8_t> buf(520, 0xff);
  BOOST_TEST(qla_build_flt(buf.data(), buf.size(), r, 3) == 8 + 3 * 16);
  // header: version 1, length 48; region 1: code 0x15 at 24, start at 32, end at 36
  BOOST_TEST(buf[0] == 1);
  BOOST_TEST(buf[2] == 48);
  BOOST_TEST(buf[24] == 0x15);
  BOOST_TEST(le32(buf, 32) == 0x200000u);
  BOOST_TEST(le32(buf, 36) == 0x2001ffu);
  std::uint16_t sum = 0;
  for (std::size_t i = 0; i < 56; i += 2) sum += buf[i] | buf[i + 1] << 8;
  BOOST_TEST(sum == 0);

  std::uint32_t start = 0;
  BOOST_TEST(qla_flt_find(buf.data(), buf.size(), QLA_FLT_REG_NVRAM_1, &start) == 0);
  BOOST_TEST(start == 0x201000u);
  BOOST_TEST(qla_flt_find(buf.data(), buf.size(), QLA_FLT_REG_NVRAM_3, &start) == -ENOENT);
}

BOOST_AUTO_TEST_CASE(flt_rejects) {
  const qla_flt_desc r[] = {{QLA_FLT_REG_NVRAM_0, 0x200000, 512}};
  std::vector<std::uint8_t> buf(64);
  qla_build_flt(buf.data(), buf.size(), r, 1);
  std::uint32_t start = 0;
  auto bad = buf;
  bad[12] ^= 1;  // a region's byte: checksum off
  BOOST_TEST(qla_flt_find(bad.data(), bad.size(), QLA_FLT_REG_NVRAM_0, &start) == -EINVAL);
  bad = buf;
  bad[0] = 2;  // version
  BOOST_TEST(qla_flt_find(bad.data(), bad.size(), QLA_FLT_REG_NVRAM_0, &start) == -EINVAL);
  std::vector<std::uint8_t> erased(64, 0xff);
  BOOST_TEST(qla_flt_find(erased.data(), erased.size(), QLA_FLT_REG_NVRAM_0, &start) == -EINVAL);
  // a length beyond the buffer
  BOOST_TEST(qla_flt_find(buf.data(), 20, QLA_FLT_REG_NVRAM_0, &start) == -EINVAL);
}

BOOST_AUTO_TEST_CASE(fw_image) {
  const qla_fw_seg segs[] = {{0x100000, 64}, {0x200000, 32}};
  const std::uint16_t version[] = {9, 6, 1};
  std::vector<std::uint32_t> w(100, 0xdeadbeef);
  BOOST_TEST(qla_build_fw_image(w.data(), w.size(), segs, 2, version) == 96);
  // headers: word 2 the RISC address, word 3 the length; the version in 4..6
  BOOST_TEST(w[2] == 0x100000u);
  BOOST_TEST(w[3] == 64u);
  BOOST_TEST(w[4] == 9u);
  BOOST_TEST(w[5] == 6u);
  BOOST_TEST(w[6] == 1u);
  BOOST_TEST(w[64 + 2] == 0x200000u);
  BOOST_TEST(w[64 + 3] == 32u);
  BOOST_TEST(qla_fw_sum(w.data(), 96) == 0u);
  BOOST_TEST(w[96] == 0xdeadbeefu);

  qla_fw_seg s{};
  BOOST_TEST(qla_fw_seg_parse(w.data(), 96, &s) == 0);
  BOOST_TEST(s.risc_addr == 0x100000u);
  BOOST_TEST(s.len == 64u);
  BOOST_TEST(qla_fw_seg_parse(w.data() + 64, 32, &s) == 0);
  BOOST_TEST(s.len == 32u);
  // a segment longer than what is left, a header too short, erased flash
  BOOST_TEST(qla_fw_seg_parse(w.data() + 64, 31, &s) == -EINVAL);
  std::uint32_t shorthdr[4] = {0, 0, 0x100000, 3};
  BOOST_TEST(qla_fw_seg_parse(shorthdr, 100, &s) == -EINVAL);
  std::uint32_t erased[4] = {~0u, ~0u, ~0u, ~0u};
  BOOST_TEST(qla_fw_seg_parse(erased, ~0u, &s) == -EINVAL);
  // one bad word and the sum is no longer 0
  w[80] ^= 0x10000;
  BOOST_TEST(qla_fw_sum(w.data(), 96) != 0u);
  // segments that do not fit
  BOOST_TEST(qla_build_fw_image(w.data(), 90, segs, 2, version) == -EINVAL);
}
