#include "views/icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace qlat::admin {

namespace {

QPixmap draw(int size) {
  QPixmap pm(size, size);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.scale(size / 64.0, size / 64.0);
  // Rounded tile.
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0x1f, 0x4e, 0x79));
  p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12);
  // Disk stack: three cylinders.
  for (int i = 0; i < 3; ++i) {
    const double y = 14 + i * 11;
    p.setBrush(QColor(0xe8, 0xf1, 0xfa));
    p.drawRoundedRect(QRectF(10, y, 26, 9), 3, 3);
    p.setBrush(QColor(0x3c, 0xc4, 0x7c));
    p.drawEllipse(QPointF(31, y + 4.5), 1.8, 1.8);
  }
  // Fibre link to a port.
  QPen fibre(QColor(0xf5, 0xa6, 0x23), 3.2, Qt::SolidLine, Qt::RoundCap);
  p.setPen(fibre);
  p.setBrush(Qt::NoBrush);
  QPainterPath path(QPointF(36, 29));
  path.cubicTo(QPointF(46, 29), QPointF(44, 46), QPointF(53, 46));
  p.drawPath(path);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0xf5, 0xa6, 0x23));
  p.drawEllipse(QPointF(53, 46), 4, 4);
  return pm;
}

}  // namespace

QIcon appIcon() {
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256}) {
    icon.addPixmap(draw(size));
  }
  return icon;
}

}  // namespace qlat::admin
