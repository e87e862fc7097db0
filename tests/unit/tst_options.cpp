#include "options.h"

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
               QStringLiteral("--log-level"), QStringLiteral("warn")},
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

QTEST_MAIN(TstOptions)
#include "tst_options.moc"
