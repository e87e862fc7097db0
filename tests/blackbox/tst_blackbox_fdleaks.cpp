// Clients that give up free what their stream held at once: the daemon's open descriptors
// (/proc/<pid>/fd) come back to where they were after 50 followed logs and 50 WebSocket waits
// whose clients abort mid-stream. On the Docker backend each of those streams also holds a Docker
// connection, so a leak there shows in the count too.

#include "blackboxcase.h"
#include "processfds.h"
#include "rawstream.h"
#include "testenv.h"
#include "wswatch.h"

#include <QTest>
#include <memory>
#include <vector>

using sockerless::test::BlackboxCase;
using sockerless::test::ProcessFds;
using sockerless::test::RawStream;
using sockerless::test::WsWatch;

namespace {

constexpr int kAborts = 50;
// Descriptors a daemon may open for itself along the way and keep (Qt's internals create some
// lazily, e.g. a wake-up pipe or a timer fd the first time a feature is used). The warm-up round
// takes most of them; a leak per stream would be 50 or 100 here, far above this.
constexpr int kSlack = 2;

// The descriptor count once two reads 50 ms apart agree (closes of an earlier stream are done).
int settledCount(qint64 pid) {
    int last = ProcessFds::count(pid);
    for (int i = 0; i < 100; ++i) {
        QTest::qWait(50);
        const int now = ProcessFds::count(pid);
        if (now == last)
            return now;
        last = now;
    }
    return last;
}

} // namespace

class TstBlackboxFdLeaks : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void abortedFollowsAndWebSocketWaitsFreeTheirDescriptors();

private:
    // One followed logs request whose client aborts after the first bytes.
    bool abortedFollow(const QString& id);
    // One WebSocket wait whose client aborts once the daemon holds the stream.
    bool abortedWait(const QString& id);

    BlackboxCase m_case;
};

void TstBlackboxFdLeaks::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxFdLeaks::cleanup() {
    m_case.finish();
}

bool TstBlackboxFdLeaks::abortedFollow(const QString& id) {
    RawStream logs(m_case.daemon().baseUrl(), "GET",
                   QStringLiteral("/internal/v1/containers/%1/logs?stdout=1&follow=1").arg(id));
    const bool gotBytes =
        QTest::qWaitFor([&] { return !logs.body.isEmpty() || logs.closed; }, 20000);
    logs.abort();
    return gotBytes && logs.status == 200 && !logs.body.isEmpty();
}

bool TstBlackboxFdLeaks::abortedWait(const QString& id) {
    const qint64 pid = m_case.daemon().pid();
    const int before = settledCount(pid);
    WsWatch wait(m_case.daemon(), QStringLiteral("/internal/v1/containers/%1/wait").arg(id));
    if (!wait.isOpen()) {
        qWarning() << "the wait WebSocket did not open";
        return false;
    }
    // The daemon holds the client's socket, and on Docker the wait's own connection to Docker.
    const int held = before + 1 + (BlackboxCase::isDocker() ? 1 : 0);
    const bool holding = QTest::qWaitFor([&] { return ProcessFds::count(pid) >= held; }, 10000);
    const bool open = !wait.closed;
    wait.socket()->abort();
    if (!holding || !open)
        qWarning() << "held" << ProcessFds::count(pid) << "of" << held << "descriptors; closed"
                   << wait.closed << wait.closeCode << wait.texts;
    return holding && open;
}

void TstBlackboxFdLeaks::abortedFollowsAndWebSocketWaitsFreeTheirDescriptors() {
    const QString id =
        m_case.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("while true; do echo tick; sleep 0.1; done")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.lastError()));
    const qint64 pid = m_case.daemon().pid();

    // Warm-up: the first of each kind may make descriptors the daemon keeps (a pooled Docker
    // connection for the inspect before the logs, Qt's lazily made ones).
    QVERIFY(abortedFollow(id));
    QVERIFY(abortedWait(id));
    QCOMPARE(m_case.daemon().get(QStringLiteral("/internal/v1/healthz")).status, 200);
    const int baseline = settledCount(pid);
    QVERIFY(baseline > 0);

    for (int i = 0; i < kAborts; ++i)
        QVERIFY2(abortedFollow(id), qPrintable(QStringLiteral("follow %1").arg(i)));
    QTRY_VERIFY2_WITH_TIMEOUT(ProcessFds::count(pid) <= baseline + kSlack,
                              qPrintable(QStringLiteral("%1 descriptors, baseline %2")
                                             .arg(ProcessFds::count(pid))
                                             .arg(baseline)),
                              10000);

    for (int i = 0; i < kAborts; ++i)
        QVERIFY2(abortedWait(id), qPrintable(QStringLiteral("wait %1").arg(i)));
    QTRY_VERIFY2_WITH_TIMEOUT(ProcessFds::count(pid) <= baseline + kSlack,
                              qPrintable(QStringLiteral("%1 descriptors, baseline %2")
                                             .arg(ProcessFds::count(pid))
                                             .arg(baseline)),
                              10000);
    // Still serving, and the container still runs: an abort cancels only the client's stream.
    QCOMPARE(m_case.daemon().get(QStringLiteral("/internal/v1/healthz")).status, 200);
    QVERIFY(m_case.engineInspect(QStringLiteral("containers"), id)
                .value(QStringLiteral("State"))
                .toObject()
                .value(QStringLiteral("Running"))
                .toBool());
}

QTEST_MAIN(TstBlackboxFdLeaks)
#include "tst_blackbox_fdleaks.moc"
