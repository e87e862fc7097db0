#pragma once

#include <QJsonValue>
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace sockerless::gui {

/// A JSON object (an inspect answer) as a tree of keys and values, with a search box that keeps
/// the matching keys or values (and the path to them) visible.
class JsonTreeView : public QWidget {
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget* parent = nullptr);
    /// Shows `value`; the expanded state of the top level is kept across updates of one object.
    void setJson(const QJsonValue& value);
    void clear();
    QTreeWidget* tree() const { return m_tree; }

private:
    void applyFilter(const QString& text);

    QLineEdit* m_search = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace sockerless::gui
