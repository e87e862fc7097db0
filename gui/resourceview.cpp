#include "resourceview.h"

#include "client/internalapiclient.h"
#include "jsontablemodel.h"
#include "jsontreeview.h"
#include "statecolors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <utility>

namespace sockerless::gui {

ResourceView::ResourceView(client::InternalApiClient* client, JsonTableModel* model,
                           QString listPath, QString itemPath, const QString& name, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_listPath(std::move(listPath))
    , m_itemPath(std::move(itemPath)) {
    setObjectName(name + QStringLiteral("View"));
    model->setParent(this);
    auto* layout = new QVBoxLayout(this);
    m_bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter…"));
    m_filter->setClearButtonEnabled(true);
    m_bar->addWidget(m_filter, 1);
    layout->addLayout(m_bar);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_proxy->setSourceModel(model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(name + QStringLiteral("Splitter"));
    m_table = new QTableView(m_splitter);
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail = new JsonTreeView(m_splitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResourceView::showDetail);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ResourceView::refresh);
}

void ResourceView::setColumnWidths(const QList<int>& widths) {
    for (int column = 0; column < widths.size(); ++column)
        m_table->setColumnWidth(column, widths[column]);
}

QToolButton* ResourceView::addAction(const QString& text, const QString& icon,
                                     const QKeySequence& shortcut) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setIcon(QIcon(QStringLiteral(":/icons/") + icon + QStringLiteral(".svg")));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    if (!shortcut.isEmpty()) {
        button->setShortcut(shortcut);
        button->setToolTip(text + QStringLiteral(" (") +
                           shortcut.toString(QKeySequence::NativeText) + QLatin1Char(')'));
    }
    m_bar->addWidget(button);
    return button;
}

void ResourceView::scheduleRefresh() {
    if (!m_debounce.isActive())
        m_debounce.start();
}

void ResourceView::refresh() {
    m_client->get(m_listPath, this, [this](const client::ApiResult& result) {
        if (result.ok()) {
            m_model->setRows(rowsFrom(result));
            if (!m_detailKey.isEmpty() && m_model->rowOfKey(m_detailKey) >= 0)
                showDetail();
        }
        emit refreshed(result.ok());
    });
}

QList<QJsonObject> ResourceView::rowsFrom(const client::ApiResult& result) const {
    QList<QJsonObject> rows;
    for (const auto& value : result.array())
        rows.append(value.toObject());
    return rows;
}

QStringList ResourceView::selectedKeys() const {
    QStringList keys;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        keys.append(index.data(JsonTableModel::KeyRole).toString());
    return keys;
}

bool ResourceView::selectKey(const QString& key) {
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    m_table->selectRow(m_proxy->mapFromSource(m_model->index(row, 0)).row());
    return true;
}

void ResourceView::showError(const QString& text) {
    m_lastError = text;
    if (text.isEmpty())
        return m_error->hide();
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText,
                     StateColors::color(StateColors::Role::Bad, this->palette()));
    m_error->setPalette(palette);
    m_error->setText(text);
    m_error->show();
}

void ResourceView::finishAction(const client::ApiResult& result, const QString& what) {
    showError(result.ok() ? QString() : tr("Could not %1 — %2").arg(what, result.describe()));
    scheduleRefresh();
    emit actionFinished(result.ok());
}

void ResourceView::showDetail() {
    const QString key = selectedKeys().value(0);
    m_detailKey = key;
    if (key.isEmpty())
        return m_detail->clear();
    m_client->get(m_itemPath + client::InternalApiClient::segment(key), this,
                  [this, key](const client::ApiResult& result) {
                      if (key != m_detailKey)
                          return;
                      m_detail->setJson(
                          result.ok() ? result.object()
                                      : QJsonObject{{QStringLiteral("error"), result.describe()}});
                  });
}

} // namespace sockerless::gui
