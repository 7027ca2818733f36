// qlatctl serve: JSON-lines requests on stdin, responses on stdout, for qlat-admin.
// Semantic verbs only; every name is validated and every path stays under the configfs
// root. The protocol is described in docs/qlatctl-serve.md; the requests are answered by
// ServeHandler (serve_handler.cpp), the event notifications come from here.
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <memory>

#include "common.h"
#include "eventsource.h"
#include "qlat/error.h"
#include "qlat/events.h"
#include "qlat/saveconfig.h"
#include "serve_handler.h"

namespace qlatctl {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxLine = 64U << 20;

struct ServeOptions {
  std::string save_file;
};

class Server {
 public:
  Server(const Global& g, const ServeOptions& opt)
      : g_(g), cfs_(g.configfs), handler_(g, cfs_, opt.save_file, [this](bool on) {
          return on ? subscribe() : unsubscribe();
        }) {
    handler_.set_notify([](const json& n) { emit(n); });
  }

  int run() {
    std::string buf;
    bool discarding = false;  // the rest of a line too long to be a request
    std::vector<char> chunk(1U << 16);
    for (;;) {
      std::vector<pollfd> fds = {{STDIN_FILENO, POLLIN, 0}};
      if (events_) {
        const auto e = events_->pollfds();
        fds.insert(fds.end(), e.begin(), e.end());
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) {
          continue;
        }
        throw qlat::SysError("poll", "stdin", errno);
      }
      for (std::size_t i = 1; i < fds.size() && events_; ++i) {
        if ((fds[i].revents & (POLLIN | POLLERR)) != 0) {
          read_events(fds[i].fd);
        }
      }
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
        continue;
      }
      const ssize_t n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        break;
      }
      buf.append(chunk.data(), static_cast<std::size_t>(n));
      std::size_t pos = 0;
      while ((pos = buf.find('\n')) != std::string::npos) {
        if (discarding) {
          discarding = false;
          answer_too_long();
        } else {
          answer(buf.substr(0, pos));
        }
        buf.erase(0, pos + 1);
      }
      if (buf.size() > kMaxLine) {
        discarding = true;
        buf.clear();
      }
    }
    if (discarding) {
      answer_too_long();
    } else if (!buf.empty()) {
      answer(buf);
    }
    return kOk;
  }

 private:
  void answer_too_long() { emit_line(ServeHandler::too_long()); }

  /// One request line: one response line (none for an empty line).
  void answer(const std::string& line) {
    if (auto r = handler_.answer(line); !r.empty()) {
      emit_line(r);
    }
  }

  static void emit_line(const std::string& line) { std::cout << line << "\n" << std::flush; }

  static void emit(const json& j) { emit_line(ServeHandler::line(j)); }

  /// Joins the event sources, then dumps the sessions so that events the dump reflects
  /// are not notified; the client reads list_sessions and list_ports after this.
  json subscribe() {
    if (!events_) {
      auto e = std::make_unique<EventSource>(g_.sysfs);
      try {
        e->open();
        e->dump();
      } catch (const EventSourceError& err) {
        throw RequestError("failed", std::string("subscribe: ") + err.what());
      }
      events_ = std::move(e);
    }
    return {{"sessions", events_->sessions()}, {"fc", events_->fc()}, {"notes", events_->notes()}};
  }

  json unsubscribe() {
    events_.reset();
    return json::object();
  }

  /// The notifications of what an event socket has to read.
  void read_events(int fd) {
    try {
      for (const auto& line : events_->read(fd)) {
        if (const auto n = qlat::events::notification(line); !n.is_null()) {
          emit(n);
        }
      }
    } catch (const EventSourceError& e) {
      events_.reset();
      emit(qlat::serve::Notification{qlat::serve::kUnsubscribed, {{"message", e.what()}}});
    }
  }

  const Global& g_;
  qlat::FsBackend cfs_;
  ServeHandler handler_;
  std::unique_ptr<EventSource> events_;
};

int run_serve(const Global& g, const ServeOptions& opt) {
  ServeOptions o = opt;
  if (o.save_file.empty()) {
    o.save_file = qlat::default_save_file();
  }
  Server s(g, o);
  return s.run();
}

}  // namespace

void add_serve(CLI::App& app, Global& g) {
  auto opt = std::make_shared<ServeOptions>();
  auto* sub = app.add_subcommand("serve", "Answer JSON-lines requests on stdin (for qlat-admin)");
  sub->add_option("--save-file", opt->save_file, "the file 'save' writes")->group("");
  sub->callback([&g, opt] { g.exit = run_serve(g, *opt); });
}

}  // namespace qlatctl
