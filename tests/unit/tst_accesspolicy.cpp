// The route → operation group mapping and the --read-only/--allow/--deny decisions, and that
// every route the daemon really registers belongs to a group.

#include "daemon.h"
#include "http/accesspolicy.h"
#include "http/apiserver.h"
#include "observe/log.h"
#include "options.h"

#include <QSignalSpy>
#include <QTest>

using sockerless::Daemon;
using sockerless::Options;
using sockerless::http::AccessPolicy;

class TstAccessPolicy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void groupOfTemplate_data();
    void groupOfTemplate();
    void everyRegisteredRouteHasAGroup();
    void healthzIsPublicAndNeverRefused();
    void readOnlyLetsOnlyReadsThrough_data();
    void readOnlyLetsOnlyReadsThrough();
    void denyWinsOverAllowAndNamesGroup();
    void allowRefusesOtherGroups();
    void routeInNoGroupIsRefused();
};

void TstAccessPolicy::initTestCase() {
    sockerless::observe::Log::configure(sockerless::observe::Log::Format::Text,
                                        sockerless::observe::Log::Level::Warning);
}

void TstAccessPolicy::groupOfTemplate_data() {
    QTest::addColumn<QString>("routeTemplate");
    QTest::addColumn<QString>("group");
    const auto row = [](const char* t, const char* g) {
        QTest::newRow(t) << QString::fromLatin1(t) << QString::fromLatin1(g);
    };
    row("/internal/v1/containers", "containers");
    row("/internal/v1/containers/{id}", "containers");
    row("/internal/v1/containers/{id}/start", "containers");
    row("/internal/v1/containers/{id}/logs/stream", "containers");
    row("/internal/v1/containers/{id}/wait", "containers");
    row("/internal/v1/containers/{id}/exec", "exec");
    row("/internal/v1/exec/{id}", "exec");
    row("/internal/v1/exec/{id}/start", "exec");
    row("/internal/v1/images/pull", "images");
    row("/internal/v1/images/{name...}/tag", "images");
    row("/internal/v1/auth", "auth");
    row("/internal/v1/networks/{id}/connect", "networks");
    row("/internal/v1/volumes/{name}", "volumes");
    row("/internal/v1/events", "events");
    row("/internal/v1/info", "admin");
    row("/internal/v1/requests", "admin");
    row("/internal/v1/requests/stream", "admin");
    row("/internal/v1/metrics", "admin");
    row("/internal/v1/healthz", "");
    row("/internal/v1/unknown", "");
    row("/internal/v1/auth/extra", "");
    row("/other/containers", "");
}

void TstAccessPolicy::groupOfTemplate() {
    QFETCH(QString, routeTemplate);
    QFETCH(QString, group);
    QCOMPARE(AccessPolicy::groupOf(routeTemplate), group);
}

void TstAccessPolicy::everyRegisteredRouteHasAGroup() {
    // The real daemon's route table, whatever registers routes in Daemon::serve.
    Options options;
    options.backend = Options::Backend::Memory;
    options.listen = {QStringLiteral("127.0.0.1:0")};
    Daemon daemon(options);
    QSignalSpy started(&daemon, &Daemon::started);
    QSignalSpy failed(&daemon, &Daemon::startFailed);
    daemon.start();
    QTRY_VERIFY_WITH_TIMEOUT(started.count() + failed.count() > 0, 10000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(daemon.server());

    const auto routes = daemon.server()->routes();
    const QStringList webSockets = daemon.server()->webSocketRoutes();
    QVERIFY(routes.size() > 20);
    QVERIFY(webSockets.size() >= 4);
    int publicRoutes = 0;
    for (const auto& [method, routeTemplate] : routes) {
        if (AccessPolicy::isPublic(method, routeTemplate)) {
            ++publicRoutes;
            continue;
        }
        const QString group = AccessPolicy::groupOf(routeTemplate);
        QVERIFY2(Options::policyGroups().contains(group),
                 qPrintable(QStringLiteral("%1 %2 is in no policy group")
                                .arg(QString::fromLatin1(method), routeTemplate)));
    }
    QCOMPARE(publicRoutes, 1); // healthz only
    for (const QString& routeTemplate : webSockets) {
        const QString group = AccessPolicy::groupOf(routeTemplate);
        QVERIFY2(Options::policyGroups().contains(group),
                 qPrintable(QStringLiteral("WS %1 is in no policy group").arg(routeTemplate)));
    }
    QSignalSpy stopped(&daemon, &Daemon::stopped);
    daemon.stop(1000);
    QVERIFY(stopped.wait(5000));
}

void TstAccessPolicy::healthzIsPublicAndNeverRefused() {
    const QString healthz = QStringLiteral("/internal/v1/healthz");
    QVERIFY(AccessPolicy::isPublic("GET", healthz));
    QVERIFY(!AccessPolicy::isPublic("POST", healthz));
    QVERIFY(!AccessPolicy::isPublic("GET", QStringLiteral("/internal/v1/info")));
    const AccessPolicy strict(true, {QStringLiteral("images")}, Options::policyGroups());
    QCOMPARE(strict.refusal("GET", healthz, false), QString());
}

void TstAccessPolicy::readOnlyLetsOnlyReadsThrough_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("routeTemplate");
    QTest::addColumn<bool>("webSocket");
    QTest::addColumn<bool>("allowed");
    const auto row = [](const char* name, const char* method, const char* t, bool ws, bool ok) {
        QTest::newRow(name) << QByteArray(method) << QString::fromLatin1(t) << ws << ok;
    };
    row("list", "GET", "/internal/v1/containers", false, true);
    row("inspect", "GET", "/internal/v1/containers/{id}", false, true);
    row("logs", "GET", "/internal/v1/containers/{id}/logs", false, true);
    row("exec inspect", "GET", "/internal/v1/exec/{id}", false, true);
    row("info", "GET", "/internal/v1/info", false, true);
    row("events ws", "GET", "/internal/v1/events", true, true);
    row("logs ws", "GET", "/internal/v1/containers/{id}/logs/stream", true, true);
    row("wait ws", "GET", "/internal/v1/containers/{id}/wait", true, true);
    row("requests ws", "GET", "/internal/v1/requests/stream", true, true);
    row("exec start ws", "GET", "/internal/v1/exec/{id}/start", true, false);
    row("create", "POST", "/internal/v1/containers", false, false);
    row("start", "POST", "/internal/v1/containers/{id}/start", false, false);
    row("remove", "DELETE", "/internal/v1/containers/{id}", false, false);
    row("wait http", "POST", "/internal/v1/containers/{id}/wait", false, false);
    row("pull", "POST", "/internal/v1/images/pull", false, false);
    row("exec create", "POST", "/internal/v1/containers/{id}/exec", false, false);
    row("auth", "POST", "/internal/v1/auth", false, false);
}

void TstAccessPolicy::readOnlyLetsOnlyReadsThrough() {
    QFETCH(QByteArray, method);
    QFETCH(QString, routeTemplate);
    QFETCH(bool, webSocket);
    QFETCH(bool, allowed);
    const AccessPolicy policy(true, {}, {});
    const QString refusal = policy.refusal(method, routeTemplate, webSocket);
    QCOMPARE(refusal.isEmpty(), allowed);
    if (!allowed) {
        QVERIFY2(refusal.endsWith(QStringLiteral("forbidden by policy: --read-only")),
                 qPrintable(refusal));
        QVERIFY2(refusal.contains(
                     QStringLiteral("(group %1)").arg(AccessPolicy::groupOf(routeTemplate))),
                 qPrintable(refusal));
    }
    // Without --read-only the same call goes through.
    QCOMPARE(AccessPolicy().refusal(method, routeTemplate, webSocket), QString());
}

void TstAccessPolicy::denyWinsOverAllowAndNamesGroup() {
    const AccessPolicy policy(false, {QStringLiteral("containers"), QStringLiteral("exec")},
                              {QStringLiteral("exec")});
    const QString refusal =
        policy.refusal("POST", QStringLiteral("/internal/v1/containers/{id}/exec"), false);
    QVERIFY2(refusal.endsWith(QStringLiteral("group exec denied by --deny exec")),
             qPrintable(refusal));
    QVERIFY(!policy.refusal("GET", QStringLiteral("/internal/v1/exec/{id}/start"), true).isEmpty());
    QCOMPARE(policy.refusal("POST", QStringLiteral("/internal/v1/containers/{id}/start"), false),
             QString());
}

void TstAccessPolicy::allowRefusesOtherGroups() {
    const AccessPolicy policy(false, {QStringLiteral("containers")}, {});
    QCOMPARE(policy.refusal("DELETE", QStringLiteral("/internal/v1/containers/{id}"), false),
             QString());
    const QString images =
        policy.refusal("GET", QStringLiteral("/internal/v1/images/{name...}"), false);
    QVERIFY2(images.endsWith(QStringLiteral("group images is not in --allow containers")),
             qPrintable(images));
    QVERIFY(!policy.refusal("GET", QStringLiteral("/internal/v1/networks"), false).isEmpty());
    QVERIFY(!policy.refusal("GET", QStringLiteral("/internal/v1/events"), true).isEmpty());
}

void TstAccessPolicy::routeInNoGroupIsRefused() {
    // Without any policy there is nothing to judge.
    QCOMPARE(AccessPolicy().refusal("GET", QStringLiteral("/internal/v1/new"), false), QString());
    const QString refusal = AccessPolicy(false, {}, {QStringLiteral("auth")})
                                .refusal("GET", QStringLiteral("/internal/v1/new"), false);
    QVERIFY2(refusal.contains(QStringLiteral("belongs to no operation group")),
             qPrintable(refusal));
}

QTEST_GUILESS_MAIN(TstAccessPolicy)
#include "tst_accesspolicy.moc"
