// Fuzz target: every parser of the kernel's firmware and FC formats (qla_iocb.c, the WWN
// parser and the rport state machine of qla_pure.c), built in user space as tests/unit
// builds them. The first input byte picks the parser; the rest is what it reads, in a heap
// buffer of exactly the size the driver hands it (one ring entry, the mailbox registers,
// the NVRAM, a firmware image, or the payload's own length), so that ASan sees any read
// beyond it. Beyond memory errors and undefined behaviour, these are findings:
//   - an ELS, FCP or notify the parser accepted that its builder, given what the parser
//     read, writes so that the parser reads something else (the driver answers and
//     echoes what it parsed);
//   - a firmware segment header accepted with more words than are left in the image;
//   - a state of the rport state machine outside its states.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

extern "C" {
#include "qla_iocb.h"
#include "qla_pure.h"
}

namespace {

/// The input bytes from `at`, in a heap buffer of `size` bytes, zero-filled beyond them.
class Buf {
 public:
  Buf(const std::uint8_t* data, std::size_t len, std::size_t size)
      : p_(std::make_unique<std::uint8_t[]>(size)) {  // NOLINT(modernize-avoid-c-arrays)
    std::memcpy(p_.get(), data, std::min(len, size));
  }
  std::uint8_t* get() const { return p_.get(); }
  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(p_.get());
  }

 private:
  // Exactly the size asked for, on the heap (ASan sees a read beyond it), never null.
  std::unique_ptr<std::uint8_t[]> p_;  // NOLINT(modernize-avoid-c-arrays)
};

/// A firmware entry (or other fixed-size block) of type T and its parser.
template <typename T, typename D>
void entry(const std::uint8_t* data, std::size_t len, int (*parse)(const T*, D*)) {
  const Buf b(data, len, sizeof(T));
  D d{};
  (void)parse(b.as<T>(), &d);
}

template <typename T, typename D>
void entry(const std::uint8_t* data, std::size_t len, void (*parse)(const T*, D*)) {
  const Buf b(data, len, sizeof(T));
  D d{};
  parse(b.as<T>(), &d);
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_iocb: %s\n", what);
  std::abort();
}

void expect(bool ok, const char* what) {
  if (!ok) {
    fail(what);
  }
}

/// A buffer for a builder: more than any payload here needs.
std::vector<std::uint8_t> out_buf() {
  return std::vector<std::uint8_t>(1024);
}

std::uint32_t u32_at(const std::uint8_t* data, std::size_t len, std::size_t off) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4 && off + i < len; ++i) {
    v |= static_cast<std::uint32_t>(data[off + i]) << (8 * i);
  }
  return v;
}

void mailbox(const std::uint8_t* data, std::size_t len, unsigned which) {
  qla_mbx m{};
  std::memcpy(m.mb, data, std::min(len, sizeof(m.mb)));
  if (which == 0) {
    qla_mbx_id id{};
    (void)qla_mbx_parse_get_id(&m, &id);
  } else if (which == 1) {
    qla_fw_version v{};
    (void)qla_mbx_parse_fw_version(&m, &v);
  } else {
    // An asynchronous event's registers, as the ISR reads them.
    const Buf b(data, len, sizeof(m.mb));
    std::uint32_t port_id = 0;
    std::uint8_t format = 0;
    std::uint8_t vp = 0;
    qla_async_rscn_parse(b.as<std::uint16_t>(), &port_id, &format, &vp);
  }
}

/// A payload of its own length: FC-GS, ELS, FCP IUs, the flash layout table, an ATIO
/// with the entries after it, a WWN as written to a control file.
void payload(const std::uint8_t* data, std::size_t len, unsigned which) {
  // The first 4 bytes are a parameter (a count, a region code); the rest is the payload.
  const std::uint32_t param = u32_at(data, len, 0);
  const std::size_t skip = std::min<std::size_t>(len, 4);
  data += skip;
  len -= skip;
  Buf b(data, len, len);
  const auto* p = b.get();
  const auto n = static_cast<std::uint32_t>(len);
  switch (which) {
    case 0: {
      std::uint16_t cmd = 0;
      std::uint32_t port_id = 0;
      std::uint8_t type = 0;
      std::uint8_t features = 0;
      (void)qla_ct_parse_req(p, n, &cmd, &port_id, &type, &features);
      (void)qla_ct_rsp_code(p, n);
      break;
    }
    case 1: {
      const std::uint32_t max = param % 64;
      const auto out =
          std::make_unique<qla_gpn_ft_port[]>(max);  // NOLINT(modernize-avoid-c-arrays)
      (void)qla_ct_parse_gpn_ft(p, n, out.get(), max);
      break;
    }
    case 2: {
      std::uint64_t wwpn = 0;
      std::uint64_t wwnn = 0;
      const int cmd = qla_els_parse_plogi(p, n, &wwpn, &wwnn);
      if (cmd >= 0) {  // the ACC the driver's emulation answers with carries the same names
        auto o = out_buf();
        const auto m =
            qla_els_build_plogi(o.data(), o.size(), static_cast<std::uint8_t>(cmd), wwpn, wwnn);
        std::uint64_t p2 = 0;
        std::uint64_t n2 = 0;
        expect(qla_els_parse_plogi(o.data(), m, &p2, &n2) == cmd && p2 == wwpn && n2 == wwnn,
               "PLOGI: built from what was parsed, parses to something else");
      }
      break;
    }
    case 3: {
      std::uint32_t wd3 = 0;
      const int cmd = qla_els_parse_prli(p, n, &wd3);
      if (cmd >= 0) {
        auto o = out_buf();
        const auto m = qla_els_build_prli(o.data(), o.size(), static_cast<std::uint8_t>(cmd), wd3);
        std::uint32_t w2 = 0;
        expect(qla_els_parse_prli(o.data(), m, &w2) == cmd && w2 == wd3,
               "PRLI: built from what was parsed, parses to something else");
      }
      break;
    }
    case 4: {
      std::uint32_t port_id = 0;
      std::uint64_t wwpn = 0;
      if (qla_els_parse_logo(p, n, &port_id, &wwpn) == 0) {
        auto o = out_buf();
        const auto m = qla_els_build_logo(o.data(), o.size(), port_id, wwpn);
        std::uint32_t id2 = 0;
        std::uint64_t p2 = 0;
        expect(qla_els_parse_logo(o.data(), m, &id2, &p2) == 0 && id2 == port_id && p2 == wwpn,
               "LOGO: built from what was parsed, parses to something else");
      }
      break;
    }
    case 5: {
      std::uint32_t port_id = 0;
      std::uint8_t format = 0;
      if (qla_els_parse_rscn(p, n, &port_id, &format) == 0) {
        auto o = out_buf();
        const auto m = qla_els_build_rscn(o.data(), o.size(), port_id, format);
        std::uint32_t id2 = 0;
        std::uint8_t f2 = 0;
        expect(qla_els_parse_rscn(o.data(), m, &id2, &f2) == 0 && id2 == port_id && f2 == format,
               "RSCN: built from what was parsed, parses to something else");
      }
      break;
    }
    case 6: {
      std::uint8_t function = 0;
      if (qla_els_parse_scr(p, n, &function) == 0) {
        auto o = out_buf();
        const auto m = qla_els_build_scr(o.data(), o.size(), function);
        std::uint8_t f2 = 0;
        expect(qla_els_parse_scr(o.data(), m, &f2) == 0 && f2 == function,
               "SCR: built from what was parsed, parses to something else");
      }
      break;
    }
    case 7: {
      qla_fcp_cmnd_iu c{};
      if (qla_fcp_parse_cmnd(p, n, &c) == 0) {
        expect(c.add_cdb_len <= 63, "FCP_CMND: additional CDB length beyond six bits");
        auto o = out_buf();
        const auto m = qla_fcp_build_cmnd(o.data(), o.size(), &c);
        expect(m == FCP_CMND_LEN + 4U * c.add_cdb_len, "FCP_CMND: built of another length");
        qla_fcp_cmnd_iu c2{};
        const auto cdb = 16U + 4U * c.add_cdb_len;
        expect(qla_fcp_parse_cmnd(o.data(), m, &c2) == 0 &&
                   std::memcmp(c.lun, c2.lun, sizeof(c.lun)) == 0 && c.task_attr == c2.task_attr &&
                   c.tmf == c2.tmf && c.rw == c2.rw && c.add_cdb_len == c2.add_cdb_len &&
                   std::memcmp(c.cdb, c2.cdb, cdb) == 0 && c.fcp_dl == c2.fcp_dl,
               "FCP_CMND: built from what was parsed, parses to something else");
      }
      break;
    }
    case 8: {
      qla_fcp_rsp_iu r{};
      if (qla_fcp_parse_rsp(p, n, &r) == 0) {
        expect(r.sense_len <= FCP_RSP_MAX_SENSE, "FCP_RSP: more sense than the IU holds");
        auto o = out_buf();
        const auto m = qla_fcp_build_rsp(o.data(), o.size(), &r);
        qla_fcp_rsp_iu r2{};
        expect(m != 0 && qla_fcp_parse_rsp(o.data(), m, &r2) == 0 && r.flags == r2.flags &&
                   r.scsi_status == r2.scsi_status && r.rsp_code == r2.rsp_code &&
                   r.resid == r2.resid && r.sense_len == r2.sense_len &&
                   std::memcmp(r.sense, r2.sense, r.sense_len) == 0,
               "FCP_RSP: built from what was parsed, parses to something else");
      }
      break;
    }
    case 9: {
      std::uint32_t offset = 0;
      std::uint32_t burst = 0;
      if (qla_fcp_parse_xfer_rdy(p, n, &offset, &burst) == 0) {
        auto o = out_buf();
        const auto m = qla_fcp_build_xfer_rdy(o.data(), o.size(), offset, burst);
        std::uint32_t o2 = 0;
        std::uint32_t b2 = 0;
        expect(qla_fcp_parse_xfer_rdy(o.data(), m, &o2, &b2) == 0 && o2 == offset && b2 == burst,
               "XFER_RDY: built from what was parsed, parses to something else");
      }
      break;
    }
    case 10: {
      std::uint32_t start = 0;
      (void)qla_flt_find(p, len, static_cast<std::uint16_t>(param), &start);
      break;
    }
    case 11: {
      qla_fcp_cmnd_desc d{};
      if (len >= QLA_IOCB_SIZE) {  // the ISR reads the count from a whole ring entry
        (void)qla_atio7_entries(p);
      }
      (void)qla_parse_atio7(p, n, &d);
      break;
    }
    case 12: {
      std::uint64_t wwn = 0;
      (void)qla_parse_wwn(reinterpret_cast<const char*>(p), len, &wwn);
      break;
    }
    default: {
      // A firmware image segment header (4 words) with `param` words left after it.
      const Buf hdr(data, len, 4 * sizeof(std::uint32_t));
      qla_fw_seg seg{};
      (void)qla_fw_seg_parse(hdr.as<std::uint32_t>(), param, &seg);
      break;
    }
  }
}

void ring_entry(const std::uint8_t* data, std::size_t len, unsigned which) {
  switch (which) {
    case 0:
      entry(data, len, qla_parse_cmd7);
      break;
    case 1:
      entry(data, len, qla_parse_sts24);
      break;
    case 2: {
      // A status continuation and the bytes of sense still expected (0..255).
      const std::uint32_t want = len > 0 ? data[0] : 0;
      const Buf b(data + std::min<std::size_t>(len, 1), len - std::min<std::size_t>(len, 1),
                  sizeof(qla_sts_cont));
      // new[] (not an empty vector's null data()): the driver never passes a null buffer
      const auto out = std::make_unique<std::uint8_t[]>(want);  // NOLINT(modernize-avoid-c-arrays)
      (void)qla_parse_sts_cont(b.as<qla_sts_cont>(), out.get(), want);
      break;
    }
    case 3:
      entry(data, len, qla_parse_marker);
      break;
    case 4:
      entry(data, len, qla_parse_ctio7);
      break;
    case 5:
      entry(data, len, qla_parse_ctio7_done);
      break;
    case 6:
      entry(data, len, qla_parse_abts_recv);
      break;
    case 7: {
      entry(data, len, qla_parse_abts_resp);
      const Buf b(data, len, sizeof(qla_abts_resp));
      std::array<std::uint8_t, 64> wire{};
      (void)qla_abts_resp_wire(b.as<qla_abts_resp>(), wire.data(), wire.size());
      break;
    }
    case 8:
      entry(data, len, qla_parse_abts_resp_done);
      break;
    case 9: {
      // The driver acknowledges a notify by echoing its fields (the firmware matches them).
      const Buf b(data, len, sizeof(qla_imm_ntfy));
      qla_ntfy_desc d{};
      if (qla_parse_imm_ntfy(b.as<qla_imm_ntfy>(), &d) == 0) {
        qla_ntfy_desc ack{};
        qla_nack_of_ntfy(&ack, &d, 0);
        qla_nack nack{};
        qla_build_nack(&nack, &ack);
        qla_ntfy_desc back{};
        expect(qla_parse_nack(&nack, &back) == 0 && back.nport_handle == d.nport_handle &&
                   back.status == d.status && back.subcode == d.subcode &&
                   back.fw_handle == d.fw_handle && back.srr_rx_id == d.srr_rx_id &&
                   back.srr_ui == d.srr_ui && back.srr_rel_offs == d.srr_rel_offs &&
                   back.exchange_address == d.exchange_address && back.vp_index == d.vp_index &&
                   back.ox_id == d.ox_id,
               "notify acknowledge: does not echo the notify");
      }
      break;
    }
    case 10:
      entry(data, len, qla_parse_nack);
      break;
    case 11:
      entry(data, len, qla_parse_abort);
      break;
    case 12:
      entry(data, len, qla_parse_tsk_mgmt);
      break;
    case 13: {
      const Buf b(data, len, QLA_IOCB_SIZE);
      qla_tmf_done d{};
      (void)qla_iocb_type(b.get());
      (void)qla_parse_tmf_done(b.get(), &d);
      break;
    }
    case 14:
      entry(data, len, qla_parse_ct);
      break;
    case 15:
      entry(data, len, qla_parse_els);
      break;
    case 16:
      entry(data, len, qla_parse_logio);
      break;
    case 17: {
      // A continuation and how many of its segments the command still has (0..255).
      const std::uint32_t nseg = len > 0 ? data[0] : 0;
      const Buf b(data + std::min<std::size_t>(len, 1), len - std::min<std::size_t>(len, 1),
                  sizeof(qla_cont_a64));
      const auto seg = std::make_unique<qla_seg[]>(nseg);  // NOLINT(modernize-avoid-c-arrays)
      (void)qla_parse_cont_a64(b.as<qla_cont_a64>(), seg.get(), nseg);
      break;
    }
    case 18:
      entry(data, len, qla_parse_icb);
      break;
    case 19:
      entry(data, len, qla_parse_port_db);
      break;
    default: {
      const Buf b(data, len, QLA_NV_SIZE);
      qla_nvram_desc d{};
      (void)qla_parse_nvram(b.get(), &d);
      break;
    }
  }
}

/// A firmware image (host-order words) walked as the driver loads it: each segment's header
/// checked against the words left, then its words; the sum of the words loaded.
void fw_image(const std::uint8_t* data, std::size_t len) {
  const std::size_t avail = len / sizeof(std::uint32_t);
  const auto w = std::make_unique<std::uint32_t[]>(avail);  // NOLINT(modernize-avoid-c-arrays)
  std::memcpy(w.get(), data, avail * sizeof(std::uint32_t));
  std::size_t pos = 0;
  for (int s = 0; s < QLA_FW_SEGMENTS && pos + QLA_FW_HDR_WORDS <= avail; ++s) {
    qla_fw_seg seg{};
    if (qla_fw_seg_parse(&w[pos], static_cast<std::uint32_t>(avail - pos), &seg) != 0) {
      return;
    }
    expect(seg.len >= QLA_FW_HDR_WORDS && seg.len <= avail - pos,
           "firmware segment: accepted with more words than are left");
    pos += seg.len;
  }
  (void)qla_fw_sum(w.get(), static_cast<std::uint32_t>(pos));
}

/// The rport state machine (qla_fc.c) from a state, each byte an event; out-of-range
/// states and events included, as a corrupted rport would pass them.
void rport_events(const std::uint8_t* data, std::size_t len) {
  if (len == 0) {
    return;
  }
  auto s = static_cast<qla_rp_state>(data[0] % (QLA_RP_NR_STATES + 1));
  for (std::size_t i = 1; i < len; ++i) {
    const auto e = static_cast<qla_rp_event>(data[i] % (QLA_RPE_NR_EVENTS + 1));
    expect(qla_rp_event_name(e) != nullptr && qla_rp_state_name(s) != nullptr,
           "rport: a state or event without a name");
    s = qla_rp_next(s, e);
    expect(s <= QLA_RP_INVALID, "rport: a state outside the machine");
    if (s == QLA_RP_INVALID) {
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  // Selector: 0..20 ring entries and blocks, 21..23 mailbox registers, 24..37 payloads,
  // 38 a firmware image, 39 rport events.
  const unsigned which = data[0] % 40;
  ++data;
  --size;
  if (which <= 20) {
    ring_entry(data, size, which);
  } else if (which <= 23) {
    mailbox(data, size, which - 21);
  } else if (which <= 37) {
    payload(data, size, which - 24);
  } else if (which == 38) {
    fw_image(data, size);
  } else {
    rport_events(data, size);
  }
  return 0;
}
