#pragma once

#include <QByteArray>
#include <QString>

namespace sockerless::gui {

/// Keeps the daemon token out of the plain settings file: in the platform keychain when one
/// answers (QtKeychain), else in a file only the user can read (0600) next to the settings.
/// Offscreen and CI sessions have no keychain, so the file is the path they take.
class TokenStore {
public:
    /// `directory` holds the fallback file (default: the app's config location).
    explicit TokenStore(QString directory = {});

    /// The token for `daemonUrl`, or empty.
    QByteArray load(const QString& daemonUrl) const;
    /// Stores (or, when empty, forgets) the token for `daemonUrl`. False with `error` set when
    /// neither the keychain nor the file took it.
    bool save(const QString& daemonUrl, const QByteArray& token, QString* error = nullptr) const;
    /// The fallback file's path for `daemonUrl`.
    QString filePath(const QString& daemonUrl) const;
    /// Whether to try the keychain at all (off under QT_QPA_PLATFORM=offscreen, or when
    /// SOCKERLESS_ADMIN_NO_KEYCHAIN is set): a missing secret service can block for long.
    static bool keychainWanted();

private:
    QString m_directory;
};

} // namespace sockerless::gui
