#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <memory>

namespace sockerless::http {

/// One upstream (Docker Engine) call made on behalf of a request, as its record lists it.
struct UpstreamCall {
    quint64 id = 0; ///< the Docker client's call id: a stream's end updates its entry
    QString method; ///< `GET`, `POST`, ...
    QString path;   ///< the Docker path with query, credentials redacted
    int status = 0; ///< Docker's status, 0 when no answer came
    double durationMs = 0;
};

/// The upstream calls of one request. A call is added when Docker answers (or fails) and
/// updated when it ends; at most maxCalls() are kept so a request cannot grow its record
/// without bound.
class UpstreamCallList {
public:
    /// Adds `call`, or replaces the entry with the same id.
    void upsert(const UpstreamCall& call);
    const QList<UpstreamCall>& calls() const { return m_calls; }
    static constexpr qsizetype maxCalls() { return 64; }

private:
    QList<UpstreamCall> m_calls;
};

/// Implemented by the objects a request's upstream calls are attributed to: the lifetime object
/// of an HttpExchange and a WebSocketSession. The Docker client reports a call with the context
/// object the backend was given (or a child of it); find() walks up from there.
class UpstreamRecipient {
public:
    virtual ~UpstreamRecipient() = default;
    /// Adds or updates one call of this request.
    virtual void noteUpstream(const UpstreamCall& call) = 0;

    /// The recipient `origin` belongs to: `origin` itself or its nearest ancestor that is one;
    /// null when none (a call of the daemon's own, e.g. the start-up ping).
    static UpstreamRecipient* find(QObject* origin);

protected:
    UpstreamRecipient() = default;
    UpstreamRecipient(const UpstreamRecipient&) = default;
    UpstreamRecipient& operator=(const UpstreamRecipient&) = default;
};

} // namespace sockerless::http

#define SOCKERLESS_UPSTREAM_RECIPIENT_IID "sockerless.http.UpstreamRecipient"
Q_DECLARE_INTERFACE(sockerless::http::UpstreamRecipient, SOCKERLESS_UPSTREAM_RECIPIENT_IID)

namespace sockerless::http {

/// HttpExchange::lifetime(): a plain QObject that lives as long as the client's connection and
/// collects the exchange's upstream calls into a list the exchange shares (the exchange may be
/// recorded after this object is gone).
class UpstreamCollector : public QObject, public UpstreamRecipient {
    Q_OBJECT
    Q_INTERFACES(sockerless::http::UpstreamRecipient)
public:
    UpstreamCollector(std::shared_ptr<UpstreamCallList> calls, QObject* parent);
    void noteUpstream(const UpstreamCall& call) override;

private:
    std::shared_ptr<UpstreamCallList> m_calls;
};

} // namespace sockerless::http
