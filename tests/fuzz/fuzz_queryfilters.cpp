// Fuzzes query and body parsing in shared/api: `filters` (both shapes), typed query values, the
// routes' query options, and the contract types' fromJson over arbitrary JSON. One input is read
// three ways: as a `filters` value, as a query string, and as a request body.
//
// Invariants: a value that parsed writes out (toJson) to something that parses again to the same
// thing; a refusal is a 400 with a message; booleans and ranged integers only ever come back as
// what the contract allows; a credential from a body never appears in an error message.

#include "api/containertypes.h"
#include "api/exectypes.h"
#include "api/filters.h"
#include "api/imagetypes.h"
#include "api/jsonbody.h"
#include "api/networktypes.h"
#include "api/queryvalues.h"
#include "api/volumetypes.h"
#include "fuzzcheck.h"

#include <QJsonDocument>
#include <QSet>
#include <cstdint>

using namespace sockerless::api;

namespace {

/// A refusal must be an answer a client can act on.
void checkRefusal(const ApiError& error, const char* what) {
    FUZZ_CHECK(
        error.status == 400,
        QStringLiteral("%1 refused with %2, not 400").arg(QLatin1String(what)).arg(error.status));
    FUZZ_CHECK(!error.message.isEmpty(),
               QStringLiteral("%1 refused without a message").arg(QLatin1String(what)));
}

QSet<QString> valueSet(const Filters& filters, const QString& key) {
    const QStringList values = filters.values(key);
    return {values.begin(), values.end()};
}

void fuzzFilters(const QString& text) {
    const auto parsed = Filters::parse(text);
    if (!parsed.ok()) {
        checkRefusal(parsed.error(), "Filters::parse");
        return;
    }
    const Filters& filters = parsed.value();
    // What the daemon sends on to Docker must read back as the same filters.
    const auto again = Filters::parse(QString::fromUtf8(filters.toJson()));
    FUZZ_CHECK(again.ok(), "Filters::toJson() wrote filters that do not parse");
    FUZZ_CHECK(again.value().keys() == filters.keys(), "Filters round trip changed the keys");
    for (const QString& key : filters.keys()) {
        FUZZ_CHECK(valueSet(again.value(), key) == valueSet(filters, key),
                   QStringLiteral("Filters round trip changed the values of '%1'").arg(key));
        const QStringList values = filters.values(key);
        FUZZ_CHECK(QSet<QString>(values.begin(), values.end()).size() == values.size(),
                   QStringLiteral("Filters kept a duplicate value of '%1'").arg(key));
    }
    QMap<QString, QString> labels;
    for (const QString& wanted : filters.values(QStringLiteral("label"))) {
        const qsizetype eq = wanted.indexOf(u'=');
        if (eq < 0)
            labels.insert(wanted, QString());
        else
            labels.insert(wanted.left(eq), wanted.mid(eq + 1));
    }
    // Labels built from the filters satisfy them unless two filters want different values.
    const bool conflicting = labels.size() != filters.values(QStringLiteral("label")).size();
    if (!conflicting)
        FUZZ_CHECK(filters.matchesLabels(labels), "labels made from the filters do not match");
}

void fuzzQuery(const QUrlQuery& query) {
    const QueryValues values(query);
    for (const auto& [key, raw] : query.queryItems(QUrl::FullyDecoded)) {
        const auto flag = values.boolean(key, true);
        if (flag.ok()) {
            const QString lower = values.string(key).toLower();
            FUZZ_CHECK(lower.isEmpty() || lower == QLatin1String("1") ||
                           lower == QLatin1String("0") || lower == QLatin1String("true") ||
                           lower == QLatin1String("false"),
                       QStringLiteral("'%1' was read as a boolean").arg(lower));
        } else {
            checkRefusal(flag.error(), "QueryValues::boolean");
        }
        const auto number = values.integer(key, 7, -1, 1000);
        if (number.ok())
            FUZZ_CHECK(number.value() >= -1 && number.value() <= 1000,
                       QStringLiteral("%1 is outside [-1, 1000]").arg(number.value()));
        else
            checkRefusal(number.error(), "QueryValues::integer");
        const auto wide = values.integer(key, 0, std::numeric_limits<qint64>::min(),
                                         std::numeric_limits<qint64>::max());
        if (!wide.ok())
            checkRefusal(wide.error(), "QueryValues::integer");
    }

    if (const auto list = ContainerListOptions::fromQuery(query); list.ok())
        FUZZ_CHECK(Filters::parse(values.string(QStringLiteral("filters"))).ok(),
                   "the list options took filters that do not parse");
    else
        checkRefusal(list.error(), "ContainerListOptions::fromQuery");
    if (const auto stop = ContainerStopOptions::fromQuery(query); !stop.ok())
        checkRefusal(stop.error(), "ContainerStopOptions::fromQuery");
    if (const auto remove = ContainerRemoveOptions::fromQuery(query); !remove.ok())
        checkRefusal(remove.error(), "ContainerRemoveOptions::fromQuery");
    if (const auto wait = waitConditionFromQuery(query); wait.ok()) {
        const QString name = waitConditionName(wait.value());
        FUZZ_CHECK(!name.isEmpty(), "a wait condition without a name");
    } else {
        checkRefusal(wait.error(), "waitConditionFromQuery");
    }
    for (const bool followImplied : {false, true}) {
        const auto logs = ContainerLogsOptions::fromQuery(query, followImplied);
        if (!logs.ok()) {
            checkRefusal(logs.error(), "ContainerLogsOptions::fromQuery");
            continue;
        }
        FUZZ_CHECK(logs.value().showStdout || logs.value().showStderr,
                   "logs accepted with neither stdout nor stderr");
        FUZZ_CHECK(!followImplied || logs.value().follow, "the WebSocket stream does not follow");
    }
    if (const auto tag = ImageTagRequest::fromQuery(QStringLiteral("busybox"), query); tag.ok())
        FUZZ_CHECK(!tag.value().repo.isEmpty(), "a tag request without a repository");
    else
        checkRefusal(tag.error(), "ImageTagRequest::fromQuery");
    if (const auto load = ImageLoadRequest::fromRequest(QByteArrayLiteral("tar"), query);
        !load.ok())
        checkRefusal(load.error(), "ImageLoadRequest::fromRequest");
}

/// A type that read `object` writes it out to a fixed point: reading that output again succeeds
/// and writes exactly the same JSON. Request types refuse with a 400.
template <typename T> void roundTrip(const QJsonObject& object, const char* name) {
    const auto first = T::fromJson(object);
    if (!first.ok()) {
        checkRefusal(first.error(), name);
        return;
    }
    const QJsonObject written = first.value().toJson();
    const auto second = T::fromJson(written);
    FUZZ_CHECK(second.ok(),
               QStringLiteral("%1 cannot read its own toJson(): %2 from %3")
                   .arg(QLatin1String(name), second.error().message,
                        QString::fromUtf8(QJsonDocument(written).toJson(QJsonDocument::Compact))));
    FUZZ_CHECK(second.value().toJson() == written,
               QStringLiteral("%1: toJson() is not a fixed point").arg(QLatin1String(name)));
}

/// The credential values a body carries (long enough not to occur in a message by chance).
QStringList credentialValues(const QJsonObject& object) {
    QStringList values;
    for (const char* key : {"password", "auth", "identitytoken", "registrytoken", "Auth"}) {
        const QString value = object.value(QLatin1String(key)).toString();
        if (value.size() >= 8)
            values.append(value);
    }
    return values;
}

void checkNoCredential(const QJsonObject& object, const QString& message, const char* what) {
    for (const QString& secret : credentialValues(object))
        FUZZ_CHECK(
            !message.contains(secret),
            QStringLiteral("%1's error message shows a credential").arg(QLatin1String(what)));
}

void fuzzBody(const QByteArray& body, bool emptyAllowed) {
    const auto parsed = parseJsonObject(body, emptyAllowed);
    if (!parsed.ok()) {
        checkRefusal(parsed.error(), "parseJsonObject");
        return;
    }
    const QJsonObject& object = parsed.value();

    const QList<FieldSpec> specs{{QStringLiteral("S"), FieldType::String},
                                 {QStringLiteral("B"), FieldType::Bool},
                                 {QStringLiteral("N"), FieldType::Number},
                                 {QStringLiteral("I"), FieldType::Integer},
                                 {QStringLiteral("L"), FieldType::StringList},
                                 {QStringLiteral("Cmd"), FieldType::StringOrList},
                                 {QStringLiteral("Labels"), FieldType::StringMap},
                                 {QStringLiteral("O"), FieldType::Object},
                                 {QStringLiteral("A"), FieldType::Array}};
    if (const auto wrong = checkFields(object, specs, QStringLiteral("Body")))
        checkRefusal(*wrong, "checkFields");

    roundTrip<ContainerCreateRequest>(object, "ContainerCreateRequest");
    roundTrip<ContainerConfig>(object, "ContainerConfig");
    roundTrip<HostConfig>(object, "HostConfig");
    roundTrip<NetworkingConfig>(object, "NetworkingConfig");
    roundTrip<ContainerCreated>(object, "ContainerCreated");
    roundTrip<ContainerInspect>(object, "ContainerInspect");
    roundTrip<ContainerSummary>(object, "ContainerSummary");
    roundTrip<ExecCreateRequest>(object, "ExecCreateRequest");
    roundTrip<ExecProcessConfig>(object, "ExecProcessConfig");
    roundTrip<ExecInspect>(object, "ExecInspect");
    roundTrip<ExecStartRequest>(object, "ExecStartRequest");
    roundTrip<AuthResponse>(object, "AuthResponse");
    roundTrip<ImageRootFS>(object, "ImageRootFS");
    roundTrip<Image>(object, "Image");
    roundTrip<Network>(object, "Network");
    roundTrip<NetworkIpam>(object, "NetworkIpam");
    roundTrip<NetworkCreateRequest>(object, "NetworkCreateRequest");
    roundTrip<NetworkCreateResponse>(object, "NetworkCreateResponse");
    roundTrip<NetworkConnectRequest>(object, "NetworkConnectRequest");
    roundTrip<NetworkDisconnectRequest>(object, "NetworkDisconnectRequest");
    roundTrip<NetworkPruneResponse>(object, "NetworkPruneResponse");
    roundTrip<Volume>(object, "Volume");
    roundTrip<VolumeCreateRequest>(object, "VolumeCreateRequest");
    roundTrip<VolumeList>(object, "VolumeList");

    // The types that carry credentials: reading them back works, and no refusal repeats one.
    if (const auto auth = AuthConfig::fromJson(object); auth.ok()) {
        const auto again = AuthConfig::fromJson(auth.value().toJson());
        FUZZ_CHECK(again.ok() && again.value().secrets() == auth.value().secrets(),
                   "AuthConfig round trip changed its secrets");
    } else {
        checkRefusal(auth.error(), "AuthConfig");
        checkNoCredential(object, auth.error().message, "AuthConfig");
    }
    if (const auto pull = ImagePullRequest::fromJson(object); pull.ok()) {
        roundTrip<ImagePullRequest>(object, "ImagePullRequest");
    } else {
        checkRefusal(pull.error(), "ImagePullRequest");
        checkNoCredential(object, pull.error().message, "ImagePullRequest");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    fuzzFilters(text);
    fuzzQuery(QUrlQuery(text));
    fuzzBody(bytes, size % 2 == 0);
    // An X-Registry-Auth header value: anything may come, nothing may crash.
    if (const auto auth = AuthConfig::fromRegistryAuth(text))
        FUZZ_CHECK(!auth->toJson().contains(QStringLiteral("password")) ||
                       auth->secrets().contains(auth->password),
                   "a decoded password is missing from secrets()");
    return 0;
}
