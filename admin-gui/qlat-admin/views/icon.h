#pragma once

#include <QIcon>

namespace qlat::admin {

/// The application icon, drawn like data/qlat-admin.svg (a disk stack joined by a fibre link),
/// so the window has an icon without Qt's SVG plugin.
QIcon appIcon();

}  // namespace qlat::admin
