#include "observe/requestlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMetaMethod>
#include <array>
#include <cmath>
#include <cstdio>

namespace sockerless::observe {

namespace {

// Index 0 stands for any other method (QHttpServer only passes known ones, so it stays rare).
const std::array<QString, 11> kMethods{
    QStringLiteral("UNKNOWN"), QStringLiteral("GET"),    QStringLiteral("POST"),
    QStringLiteral("PUT"),     QStringLiteral("DELETE"), QStringLiteral("HEAD"),
    QStringLiteral("OPTIONS"), QStringLiteral("PATCH"),  QStringLiteral("CONNECT"),
    QStringLiteral("TRACE"),   QStringLiteral("WS")};

// A peer address per distinct client is kept for reuse; past this many the log stores copies
// instead, so a scan from many addresses cannot grow the table without bound.
constexpr qsizetype kMaxInternedClients = 4096;

quint16 clampStatus(int status) {
    return static_cast<quint16>(qBound(0, status, 65535));
}

// Three decimals are plenty for a request log and keep the JSON short.
double roundMs(double ms) {
    return std::round(ms * 1000.0) / 1000.0;
}

QJsonValue textOrNull(const QString& text) {
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

RequestLog::RequestLog(int capacity, QObject* parent)
    : QObject(parent)
    , m_ring(static_cast<size_t>(qMax(1, capacity))) {}

quint8 RequestLog::methodCode(const QString& method) {
    for (size_t i = 1; i < kMethods.size(); ++i) {
        if (kMethods[i] == method)
            return static_cast<quint8>(i);
    }
    return 0;
}

QString RequestLog::intern(const QString& client) {
    const auto it = m_clients.constFind(client);
    if (it != m_clients.cend())
        return it.value();
    if (m_clients.size() < kMaxInternedClients)
        m_clients.insert(client, client);
    return client;
}

quint64 RequestLog::append(const http::RequestRecord& record) {
    const quint64 id = ++m_lastId;
    Stored& slot = m_ring[static_cast<size_t>(id % m_ring.size())];
    slot.id = id;
    slot.timeMs = record.time.toMSecsSinceEpoch();
    slot.client = intern(record.client);
    slot.route = record.route;
    slot.path = record.path.toUtf8();
    slot.error = record.error.toUtf8();
    slot.upstream.clear();
    slot.upstream.shrink_to_fit(); // most records have none: give the old capacity back
    slot.upstream.reserve(static_cast<size_t>(record.upstream.size()));
    for (const http::UpstreamCall& call : record.upstream) {
        slot.upstream.push_back(Upstream{call.path.toUtf8(), static_cast<float>(call.durationMs),
                                         clampStatus(call.status), methodCode(call.method)});
    }
    slot.bytesIn = record.bytesIn;
    slot.bytesOut = record.bytesOut;
    slot.durationMs = static_cast<float>(record.durationMs);
    slot.status = clampStatus(record.status);
    slot.method = methodCode(record.method);
    slot.phase = static_cast<quint8>(record.phase);
    if (isSignalConnected(QMetaMethod::fromSignal(&RequestLog::appended))) {
        QByteArray line;
        writeJson(slot, &line);
        emit appended(id, line);
    }
    return id;
}

const RequestLog::Stored* RequestLog::find(quint64 id) const {
    if (id == 0 || id > m_lastId)
        return nullptr;
    const Stored& slot = m_ring[static_cast<size_t>(id % m_ring.size())];
    return slot.id == id ? &slot : nullptr;
}

std::pair<quint64, quint64> RequestLog::window(int limit, quint64 before) const {
    if (m_lastId == 0 || limit <= 0)
        return {1, 0};
    const quint64 oldest = m_lastId - static_cast<quint64>(size()) + 1;
    const quint64 newest = (before == 0 || before > m_lastId) ? m_lastId : before - 1;
    if (newest < oldest)
        return {1, 0};
    const quint64 count = qMin<quint64>(static_cast<quint64>(limit), newest - oldest + 1);
    return {newest - count + 1, newest};
}

QList<QJsonObject> RequestLog::records(int limit, quint64 before) const {
    QList<QJsonObject> out;
    const auto [first, last] = window(limit, before);
    if (first > last)
        return out;
    out.reserve(static_cast<qsizetype>(last - first + 1));
    for (quint64 id = last; id >= first; --id)
        out.append(toJson(*find(id)));
    return out;
}

QByteArray RequestLog::recordsJson(int limit, quint64 before) const {
    // Written directly: going through QJsonObject/QJsonArray costs about ten times as much for a
    // full ring (10,000 records), and the event loop waits for it.
    QByteArray out = "[";
    const auto [first, last] = window(limit, before);
    if (first <= last)
        out.reserve(static_cast<qsizetype>((last - first + 1) * 320));
    for (quint64 id = last; first <= last && id >= first; --id) {
        if (id != last)
            out += ',';
        writeJson(*find(id), &out);
    }
    out += ']';
    return out;
}

void RequestLog::writeJson(const Stored& s, QByteArray* out) const {
    const auto string = [out](QByteArrayView utf8) {
        *out += '"';
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                *out += '\\';
                *out += c;
            } else if (u < 0x20) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", u);
                *out += escape;
            } else {
                *out += c;
            }
        }
        *out += '"';
    };
    const auto orNull = [&](const QByteArray& utf8) {
        if (utf8.isEmpty())
            *out += "null";
        else
            string(utf8);
    };
    *out += "{\"id\":";
    *out += QByteArray::number(s.id);
    *out += ",\"time\":";
    string(
        QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1());
    *out += ",\"client\":";
    string(s.client.toUtf8());
    *out += ",\"method\":";
    string(kMethods[s.method].toLatin1());
    *out += ",\"path\":";
    string(s.path);
    *out += ",\"route\":";
    orNull(s.route.toUtf8());
    *out += ",\"status\":";
    *out += QByteArray::number(s.status);
    *out += ",\"durationMs\":";
    *out += QByteArray::number(roundMs(s.durationMs), 'g', QLocale::FloatingPointShortest);
    *out += ",\"bytesIn\":";
    *out += QByteArray::number(s.bytesIn);
    *out += ",\"bytesOut\":";
    *out += QByteArray::number(s.bytesOut);
    *out += ",\"error\":";
    orNull(s.error);
    *out += ",\"upstream\":[";
    for (size_t i = 0; i < s.upstream.size(); ++i) {
        const Upstream& call = s.upstream[i];
        *out += i == 0 ? "{\"method\":" : ",{\"method\":";
        string(kMethods[call.method].toLatin1());
        *out += ",\"path\":";
        string(call.path);
        *out += ",\"status\":";
        *out += QByteArray::number(call.status);
        *out += ",\"durationMs\":";
        *out += QByteArray::number(roundMs(call.durationMs), 'g', QLocale::FloatingPointShortest);
        *out += '}';
    }
    *out += ']';
    using Phase = http::RequestRecord::Phase;
    if (s.phase == static_cast<quint8>(Phase::StreamOpened))
        *out += ",\"stream\":\"open\"";
    else if (s.phase == static_cast<quint8>(Phase::StreamClosed))
        *out += ",\"stream\":\"closed\"";
    *out += '}';
}

QJsonObject RequestLog::record(quint64 id) const {
    const Stored* stored = find(id);
    return stored ? toJson(*stored) : QJsonObject();
}

QByteArray RequestLog::toJsonLine(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject RequestLog::toJson(const Stored& s) const {
    QJsonArray upstream;
    for (const Upstream& call : s.upstream) {
        upstream.append(QJsonObject{{QStringLiteral("method"), kMethods[call.method]},
                                    {QStringLiteral("path"), QString::fromUtf8(call.path)},
                                    {QStringLiteral("status"), call.status},
                                    {QStringLiteral("durationMs"), roundMs(call.durationMs)}});
    }
    QJsonObject object{
        {QStringLiteral("id"), static_cast<qint64>(s.id)},
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("client"), s.client},
        {QStringLiteral("method"), kMethods[s.method]},
        {QStringLiteral("path"), QString::fromUtf8(s.path)},
        {QStringLiteral("route"), textOrNull(s.route)},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("durationMs"), roundMs(s.durationMs)},
        {QStringLiteral("bytesIn"), s.bytesIn},
        {QStringLiteral("bytesOut"), s.bytesOut},
        {QStringLiteral("error"), textOrNull(QString::fromUtf8(s.error))},
        {QStringLiteral("upstream"), upstream}};
    // Streams are recorded when they open and when they close; this tells the two apart.
    using Phase = http::RequestRecord::Phase;
    if (s.phase == static_cast<quint8>(Phase::StreamOpened))
        object.insert(QStringLiteral("stream"), QStringLiteral("open"));
    else if (s.phase == static_cast<quint8>(Phase::StreamClosed))
        object.insert(QStringLiteral("stream"), QStringLiteral("closed"));
    return object;
}

} // namespace sockerless::observe
