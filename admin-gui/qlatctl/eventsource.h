#pragma once
// The live event sources of qlatctl watch and serve: the qlat_sess generic netlink family
// ("events" group, GET_SESSIONS dump) and the FC transport's events (NETLINK_SCSITRANSPORT).
// Sockets only; the messages are parsed and turned into JSON lines by qlat/events.h.

#include <poll.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/events.h"

struct nl_sock;

namespace qlatctl {

/// Subscribing failed in a way the caller must report (and, for watch, exit on).
struct EventSourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class EventSource {
 public:
  explicit EventSource(std::string sysfs);
  ~EventSource();
  EventSource(const EventSource&) = delete;
  EventSource& operator=(const EventSource&) = delete;

  /// Subscribes to both sources. A source that is absent (the qlat_sess family without
  /// tcm_qla2xxx, the FC transport without scsi_mod) is noted and left out; a group the
  /// process may not join (EPERM: it lacks CAP_NET_ADMIN), or no source at all, throws.
  void open();
  bool sessions() const noexcept { return ev_ != nullptr; }
  bool fc() const noexcept { return fc_ != nullptr; }
  /// What open() left out and why, for people.
  const std::vector<std::string>& notes() const noexcept { return notes_; }

  /// The descriptors to poll for input.
  std::vector<pollfd> pollfds() const;

  /// The current state: one "session" line per session (GET_SESSIONS), one "port" line
  /// per qla2xxx port, then "synced". Events the dump reflects (SEQ <= its SEQ) are
  /// dropped from then on.
  std::vector<nlohmann::json> dump();

  /// The lines of what `fd` has to read now (non-blocking): events, and on an overrun
  /// (ENOBUFS) a "resync" line followed by a fresh dump. Messages that cannot be parsed
  /// are reported on stderr and skipped.
  std::vector<nlohmann::json> read(int fd);

 private:
  std::vector<nlohmann::json> read_sessions();
  std::vector<nlohmann::json> read_fc();
  std::vector<nlohmann::json> resync(const char* source);

  std::string sysfs_;
  nl_sock* ev_ = nullptr;  ///< qlat_sess "events" member
  nl_sock* fc_ = nullptr;  ///< NETLINK_SCSITRANSPORT, SCSI_NL_GRP_FC_EVENTS member
  int family_ = 0;
  std::uint64_t dump_seq_ = 0;
  qlat::events::HostMap hosts_;
  std::vector<std::string> notes_;
};

}  // namespace qlatctl
