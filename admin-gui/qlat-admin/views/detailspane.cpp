#include "views/detailspane.h"

#include <QHeaderView>
#include <QLabel>
#include <QModelIndex>
#include <QTableWidget>
#include <QVBoxLayout>

#include "models/roles.h"
#include "qlat/model.h"
#include "qlat/schema.h"
#include "qstring.h"

namespace qlat::admin {

QString kindTitle(const QString& kind) {
  static const QMap<QString, QString> titles = {
      {QStringLiteral("port"), QObject::tr("FC port")},
      {QStringLiteral("target"), QObject::tr("Target")},
      {QStringLiteral("tpg"), QObject::tr("Target portal group")},
      {QStringLiteral("lun"), QObject::tr("LUN")},
      {QStringLiteral("acl"), QObject::tr("Initiator ACL")},
      {QStringLiteral("mapped_lun"), QObject::tr("Mapped LUN")},
      {QStringLiteral("session"), QObject::tr("Session")},
      {QStringLiteral("group"), QObject::tr("Initiator group")},
      {QStringLiteral("host"), QObject::tr("Initiator")},
      {QStringLiteral("lun_folder"), QObject::tr("LUNs")},
      {QStringLiteral("acl_folder"), QObject::tr("ACLs")},
      {QStringLiteral("backstore:fileio"), QObject::tr("File backstore")},
      {QStringLiteral("backstore:block"), QObject::tr("Block backstore")},
      {QStringLiteral("backstore:ramdisk"), QObject::tr("RAM disk backstore")},
  };
  return titles.value(kind, kind);
}

DetailsPane::DetailsPane(QWidget* parent)
    : QWidget(parent), title_(new QLabel), table_(new QTableWidget(0, 3)) {
  QFont f = title_->font();
  f.setBold(true);
  title_->setFont(f);
  title_->setWordWrap(true);
  table_->setHorizontalHeaderLabels({tr("Attribute"), tr("Value"), tr("Type")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setWordWrap(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title_);
  layout->addWidget(table_, 1);
  clear();
}

void DetailsPane::clear() {
  title_->setText(tr("Select an object to see its attributes."));
  table_->setRowCount(0);
}

void DetailsPane::showIndex(const QModelIndex& index) {
  if (!index.isValid()) {
    clear();
    return;
  }
  const QString kind = index.data(KindRole).toString();
  const QVariantMap attrs = index.data(AttributesRole).toMap();
  title_->setText(kindTitle(kind) + QStringLiteral(": ") +
                  index.siblingAtColumn(0).data(Qt::DisplayRole).toString());
  table_->setRowCount(0);
  auto addRow = [this](const QString& name, const QString& value, const AttrSpec* spec) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    auto* n = new QTableWidgetItem(name);
    auto* v = new QTableWidgetItem(value);
    auto* t = new QTableWidgetItem(spec != nullptr ? q(spec->type_text()) : QString());
    if (spec != nullptr && !spec->description.empty()) {
      const QString tip = q(spec->description);
      n->setToolTip(tip);
      v->setToolTip(tip);
      t->setToolTip(tip);
    }
    table_->setItem(row, 0, n);
    table_->setItem(row, 1, v);
    table_->setItem(row, 2, t);
  };
  // What configfs-schema/ says of this kind of object, in its order; then the rest of the
  // attributes, by name.
  QString fabric = index.data(FabricRole).toString();
  if (fabric.isEmpty()) {
    fabric = QString::fromLatin1(qlat::kFcFabric);
  }
  const std::vector<AttrSpec> specs =
      Schema::builtin().describe(kind.toStdString(), fabric.toStdString());
  QStringList done;
  for (const AttrSpec& spec : specs) {
    const QString name = q(spec.name);
    if (attrs.contains(name) && !done.contains(name)) {
      addRow(name, attrs.value(name).toString(), &spec);
      done << name;
    }
  }
  for (auto it = attrs.cbegin(); it != attrs.cend(); ++it) {
    if (!done.contains(it.key())) {
      addRow(it.key(), it.value().toString(), nullptr);
    }
  }
}

QStringList DetailsPane::rows() const {
  QStringList out;
  for (int r = 0; r < table_->rowCount(); ++r) {
    out << table_->item(r, 0)->text() + QLatin1Char('=') + table_->item(r, 1)->text();
  }
  return out;
}

}  // namespace qlat::admin
