#pragma once

#include <QSslConfiguration>
#include <QString>

namespace sockerless::http {

/// Loads the server side of TLS from PEM files (`--tls-cert`, `--tls-key`).
class TlsConfig {
public:
    /// Reads the certificate (chain: the first is ours, the rest is sent along) and the private
    /// key (RSA or EC, unencrypted) and fills `out`. Returns false with an `error` naming the
    /// file at fault. (Qt cannot tell whether the key matches the certificate: a wrong pair
    /// fails every handshake.)
    static bool load(const QString& certFile, const QString& keyFile, QSslConfiguration* out,
                     QString* error);
};

} // namespace sockerless::http
