// The request checks every route shares: query values, filters, JSON bodies and their field
// types, and ids taken from the path.

#include "api/filters.h"
#include "api/ids.h"
#include "api/jsonbody.h"
#include "api/queryvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sockerless::api;

class TstApiRequestChecks : public QObject {
    Q_OBJECT

private slots:
    void booleansAcceptTheFourSpellings_data();
    void booleansAcceptTheFourSpellings();
    void badBooleanNamesTheParameter();
    void absentOrEmptyBooleanFallsBack();
    void integersAreRangeChecked();
    void filtersAcceptBothShapes();
    void filtersRejectWrongShapes_data();
    void filtersRejectWrongShapes();
    void filtersMatchLabels();
    void jsonBodyErrorsSayWhatIsWrong();
    void fieldTypeErrorsNameThePath();
    void fieldChecksAcceptNullAndUnknownFields();
    void idsThatCannotBeNamesAreRejected_data();
    void idsThatCannotBeNamesAreRejected();
    void ordinaryIdsPass();
};

void TstApiRequestChecks::booleansAcceptTheFourSpellings_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("expected");
    QTest::newRow("1") << QStringLiteral("1") << true;
    QTest::newRow("true") << QStringLiteral("true") << true;
    QTest::newRow("TRUE") << QStringLiteral("TRUE") << true;
    QTest::newRow("0") << QStringLiteral("0") << false;
    QTest::newRow("false") << QStringLiteral("false") << false;
    QTest::newRow("False") << QStringLiteral("False") << false;
}

void TstApiRequestChecks::booleansAcceptTheFourSpellings() {
    QFETCH(QString, value);
    QFETCH(bool, expected);
    const QueryValues query(QUrlQuery(QStringLiteral("all=") + value));
    const auto result = query.boolean(QStringLiteral("all"), !expected);
    QVERIFY(result.ok());
    QCOMPARE(result.value(), expected);
}

void TstApiRequestChecks::badBooleanNamesTheParameter() {
    const QueryValues query(QUrlQuery(QStringLiteral("all=maybe")));
    const auto result = query.boolean(QStringLiteral("all"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(QLatin1String("'all'")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("maybe")));
}

void TstApiRequestChecks::absentOrEmptyBooleanFallsBack() {
    QCOMPARE(QueryValues(QUrlQuery()).boolean(QStringLiteral("all"), true).value(), true);
    QCOMPARE(QueryValues(QUrlQuery(QStringLiteral("all="))).boolean(QStringLiteral("all")).value(),
             false);
}

void TstApiRequestChecks::integersAreRangeChecked() {
    const QueryValues query(QUrlQuery(QStringLiteral("t=5&limit=-2&x=abc")));
    QCOMPARE(query.integer(QStringLiteral("t"), 10, 0, 100).value(), 5);
    QCOMPARE(query.integer(QStringLiteral("absent"), 10, 0, 100).value(), 10);
    QCOMPARE(query.integer(QStringLiteral("limit"), -1, 0, 100).error().status, 400);
    QCOMPARE(query.integer(QStringLiteral("x"), 0, 0, 100).error().status, 400);
}

void TstApiRequestChecks::filtersAcceptBothShapes() {
    const auto list =
        Filters::parse(QStringLiteral(R"({"label":["a=b","c"],"status":["exited"]})"));
    const auto map = Filters::parse(
        QStringLiteral(R"({"label":{"a=b":true,"c":true},"status":{"exited":true}})"));
    QVERIFY(list.ok());
    QVERIFY(map.ok());
    QCOMPARE(list.value().values(QStringLiteral("label")),
             (QStringList{QStringLiteral("a=b"), QStringLiteral("c")}));
    QCOMPARE(list.value().toJson(), map.value().toJson());
    QCOMPARE(map.value().toJson(),
             QByteArray(R"({"label":{"a=b":true,"c":true},"status":{"exited":true}})"));
    QVERIFY(Filters::parse(QString()).value().isEmpty());
}

void TstApiRequestChecks::filtersRejectWrongShapes_data() {
    QTest::addColumn<QString>("json");
    QTest::newRow("not json") << QStringLiteral("{label");
    QTest::newRow("array") << QStringLiteral(R"(["label"])");
    QTest::newRow("string value") << QStringLiteral(R"({"label":"a=b"})");
    QTest::newRow("number in list") << QStringLiteral(R"({"label":[1]})");
    QTest::newRow("string in map") << QStringLiteral(R"({"label":{"a":"yes"}})");
}

void TstApiRequestChecks::filtersRejectWrongShapes() {
    QFETCH(QString, json);
    const auto result = Filters::parse(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QVERIFY(result.error().message.startsWith(QLatin1String("invalid filters")));
}

void TstApiRequestChecks::filtersMatchLabels() {
    const auto filters = Filters::parse(QStringLiteral(R"({"label":["team=ci","tier"]})")).value();
    QVERIFY(filters.matchesLabels(
        {{QStringLiteral("team"), QStringLiteral("ci")}, {QStringLiteral("tier"), QString()}}));
    QVERIFY(!filters.matchesLabels({{QStringLiteral("team"), QStringLiteral("ci")}}));
    QVERIFY(!filters.matchesLabels(
        {{QStringLiteral("team"), QStringLiteral("web")}, {QStringLiteral("tier"), QString()}}));
}

void TstApiRequestChecks::jsonBodyErrorsSayWhatIsWrong() {
    auto result = parseJsonObject("{\"Image\": ");
    QCOMPARE(result.error().status, 400);
    QVERIFY2(result.error().message.contains(QLatin1String("malformed JSON")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("offset")));
    QCOMPARE(parseJsonObject("[1,2]").error().status, 400);
    QCOMPARE(parseJsonObject("").error().status, 400);
    QVERIFY(parseJsonObject("", true).ok());
    QCOMPARE(parseJsonObject(" {\"a\":1} ").value().value(QStringLiteral("a")).toInt(), 1);
}

void TstApiRequestChecks::fieldTypeErrorsNameThePath() {
    const QJsonObject host =
        QJsonDocument::fromJson(R"({"Memory":"lots","Binds":["a:/b"]})").object();
    const auto error = checkFields(host,
                                   {{QStringLiteral("Binds"), FieldType::StringList},
                                    {QStringLiteral("Memory"), FieldType::Integer}},
                                   QStringLiteral("HostConfig"));
    QVERIFY(error);
    QCOMPARE(error->status, 400);
    QCOMPARE(error->message,
             QStringLiteral("invalid field 'HostConfig.Memory': expected an integer"));

    const QJsonObject config =
        QJsonDocument::fromJson(R"({"Cmd":"echo hi","Env":["A=1",2]})").object();
    QVERIFY(!checkFields(config, {{QStringLiteral("Cmd"), FieldType::StringOrList}}));
    const auto envError = checkFields(config, {{QStringLiteral("Env"), FieldType::StringList}});
    QVERIFY(envError);
    QCOMPARE(envError->message,
             QStringLiteral("invalid field 'Env': expected an array of strings"));
    const auto fraction = checkFields(QJsonObject{{QStringLiteral("Memory"), 1.5}},
                                      {{QStringLiteral("Memory"), FieldType::Integer}});
    QVERIFY(fraction);
}

void TstApiRequestChecks::fieldChecksAcceptNullAndUnknownFields() {
    const QJsonObject object =
        QJsonDocument::fromJson(R"({"Labels":null,"Whatever":[1]})").object();
    QVERIFY(!checkFields(object, {{QStringLiteral("Labels"), FieldType::StringMap},
                                  {QStringLiteral("Absent"), FieldType::Bool}}));
    QCOMPARE(missingField(QStringLiteral("Image")).message,
             QStringLiteral("missing required field 'Image'"));
}

void TstApiRequestChecks::idsThatCannotBeNamesAreRejected_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("dot") << QStringLiteral(".");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("dot dot segment") << QStringLiteral("../containers/json");
    QTest::newRow("inner dot segment") << QStringLiteral("team/./app");
    QTest::newRow("newline") << QStringLiteral("abc\ndef");
    QTest::newRow("nul") << QString(QChar(0));
    QTest::newRow("del") << QStringLiteral("a\x7f");
}

void TstApiRequestChecks::idsThatCannotBeNamesAreRejected() {
    QFETCH(QString, id);
    const auto error = checkId(QStringLiteral("container"), id);
    QVERIFY(error);
    QCOMPARE(error->status, 400);
    QVERIFY(error->message.contains(QLatin1String("container")));
}

void TstApiRequestChecks::ordinaryIdsPass() {
    for (const QString& id : {QStringLiteral("3f2a"), QStringLiteral("my_app.1"),
                              QStringLiteral("127.0.0.1:5000/team/app:1.2"),
                              QStringLiteral("a..b/c..:1"), QStringLiteral("a?b#c")})
        QVERIFY2(!checkId(QStringLiteral("image"), id), qPrintable(id));
}

QTEST_MAIN(TstApiRequestChecks)
#include "tst_api_requestchecks.moc"
