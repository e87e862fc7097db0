#pragma once

#include "http/requestrecorder.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <vector>

namespace sockerless::observe {

/// The in-memory request log behind `GET /internal/v1/requests`: a ring of the last capacity()
/// records, each with an id that increases by one per record (the first is 1), so `before`
/// paging stays stable while new records arrive.
///
/// Memory is bounded: records are stored compactly (method as a small number, path and error as
/// UTF-8, client and route strings shared between records) and the oldest record is overwritten
/// once the ring is full. JSON is built only when asked for.
class RequestLog : public QObject {
    Q_OBJECT
public:
    /// Keeps at most `capacity` records (at least 1).
    explicit RequestLog(int capacity, QObject* parent = nullptr);

    /// Stores `record` and emits appended(); returns its id.
    quint64 append(const http::RequestRecord& record);

    /// The newest `limit` records with an id below `before` (0: no bound), newest first, as a
    /// compact JSON array.
    QByteArray recordsJson(int limit, quint64 before = 0) const;
    /// The same records as JSON objects (for tests and callers that add to them).
    QList<QJsonObject> records(int limit, quint64 before = 0) const;
    /// One record as a JSON object; empty when it is no longer (or not yet) in the ring.
    QJsonObject record(quint64 id) const;

    int capacity() const { return static_cast<int>(m_ring.size()); }
    /// Records held now (capacity() once the ring is full).
    int size() const { return static_cast<int>(qMin<quint64>(m_lastId, m_ring.size())); }
    /// The id of the newest record; 0 before the first.
    quint64 lastId() const { return m_lastId; }

    /// The JSON of a record as stored (exposed for the file and the stream, which want the same
    /// object `/requests` returns).
    static QByteArray toJsonLine(const QJsonObject& object);

signals:
    /// A new record; `line` is its compact JSON (no newline). Built only while someone listens.
    void appended(quint64 id, const QByteArray& line);

private:
    struct Upstream {
        QByteArray path;
        float durationMs = 0;
        quint16 status = 0;
        quint8 method = 0;
    };
    struct Stored {
        quint64 id = 0;
        qint64 timeMs = 0;
        QString client; // interned: one string per distinct peer
        QString route;  // shares the router's template string
        QByteArray path;
        QByteArray error;
        std::vector<Upstream> upstream;
        qint64 bytesIn = 0;
        qint64 bytesOut = 0;
        float durationMs = 0;
        quint16 status = 0;
        quint8 method = 0;
        quint8 phase = 0;
    };

    static quint8 methodCode(const QString& method);
    QString intern(const QString& client);
    QJsonObject toJson(const Stored& stored) const;
    /// The same object as toJson(), appended as compact JSON text (the fast path for lists).
    void writeJson(const Stored& stored, QByteArray* out) const;
    /// The stored record with `id`, or null when it is not in the ring.
    const Stored* find(quint64 id) const;
    /// The ids [first, last] to return for (limit, before), newest first; empty when first > last.
    std::pair<quint64, quint64> window(int limit, quint64 before) const;

    std::vector<Stored> m_ring;
    quint64 m_lastId = 0;
    QHash<QString, QString> m_clients;
};

} // namespace sockerless::observe
