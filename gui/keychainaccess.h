#pragma once

#include <QByteArray>
#include <QString>

namespace sockerless::gui::KeychainAccess {

/// True when the console was built with QtKeychain.
bool available();
/// Reads the secret stored for `key`; false when there is none or no keychain answered.
bool read(const QString& key, QByteArray* secret);
/// Stores (empty: deletes) the secret for `key`; false when no keychain answered.
bool write(const QString& key, const QByteArray& secret);

} // namespace sockerless::gui::KeychainAccess
