#include "requestlogview.h"

#include "client/internalapiclient.h"
#include "jsontreeview.h"
#include "requestchart.h"
#include "requestlogmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWebSocket>

namespace sockerless::gui {

RequestLogView::RequestLogView(client::InternalApiClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new RequestLogModel(this))
    , m_filter(new RequestLogFilter) {
    m_filter->setParent(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(JsonTableModel::SortRole);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Filter by client, method, route, path, error…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &RequestLogFilter::setText);
    m_statusClass = new QComboBox(this);
    m_statusClass->addItem(tr("All statuses"), 0);
    m_statusClass->addItem(tr("2xx success"), 2);
    m_statusClass->addItem(tr("3xx"), 3);
    m_statusClass->addItem(tr("4xx client error"), 4);
    m_statusClass->addItem(tr("5xx server error"), 5);
    m_statusClass->addItem(tr("Failures (4xx, 5xx)"), -1);
    connect(m_statusClass, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatusClass(m_statusClass->currentData().toInt()); });
    m_pause = new QToolButton(this);
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setIcon(QIcon(QStringLiteral(":/icons/pause.svg")));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause->setShortcut(Qt::CTRL | Qt::Key_P);
    connect(m_pause, &QToolButton::toggled, this, &RequestLogView::setPaused);
    m_state = new QLabel(this);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_statusClass);
    bar->addWidget(m_pause);
    bar->addWidget(m_state);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    m_unavailable = new QLabel(m_stack);
    m_unavailable->setObjectName(QStringLiteral("requestLogUnavailable"));
    m_unavailable->setAlignment(Qt::AlignCenter);
    m_unavailable->setWordWrap(true);
    m_stack->addWidget(m_unavailable);
    auto* vertical = new QSplitter(Qt::Vertical, m_stack);
    vertical->setObjectName(QStringLiteral("requestLogSplitter"));
    auto* horizontal = new QSplitter(Qt::Horizontal, vertical);
    horizontal->setObjectName(QStringLiteral("requestLogDetailSplitter"));
    m_table = new QTableView(horizontal);
    m_table->setObjectName(QStringLiteral("requestLogTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RequestLogModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QList<int> widths{95, 80, 60, 230, 210, 50, 70};
    for (int column = 0; column < widths.size(); ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_detail = new JsonTreeView(horizontal);
    horizontal->setStretchFactor(0, 3);
    horizontal->setStretchFactor(1, 1);
    m_chart = new RequestChart(vertical);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    m_stack->addWidget(vertical);
    layout->addWidget(m_stack, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestLogView::showDetail);

    // New records are shown in batches, a few times a second: a busy gateway must not make the
    // table re-layout for every request.
    m_flush.setInterval(100);
    connect(&m_flush, &QTimer::timeout, this, &RequestLogView::flushPending);
    m_reopen.setSingleShot(true);
    m_reopen.setInterval(2000);
    connect(&m_reopen, &QTimer::timeout, this, &RequestLogView::start);
    setUnavailable(tr("Not connected."));
}

RequestLogView::~RequestLogView() {
    // Children (the socket among them) die in ~QObject, after this class's members: a close
    // signalled then would run a lambda on destroyed members.
    if (m_socket)
        m_socket->disconnect(this);
}

QString RequestLogView::unavailableText() const {
    return m_available ? QString() : m_unavailable->text();
}

QStringList RequestLogView::pendingPaths() const {
    QStringList paths;
    for (const QJsonObject& record : m_pending)
        paths.append(record.value(QStringLiteral("path")).toString());
    return paths;
}

bool RequestLogView::streamUp() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RequestLogView::setUnavailable(const QString& text) {
    m_available = false;
    m_unavailable->setText(text);
    m_stack->setCurrentWidget(m_unavailable);
}

void RequestLogView::start() {
    const quint64 generation = ++m_generation;
    m_reopen.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_client->get(QStringLiteral("/internal/v1/requests?limit=1000"), this,
                  [this, generation](const client::ApiResult& result) {
                      if (generation != m_generation)
                          return;
                      if (result.status == 404) {
                          setUnavailable(tr("This daemon has no request log (its API answered 404 "
                                            "to GET /internal/v1/requests)."));
                          emit loaded(false);
                          return;
                      }
                      if (!result.ok()) {
                          setUnavailable(
                              tr("The request log cannot be read: %1").arg(result.describe()));
                          m_reopen.start(); // e.g. the daemon is down: try again
                          emit loaded(false);
                          return;
                      }
                      // The API may answer an array or an object holding one.
                      QJsonArray records = result.array();
                      if (records.isEmpty() && result.json().isObject())
                          records = result.object().value(QStringLiteral("records")).toArray();
                      m_model->clear();
                      m_chart->clear();
                      m_pending.clear();
                      QList<QJsonObject> rows;
                      for (const auto& value : records)
                          rows.append(value.toObject());
                      addRecords(rows);
                      m_available = true;
                      m_stack->setCurrentIndex(1);
                      openStream();
                      emit loaded(true);
                  });
}

void RequestLogView::openStream() {
    m_socket = m_client->openWebSocket(QStringLiteral("/internal/v1/requests/stream"), this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_state->setText(tr("live"));
        m_flush.start();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        const QJsonObject record = QJsonDocument::fromJson(text.toUtf8()).object();
        if (record.contains(QStringLiteral("id")))
            m_pending.append(record);
        // Paused for long: keep the newest only, like the table.
        if (m_pending.size() > maxRecords)
            m_pending.remove(0, m_pending.size() - maxRecords);
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_state->setText(tr("stream down, reconnecting…"));
        m_reopen.start(); // reload the page too: what came meanwhile was missed
    });
}

void RequestLogView::setPaused(bool paused) {
    m_paused = paused;
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused)
        flushPending();
}

void RequestLogView::flushPending() {
    if (m_paused || m_pending.isEmpty())
        return;
    QList<QJsonObject> newestFirst(m_pending.rbegin(), m_pending.rend());
    m_pending.clear();
    addRecords(newestFirst);
}

void RequestLogView::addRecords(const QList<QJsonObject>& newestFirst) {
    // prependRows puts its first element on top: give it oldest-first order reversed.
    QList<QJsonObject> oldestFirst(newestFirst.rbegin(), newestFirst.rend());
    m_model->prependRows(oldestFirst, maxRecords);
    for (const QJsonObject& record : oldestFirst)
        m_chart->addSample(QDateTime::fromString(record.value(QStringLiteral("time")).toString(),
                                                 Qt::ISODateWithMs),
                           record.value(QStringLiteral("durationMs")).toDouble());
}

void RequestLogView::showDetail() {
    const QModelIndex index = m_table->selectionModel()->selectedRows().value(0);
    m_detail->setJson(index.data(JsonTableModel::ObjectRole).toJsonObject());
    m_detail->tree()->expandAll();
}

} // namespace sockerless::gui
