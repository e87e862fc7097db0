// WS /internal/v1/events: Docker's events bridged one text message per event, with Docker's
// `filters`, `since` and `until`, against the real sockerlessd.

#include "blackboxcase.h"
#include "testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

using sockerless::test::BlackboxCase;

class TstBlackboxEvents : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void eventsDeliverAContainerCreatedThroughTheDaemon();
    void eventsFiltersReachDocker();
    void eventsWithUntilInThePastEndWithClose1000();
    void eventsWithMalformedFiltersClose4400();

private:
    // Opens the events socket with our label filter (plus `extraFilters`) and `query`, and
    // collects its text messages into `m_events`.
    std::unique_ptr<QWebSocket> subscribe(const QJsonObject& extraFilters, const QString& query);
    void collect(QWebSocket* socket) {
        QObject::connect(socket, &QWebSocket::textMessageReceived,
                         [this](const QString& m) { m_events.append(m); });
    }
    static QJsonObject eventAt(const QStringList& events, qsizetype i) {
        return QJsonDocument::fromJson(events.at(i).toUtf8()).object();
    }

    BlackboxCase m_case;
    QStringList m_events;
};

void TstBlackboxEvents::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    m_events.clear();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxEvents::cleanup() {
    m_case.finish();
}

std::unique_ptr<QWebSocket> TstBlackboxEvents::subscribe(const QJsonObject& extraFilters,
                                                         const QString& query) {
    QJsonObject filters = extraFilters;
    const QString label = BlackboxCase::labelKey() + u'=' + m_case.labelValue();
    filters.insert(QStringLiteral("label"), QJsonArray{label});
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(
        QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact))));
    return m_case.daemon().openWebSocket(QStringLiteral("/internal/v1/events?filters=") + encoded +
                                             query,
                                         10000, [this](QWebSocket* socket) { collect(socket); });
}

void TstBlackboxEvents::eventsDeliverAContainerCreatedThroughTheDaemon() {
    // `since` replays from before the create: a subscription Docker registers late misses nothing.
    const qint64 since = QDateTime::currentSecsSinceEpoch() - 1;
    auto socket = subscribe({}, QStringLiteral("&since=%1").arg(since));
    QVERIFY(socket);
    const QString id = m_case.createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_events.isEmpty(), 10000);
    const QJsonObject event = eventAt(m_events, 0);
    QCOMPARE(event.value(QStringLiteral("Type")).toString(), QStringLiteral("container"));
    QCOMPARE(event.value(QStringLiteral("Action")).toString(), QStringLiteral("create"));
    QCOMPARE(event.value(QStringLiteral("id")).toString(), id);
    // Docker's own fields pass through untouched.
    QCOMPARE(event.value(QStringLiteral("Actor"))
                 .toObject()
                 .value(QStringLiteral("Attributes"))
                 .toObject()
                 .value(BlackboxCase::labelKey())
                 .toString(),
             m_case.labelValue());
    QVERIFY(event.contains(QStringLiteral("timeNano")));
}

void TstBlackboxEvents::eventsFiltersReachDocker() {
    const qint64 since = QDateTime::currentSecsSinceEpoch() - 1;
    auto socket =
        subscribe(QJsonObject{{QStringLiteral("event"), QJsonArray{QStringLiteral("start")}}},
                  QStringLiteral("&since=%1").arg(since));
    QVERIFY(socket);
    const QString id = m_case.runContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_events.isEmpty(), 10000);
    // The create came first, but the filter lets only the start through.
    QCOMPARE(eventAt(m_events, 0).value(QStringLiteral("Action")).toString(),
             QStringLiteral("start"));
    QCOMPARE(eventAt(m_events, 0).value(QStringLiteral("id")).toString(), id);
}

void TstBlackboxEvents::eventsWithUntilInThePastEndWithClose1000() {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto socket = subscribe({}, QStringLiteral("&since=%1&until=%2").arg(now - 60).arg(now - 30));
    QVERIFY(socket);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(socket->closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QVERIFY(m_events.isEmpty()); // nothing of ours happened a minute ago
}

void TstBlackboxEvents::eventsWithMalformedFiltersClose4400() {
    auto socket =
        m_case.daemon().openWebSocket(QStringLiteral("/internal/v1/events?filters=%7Blabel"), 10000,
                                      [this](QWebSocket* s) { collect(s); });
    QVERIFY(socket);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(int(socket->closeCode()), 4400);
    QCOMPARE(m_events.size(), 1);
    const QJsonObject error = eventAt(m_events, 0);
    QCOMPARE(error.value(QStringLiteral("status")).toInt(), 400);
    QVERIFY2(error.value(QStringLiteral("message"))
                 .toString()
                 .startsWith(QLatin1String("invalid filters")),
             qPrintable(m_events.first()));
}

QTEST_MAIN(TstBlackboxEvents)
#include "tst_blackbox_events.moc"
