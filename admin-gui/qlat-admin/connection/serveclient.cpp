#include "connection/serveclient.h"

#include "connection/protocol.h"

namespace qlat::admin {

namespace {
constexpr int kStderrLines = 8;
constexpr int kStopWaitMs = 2000;
}  // namespace

ServeClient::ServeClient(QObject* parent) : QObject(parent) {}

ServeClient::~ServeClient() {
  if (process_ != nullptr) {
    process_->disconnect(this);
    process_->closeWriteChannel();
    if (!process_->waitForFinished(kStopWaitMs)) {
      process_->kill();
      process_->waitForFinished(kStopWaitMs);
    }
  }
}

void ServeClient::start(const QString& program, const QStringList& arguments) {
  if (process_ != nullptr) {
    stop();
  }
  program_ = program;
  arguments_ = arguments;
  stdout_buffer_.clear();
  stderr_tail_.clear();
  lost_reported_ = false;
  hello_ = nullptr;
  process_ = new QProcess(this);
  connect(process_, &QProcess::readyReadStandardOutput, this, &ServeClient::onReadyRead);
  connect(process_, &QProcess::readyReadStandardError, this, &ServeClient::onStderr);
  connect(process_, &QProcess::finished, this, &ServeClient::onFinished);
  connect(process_, &QProcess::errorOccurred, this, &ServeClient::onError);
  connect(process_, &QProcess::started, this, &ServeClient::sendHello);
  process_->start(program, arguments);
}

void ServeClient::stop() {
  if (process_ != nullptr) {
    endProcess(tr("connection closed"));
  }
}

void ServeClient::endProcess(const QString& cause) {
  QProcess* p = process_;
  process_ = nullptr;
  p->disconnect(this);
  p->closeWriteChannel();
  if (!p->waitForFinished(kStopWaitMs)) {
    p->kill();
    p->waitForFinished(kStopWaitMs);
  }
  p->deleteLater();
  failAll(cause);
}

bool ServeClient::isOpen() const {
  return process_ != nullptr && process_->state() != QProcess::NotRunning;
}

QString ServeClient::commandLine() const {
  return (QStringList{program_} + arguments_).join(QLatin1Char(' '));
}

void ServeClient::sendHello() {
  request(QString::fromLatin1(protocol::kHello), {{"protocol", protocol::kVersion}},
          [this](const ServeReply& r) {
            if (!r.ok && !isOpen()) {
              return;  // the process ended: lost() says why
            }
            std::string err;
            if (r.ok && protocol::parse_hello(r.result, &err)) {
              hello_ = r.result;
              emit opened();
              return;
            }
            // Not a qlatctl serve of our protocol version: end it and say why.
            const QString cause =
                r.ok ? QString::fromStdString(err)
                     : tr("'%1' did not answer hello: %2").arg(commandLine(), r.error);
            endProcess(cause);
          });
}

quint64 ServeClient::request(const QString& method, const nlohmann::json& params, Callback done) {
  const quint64 id = next_id_++;
  if (!isOpen()) {
    done(ServeReply{false, {}, tr("not connected to qlatctl serve"), {}, {}});
    return id;
  }
  const std::string line = protocol::encode_request(id, method.toStdString(), params);
  const bool was_idle = pending_.empty();
  pending_.emplace(id, std::move(done));
  process_->write(QByteArray::fromStdString(line) + '\n');
  if (was_idle) {
    emit busyChanged(true);
  }
  return id;
}

void ServeClient::onReadyRead() {
  if (process_ == nullptr) {
    return;
  }
  stdout_buffer_ += process_->readAllStandardOutput();
  for (;;) {
    const auto nl = stdout_buffer_.indexOf('\n');
    if (nl < 0) {
      break;
    }
    const QByteArray line = stdout_buffer_.left(nl).trimmed();
    stdout_buffer_.remove(0, nl + 1);
    if (!line.isEmpty()) {
      handleLine(line);
    }
  }
}

void ServeClient::handleLine(const QByteArray& line) {
  if (auto n = protocol::decode_notification(line.toStdString())) {
    emit notified(QString::fromStdString(n->name), n->params);
    return;
  }
  std::string err;
  const auto reply = protocol::decode_reply(line.toStdString(), &err);
  if (!reply) {
    emit notice(QString::fromStdString(err));
    return;
  }
  if (!reply->id.is_number_unsigned()) {
    // An answer to a line the server could not read (id null): nothing to match it with.
    emit notice(tr("qlatctl serve: %1").arg(QString::fromStdString(reply->error_text())));
    return;
  }
  const auto it = pending_.find(reply->id.get<quint64>());
  if (it == pending_.end()) {
    emit notice(tr("qlatctl serve answered unknown request %1").arg(reply->id.get<quint64>()));
    return;
  }
  ServeReply r;
  r.ok = reply->ok;
  r.result = reply->result;
  r.error = QString::fromStdString(reply->error_text());
  r.code = QString::fromStdString(reply->code);
  r.error_object = reply->error;
  Callback done = std::move(it->second);
  pending_.erase(it);
  if (pending_.empty()) {
    emit busyChanged(false);
  }
  done(r);
}

void ServeClient::onStderr() {
  if (process_ == nullptr) {
    return;
  }
  const QString text = QString::fromUtf8(process_->readAllStandardError());
  for (const QString& l : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    stderr_tail_ << l.trimmed();
  }
  while (stderr_tail_.size() > kStderrLines) {
    stderr_tail_.removeFirst();
  }
}

void ServeClient::onFinished(int code, QProcess::ExitStatus status) {
  onReadyRead();
  onStderr();
  QString cause = status == QProcess::CrashExit
                      ? tr("'%1' crashed").arg(commandLine())
                      : tr("'%1' exited with status %2").arg(commandLine()).arg(code);
  // pkexec's own exit codes say why it did not run the program.
  if (program_ == QLatin1String("pkexec") && code == 126) {
    cause += tr(": authorization was refused or dismissed");
  } else if (program_ == QLatin1String("pkexec") && code == 127) {
    cause += tr(": pkexec could not authenticate or find the program");
  } else if (program_ == QLatin1String("ssh") && code == 255) {
    cause += tr(": ssh could not connect");
  }
  if (!stderr_tail_.isEmpty()) {
    cause += QStringLiteral(": ") + stderr_tail_.join(QStringLiteral(" / "));
  }
  if (process_ != nullptr) {
    process_->deleteLater();
    process_ = nullptr;
  }
  failAll(cause);
}

void ServeClient::onError(QProcess::ProcessError error) {
  if (error == QProcess::FailedToStart) {
    const QString cause =
        tr("cannot start '%1': %2")
            .arg(commandLine(), process_ != nullptr ? process_->errorString() : QString());
    if (process_ != nullptr) {
      process_->deleteLater();
      process_ = nullptr;
    }
    failAll(cause);
  }
  // Other errors (crash, write failure) are followed by finished().
}

void ServeClient::failAll(const QString& cause) {
  auto pending = std::move(pending_);
  pending_.clear();
  if (!pending.empty()) {
    emit busyChanged(false);
  }
  for (auto& [id, done] : pending) {
    done(ServeReply{false, {}, cause, {}, {}});
  }
  if (!lost_reported_) {
    lost_reported_ = true;
    emit lost(cause);
  }
}

}  // namespace qlat::admin
