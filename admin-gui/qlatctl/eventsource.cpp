#include "eventsource.h"

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "qlat_nl.h"

#ifndef NETLINK_SCSITRANSPORT
#define NETLINK_SCSITRANSPORT 18
#endif

namespace qlatctl {

namespace {

using nlohmann::json;
namespace ev = qlat::events;

constexpr std::size_t kRecvBuf = std::size_t{64} * 1024;

struct SockDeleter {
  void operator()(nl_sock* s) const { nl_socket_free(s); }
};
using Sock = std::unique_ptr<nl_sock, SockDeleter>;

Sock alloc_sock() {
  Sock s(nl_socket_alloc());
  if (!s) {
    throw EventSourceError("cannot allocate a netlink socket");
  }
  return s;
}

std::string privilege_message(const char* what) {
  return std::string("joining ") + what +
         " needs CAP_NET_ADMIN: run qlatctl as root (or give it cap_net_admin)";
}

/// Receives one datagram; returns its size, or -errno.
ssize_t recv_datagram(nl_sock* s, std::vector<std::uint8_t>& buf, int flags) {
  buf.resize(kRecvBuf);
  const ssize_t n = ::recv(nl_socket_get_fd(s), buf.data(), buf.size(), flags);
  if (n < 0) {
    return -errno;
  }
  buf.resize(static_cast<std::size_t>(n));
  return n;
}

}  // namespace

EventSource::EventSource(std::string sysfs) : sysfs_(std::move(sysfs)) {}

EventSource::~EventSource() {
  nl_socket_free(ev_);
  nl_socket_free(fc_);
}

void EventSource::open() {
  // The session events: resolve the family and its group, then join.
  {
    auto s = alloc_sock();
    nl_socket_disable_seq_check(s.get());
    nl_socket_disable_auto_ack(s.get());
    int rc = genl_connect(s.get());
    if (rc < 0) {
      throw EventSourceError(std::string("cannot open a generic netlink socket: ") +
                             nl_geterror(rc));
    }
    const int family = genl_ctrl_resolve(s.get(), QLAT_NL_FAMILY_NAME);
    if (family < 0) {
      notes_.emplace_back(
          "the qlat_sess netlink family is absent (tcm_qla2xxx is not loaded): no session "
          "events");
    } else {
      const int grp = genl_ctrl_resolve_grp(s.get(), QLAT_NL_FAMILY_NAME, QLAT_NL_MCGRP_EVENTS);
      if (grp < 0) {
        throw EventSourceError(std::string("the qlat_sess family has no 'events' group: ") +
                               nl_geterror(grp));
      }
      rc = nl_socket_add_membership(s.get(), grp);
      if (rc == -NLE_PERM || rc == -NLE_NOACCESS) {
        throw EventSourceError(privilege_message("the qlat_sess 'events' group"));
      }
      if (rc < 0) {
        throw EventSourceError(std::string("cannot join the qlat_sess 'events' group: ") +
                               nl_geterror(rc));
      }
      nl_socket_set_buffer_size(s.get(), 1 << 20, 0);
      nl_socket_set_nonblocking(s.get());
      family_ = family;
      ev_ = s.release();
    }
  }
  // The FC transport's events.
  {
    auto s = alloc_sock();
    nl_socket_disable_seq_check(s.get());
    int rc = nl_connect(s.get(), NETLINK_SCSITRANSPORT);
    if (rc < 0) {
      notes_.emplace_back(std::string("the FC transport's netlink socket is unavailable (") +
                          nl_geterror(rc) + "): no FC events");
      if (ev_ != nullptr) {
        notes_.back() += "; watching session events only";
      }
    } else {
      rc = nl_socket_add_membership(s.get(), ev::kScsiNlGrpFcEvents);
      if (rc == -NLE_PERM || rc == -NLE_NOACCESS) {
        throw EventSourceError(privilege_message("the FC transport's event group"));
      }
      if (rc < 0) {
        throw EventSourceError(std::string("cannot join the FC transport's event group: ") +
                               nl_geterror(rc));
      }
      nl_socket_set_buffer_size(s.get(), 1 << 20, 0);
      nl_socket_set_nonblocking(s.get());
      fc_ = s.release();
    }
  }
  if (ev_ == nullptr && fc_ == nullptr) {
    std::string why;
    for (const auto& n : notes_) {
      why += "\n" + n;
    }
    throw EventSourceError("no event source to watch:" + why);
  }
  if (ev_ == nullptr) {
    notes_.back() += "; watching FC events only (start again once tcm_qla2xxx is loaded)";
  }
}

std::vector<pollfd> EventSource::pollfds() const {
  std::vector<pollfd> out;
  for (auto* s : {ev_, fc_}) {
    if (s != nullptr) {
      out.push_back({nl_socket_get_fd(s), POLLIN, 0});
    }
  }
  return out;
}

std::vector<json> EventSource::dump() {
  std::vector<json> out;
  std::uint64_t seq = 0;
  if (ev_ != nullptr) {
    auto s = alloc_sock();
    nl_socket_disable_seq_check(s.get());
    int rc = genl_connect(s.get());
    if (rc < 0) {
      throw EventSourceError(std::string("cannot open a generic netlink socket: ") +
                             nl_geterror(rc));
    }
    const timeval tv{10, 0};
    ::setsockopt(nl_socket_get_fd(s.get()), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    rc = genl_send_simple(s.get(), family_, QLAT_NL_CMD_GET_SESSIONS, QLAT_NL_VERSION, NLM_F_DUMP);
    if (rc < 0) {
      throw EventSourceError(std::string("cannot ask for the sessions (GET_SESSIONS): ") +
                             nl_geterror(rc));
    }
    std::vector<std::uint8_t> buf;
    bool done = false;
    while (!done) {
      const auto n = recv_datagram(s.get(), buf, 0);
      if (n < 0) {
        throw EventSourceError(std::string("reading the GET_SESSIONS dump: ") +
                               std::strerror(static_cast<int>(-n)));
      }
      const auto split = ev::split_messages(buf);
      for (const auto m : split.messages) {
        if (const auto err = ev::message_error(m)) {
          if (*err < 0) {
            throw EventSourceError(std::string("GET_SESSIONS dump refused: ") +
                                   std::strerror(-*err));
          }
          done = ev::message_type(m) == ev::kNlmsgDone;
          continue;
        }
        const auto p = ev::parse_sess(m, static_cast<std::uint16_t>(family_));
        if (!p) {
          if (!p.ignored) {
            std::cerr << "qlatctl: skipped a message of the dump: " << p.error << "\n";
          }
          continue;
        }
        seq = std::max(seq, p.value->seq);
        if (p.value->kind == ev::SessEvent::Kind::session) {
          out.push_back(ev::sess_json(*p.value));
        }
      }
      if (!split.error.empty()) {
        std::cerr << "qlatctl: " << split.error << "\n";
      }
      if (n == 0) {
        break;
      }
    }
    dump_seq_ = seq;
  }
  for (const auto& p : ev::port_states(sysfs_)) {
    out.push_back(ev::port_json(p));
  }
  hosts_ = ev::host_map(sysfs_);
  json synced = {
      {"event", "synced"}, {"seq", seq}, {"sessions", ev_ != nullptr}, {"fc", fc_ != nullptr}};
  out.push_back(std::move(synced));
  return out;
}

std::vector<json> EventSource::resync(const char* source) {
  std::vector<json> out = {{{"event", "resync"}, {"source", source}}};
  auto d = dump();
  out.insert(out.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
  return out;
}

std::vector<json> EventSource::read(int fd) {
  if (ev_ != nullptr && fd == nl_socket_get_fd(ev_)) {
    return read_sessions();
  }
  if (fc_ != nullptr && fd == nl_socket_get_fd(fc_)) {
    return read_fc();
  }
  return {};
}

std::vector<json> EventSource::read_sessions() {
  std::vector<json> out;
  std::vector<std::uint8_t> buf;
  for (;;) {
    const auto n = recv_datagram(ev_, buf, MSG_DONTWAIT);
    if (n == -ENOBUFS) {
      auto r = resync("sessions");
      out.insert(out.end(), r.begin(), r.end());
      continue;
    }
    if (n == -EAGAIN || n == -EWOULDBLOCK || n == -EINTR) {
      break;
    }
    if (n < 0) {
      throw EventSourceError(std::string("reading session events: ") +
                             std::strerror(static_cast<int>(-n)));
    }
    const auto split = ev::split_messages(buf);
    for (const auto m : split.messages) {
      const auto p = ev::parse_sess(m, static_cast<std::uint16_t>(family_));
      if (!p) {
        if (!p.ignored) {
          std::cerr << "qlatctl: skipped a session event: " << p.error << "\n";
        }
        continue;
      }
      if (p.value->seq <= dump_seq_ || p.value->kind == ev::SessEvent::Kind::session) {
        continue;  // the dump reflects it already
      }
      out.push_back(ev::sess_json(*p.value));
    }
    if (!split.error.empty()) {
      std::cerr << "qlatctl: " << split.error << "\n";
    }
  }
  return out;
}

std::vector<json> EventSource::read_fc() {
  std::vector<json> out;
  std::vector<std::uint8_t> buf;
  for (;;) {
    const auto n = recv_datagram(fc_, buf, MSG_DONTWAIT);
    if (n == -ENOBUFS) {
      auto r = resync("fc");
      out.insert(out.end(), r.begin(), r.end());
      continue;
    }
    if (n == -EAGAIN || n == -EWOULDBLOCK || n == -EINTR) {
      break;
    }
    if (n < 0) {
      throw EventSourceError(std::string("reading FC events: ") +
                             std::strerror(static_cast<int>(-n)));
    }
    const auto split = ev::split_messages(buf);
    for (const auto m : split.messages) {
      const auto p = ev::parse_fc(m);
      if (!p) {
        if (!p.ignored) {
          std::cerr << "qlatctl: skipped an FC event: " << p.error << "\n";
        }
        continue;
      }
      if (!hosts_.contains(p.value->host)) {
        hosts_ = ev::host_map(sysfs_);  // a port added since: look again
      }
      out.push_back(ev::fc_json(*p.value, hosts_));
    }
    if (!split.error.empty()) {
      std::cerr << "qlatctl: " << split.error << "\n";
    }
  }
  return out;
}

}  // namespace qlatctl
