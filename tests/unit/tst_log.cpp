#include "observe/log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using sockerless::observe::Log;

class TstLog : public QObject {
    Q_OBJECT

private slots:
    void jsonLineHasTimeLevelMessageAndFields();
    void textLineQuotesOnlyWhatNeedsIt();
    void levelsAndFormatsParse();
};

void TstLog::jsonLineHasTimeLevelMessageAndFields() {
    const QByteArray line = Log::format(
        Log::Format::Json, Log::Level::Warning, QStringLiteral("request"),
        {{QStringLiteral("status"), 404}, {QStringLiteral("path"), QStringLiteral("/a b")}});
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    QCOMPARE(object.value(QStringLiteral("level")).toString(), QStringLiteral("warn"));
    QCOMPARE(object.value(QStringLiteral("msg")).toString(), QStringLiteral("request"));
    QCOMPARE(object.value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(object.value(QStringLiteral("path")).toString(), QStringLiteral("/a b"));
    QVERIFY(
        QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
            .isValid());
}

void TstLog::textLineQuotesOnlyWhatNeedsIt() {
    const QByteArray line =
        Log::format(Log::Format::Text, Log::Level::Info, QStringLiteral("request"),
                    {{QStringLiteral("status"), 200},
                     {QStringLiteral("durationMs"), 1.5},
                     {QStringLiteral("path"), QStringLiteral("/internal/v1/info")},
                     {QStringLiteral("error"), QStringLiteral("said \"no\"\nthen left")},
                     {QStringLiteral("empty"), QString()}});
    QVERIFY2(line.contains(" INFO request "), line.constData());
    QVERIFY2(line.contains(" status=200 "), line.constData());
    QVERIFY2(line.contains(" durationMs=1.500 "), line.constData());
    QVERIFY2(line.contains(" path=/internal/v1/info "), line.constData());
    QVERIFY2(line.contains(" error=\"said \\\"no\\\"\\nthen left\""), line.constData());
    QVERIFY2(line.contains(" empty=\"\""), line.constData());
    QCOMPARE(line.count('\n'), 1);
}

void TstLog::levelsAndFormatsParse() {
    Log::Level level{};
    QVERIFY(Log::parseLevel(QStringLiteral("WARNING"), &level));
    QCOMPARE(level, Log::Level::Warning);
    QVERIFY(Log::parseLevel(QStringLiteral("debug"), &level));
    QCOMPARE(level, Log::Level::Debug);
    QVERIFY(!Log::parseLevel(QStringLiteral("verbose"), &level));
    Log::Format format{};
    QVERIFY(Log::parseFormat(QStringLiteral("json"), &format));
    QCOMPARE(format, Log::Format::Json);
    QVERIFY(!Log::parseFormat(QStringLiteral("JSON5"), &format));
}

QTEST_MAIN(TstLog)
#include "tst_log.moc"
