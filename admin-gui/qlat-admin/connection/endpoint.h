#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace qlat::admin {

/// Where `qlatctl serve` runs and how qlat-admin starts it, like virt-manager's connections:
///   local   pkexec /usr/sbin/qlatctl serve   (or qlatctl serve directly when already root)
///   ssh     ssh -T [user@]host sudo -n qlatctl serve   (no sudo when user is root)
struct Endpoint {
  enum class Kind { Local, Ssh };
  Kind kind = Kind::Local;
  QString user;                                 ///< ssh only; empty = ssh's default
  QString host;                                 ///< ssh only
  QString qlatctl = QStringLiteral("qlatctl");  ///< program name or path on that machine

  /// "local" or "ssh://user@host", plus "?qlatctl=/path" when not the default.
  QString toUri() const;
  /// Parses toUri()'s form; nullopt-like: kind Local with empty host and `ok` false on error.
  static Endpoint fromUri(const QString& uri, bool* ok = nullptr);
  /// For people: "Local (pkexec)" or "root@san1 (ssh)".
  QString displayName() const;
  bool operator==(const Endpoint&) const = default;
};

/// The program and arguments that start `qlatctl serve` for `e`. `euid` is the caller's
/// effective uid (root runs it directly); `resolved_qlatctl` is the absolute path of a local
/// qlatctl (pkexec needs one to match the polkit action), empty to use e.qlatctl as is.
struct Command {
  QString program;
  QStringList arguments;
};
Command serveCommand(const Endpoint& e, unsigned euid, const QString& resolved_qlatctl);

/// Recently used connections, newest first, kept in QSettings ("connections/recent").
QList<Endpoint> recentEndpoints(QSettings& settings);
void rememberEndpoint(QSettings& settings, const Endpoint& e);

}  // namespace qlat::admin
