#include "containersview.h"

#include "client/internalapiclient.h"
#include "containersmodel.h"
#include "execconsole.h"
#include "formatting.h"
#include "jsontreeview.h"
#include "logview.h"
#include "statecolors.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <memory>

namespace sockerless::gui {

namespace {

QToolButton* actionButton(QWidget* parent, const QString& text, const QString& icon,
                          const QKeySequence& shortcut) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(QIcon(QStringLiteral(":/icons/") + icon + QStringLiteral(".svg")));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setShortcut(shortcut);
    button->setToolTip(text + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText) +
                       QLatin1Char(')'));
    return button;
}

} // namespace

ContainersView::ContainersView(client::InternalApiClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new ContainersModel(this))
    , m_proxy(new QSortFilterProxyModel(this)) {
    m_confirm = [this](const QStringList& names, bool force) {
        return QMessageBox::question(
                   this, tr("Remove containers"),
                   tr("Remove %n container(s)%1?\n%2", nullptr, int(names.size()))
                       .arg(force ? tr(" (force: running ones are killed)") : QString(),
                            names.join(QStringLiteral(", ")))) == QMessageBox::Yes;
    };
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("containerFilter"));
    m_filter->setPlaceholderText(tr("Filter containers (name, id, image, state…)"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    auto* start = actionButton(this, tr("Start"), QStringLiteral("play"), Qt::CTRL | Qt::Key_R);
    auto* stop = actionButton(this, tr("Stop"), QStringLiteral("stop"), Qt::CTRL | Qt::Key_T);
    auto* kill =
        actionButton(this, tr("Kill"), QStringLiteral("kill"), Qt::CTRL | Qt::SHIFT | Qt::Key_K);
    auto* remove = actionButton(this, tr("Remove"), QStringLiteral("remove"), Qt::Key_Delete);
    m_force = new QCheckBox(tr("Force"), this);
    m_force->setToolTip(tr("Remove running containers too (they are killed)"));
    for (QWidget* widget :
         {static_cast<QWidget*>(start), static_cast<QWidget*>(stop), static_cast<QWidget*>(kill),
          static_cast<QWidget*>(remove), static_cast<QWidget*>(m_force)})
        bar->addWidget(widget);
    connect(start, &QToolButton::clicked, this, &ContainersView::startSelected);
    connect(stop, &QToolButton::clicked, this, &ContainersView::stopSelected);
    connect(kill, &QToolButton::clicked, this, &ContainersView::killSelected);
    connect(remove, &QToolButton::clicked, this, &ContainersView::removeSelected);
    layout->addLayout(bar);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("containersSplitter"));
    m_table = new QTableView(m_splitter);
    m_table->setObjectName(QStringLiteral("containersTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ContainersModel::Created, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    const QList<int> widths{190, 110, 200, 80, 170, 150};
    for (int column = 0; column < widths.size(); ++column)
        m_table->setColumnWidth(column, widths[column]);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ContainersView::onSelectionChanged);

    m_details = new QTabWidget(m_splitter);
    m_details->setObjectName(QStringLiteral("containerDetails"));
    m_inspect = new JsonTreeView(m_details);
    m_logs = new LogView(client, m_details);
    m_exec = new ExecConsole(client, m_details);
    m_details->addTab(m_inspect, QIcon(QStringLiteral(":/icons/inspect.svg")), tr("Inspect"));
    m_details->addTab(m_logs, QIcon(QStringLiteral(":/icons/logs.svg")), tr("Logs"));
    m_details->addTab(m_exec, QIcon(QStringLiteral(":/icons/terminal.svg")), tr("Exec"));
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ContainersView::refresh);
}

void ContainersView::scheduleRefresh() {
    if (!m_debounce.isActive())
        m_debounce.start();
}

void ContainersView::reset() {
    m_model->clear();
    m_logs->follow({}, false);
    m_exec->setContainer({});
    m_inspect->clear();
    m_detailId.clear();
}

void ContainersView::refresh() {
    if (m_fetching) {
        m_fetchAgain = true; // one more fetch after this one: an event came while it ran
        return;
    }
    m_fetching = true;
    m_client->get(QStringLiteral("/internal/v1/containers?all=1"), this,
                  [this](const client::ApiResult& result) {
                      m_fetching = false;
                      if (result.ok()) {
                          QList<QJsonObject> rows;
                          for (const auto& value : result.array())
                              rows.append(value.toObject());
                          m_model->setRows(rows);
                          if (!m_detailId.isEmpty() && m_model->rowOfKey(m_detailId) >= 0)
                              loadDetails(m_detailId);
                      }
                      emit refreshed(result.ok());
                      if (m_fetchAgain) {
                          m_fetchAgain = false;
                          refresh();
                      }
                  });
}

bool ContainersView::selectContainers(const QStringList& ids) {
    QItemSelection selection;
    for (const QString& id : ids) {
        const int row = m_model->rowOfKey(id);
        if (row < 0)
            return false;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        selection.select(index, index.siblingAtColumn(m_model->columnCount() - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    return true;
}

QStringList ContainersView::selectedIds() const {
    QStringList ids;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        ids.append(index.data(JsonTableModel::KeyRole).toString());
    return ids;
}

void ContainersView::startSelected() {
    act(tr("start"), "POST", QStringLiteral("/start"));
}

void ContainersView::stopSelected() {
    act(tr("stop"), "POST", QStringLiteral("/stop"));
}

void ContainersView::killSelected() {
    act(tr("kill"), "POST", QStringLiteral("/kill"));
}

void ContainersView::setForce(bool force) {
    m_force->setChecked(force);
}

void ContainersView::removeSelected() {
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (const QString& id : ids)
        names.append(Formatting::containerName(
            m_model->rowObject(m_model->rowOfKey(id)).value(QStringLiteral("Names")).toArray()));
    const bool force = m_force->isChecked();
    if (!m_confirm(names, force))
        return;
    act(tr("remove"), "DELETE", force ? QStringLiteral("?force=1") : QString());
}

void ContainersView::act(const QString& action, const QByteArray& method, const QString& suffix) {
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    struct Progress {
        int pending = 0;
        QStringList errors;
    };
    auto progress = std::make_shared<Progress>();
    progress->pending = int(ids.size());
    for (const QString& id : ids) {
        const QString name = Formatting::containerName(
            m_model->rowObject(m_model->rowOfKey(id)).value(QStringLiteral("Names")).toArray());
        m_client->call(method,
                       QStringLiteral("/internal/v1/containers/") +
                           client::InternalApiClient::segment(id) + suffix,
                       {}, this, [this, progress, action, name](const client::ApiResult& result) {
                           if (!result.ok())
                               progress->errors.append(name + QStringLiteral(": ") +
                                                       result.message);
                           if (--progress->pending > 0)
                               return;
                           const bool ok = progress->errors.isEmpty();
                           m_lastError = progress->errors.join(QLatin1Char('\n'));
                           if (ok)
                               m_message->hide();
                           else
                               showMessage(tr("Could not %1 — %2").arg(action, m_lastError), true);
                           scheduleRefresh();
                           emit actionFinished(action, ok);
                       });
    }
}

void ContainersView::showMessage(const QString& text, bool error) {
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     error ? StateColors::color(StateColors::Role::Bad, this->palette())
                           : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->setText(text);
    m_message->show();
}

void ContainersView::onSelectionChanged() {
    const QModelIndex current = m_table->selectionModel()->selectedRows().value(0);
    const QString id = current.data(JsonTableModel::KeyRole).toString();
    if (id == m_detailId)
        return;
    m_detailId = id;
    m_inspect->clear();
    if (id.isEmpty()) {
        m_logs->follow({}, false);
        m_exec->setContainer({});
        return;
    }
    loadDetails(id);
}

void ContainersView::loadDetails(const QString& id) {
    m_client->get(
        QStringLiteral("/internal/v1/containers/") + client::InternalApiClient::segment(id), this,
        [this, id](const client::ApiResult& result) {
            if (id != m_detailId)
                return;
            if (!result.ok()) {
                m_inspect->setJson(QJsonObject{{QStringLiteral("error"), result.describe()}});
                return;
            }
            const QJsonObject inspect = result.object();
            m_inspect->setJson(inspect);
            const bool tty = inspect.value(QStringLiteral("Config"))
                                 .toObject()
                                 .value(QStringLiteral("Tty"))
                                 .toBool();
            const bool running = inspect.value(QStringLiteral("State"))
                                     .toObject()
                                     .value(QStringLiteral("Running"))
                                     .toBool();
            // A new container, or one that (re)started after its stream ended.
            if (m_logs->containerId() != id || (running && !m_logs->isFollowing()))
                m_logs->follow(id, tty);
            m_exec->setContainer(id);
        });
}

} // namespace sockerless::gui
