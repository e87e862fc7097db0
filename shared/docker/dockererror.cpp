#include "docker/dockererror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QStringDecoder>

#include <http_parser.h>
#include <optional>

namespace sockerless::docker {

namespace {

/// Text that is not Docker's own `message` is cut to this many characters: an error line must
/// stay a line, not a whole proxy error page.
constexpr qsizetype kMaxTextLength = 200;
/// Only the start of a huge body is looked at: the gist is at the top, and regular expressions
/// over megabytes of garbage would stall the event loop.
constexpr qsizetype kMaxExamined = qsizetype{64} * 1024;

/// The first `max` bytes of `bytes`, without a UTF-8 sequence cut in two at the end.
QByteArray utf8Prefix(const QByteArray& bytes, qsizetype max) {
    if (bytes.size() <= max)
        return bytes;
    qsizetype end = max;
    // Back off over continuation bytes, then over the lead byte they belong to.
    while (end > 0 && (uchar(bytes.at(end)) & 0xC0) == 0x80)
        --end;
    return bytes.left(end);
}

/// Decodes `bytes` as UTF-8, or returns nullopt when they are not text (invalid UTF-8, NUL, or
/// mostly control characters).
std::optional<QString> decodeText(const QByteArray& bytes) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    qsizetype control = 0;
    for (const QChar ch : std::as_const(text)) {
        if (ch.unicode() == 0)
            return std::nullopt;
        if ((ch.unicode() < 0x20 && ch != u'\n' && ch != u'\r' && ch != u'\t') ||
            ch.unicode() == 0x7f)
            ++control;
    }
    if (control * 10 > text.size())
        return std::nullopt;
    return text;
}

bool looksLikeHtml(const QString& text) {
    const QString head = text.left(512).toLower();
    return head.startsWith(QLatin1String("<!doctype html")) ||
           head.contains(QLatin1String("<html")) || head.contains(QLatin1String("<head")) ||
           head.contains(QLatin1String("<body"));
}

QString decodeEntities(QString text) {
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

/// The gist of an HTML error page: its title, else its first heading, else its text.
QString htmlGist(const QString& html) {
    using RE = QRegularExpression;
    const auto options = RE::CaseInsensitiveOption | RE::DotMatchesEverythingOption;
    static const RE title(QStringLiteral("<title[^>]*>(.*?)</title>"), options);
    static const RE heading(QStringLiteral("<h1[^>]*>(.*?)</h1>"), options);
    static const RE invisible(QStringLiteral("<(script|style|head)[^>]*>.*?</\\1>"), options);
    static const RE tag(QStringLiteral("<[^>]*>"), options);
    for (const RE* re : {&title, &heading}) {
        const QString found = QString(re->match(html).captured(1)).remove(tag).simplified();
        if (!found.isEmpty())
            return decodeEntities(found);
    }
    return decodeEntities(QString(html).remove(invisible).replace(tag, QStringLiteral(" ")))
        .simplified();
}

QString shorten(const QString& text) {
    QString oneLine = text.simplified();
    if (oneLine.size() <= kMaxTextLength)
        return oneLine;
    return oneLine.left(kMaxTextLength - 3) + QStringLiteral("...");
}

} // namespace

QString DockerError::reasonPhrase(int status) {
    // http_status_str takes the enum; only values inside its range may be converted to it.
    if (status >= 100 && status <= 511) {
        const char* phrase = http_status_str(static_cast<http_status>(status));
        if (phrase && phrase[0] != '<')
            return QString::fromLatin1(phrase);
    }
    return QStringLiteral("HTTP %1").arg(status);
}

DockerError DockerError::fromHttp(int status, const QByteArray& body, const QString& endpoint) {
    DockerError error;
    error.kind = Kind::Http;
    error.status = status;
    error.endpoint = endpoint;

    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        error.message = reasonPhrase(status);
        return error;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error == QJsonParseError::NoError && json.isObject()) {
        const QString message = json.object().value(QLatin1String("message")).toString().trimmed();
        // Docker's own words are forwarded whole, however long.
        if (!message.isEmpty()) {
            error.message = message;
            return error;
        }
    }
    const std::optional<QString> text = decodeText(utf8Prefix(trimmed, kMaxExamined));
    if (!text) {
        error.message = QStringLiteral("%1 (unreadable body of %2 bytes)")
                            .arg(reasonPhrase(status))
                            .arg(body.size());
        return error;
    }
    error.message = shorten(looksLikeHtml(*text) ? htmlGist(*text) : *text);
    if (error.message.isEmpty())
        error.message = reasonPhrase(status);
    return error;
}

QString DockerError::toString() const {
    const QString at = endpoint.isEmpty() ? QString() : QStringLiteral(" at ") + endpoint;
    const QString detail = message.isEmpty() ? QString() : QStringLiteral(": ") + message;
    switch (kind) {
    case Kind::None:
        return QStringLiteral("no error");
    case Kind::Unreachable:
        return QStringLiteral("Docker daemon unreachable") + at + detail;
    case Kind::Timeout:
        return QStringLiteral("Docker") + at + QStringLiteral(" did not answer in time") + detail;
    case Kind::Protocol:
        return QStringLiteral("invalid answer from Docker") + at + detail;
    case Kind::Http:
        return QStringLiteral("Docker") + at + QStringLiteral(" answered ") +
               QString::number(status) + detail;
    case Kind::Aborted:
        return QStringLiteral("request to Docker") + at + QStringLiteral(" aborted") + detail;
    }
    return QStringLiteral("unknown error") + at + detail;
}

} // namespace sockerless::docker
