// Writes seeds for fuzz_iocb into a directory: for each parser, a valid input made by the
// matching builder of qla_iocb.c (the selector byte, then the entry or payload).
//   gen_iocb_seeds DIR
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" {
#include "qla_iocb.h"
#include "qla_pure.h"
}

namespace {

std::string dir;

void put(unsigned sel, const std::vector<std::uint8_t>& head, const void* p, std::size_t n) {
  std::vector<std::uint8_t> v{static_cast<std::uint8_t>(sel)};
  v.insert(v.end(), head.begin(), head.end());
  const auto* b = static_cast<const std::uint8_t*>(p);
  v.insert(v.end(), b, b + n);
  std::array<char, 32> name{};
  std::snprintf(name.data(), name.size(), "/seed-%02u", sel);
  std::ofstream(dir + name.data(), std::ios::binary)
      .write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size()));
}

template <typename T>
void put(unsigned sel, const T& t) {
  put(sel, {}, &t, sizeof(t));
}

constexpr std::uint64_t kWwpn = 0x21000024ff000001ULL;
constexpr std::uint64_t kWwnn = 0x20000024ff000001ULL;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: gen_iocb_seeds DIR\n");
    return 2;
  }
  dir = argv[1];
  {
    qla_cmd7 p{};
    qla_cmd7_desc d{};
    d.handle = 1;
    d.dseg_count = 1;
    d.cdb[0] = 0x28;
    qla_build_cmd7(&p, &d);
    put(0, p);
  }
  {
    qla_sts24 p{};
    qla_sts_desc d{};
    d.scsi_status = 0x0200;
    d.sense_len = 18;
    qla_build_sts24(&p, &d);
    put(1, p);
  }
  {
    qla_sts_cont p{};
    const std::array<std::uint8_t, 18> sense = {0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24};
    qla_build_sts_cont(&p, sense.data(), sense.size());
    put(2, {18}, &p, sizeof(p));
  }
  {
    qla_marker24 p{};
    qla_build_marker(&p, 2, 1, 0x81);
    put(3, p);
  }
  {
    qla_ctio7 p{};
    qla_ctio7_desc d{};
    d.flags = 0x8000;
    qla_build_ctio7(&p, &d);
    put(4, p);
  }
  {
    qla_ctio7_done p{};
    qla_ctio7_done_desc d{};
    d.status = 1;
    qla_build_ctio7_done(&p, &d);
    put(5, p);
  }
  {
    qla_abts_recv p{};
    qla_abts_desc d{};
    qla_build_abts_recv(&p, &d);
    put(6, p);
    qla_abts_resp r{};
    qla_build_abts_resp(&r, &d);
    put(7, r);
    qla_abts_resp_done done{};
    qla_build_abts_resp_done(&done, &d);
    put(8, done);
  }
  {
    qla_imm_ntfy p{};
    qla_ntfy_desc d{};
    qla_build_imm_ntfy(&p, &d);
    put(9, p);
    qla_nack n{};
    qla_build_nack(&n, &d);
    put(10, n);
  }
  {
    qla_abort24 p{};
    qla_abort_desc d{};
    qla_build_abort(&p, &d);
    put(11, p);
  }
  {
    qla_tsk_mgmt p{};
    qla_tmf_desc d{};
    qla_build_tsk_mgmt(&p, &d);
    put(12, p);
  }
  {
    qla_sts24 p{};
    qla_build_tmf_done(&p, 3, 0, 0);
    put(13, p);
  }
  {
    qla_ct_iocb p{};
    qla_ct_desc d{};
    qla_build_ct(&p, &d);
    put(14, p);
  }
  {
    qla_els_iocb p{};
    qla_els_desc d{};
    qla_build_els(&p, &d);
    put(15, p);
  }
  {
    qla_logio p{};
    qla_logio_desc d{};
    qla_build_logio(&p, &d);
    put(16, p);
  }
  {
    qla_cont_a64 p{};
    const std::array<qla_seg, 2> seg = {{{0x1000, 512}, {0x2000, 512}}};
    qla_build_cont_a64(&p, seg.data(), 2);
    put(17, {2}, &p, sizeof(p));
  }
  {
    qla_init_cb cb{};
    qla_icb_desc d{};
    d.port_name = kWwpn;
    d.node_name = kWwnn;
    qla_build_icb(&cb, &d);
    put(18, cb);
    qla_port_db pd{};
    qla_pdb_desc pdd{};
    pdd.port_name = kWwpn;
    qla_build_port_db(&pd, &pdd);
    put(19, pd);
  }
  {
    std::vector<std::uint8_t> nv(QLA_NV_SIZE);
    qla_nvram_desc d{};
    d.wwpn = kWwpn;
    d.wwnn = kWwnn;
    std::snprintf(d.model, sizeof(d.model), "QLE2692");
    qla_build_nvram(nv.data(), &d);
    put(20, {}, nv.data(), nv.size());
  }
  {
    qla_mbx m{};
    m.mb[0] = 0x4000;
    m.mb[2] = 0x0100;
    put(21, {}, m.mb, sizeof(m.mb));
    put(22, {}, m.mb, sizeof(m.mb));
    std::array<std::uint16_t, QLA_MBX_COUNT> mb{};
    qla_async_rscn_build(mb.data(), 0x010200, 0, 0);
    put(23, {}, mb.data(), sizeof(mb));
  }
  const std::vector<std::uint8_t> no_param{0, 0, 0, 0};
  constexpr std::uint32_t size = 512;
  std::array<std::uint8_t, size> arr{};
  auto* buf = arr.data();
  std::uint32_t n = qla_ct_build_rft_id(buf, size, 0x010100, 8);
  put(24, no_param, buf, n);
  n = qla_ct_build_rsp(buf, size, CT_ACCEPT, 0);
  n = qla_ct_gpn_ft_add(buf, size, 0, 0x010100, kWwpn, true);
  put(25, {4, 0, 0, 0}, buf, n);
  n = qla_els_build_plogi(buf, size, ELS_PLOGI, kWwpn, kWwnn);
  put(26, no_param, buf, n);
  n = qla_els_build_prli(buf, size, ELS_PRLI, 0x12);
  put(27, no_param, buf, n);
  n = qla_els_build_logo(buf, size, 0x010100, kWwpn);
  put(28, no_param, buf, n);
  n = qla_els_build_rscn(buf, size, 0x010100, 0);
  put(29, no_param, buf, n);
  n = qla_els_build_scr(buf, size, SCR_FUNC_FULL);
  put(30, no_param, buf, n);
  {
    qla_fcp_cmnd_iu c{};
    c.cdb[0] = 0x2a;
    c.rw = FCP_CMND_WRDATA;
    c.add_cdb_len = 1;
    c.fcp_dl = 4096;
    n = qla_fcp_build_cmnd(buf, size, &c);
    put(31, no_param, buf, n);
    qla_fcp_rsp_iu r{};
    r.flags = FCP_SNS_LEN_VAL;
    r.scsi_status = 2;
    r.sense_len = 18;
    n = qla_fcp_build_rsp(buf, size, &r);
    put(32, no_param, buf, n);
    n = qla_fcp_build_xfer_rdy(buf, size, 0, 4096);
    put(33, no_param, buf, n);
  }
  {
    const std::array<qla_flt_desc, 2> r = {{{0x01, 0x10000, 0x40000}, {0x15, 0x60000, 0x1000}}};
    const int len = qla_build_flt(buf, size, r.data(), 2);
    put(34, {0x01, 0, 0, 0}, buf, len > 0 ? static_cast<std::size_t>(len) : 0);
  }
  {
    qla_fcp_cmnd_desc d{};
    d.add_cdb_len = 2;
    d.cdb[0] = 0x7f;
    d.rw = 0;
    d.fcp_dl = 512;
    n = qla_build_atio7(buf, 2 * QLA_IOCB_SIZE, &d);
    put(35, no_param, buf, n);
  }
  {
    const std::string_view wwn = "21:00:00:24:ff:00:00:01";
    put(36, no_param, wwn.data(), wwn.size());
  }
  {
    const std::array<std::uint32_t, 4> hdr = {0, 0, 0x100000, 16};
    put(37, {64, 0, 0, 0}, hdr.data(), sizeof(hdr));
  }
  {
    // A firmware image of two segments, as the flash or a firmware file holds it.
    std::array<std::uint32_t, 64> w{};
    const std::array<qla_fw_seg, 2> segs = {{{0x100000, 40}, {0x200000, 16}}};
    const std::array<std::uint16_t, 3> version = {9, 10, 0};
    const int words = qla_build_fw_image(w.data(), w.size(), segs.data(), 2, version.data());
    put(38, {}, w.data(), words > 0 ? 4 * static_cast<std::size_t>(words) : 0);
  }
  {
    // An rport from new: found, logged in, port database read, lost, found again, removed.
    const std::array<std::uint8_t, 8> ev = {QLA_RP_NEW,       QLA_RPE_FOUND,     QLA_RPE_LOGIN_OK,
                                            QLA_RPE_GPDB_OK,  QLA_RPE_LINK_DOWN, QLA_RPE_FOUND,
                                            QLA_RPE_LOGIN_OK, QLA_RPE_REMOVE};
    put(39, {}, ev.data(), ev.size());
  }
  return 0;
}
