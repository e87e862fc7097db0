#include "tokenstore.h"

#include "keychainaccess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <utility>

namespace sockerless::gui {

TokenStore::TokenStore(QString directory)
    : m_directory(std::move(directory)) {
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

bool TokenStore::keychainWanted() {
    return KeychainAccess::available() &&
           qEnvironmentVariableIsEmpty("SOCKERLESS_ADMIN_NO_KEYCHAIN") &&
           qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen");
}

QString TokenStore::filePath(const QString& daemonUrl) const {
    // One file per daemon; the name is a hash so that the URL needs no escaping.
    const QByteArray hash =
        QCryptographicHash::hash(daemonUrl.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return m_directory + QStringLiteral("/token-") + QString::fromLatin1(hash);
}

QByteArray TokenStore::load(const QString& daemonUrl) const {
    if (keychainWanted()) {
        QByteArray token;
        if (KeychainAccess::read(daemonUrl, &token))
            return token;
    }
    QFile file(filePath(daemonUrl));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().trimmed();
}

bool TokenStore::save(const QString& daemonUrl, const QByteArray& token, QString* error) const {
    const QString path = filePath(daemonUrl);
    if (keychainWanted() && KeychainAccess::write(daemonUrl, token)) {
        QFile::remove(path); // no stale copy on disk once the keychain holds it
        return true;
    }
    if (token.isEmpty()) {
        QFile::remove(path);
        return true;
    }
    QDir().mkpath(m_directory);
    QSaveFile file(path);
    // Created 0600 before any byte is written: the token is never readable by others.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(token) != token.size() || !file.commit()) {
        if (error)
            *error = QObject::tr("cannot store the token in %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace sockerless::gui
