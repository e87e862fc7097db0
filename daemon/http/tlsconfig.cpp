#include "http/tlsconfig.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace sockerless::http {

namespace {

bool readFile(const QString& path, QByteArray* data, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

} // namespace

bool TlsConfig::load(const QString& certFile, const QString& keyFile, QSslConfiguration* out,
                     QString* error) {
    QString message;
    const auto fail = [&](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    QByteArray certPem;
    QByteArray keyPem;
    if (!readFile(certFile, &certPem, &message) || !readFile(keyFile, &keyPem, &message))
        return fail(message);
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("%1: no PEM certificate in the file").arg(certFile));
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return fail(QStringLiteral("%1: no unencrypted PEM RSA or EC private key in the file")
                        .arg(keyFile));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients use the bearer token
    *out = configuration;
    return true;
}

} // namespace sockerless::http
