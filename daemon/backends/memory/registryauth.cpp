#include "backends/memory/registryauth.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace sockerless::backends::memory {

namespace {

bool isTokenChar(QChar c) {
    return c.isLetterOrNumber() || QStringLiteral("!#$%&'*+-.^_`|~").contains(c);
}

// A small cursor over the header: tokens, quoted strings, separators.
class Cursor {
public:
    explicit Cursor(QString text)
        : m_text(std::move(text)) {}
    void skipSpace() {
        while (m_at < m_text.size() && m_text.at(m_at).isSpace())
            ++m_at;
    }
    bool atEnd() {
        skipSpace();
        return m_at >= m_text.size();
    }
    bool take(QChar c) {
        skipSpace();
        if (m_at < m_text.size() && m_text.at(m_at) == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    QString token() {
        skipSpace();
        const qsizetype start = m_at;
        while (m_at < m_text.size() && isTokenChar(m_text.at(m_at)))
            ++m_at;
        return m_text.mid(start, m_at - start);
    }
    QString quoted() {
        skipSpace();
        if (m_at >= m_text.size() || m_text.at(m_at) != u'"')
            return token();
        ++m_at;
        QString value;
        while (m_at < m_text.size() && m_text.at(m_at) != u'"') {
            if (m_text.at(m_at) == u'\\' && m_at + 1 < m_text.size())
                ++m_at;
            value += m_text.at(m_at++);
        }
        ++m_at; // the closing quote
        return value;
    }
    qsizetype position() const { return m_at; }
    void reset(qsizetype at) { m_at = at; }

private:
    QString m_text;
    qsizetype m_at = 0;
};

} // namespace

QList<AuthChallenge> AuthChallenge::parse(const QByteArray& header) {
    QList<AuthChallenge> challenges;
    Cursor cursor(QString::fromLatin1(header));
    while (!cursor.atEnd()) {
        if (cursor.take(u','))
            continue;
        const QString scheme = cursor.token();
        if (scheme.isEmpty())
            break; // not a token: nothing more can be read
        AuthChallenge challenge;
        challenge.scheme = scheme.toLower();
        // Parameters until the next token that is not followed by `=` (the next scheme).
        while (!cursor.atEnd()) {
            const qsizetype before = cursor.position();
            cursor.take(u',');
            const QString key = cursor.token();
            if (key.isEmpty() || !cursor.take(u'=')) {
                cursor.reset(before);
                break;
            }
            challenge.params.insert(key.toLower(), cursor.quoted());
        }
        challenges.append(challenge);
    }
    return challenges;
}

QString registryErrorText(const QByteArray& body) {
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QStringList texts;
    for (const auto& value : object.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject error = value.toObject();
        const QString code =
            error.value(QStringLiteral("code")).toString().toLower().replace(u'_', u' ');
        const QString message = error.value(QStringLiteral("message")).toString();
        texts.append(message.isEmpty() ? code : code + QStringLiteral(": ") + message);
    }
    if (texts.size() > 1)
        return QStringLiteral("errors:\n") + texts.join(u'\n');
    if (!texts.isEmpty())
        return texts.first();
    // A token server's refusal: `{"details":"incorrect username or password"}`.
    const QString details = object.value(QStringLiteral("details")).toString();
    if (!details.isEmpty())
        return QStringLiteral("unauthorized: ") + details;
    return {};
}

QString httpStatusText(int status) {
    static const QMap<int, QString> texts{
        {200, QStringLiteral("OK")},
        {400, QStringLiteral("Bad Request")},
        {401, QStringLiteral("Unauthorized")},
        {403, QStringLiteral("Forbidden")},
        {404, QStringLiteral("Not Found")},
        {405, QStringLiteral("Method Not Allowed")},
        {429, QStringLiteral("Too Many Requests")},
        {500, QStringLiteral("Internal Server Error")},
        {502, QStringLiteral("Bad Gateway")},
        {503, QStringLiteral("Service Unavailable")},
        {504, QStringLiteral("Gateway Timeout")},
    };
    return QStringLiteral("%1 %2").arg(status).arg(texts.value(status));
}

} // namespace sockerless::backends::memory
