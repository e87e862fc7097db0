#include "jsontreeview.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sockerless::gui {

namespace {

QString scalarText(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QStringLiteral("[%1]").arg(value.toArray().size());
    case QJsonValue::Object:
        return QStringLiteral("{%1}").arg(value.toObject().size());
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

void addChildren(QTreeWidgetItem* parent, const QJsonValue& value) {
    auto add = [parent](const QString& key, const QJsonValue& child) {
        auto* item = new QTreeWidgetItem(parent, {key, scalarText(child)});
        if (child.isObject() || child.isArray())
            addChildren(item, child);
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            add(it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            add(QString::number(i), array.at(i));
    }
}

// Shows items matching `text` and their ancestors; true when `item` or a descendant matches.
bool filterItem(QTreeWidgetItem* item, const QString& text) {
    bool childMatches = false;
    for (int i = 0; i < item->childCount(); ++i)
        childMatches = filterItem(item->child(i), text) || childMatches;
    const bool matches = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                         item->text(1).contains(text, Qt::CaseInsensitive);
    item->setHidden(!(matches || childMatches));
    if (!text.isEmpty() && childMatches)
        item->setExpanded(true);
    return matches || childMatches;
}

} // namespace

JsonTreeView::JsonTreeView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search keys and values…"));
    m_search->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    connect(m_search, &QLineEdit::textChanged, this, &JsonTreeView::applyFilter);
}

void JsonTreeView::setJson(const QJsonValue& value) {
    QSet<QString> expanded;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->isExpanded())
            expanded.insert(m_tree->topLevelItem(i)->text(0));
    m_tree->clear();
    auto* root = new QTreeWidgetItem;
    addChildren(root, value);
    const QList<QTreeWidgetItem*> top = root->takeChildren();
    delete root;
    m_tree->addTopLevelItems(top);
    for (QTreeWidgetItem* item : top)
        item->setExpanded(expanded.contains(item->text(0)) ||
                          item->text(0) == QLatin1String("State"));
    applyFilter(m_search->text());
}

void JsonTreeView::clear() {
    m_tree->clear();
}

void JsonTreeView::applyFilter(const QString& text) {
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        filterItem(m_tree->topLevelItem(i), text);
}

} // namespace sockerless::gui
