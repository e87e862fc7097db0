#include "http/requestrecorder.h"

#include "observe/log.h"

#include <QStringList>
#include <QUrl>
#include <cmath>

namespace sockerless::http {

bool RequestRecorder::isCredentialKey(const QString& key) {
    static const QStringList keys{QStringLiteral("x-registry-auth"),
                                  QStringLiteral("x-registry-config"),
                                  QStringLiteral("auth"),
                                  QStringLiteral("authorization"),
                                  QStringLiteral("password"),
                                  QStringLiteral("passwd"),
                                  QStringLiteral("token"),
                                  QStringLiteral("identitytoken"),
                                  QStringLiteral("registrytoken"),
                                  QStringLiteral("access_token"),
                                  QStringLiteral("secret")};
    // Clients may percent-encode the key itself (`%61uth`), which must not slip through.
    const QString decoded = QUrl::fromPercentEncoding(key.toUtf8()).trimmed().toLower();
    return keys.contains(decoded);
}

QString RequestRecorder::redactPath(const QString& pathAndQuery) {
    const qsizetype mark = pathAndQuery.indexOf(QLatin1Char('?'));
    if (mark < 0)
        return pathAndQuery;
    // Only the values of credential items change; order, separators and encoding of everything
    // else stay as sent so the log still shows what the client asked for.
    const QStringList items = pathAndQuery.mid(mark + 1).split(QLatin1Char('&'));
    QStringList out;
    out.reserve(items.size());
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? item : item.left(eq);
        if (isCredentialKey(key))
            out.append(key + QStringLiteral("=REDACTED"));
        else
            out.append(item);
    }
    return pathAndQuery.left(mark + 1) + out.join(QLatin1Char('&'));
}

void RequestRecorder::record(const RequestRecord& r) {
    // Three decimals are plenty for a request log and keep the JSON short.
    const double duration = std::round(r.durationMs * 1000.0) / 1000.0;
    observe::Log::Fields fields{{QStringLiteral("method"), r.method},
                                {QStringLiteral("route"), r.route},
                                {QStringLiteral("path"), r.path},
                                {QStringLiteral("status"), r.status},
                                {QStringLiteral("durationMs"), duration},
                                {QStringLiteral("bytesIn"), static_cast<double>(r.bytesIn)},
                                {QStringLiteral("bytesOut"), static_cast<double>(r.bytesOut)},
                                {QStringLiteral("client"), r.client}};
    // Most requests succeed: an empty error field would only add noise to every line.
    if (!r.error.isEmpty())
        fields.append({QStringLiteral("error"), r.error});
    if (r.phase != RequestRecord::Phase::Complete) {
        fields.append({QStringLiteral("stream"), r.phase == RequestRecord::Phase::StreamOpened
                                                     ? QStringLiteral("open")
                                                     : QStringLiteral("closed")});
    }
    observe::Log::info(QStringLiteral("request"), fields);
    emit recorded(r);
}

} // namespace sockerless::http
