// Many containers through the real sockerlessd: 10,000 created, listed with every filter the
// contract names (label, name, status, id) with exact counts, and removed. Registered for the
// memory backend only: there it takes seconds, on dockerd it would take many minutes.
// SOCKERLESS_SCALE_COUNT lowers the count, to try the case against a slow engine by hand.

#include "blackboxcase.h"
#include "testenv.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <functional>

using sockerless::test::BlackboxCase;
using sockerless::test::TestEnv;

namespace {

struct Request {
    QByteArray method;
    QString path;
    QByteArray body;
};

struct Answer {
    int status = 0;
    QByteArray body;
};

// How many requests are in flight at once. QNetworkAccessManager spreads them over its six
// keep-alive connections per host and queues the rest, so the daemon always has work waiting.
constexpr int kWindow = 64;

} // namespace

class TstBlackboxScale : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createListAndRemoveTenThousand();

private:
    // Sends every request, kWindow at a time, and returns the answers in request order; false
    // when not all of them were answered within `timeoutMs`.
    bool sendAll(const QList<Request>& requests, QList<Answer>* answers, int timeoutMs);
    // The ids the daemon lists for `all=1` and `filters` (the case's label is always added).
    QSet<QString> listed(const QJsonObject& filters);

    BlackboxCase m_case;
};

void TstBlackboxScale::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstBlackboxScale::cleanup() {
    m_case.finish();
}

bool TstBlackboxScale::sendAll(const QList<Request>& requests, QList<Answer>* answers,
                               int timeoutMs) {
    answers->clear();
    answers->resize(requests.size());
    qsizetype next = 0;
    qsizetype done = 0;
    bool stopping = false;
    QNetworkAccessManager manager;
    std::function<void()> sendNext = [&] {
        const qsizetype i = next++;
        const Request& request = requests.at(i);
        QNetworkRequest http(m_case.daemon().baseUrl().resolved(QUrl(request.path)));
        if (!request.body.isEmpty())
            http.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/json"));
        QNetworkReply* reply = manager.sendCustomRequest(http, request.method, request.body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, i] {
            reply->deleteLater();
            if (stopping)
                return;
            (*answers)[i] = {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                             reply->readAll()};
            ++done;
            if (next < requests.size())
                sendNext();
        });
    };
    for (int k = 0; k < kWindow && next < requests.size(); ++k)
        sendNext();
    const bool finished = QTest::qWaitFor([&] { return done == requests.size(); }, timeoutMs);
    // The manager aborts what is left when it goes: nothing may be recorded or sent then.
    stopping = true;
    return finished;
}

QSet<QString> TstBlackboxScale::listed(const QJsonObject& filters) {
    QJsonObject all = filters;
    QJsonArray labels = all.value(QStringLiteral("label")).toArray();
    labels.prepend(QString(BlackboxCase::labelKey() + u'=' + m_case.labelValue()));
    all.insert(QStringLiteral("label"), labels);
    const QString query = QString::fromLatin1(QUrl::toPercentEncoding(
        QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact))));
    const auto reply = m_case.call(
        "GET", QStringLiteral("/internal/v1/containers?all=1&filters=") + query, {}, 60000);
    QSet<QString> ids;
    if (reply.status != 200) {
        ids.insert(QStringLiteral("<list answered %1: %2>")
                       .arg(reply.status)
                       .arg(QString::fromUtf8(reply.body.left(200))));
        return ids;
    }
    for (const QJsonValue& entry : reply.json().array())
        ids.insert(entry.toObject().value(QStringLiteral("Id")).toString());
    return ids;
}

void TstBlackboxScale::createListAndRemoveTenThousand() {
    const int count = qEnvironmentVariableIsSet("SOCKERLESS_SCALE_COUNT")
                          ? qEnvironmentVariableIntValue("SOCKERLESS_SCALE_COUNT")
                          : 10000;
    QVERIFY2(count >= 50, "SOCKERLESS_SCALE_COUNT must be at least 50");
    const int running = 10; // the first ones sleep and are started, for the status filter
    const QString halfLabel = QStringLiteral("sockerless.scale.half=yes");

    // Names padded to five digits: a name filter (a substring, or Docker's unanchored regex)
    // then matches an exact, known set.
    const QString stem = m_case.uniqueName(QStringLiteral("scale"));
    QStringList names;
    QList<Request> creates;
    for (int i = 0; i < count; ++i) {
        names.append(stem + QStringLiteral("-n%1").arg(i, 5, 10, QLatin1Char('0')));
        QJsonObject labels = m_case.labels();
        if (i % 2 == 0)
            labels.insert(QStringLiteral("sockerless.scale.half"), QStringLiteral("yes"));
        const QJsonArray cmd = i < running
                                   ? QJsonArray{QStringLiteral("sleep"), QStringLiteral("300")}
                                   : QJsonArray{QStringLiteral("true")};
        const QJsonObject body{{QStringLiteral("Image"), TestEnv::image()},
                               {QStringLiteral("Cmd"), cmd},
                               {QStringLiteral("Labels"), labels}};
        creates.append({"POST", QStringLiteral("/internal/v1/containers?name=") + names.last(),
                        QJsonDocument(body).toJson(QJsonDocument::Compact)});
    }
    QElapsedTimer timer;
    timer.start();
    QList<Answer> answers;
    QVERIFY2(sendAll(creates, &answers, 200000), "not every create was answered in time");
    const qint64 createMs = timer.elapsed();
    QStringList ids;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        QVERIFY2(answers.at(i).status == 201,
                 qPrintable(QStringLiteral("create %1 answered %2: %3")
                                .arg(i)
                                .arg(answers.at(i).status)
                                .arg(QString::fromUtf8(answers.at(i).body))));
        ids.append(QJsonDocument::fromJson(answers.at(i).body)
                       .object()
                       .value(QStringLiteral("Id"))
                       .toString());
    }
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), count);

    QList<Request> starts;
    for (int i = 0; i < running; ++i)
        starts.append(
            {"POST", QStringLiteral("/internal/v1/containers/%1/start").arg(ids.at(i)), {}});
    QVERIFY(sendAll(starts, &answers, 60000));
    for (const Answer& answer : std::as_const(answers))
        QVERIFY2(answer.status == 204, answer.body.constData());

    // ---- list with filters, exact counts ----
    timer.restart();
    const QSet<QString> everything = listed({});
    const qint64 listMs = timer.elapsed();
    QCOMPARE(everything, QSet<QString>(ids.cbegin(), ids.cend()));
    QSet<QString> half;
    for (int i = 0; i < count; i += 2)
        half.insert(ids.at(i));
    QCOMPARE(listed({{QStringLiteral("label"), QJsonArray{halfLabel}}}), half);

    const QString oneName = names.at(42);
    QCOMPARE(listed({{QStringLiteral("name"), QJsonArray{oneName}}}), QSet<QString>{ids.at(42)});
    // `<stem>-n0004` names 40 to 49 and no other.
    const QString tenNames = stem + QStringLiteral("-n0004");
    QSet<QString> forty;
    for (int i = 40; i < 50; ++i)
        forty.insert(ids.at(i));
    QCOMPARE(listed({{QStringLiteral("name"), QJsonArray{tenNames}}}), forty);

    QSet<QString> started;
    for (int i = 0; i < running; ++i)
        started.insert(ids.at(i));
    QCOMPARE(listed({{QStringLiteral("status"), QJsonArray{QStringLiteral("running")}}}), started);
    QCOMPARE(listed({{QStringLiteral("status"), QJsonArray{QStringLiteral("created")}}}).size(),
             count - running);
    QCOMPARE(listed({{QStringLiteral("status"), QJsonArray{QStringLiteral("exited")}}}),
             QSet<QString>{});
    // Filters of different kinds all apply: the started ones of the labelled half.
    QCOMPARE(listed({{QStringLiteral("label"), QJsonArray{halfLabel}},
                     {QStringLiteral("status"), QJsonArray{QStringLiteral("running")}}})
                 .size(),
             running / 2);

    // 12 hex digits: a unique prefix among 10,000 random ids, whether the filter takes a prefix
    // or (as Docker does) an unanchored match. Values of one filter are alternatives.
    QCOMPARE(listed({{QStringLiteral("id"), QJsonArray{ids.at(7).left(12)}}}),
             QSet<QString>{ids.at(7)});
    QCOMPARE(
        listed({{QStringLiteral("id"), QJsonArray{ids.at(1).left(12), ids.at(count - 1).left(12),
                                                  ids.at(count / 2).left(12)}}}),
        (QSet<QString>{ids.at(1), ids.at(count - 1), ids.at(count / 2)}));

    // ---- remove them all ----
    QList<Request> removes;
    for (const QString& id : std::as_const(ids))
        removes.append(
            {"DELETE", QStringLiteral("/internal/v1/containers/%1?force=1").arg(id), {}});
    timer.restart();
    QVERIFY2(sendAll(removes, &answers, 200000), "not every remove was answered in time");
    const qint64 removeMs = timer.elapsed();
    for (qsizetype i = 0; i < answers.size(); ++i)
        QVERIFY2(answers.at(i).status == 204,
                 qPrintable(QStringLiteral("remove %1 answered %2: %3")
                                .arg(i)
                                .arg(answers.at(i).status)
                                .arg(QString::fromUtf8(answers.at(i).body))));
    QCOMPARE(listed({}), QSet<QString>{});
    // A memory daemon is this case's alone: nothing at all is left in it.
    if (!m_case.isDocker()) {
        const auto unfiltered = m_case.call("GET", QStringLiteral("/internal/v1/containers?all=1"));
        QCOMPARE(unfiltered.status, 200);
        QCOMPARE(unfiltered.json().array().size(), 0);
    }

    qInfo("%d containers: created in %lld ms (%.0f/s), listed in %lld ms, removed in %lld ms",
          count, createMs, createMs > 0 ? count * 1000.0 / double(createMs) : 0.0, listMs,
          removeMs);
}

QTEST_MAIN(TstBlackboxScale)
#include "tst_blackbox_scale.moc"
