#pragma once

#include <QString>
#include <QStringList>

namespace qlat::admin {

/// Writes PNGs of the main window and of each LUN wizard page, on fixture data, into `dir`
/// (main-window.png, wizard-1-targets.png ... wizard-6-result.png). Returns the files
/// written; `error` gets the cause when one could not be written.
QStringList writeScreenshots(const QString& dir, QString* error);

}  // namespace qlat::admin
