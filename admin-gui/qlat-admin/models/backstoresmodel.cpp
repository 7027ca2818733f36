#include "models/backstoresmodel.h"

#include <array>

#include "models/roles.h"

namespace qlat::admin {

void BackstoresModel::setConfig(const Config& config) {
  beginResetModel();
  config_ = config;
  endResetModel();
}

const StorageObject* BackstoresModel::storageObject(int row) const {
  return row >= 0 && row < rowCount() ? &config_.storage_objects[static_cast<std::size_t>(row)]
                                      : nullptr;
}

int BackstoresModel::usedBy(const std::string& path) const {
  int n = 0;
  for (const auto& t : config_.targets) {
    for (const auto& tpg : t.tpgs) {
      for (const auto& lun : tpg.luns) {
        n += lun.storage_object == path ? 1 : 0;
      }
    }
  }
  return n;
}

QString BackstoresModel::sizeText(std::uint64_t bytes) {
  static constexpr std::array<const char*, 6> kUnits = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  auto v = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (v >= 1024.0 && unit + 1 < kUnits.size()) {
    v /= 1024.0;
    ++unit;
  }
  const int decimals = (unit == 0 || v >= 100.0 || v == static_cast<double>(qint64(v))) ? 0 : 1;
  return QStringLiteral("%1 %2").arg(v, 0, 'f', decimals).arg(QLatin1String(kUnits[unit]));
}

int BackstoresModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(config_.storage_objects.size());
}

int BackstoresModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackstoresModel::data(const QModelIndex& index, int role) const {
  const StorageObject* so = index.isValid() ? storageObject(index.row()) : nullptr;
  if (so == nullptr) {
    return {};
  }
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Name:
          return QString::fromStdString(so->name);
        case Type:
          return QString::fromStdString(so->plugin);
        case Device:
          return QString::fromStdString(so->dev.value_or(std::string()));
        case Size:
          return so->size ? sizeText(*so->size) : QString();
        case UsedBy: {
          const int n = usedBy(so->path());
          return n == 0 ? tr("unused") : tr("%n LUN(s)", nullptr, n);
        }
        default:
          return {};
      }
    case Qt::ToolTipRole:
      return QString::fromStdString(so->path());
    case KindRole:
      return QStringLiteral("backstore:") + QString::fromStdString(so->plugin);
    case KeyRole:
      return QString::fromStdString(so->path());
    case AttributesRole: {
      QVariantMap m{{QStringLiteral("name"), QString::fromStdString(so->name)}};
      if (so->dev && !so->dev->empty()) {
        m.insert(QStringLiteral("dev"), QString::fromStdString(*so->dev));
      }
      if (so->size) {
        m.insert(QStringLiteral("size"), QVariant::fromValue<qulonglong>(*so->size));
      }
      for (const auto& [k, v] : so->attributes) {
        m.insert(QString::fromStdString(k), QString::fromStdString(qlat::attr_to_text(v)));
      }
      return m;
    }
    default:
      return {};
  }
}

QVariant BackstoresModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) {
    return {};
  }
  switch (section) {
    case Name:
      return tr("Name");
    case Type:
      return tr("Type");
    case Device:
      return tr("File / device");
    case Size:
      return tr("Size");
    case UsedBy:
      return tr("Used by");
    default:
      return {};
  }
}

}  // namespace qlat::admin
