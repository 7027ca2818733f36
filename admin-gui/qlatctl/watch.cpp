// qlatctl watch: FC port and target session events, one line each, as they happen.
// Subscribes first, then dumps the current state, so nothing falls between the two.
// The line formats are described in docs/qlatctl-watch.md.
#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

#include "common.h"
#include "eventsource.h"

namespace qlatctl {

namespace {

using nlohmann::json;

struct WatchOptions {
  bool json = false;
};

void print(const std::vector<json>& lines, bool as_json) {
  for (const auto& l : lines) {
    std::cout << (as_json ? l.dump() : qlat::events::text_line(l)) << "\n";
  }
  std::cout << std::flush;
}

int run_watch(const Global& g, const WatchOptions& opt) {
  // SIGINT and SIGTERM end the loop through a signalfd, between two lines.
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0) {
    print_error(std::string("sigprocmask: ") + std::strerror(errno));
    return kFailed;
  }
  const int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
  if (sfd < 0) {
    print_error(std::string("signalfd: ") + std::strerror(errno));
    return kFailed;
  }
  EventSource src(g.sysfs);
  try {
    src.open();
    for (const auto& n : src.notes()) {
      print_error(n);
    }
    print(src.dump(), opt.json);
    auto fds = src.pollfds();
    fds.push_back({sfd, POLLIN, 0});
    for (;;) {
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) {
          continue;
        }
        throw EventSourceError(std::string("poll: ") + std::strerror(errno));
      }
      for (const auto& p : fds) {
        if ((p.revents & (POLLIN | POLLERR)) == 0) {
          continue;
        }
        if (p.fd == sfd) {
          ::close(sfd);
          return kOk;
        }
        print(src.read(p.fd), opt.json);
      }
    }
  } catch (const EventSourceError& e) {
    print_error(std::string("watch: ") + e.what());
    ::close(sfd);
    return kFailed;
  }
}

}  // namespace

void add_watch(CLI::App& app, Global& g) {
  auto opt = std::make_shared<WatchOptions>();
  auto* sub = app.add_subcommand(
      "watch", "Print FC port and target session events as they happen (needs CAP_NET_ADMIN)");
  sub->add_flag("--json", opt->json, "one JSON object per line");
  sub->callback([&g, opt] { g.exit = run_watch(g, *opt); });
}

}  // namespace qlatctl
