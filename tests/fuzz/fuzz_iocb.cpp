// Fuzz target: every parser of the kernel's firmware and FC formats (qla_iocb.c, the WWN
// parser of qla_pure.c), built in user space as tests/unit builds them. The first input
// byte picks the parser; the rest is what it reads, in a heap buffer of exactly the size
// the driver hands it (one ring entry, the mailbox registers, the NVRAM, or the payload's
// own length), so that ASan sees any read beyond it.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

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
      (void)qla_els_parse_plogi(p, n, &wwpn, &wwnn);
      break;
    }
    case 3: {
      std::uint32_t wd3 = 0;
      (void)qla_els_parse_prli(p, n, &wd3);
      break;
    }
    case 4: {
      std::uint32_t port_id = 0;
      std::uint64_t wwpn = 0;
      (void)qla_els_parse_logo(p, n, &port_id, &wwpn);
      break;
    }
    case 5: {
      std::uint32_t port_id = 0;
      std::uint8_t format = 0;
      (void)qla_els_parse_rscn(p, n, &port_id, &format);
      break;
    }
    case 6: {
      std::uint8_t function = 0;
      (void)qla_els_parse_scr(p, n, &function);
      break;
    }
    case 7: {
      qla_fcp_cmnd_iu c{};
      (void)qla_fcp_parse_cmnd(p, n, &c);
      break;
    }
    case 8: {
      qla_fcp_rsp_iu r{};
      (void)qla_fcp_parse_rsp(p, n, &r);
      break;
    }
    case 9: {
      std::uint32_t offset = 0;
      std::uint32_t burst = 0;
      (void)qla_fcp_parse_xfer_rdy(p, n, &offset, &burst);
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
    case 9:
      entry(data, len, qla_parse_imm_ntfy);
      break;
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  // Selector: 0..20 ring entries and blocks, 21..23 mailbox registers, 24..37 payloads.
  const unsigned which = data[0] % 38;
  ++data;
  --size;
  if (which <= 20) {
    ring_entry(data, size, which);
  } else if (which <= 23) {
    mailbox(data, size, which - 21);
  } else {
    payload(data, size, which - 24);
  }
  return 0;
}
