#pragma once

#include <functional>
#include <map>

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace qlat::admin {

/// The answer to one request: the result, or the error with its cause.
// clang-tidy 14 reports bugprone-exception-escape for any class with an nlohmann::json
// member (from json's own noexcept special members); nothing here throws.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct ServeReply {
  bool ok = false;
  nlohmann::json result;
  QString error;  ///< the server's message (and problems), or why the request failed
  QString code;   ///< the server's error code (bad_request, invalid_config, ...), if any
  nlohmann::json error_object;  ///< the server's whole error object (stale: "tree")
};

/// A JSON-lines client of `qlatctl serve` over a QProcess's stdin/stdout.
///
/// Speaks docs/qlatctl-serve.md (connection/protocol.h): each request is one line
/// {"id": N, "method": "...", "params": {...}}, each answer one line {"id": N, "ok": true,
/// "result": ...} or {"id": N, "ok": false, "error": {"code", "message"}}. On start the client
/// sends `hello` asking for protocol::kVersion and emits opened() only when the server speaks it;
/// otherwise it stops and emits lost() with the reason. Replies arrive asynchronously through the
/// callback given to request(); nothing blocks the event loop. When the process ends or
/// fails, every outstanding request fails with the cause (exit status and the last lines
/// serve, pkexec, ssh or sudo wrote to stderr) and lost() is emitted; start() may be called
/// again to reconnect.
class ServeClient final : public QObject {
  Q_OBJECT
 public:
  using Callback = std::function<void(const ServeReply&)>;

  explicit ServeClient(QObject* parent = nullptr);
  ~ServeClient() override;

  /// Starts `program arguments` (e.g. pkexec /usr/sbin/qlatctl serve). Stops a running one.
  void start(const QString& program, const QStringList& arguments);
  /// Closes serve's stdin (it exits at EOF) and waits briefly; outstanding requests fail.
  void stop();
  bool isOpen() const;
  /// The command line of the current or last process, for messages.
  QString commandLine() const;

  /// Sends a request; `done` is called exactly once, with the reply or the failure.
  /// Returns the request id.
  quint64 request(const QString& method, const nlohmann::json& params, Callback done);
  /// The server's hello, once opened() was emitted.
  const nlohmann::json& hello() const { return hello_; }
  int outstanding() const { return static_cast<int>(pending_.size()); }

 signals:
  /// The server answered hello with protocol::kVersion: requests can be made.
  void opened();
  /// The connection ended; `cause` says why.
  void lost(const QString& cause);
  /// True while at least one request is outstanding (for a progress indicator).
  void busyChanged(bool busy);
  /// A line from serve that is not a reply (progress, log); shown in the status bar.
  void notice(const QString& text);
  /// A notification line (after `subscribe`): its name and params.
  void notified(const QString& name, const nlohmann::json& params);

 private:
  void onReadyRead();
  void onStderr();
  void onFinished(int code, QProcess::ExitStatus status);
  void onError(QProcess::ProcessError error);
  /// Ends the process (closes its input, waits, kills it if it lingers), fails every
  /// outstanding request with `cause` and reports lost(cause), once.
  void endProcess(const QString& cause);
  void failAll(const QString& cause);
  void handleLine(const QByteArray& line);
  void sendHello();

  QProcess* process_ = nullptr;
  QString program_;
  QStringList arguments_;
  QByteArray stdout_buffer_;
  QStringList stderr_tail_;
  quint64 next_id_ = 1;
  std::map<quint64, Callback> pending_;
  bool lost_reported_ = false;
  nlohmann::json hello_;
};

}  // namespace qlat::admin
