#pragma once
// The request handler of `qlatctl serve` (docs/qlatctl-serve.md): one request line in, one
// response line out, over any Backend. serve.cpp adds stdin, stdout and the event sources;
// tests/fuzz/fuzz_serve.cpp drives it over an in-memory backend.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common.h"
#include "qlat/configfs.h"
#include "qlat/serve_protocol.h"

namespace qlatctl {

/// A request error: the error object of its answer (serve::Error: a code for programs, a
/// message for people, an invalid configuration's problems, more keys).
struct RequestError : std::runtime_error {
  RequestError(std::string c, const std::string& m, std::vector<qlat::serve::Problem> p = {},
               nlohmann::json x = nlohmann::json::object())
      : std::runtime_error(m), error{std::move(c), m, std::move(p), std::move(x)} {}
  qlat::serve::Error error;
};

class ServeHandler {
 public:
  /// Answers subscribe (true) and unsubscribe (false), the protocol 2 methods; it may throw
  /// RequestError. Without one, subscribe fails.
  using EventsFn = std::function<nlohmann::json(bool subscribe)>;

  /// `g` names the configfs root (for hello) and the sysfs root (ports); `cfs` is configfs;
  /// `save_file` is the only file save writes.
  ServeHandler(const Global& g, qlat::Backend& cfs, std::string save_file, EventsFn events = {});

  /// Sends a notification line before the answer (read_tree's progress).
  using NotifyFn = std::function<void(const nlohmann::json& notification)>;
  void set_notify(NotifyFn notify) { notify_ = std::move(notify); }

  /// The result of one request, or a RequestError (or another exception) for its error.
  nlohmann::json handle(const nlohmann::json& req);

  /// The response line (without its newline) to one request line; empty for an empty line,
  /// which is not a request.
  std::string answer(const std::string& line);

  /// The response to a line longer than a request may be.
  static std::string too_long();

  /// A response or notification as one line (invalid UTF-8 replaced, never thrown).
  static std::string line(const nlohmann::json& j);

  /// The protocol version spoken (1 until a hello asks for more).
  int protocol() const { return protocol_; }

 private:
  std::string check_base(const nlohmann::json& req, const qlat::Config& live) const;
  /// The running configuration `live` against the file `save` writes.
  qlat::serve::SavedState saved_state(const qlat::Config& live) const;

  const Global& g_;
  qlat::Backend& cfs_;
  std::string save_file_;
  EventsFn events_;
  NotifyFn notify_;
  int protocol_ = 1;
};

}  // namespace qlatctl
