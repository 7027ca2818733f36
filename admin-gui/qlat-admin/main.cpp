#include <QApplication>
#include <QLabel>

#include "qlat/version.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("qlat-admin");
  QApplication::setApplicationVersion(
      QString::fromUtf8(qlat::version().data(), static_cast<qsizetype>(qlat::version().size())));
  QLabel label(QStringLiteral("qlat-admin"));
  label.show();
  return QApplication::exec();
}
