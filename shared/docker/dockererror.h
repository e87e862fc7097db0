#pragma once

#include <QByteArray>
#include <QString>

namespace sockerless::docker {

/// Why a call to the Docker Engine failed. Http carries Docker's own status and `message`.
struct DockerError {
    enum class Kind {
        None,        ///< no error
        Unreachable, ///< connecting failed: no socket, refused, TLS handshake failed
        Timeout,     ///< no answer within the request's timeout
        Protocol,    ///< the answer was not valid HTTP or broke off mid-response
        Http,        ///< Docker answered with a status >= 400 (or 304); see status/message
        Aborted      ///< the caller aborted the request
    };

    Kind kind = Kind::None;
    int status = 0;   ///< Kind::Http: Docker's status code
    QString message;  ///< Docker's `message`, or a description of the transport failure
    QString endpoint; ///< the endpoint, as DockerEndpoint::toString()

    bool isError() const { return kind != Kind::None; }
    /// Decodes an error answer: the `message` of a JSON body (kept whole), else the body as text,
    /// else the status' reason phrase. Text that is not Docker's own is kept short: an HTML page
    /// gives its title, binary garbage gives the reason phrase and its size, long text is cut.
    static DockerError fromHttp(int status, const QByteArray& body, const QString& endpoint);
    /// The standard reason phrase of an HTTP status (`Not Found`), or `HTTP <status>`.
    static QString reasonPhrase(int status);
    /// A one-line description for logs and tests, e.g.
    /// `Docker at unix:///var/run/docker.sock answered 404: No such container: x`; for
    /// Unreachable it reads `Docker daemon unreachable at <endpoint>: <message>`.
    QString toString() const;
};

} // namespace sockerless::docker
