#include "options.h"

#include <QTemporaryFile>
#include <QTest>

using sockerless::Options;

class TstOptions : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void commandLineValues();
    void environmentFillsIn();
    void commandLineWinsOverEnvironment();
    void invalidValuesAreRejected_data();
    void invalidValuesAreRejected();
    void memoryLogLimitTakesSuffixes();
    void hardeningDefaults();
    void hardeningValues();
    void tokenComesFromFileOrEnvironment();
    void tokenProblemsAreRejected();
    void nonLoopbackNeedsTokenOrInsecure_data();
    void nonLoopbackNeedsTokenOrInsecure();

private:
    static Options::Parsed parse(const QStringList& args, const QProcessEnvironment& env,
                                 Options* options) {
        return Options::parse(QStringList{QStringLiteral("sockerlessd")} + args, env, options);
    }
};

void TstOptions::defaults() {
    Options options;
    const auto parsed = parse({}, QProcessEnvironment(), &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Run);
    QCOMPARE(options.listen, QStringList{QStringLiteral("127.0.0.1:3375")});
    QCOMPARE(options.backend, Options::Backend::Auto);
    QVERIFY(options.dockerHost.isEmpty());
    QCOMPARE(options.logFormat, sockerless::observe::Log::Format::Text);
    QCOMPARE(options.logLevel, sockerless::observe::Log::Level::Info);
}

void TstOptions::commandLineValues() {
    Options options;
    const auto parsed =
        parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:1"), QStringLiteral("--listen"),
               QStringLiteral("/run/s.sock"), QStringLiteral("--backend"), QStringLiteral("docker"),
               QStringLiteral("--docker-host"), QStringLiteral("tcp://h:2376"),
               QStringLiteral("--log-format"), QStringLiteral("json"),
               QStringLiteral("--log-level"), QStringLiteral("warn"), QStringLiteral("--insecure")},
              QProcessEnvironment(), &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Run);
    QCOMPARE(options.listen,
             (QStringList{QStringLiteral("0.0.0.0:1"), QStringLiteral("/run/s.sock")}));
    QCOMPARE(options.backend, Options::Backend::Docker);
    QCOMPARE(options.dockerHost, QStringLiteral("tcp://h:2376"));
    QCOMPARE(options.logFormat, sockerless::observe::Log::Format::Json);
    QCOMPARE(options.logLevel, sockerless::observe::Log::Level::Warning);
}

void TstOptions::environmentFillsIn() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOCKERLESS_LISTEN"), QStringLiteral("127.0.0.1:1, /tmp/x.sock"));
    env.insert(QStringLiteral("SOCKERLESS_BACKEND"), QStringLiteral("memory"));
    env.insert(QStringLiteral("SOCKERLESS_DOCKER_HOST"), QStringLiteral("unix:///d.sock"));
    env.insert(QStringLiteral("SOCKERLESS_LOG_FORMAT"), QStringLiteral("json"));
    env.insert(QStringLiteral("SOCKERLESS_LOG_LEVEL"), QStringLiteral("debug"));
    Options options;
    QCOMPARE(parse({}, env, &options).action, Options::Parsed::Action::Run);
    QCOMPARE(options.listen,
             (QStringList{QStringLiteral("127.0.0.1:1"), QStringLiteral("/tmp/x.sock")}));
    QCOMPARE(options.backend, Options::Backend::Memory);
    QCOMPARE(options.dockerHost, QStringLiteral("unix:///d.sock"));
    QCOMPARE(options.logFormat, sockerless::observe::Log::Format::Json);
    QCOMPARE(options.logLevel, sockerless::observe::Log::Level::Debug);
}

void TstOptions::commandLineWinsOverEnvironment() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOCKERLESS_BACKEND"), QStringLiteral("memory"));
    env.insert(QStringLiteral("SOCKERLESS_LISTEN"), QStringLiteral("127.0.0.1:1"));
    Options options;
    QCOMPARE(parse({QStringLiteral("--backend"), QStringLiteral("docker"),
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:2")},
                   env, &options)
                 .action,
             Options::Parsed::Action::Run);
    QCOMPARE(options.backend, Options::Backend::Docker);
    QCOMPARE(options.listen, QStringList{QStringLiteral("127.0.0.1:2")});
}

void TstOptions::invalidValuesAreRejected_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("backend") << QStringList{QStringLiteral("--backend"), QStringLiteral("podman")}
                             << QStringLiteral("--backend must be docker, memory or auto");
    QTest::newRow("format") << QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")}
                            << QStringLiteral("--log-format must be text or json");
    QTest::newRow("level") << QStringList{QStringLiteral("--log-level"), QStringLiteral("loud")}
                           << QStringLiteral("--log-level must be");
    QTest::newRow("twice") << QStringList{QStringLiteral("--backend"), QStringLiteral("docker"),
                                          QStringLiteral("--backend"), QStringLiteral("memory")}
                           << QStringLiteral("only once");
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--listen")} << QStringLiteral("listen");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")}
                                << QStringLiteral("unexpected argument: extra");
    QTest::newRow("log limit word")
        << QStringList{QStringLiteral("--memory-log-limit"), QStringLiteral("lots")}
        << QStringLiteral("--memory-log-limit must be a positive number of bytes");
    QTest::newRow("log limit zero")
        << QStringList{QStringLiteral("--memory-log-limit"), QStringLiteral("0")}
        << QStringLiteral("--memory-log-limit must be a positive number of bytes");
    QTest::newRow("max body") << QStringList{QStringLiteral("--max-body"), QStringLiteral("big")}
                              << QStringLiteral("--max-body must be a positive number of bytes");
    QTest::newRow("request log size")
        << QStringList{QStringLiteral("--request-log-size"), QStringLiteral("0")}
        << QStringLiteral("--request-log-size must be a whole number of at least 1, not '0'");
    QTest::newRow("unknown group")
        << QStringList{QStringLiteral("--deny"), QStringLiteral("exec,swarm")}
        << QStringLiteral("--deny: unknown operation group 'swarm'");
    QTest::newRow("tls half") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/c.pem")}
                              << QStringLiteral("--tls-cert and --tls-key go together");
}

void TstOptions::invalidValuesAreRejected() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    Options options;
    const auto parsed = parse(args, QProcessEnvironment(), &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Fail);
    QVERIFY2(parsed.text.contains(expected), qPrintable(parsed.text));
}

void TstOptions::memoryLogLimitTakesSuffixes() {
    Options options;
    QCOMPARE(options.memoryLogLimit, qint64(8) << 20);
    const auto parsed = parse({QStringLiteral("--memory-log-limit"), QStringLiteral("512K")},
                              QProcessEnvironment(), &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Run);
    QCOMPARE(options.memoryLogLimit, qint64(512) << 10);
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOCKERLESS_MEMORY_LOG_LIMIT"), QStringLiteral("2m"));
    Options fromEnv;
    parse({}, env, &fromEnv);
    QCOMPARE(fromEnv.memoryLogLimit, qint64(2) << 20);
}

void TstOptions::hardeningDefaults() {
    Options options;
    QCOMPARE(parse({}, QProcessEnvironment(), &options).action, Options::Parsed::Action::Run);
    QCOMPARE(options.requestLogSize, 10000);
    QVERIFY(options.requestLogFile.isEmpty());
    QVERIFY(options.token.isEmpty());
    QVERIFY(!options.insecure);
    QVERIFY(!options.readOnly);
    QVERIFY(options.allow.isEmpty());
    QVERIFY(options.deny.isEmpty());
    QCOMPARE(options.maxBody, qint64(16) << 20);
    QCOMPARE(options.maxLoadBody, qint64(1) << 30);
    QCOMPARE(options.maxHeaderBytes, qint64(64) << 10);
    QCOMPARE(options.idleTimeoutSeconds, 60);
    QCOMPARE(options.maxConnections, 4096);
}

void TstOptions::hardeningValues() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOCKERLESS_READ_ONLY"), QStringLiteral("true"));
    env.insert(QStringLiteral("SOCKERLESS_DENY"), QStringLiteral("exec, auth"));
    Options options;
    const auto parsed = parse({QStringLiteral("--allow"),
                               QStringLiteral("containers,exec"),
                               QStringLiteral("--allow"),
                               QStringLiteral("events"),
                               QStringLiteral("--max-body"),
                               QStringLiteral("1M"),
                               QStringLiteral("--max-load-body"),
                               QStringLiteral("2G"),
                               QStringLiteral("--request-log"),
                               QStringLiteral("/var/log/r.jsonl"),
                               QStringLiteral("--request-log-max-size"),
                               QStringLiteral("10M"),
                               QStringLiteral("--request-log-files"),
                               QStringLiteral("3"),
                               QStringLiteral("--idle-timeout"),
                               QStringLiteral("5"),
                               QStringLiteral("--max-connections"),
                               QStringLiteral("10"),
                               QStringLiteral("--max-header-size"),
                               QStringLiteral("8K")},
                              env, &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Run);
    QVERIFY(options.readOnly);
    QCOMPARE(options.allow, (QStringList{QStringLiteral("containers"), QStringLiteral("exec"),
                                         QStringLiteral("events")}));
    QCOMPARE(options.deny, (QStringList{QStringLiteral("exec"), QStringLiteral("auth")}));
    QCOMPARE(options.maxBody, qint64(1) << 20);
    QCOMPARE(options.maxLoadBody, qint64(2) << 30);
    QCOMPARE(options.requestLogFile, QStringLiteral("/var/log/r.jsonl"));
    QCOMPARE(options.requestLogMaxBytes, qint64(10) << 20);
    QCOMPARE(options.requestLogFiles, 3);
    QCOMPARE(options.idleTimeoutSeconds, 5);
    QCOMPARE(options.maxConnections, 10);
    QCOMPARE(options.maxHeaderBytes, qint64(8) << 10);
}

void TstOptions::tokenComesFromFileOrEnvironment() {
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("  0123456789abcdef-from-file \n");
    file.flush();
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOCKERLESS_TOKEN"), QStringLiteral("0123456789abcdef-from-env"));
    Options fromFile;
    QCOMPARE(parse({QStringLiteral("--token-file"), file.fileName()}, env, &fromFile).action,
             Options::Parsed::Action::Run);
    QCOMPARE(fromFile.token, QByteArray("0123456789abcdef-from-file"));
    Options fromEnv;
    QCOMPARE(parse({}, env, &fromEnv).action, Options::Parsed::Action::Run);
    QCOMPARE(fromEnv.token, QByteArray("0123456789abcdef-from-env"));
}

void TstOptions::tokenProblemsAreRejected() {
    QProcessEnvironment shortToken;
    shortToken.insert(QStringLiteral("SOCKERLESS_TOKEN"), QStringLiteral("secret"));
    Options options;
    auto parsed = parse({}, shortToken, &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Fail);
    QVERIFY2(parsed.text.contains(QStringLiteral("at least 16 characters")),
             qPrintable(parsed.text));
    QVERIFY2(!parsed.text.contains(QStringLiteral("secret")), "the token must not be echoed");

    parsed = parse({QStringLiteral("--token-file"), QStringLiteral("/nonexistent/token")},
                   QProcessEnvironment(), &options);
    QCOMPARE(parsed.action, Options::Parsed::Action::Fail);
    QVERIFY2(parsed.text.startsWith(QStringLiteral("--token-file /nonexistent/token: ")),
             qPrintable(parsed.text));
}

void TstOptions::nonLoopbackNeedsTokenOrInsecure_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("ipv4 loopback") << QStringLiteral("127.0.0.1:3375") << true;
    QTest::newRow("other 127") << QStringLiteral("127.1.2.3:3375") << true;
    QTest::newRow("localhost") << QStringLiteral("localhost:3375") << true;
    QTest::newRow("ipv6 loopback") << QStringLiteral("[::1]:3375") << true;
    QTest::newRow("unix socket") << QStringLiteral("/run/sockerless.sock") << true;
    QTest::newRow("any ipv4") << QStringLiteral("0.0.0.0:3375") << false;
    QTest::newRow("any") << QStringLiteral("*:3375") << false;
    QTest::newRow("any ipv6") << QStringLiteral("[::]:3375") << false;
    QTest::newRow("lan") << QStringLiteral("192.168.1.4:3375") << false;
}

void TstOptions::nonLoopbackNeedsTokenOrInsecure() {
    QFETCH(QString, address);
    QFETCH(bool, loopback);
    QCOMPARE(Options::isLoopbackAddress(address), loopback);

    Options plain;
    const auto parsed = parse({QStringLiteral("--listen"), address}, QProcessEnvironment(), &plain);
    QCOMPARE(parsed.action == Options::Parsed::Action::Run, loopback);
    if (!loopback) {
        QVERIFY2(parsed.text.startsWith(
                     QStringLiteral("refusing to listen on %1 without a token").arg(address)),
                 qPrintable(parsed.text));
        Options insecure;
        QCOMPARE(parse({QStringLiteral("--listen"), address, QStringLiteral("--insecure")},
                       QProcessEnvironment(), &insecure)
                     .action,
                 Options::Parsed::Action::Run);
        QProcessEnvironment withToken;
        withToken.insert(QStringLiteral("SOCKERLESS_TOKEN"), QStringLiteral("0123456789abcdef"));
        Options tokened;
        QCOMPARE(parse({QStringLiteral("--listen"), address}, withToken, &tokened).action,
                 Options::Parsed::Action::Run);
    }
}

QTEST_MAIN(TstOptions)
#include "tst_options.moc"
