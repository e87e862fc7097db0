// The request log file (daemon/observe/requestlogfile): JSON lines, rotation, 0600, failures.

#include "observe/log.h"
#include "observe/requestlogfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <cstdio>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

using sockerless::observe::Log;
using sockerless::observe::RequestLogFile;

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The mode bits of `path` (0600 wanted): owner, group and other, not Qt's "current user" bits.
int modeOf(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

QByteArray line(int n) {
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), n},
                                     {QStringLiteral("path"), QStringLiteral("/internal/v1/x")}})
        .toJson(QJsonDocument::Compact);
}

QList<QByteArray> linesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> out = file.readAll().split('\n');
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

// Runs `body` with stderr (where the log writes) redirected into a file; returns what it wrote.
QByteArray captureStderr(const std::function<void()>& body) {
    QTemporaryFile file;
    if (!file.open())
        return "capture failed";
    std::fflush(stderr);
    const int saved = ::dup(STDERR_FILENO);
    ::dup2(file.handle(), STDERR_FILENO);
    body();
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    file.seek(0);
    return file.readAll();
}

} // namespace

class TstRequestLogFile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { Log::configure(Log::Format::Json, Log::Level::Info); }
    void writesJsonLinesWithOwnerOnlyMode();
    void appendsToAnExistingFile();
    void rotatesKeepingTheConfiguredCount();
    void openFailureIsLoggedOnceAndRetriedAtRotation();
};

void TstRequestLogFile::writesJsonLinesWithOwnerOnlyMode() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.log"));
    {
        RequestLogFile file(path, qint64(1) << 20, 3);
        QVERIFY(file.isOpen());
        for (int i = 1; i <= 3; ++i)
            file.write(line(i));
        // Flushed per record: readable before the file is closed.
        QCOMPARE(linesOf(path).size(), 3);
    }
    QCOMPARE(modeOf(path), 0600);
    const QList<QByteArray> lines = linesOf(path);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value(QStringLiteral("id")).toInt(), 3);
}

void TstRequestLogFile::appendsToAnExistingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.log"));
    {
        QFile existing(path);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write(line(0) + '\n');
        // A file made readable by others before is narrowed to the owner.
        existing.setPermissions(kOwnerOnly | QFileDevice::ReadOther | QFileDevice::ReadGroup);
    }
    {
        RequestLogFile file(path, qint64(1) << 20, 3);
        file.write(line(1));
    }
    QCOMPARE(linesOf(path).size(), 2);
    QCOMPARE(modeOf(path), 0600);
}

void TstRequestLogFile::rotatesKeepingTheConfiguredCount() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.log"));
    const qint64 maxBytes = 200;
    const int keep = 3;
    const qint64 lineBytes = line(100).size() + 1;
    {
        RequestLogFile file(path, maxBytes, keep);
        for (int i = 100; i < 200; ++i)
            file.write(line(i));
    }
    const QStringList names = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names,
             (QStringList{QStringLiteral("requests.log"), QStringLiteral("requests.log.1"),
                          QStringLiteral("requests.log.2"), QStringLiteral("requests.log.3")}));
    // Newest first: FILE, FILE.1, FILE.2, FILE.3; every line valid JSON; ids run on without a
    // gap across the files kept; no file past the limit; all owner-only.
    QList<int> ids;
    for (const QString& name : {QStringLiteral("requests.log.3"), QStringLiteral("requests.log.2"),
                                QStringLiteral("requests.log.1"), QStringLiteral("requests.log")}) {
        const QString file = dir.filePath(name);
        QVERIFY2(QFileInfo(file).size() <= maxBytes, qPrintable(name));
        QCOMPARE(modeOf(file), 0600);
        for (const QByteArray& text : linesOf(file)) {
            QJsonParseError error{};
            const QJsonDocument document = QJsonDocument::fromJson(text, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, text.constData());
            ids.append(document.object().value(QStringLiteral("id")).toInt());
        }
    }
    QCOMPARE(ids.last(), 199);
    for (qsizetype i = 1; i < ids.size(); ++i)
        QCOMPARE(ids[i], ids[i - 1] + 1);
    // The three rotated files are full (as many whole lines as fit).
    QCOMPARE(linesOf(dir.filePath(QStringLiteral("requests.log.1"))).size(),
             static_cast<int>(maxBytes / lineBytes));
}

void TstRequestLogFile::openFailureIsLoggedOnceAndRetriedAtRotation() {
    QTemporaryDir dir;
    const QString sub = dir.filePath(QStringLiteral("later"));
    const QString path = sub + QStringLiteral("/requests.log");
    const QByteArray log = captureStderr([&] {
        RequestLogFile file(path, 200, 2);
        QVERIFY(!file.isOpen());
        for (int i = 0; i < 3; ++i)
            file.write(line(i)); // under one file's worth: no retry yet
        QVERIFY(!file.isOpen());
        // The directory appears; the next rotation point opens the file.
        QVERIFY(QDir().mkpath(sub));
        for (int i = 3; i < 8; ++i)
            file.write(line(i));
        QVERIFY(file.isOpen());
    });
    QCOMPARE(log.count("cannot open the request log file"), 1);
    QCOMPARE(log.count("request log file writable again"), 1);
    QVERIFY(!linesOf(path).isEmpty());
}

QTEST_GUILESS_MAIN(TstRequestLogFile)
#include "tst_requestlogfile.moc"
