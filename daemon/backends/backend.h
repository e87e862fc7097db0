#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrlQuery>
#include <functional>
#include <utility>
#include <variant>

namespace sockerless::backends {

/// A value or the API error that replaced it.
template <typename T> class Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(api::ApiError error)
        : m_data(std::move(error)) {}
    bool ok() const { return std::holds_alternative<T>(m_data); }
    const T& value() const { return std::get<T>(m_data); }
    const api::ApiError& error() const { return std::get<api::ApiError>(m_data); }

private:
    std::variant<T, api::ApiError> m_data;
};

/// A long-lived answer (events, and later logs, wait, exec): a sequence of messages, then either
/// `ended` or `failed`, each exactly once. Destroying the stream (or its parent, the context it
/// was opened for) cancels the upstream work at once.
class BackendStream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    /// The stream is established (upstream accepted it); messages follow.
    void opened();
    /// One message, as the upstream sends it (one Docker event as JSON, ...).
    void message(const QByteArray& payload);
    void ended();
    void failed(const sockerless::api::ApiError& error);
};

/// What `healthz` reports.
struct Health {
    bool ok = false;
    QString reason;      ///< why not ok
    QJsonObject details; ///< backend-specific facts (`endpoint`, `apiVersion`)
};

/// The operations of the internal API, served by one backend (Docker pass-through, or memory).
///
/// Every call is asynchronous and never blocks the event loop. `context` is the object the
/// answer is for (the client's connection): when it is destroyed, the backend abandons the work
/// (aborting any upstream request) and never calls `done`. The HTTP layer never sees a concrete
/// backend; a backend never sees QHttpServer.
class Backend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// `docker` or `memory`.
    virtual QString kind() const = 0;

    /// Whether the backend can serve calls now (the Docker backend pings Docker).
    virtual void health(QObject* context, std::function<void(const Health&)> done) = 0;

    /// Backend kind, versions (the negotiated Docker API version) and object counts.
    virtual void info(QObject* context, std::function<void(const Result<QJsonObject>&)> done) = 0;

    /// Events as they happen; `query` carries `filters`, `since`, `until` as the client sent them.
    /// The stream is parented to `context`.
    virtual BackendStream* events(const QUrlQuery& query, QObject* context) = 0;
};

} // namespace sockerless::backends
