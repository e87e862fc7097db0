#include "keychainaccess.h"

#ifdef SOCKERLESS_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>
#endif

namespace sockerless::gui::KeychainAccess {

#ifdef SOCKERLESS_HAVE_KEYCHAIN

namespace {

const QString service = QStringLiteral("sockerless-admin");

// Runs a keychain job to completion, bounded: a secret service that never answers must not
// freeze the console for long.
bool runJob(QKeychain::Job* job) {
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    job->start();
    if (!finished)
        loop.exec();
    return finished && job->error() == QKeychain::NoError;
}

} // namespace

bool available() {
    return true;
}

bool read(const QString& key, QByteArray* secret) {
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(false);
    job->setKey(key);
    const bool ok = runJob(job);
    if (ok)
        *secret = job->binaryData();
    job->deleteLater();
    return ok;
}

bool write(const QString& key, const QByteArray& secret) {
    QKeychain::Job* job = nullptr;
    if (secret.isEmpty()) {
        auto* deleteJob = new QKeychain::DeletePasswordJob(service);
        deleteJob->setKey(key);
        job = deleteJob;
    } else {
        auto* writeJob = new QKeychain::WritePasswordJob(service);
        writeJob->setKey(key);
        writeJob->setBinaryData(secret);
        job = writeJob;
    }
    job->setAutoDelete(false);
    const bool ok = runJob(job);
    job->deleteLater();
    return ok;
}

#else

bool available() {
    return false;
}

bool read(const QString&, QByteArray*) {
    return false;
}

bool write(const QString&, const QByteArray&) {
    return false;
}

#endif

} // namespace sockerless::gui::KeychainAccess
