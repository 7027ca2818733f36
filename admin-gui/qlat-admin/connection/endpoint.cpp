#include "connection/endpoint.h"

#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

namespace qlat::admin {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("connections/recent");
}  // namespace

QString Endpoint::toUri() const {
  QString uri;
  if (kind == Kind::Local) {
    uri = QStringLiteral("local");
  } else {
    uri = QStringLiteral("ssh://") + (user.isEmpty() ? QString() : user + QLatin1Char('@')) + host;
  }
  if (qlatctl != QLatin1String("qlatctl")) {
    uri += QStringLiteral("?qlatctl=") + QString::fromUtf8(QUrl::toPercentEncoding(qlatctl));
  }
  return uri;
}

Endpoint Endpoint::fromUri(const QString& uri, bool* ok) {
  Endpoint e;
  bool good = false;
  QString base = uri.section(QLatin1Char('?'), 0, 0);
  const QString query = uri.section(QLatin1Char('?'), 1);
  if (base == QLatin1String("local")) {
    good = true;
  } else if (base.startsWith(QLatin1String("ssh://"))) {
    base = base.mid(6);
    e.kind = Kind::Ssh;
    const auto at = base.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
      e.user = base.left(at);
      base = base.mid(at + 1);
    }
    e.host = base;
    good = !e.host.isEmpty() && !e.host.contains(QLatin1Char('/')) &&
           !e.host.startsWith(QLatin1Char('-'));
  }
  if (!query.isEmpty()) {
    const QUrlQuery q(query);
    const QString path = q.queryItemValue(QStringLiteral("qlatctl"), QUrl::FullyDecoded);
    if (!path.isEmpty()) {
      e.qlatctl = path;
    }
  }
  if (ok != nullptr) {
    *ok = good;
  }
  return good ? e : Endpoint{};
}

QString Endpoint::displayName() const {
  if (kind == Kind::Local) {
    return QStringLiteral("Local");
  }
  return (user.isEmpty() ? QString() : user + QLatin1Char('@')) + host + QStringLiteral(" (ssh)");
}

Command serveCommand(const Endpoint& e, unsigned euid, const QString& resolved_qlatctl) {
  const QString qlatctl = resolved_qlatctl.isEmpty() ? e.qlatctl : resolved_qlatctl;
  if (e.kind == Endpoint::Kind::Local) {
    if (euid == 0) {
      return {qlatctl, {QStringLiteral("serve")}};
    }
    return {QStringLiteral("pkexec"), {qlatctl, QStringLiteral("serve")}};
  }
  QStringList args{QStringLiteral("-T"), QStringLiteral("-o"), QStringLiteral("BatchMode=yes")};
  args << (e.user.isEmpty() ? e.host : e.user + QLatin1Char('@') + e.host);
  // `--` keeps the remote command from being parsed as ssh options.
  args << QStringLiteral("--");
  if (e.user != QLatin1String("root")) {
    args << QStringLiteral("sudo") << QStringLiteral("-n");
  }
  args << e.qlatctl << QStringLiteral("serve");
  return {QStringLiteral("ssh"), args};
}

QList<Endpoint> recentEndpoints(QSettings& settings) {
  QList<Endpoint> out;
  for (const QString& uri : settings.value(kRecentKey).toStringList()) {
    bool ok = false;
    Endpoint e = Endpoint::fromUri(uri, &ok);
    if (ok) {
      out << e;
    }
  }
  return out;
}

void rememberEndpoint(QSettings& settings, const Endpoint& e) {
  QStringList uris = settings.value(kRecentKey).toStringList();
  uris.removeAll(e.toUri());
  uris.prepend(e.toUri());
  while (uris.size() > kMaxRecent) {
    uris.removeLast();
  }
  settings.setValue(kRecentKey, uris);
}

}  // namespace qlat::admin
