// SIGTERM while streams of every kind are open: every WebSocket (a wait, the events, an exec)
// gets close code 1001, a followed logs stream ends properly (its terminating chunk) and the
// process exits 0 within 5 s.

#include "blackboxcase.h"
#include "rawstream.h"
#include "testenv.h"
#include "wswatch.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using sockerless::test::BlackboxCase;
using sockerless::test::RawStream;
using sockerless::test::WsWatch;

class TstBlackboxShutdown : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sigtermClosesEveryOpenStreamAndExitsZero();

private:
    BlackboxCase m_case;
};

void TstBlackboxShutdown::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxShutdown::cleanup() {
    m_case.finish();
}

void TstBlackboxShutdown::sigtermClosesEveryOpenStreamAndExitsZero() {
    const QString id =
        m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("while true; do echo tick; sleep 0.1; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const auto exec =
        m_case.call("POST", QStringLiteral("/internal/v1/containers/%1/exec").arg(id),
                    QJsonObject{{QStringLiteral("Cmd"),
                                 QJsonArray{QStringLiteral("sleep"), QStringLiteral("60")}},
                                {QStringLiteral("AttachStdout"), true}});
    QCOMPARE(exec.status, 201);
    const QString execId = exec.json().object().value(QStringLiteral("Id")).toString();

    RawStream logs(m_case.daemon().baseUrl(), "GET",
                   QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&follow=1").arg(id));
    QTRY_VERIFY_WITH_TIMEOUT(logs.body.contains("tick"), 20000);
    QCOMPARE(logs.status, 200);
    WsWatch wait(m_case.daemon(), QStringLiteral("/internal/v1/containers/%1/wait").arg(id));
    WsWatch events(m_case.daemon(), QStringLiteral("/internal/v1/events"));
    WsWatch execSocket(m_case.daemon(), QStringLiteral("/internal/v1/exec/%1/start").arg(execId));
    QVERIFY(wait.isOpen() && events.isOpen() && execSocket.isOpen());
    // Every stream is in the daemon's hands before the signal.
    QVERIFY(!wait.closed && !events.closed && !execSocket.closed && !logs.closed);

    QElapsedTimer elapsed;
    elapsed.start();
    QCOMPARE(m_case.daemon().terminate(5000), 0);
    QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));

    QTRY_VERIFY_WITH_TIMEOUT(wait.closed && events.closed && execSocket.closed && logs.closed,
                             5000);
    QCOMPARE(wait.closeCode, 1001);
    QCOMPARE(events.closeCode, 1001);
    QCOMPARE(execSocket.closeCode, 1001);
    // The chunked stream ended with its terminating chunk, not a cut connection.
    QVERIFY(logs.ended);
    QVERIFY(logs.body.contains("tick"));
}

QTEST_MAIN(TstBlackboxShutdown)
#include "tst_blackbox_shutdown.moc"
