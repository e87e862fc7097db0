#include "observe/requestlogfile.h"

#include "observe/log.h"

#include <QFileInfo>
#include <utility>

namespace sockerless::observe {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

RequestLogFile::RequestLogFile(QString path, qint64 maxBytes, int keepFiles)
    : m_path(std::move(path))
    , m_maxBytes(qMax<qint64>(1, maxBytes))
    , m_keepFiles(qMax(0, keepFiles)) {
    m_file.setFileName(m_path);
    open();
}

RequestLogFile::~RequestLogFile() {
    m_file.close();
}

QString RequestLogFile::rotatedPath(int n) const {
    return QStringLiteral("%1.%2").arg(m_path).arg(n);
}

bool RequestLogFile::open() {
    m_file.close();
    // The permissions apply when the file is created; an existing file is narrowed too, since
    // records name clients and paths.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered,
                     kOwnerOnly)) {
        reportFailure(QStringLiteral("cannot open the request log file"), m_file.errorString());
        return false;
    }
    m_file.setPermissions(kOwnerOnly);
    m_size = m_file.size();
    if (m_failing)
        Log::info(QStringLiteral("request log file writable again"),
                  {{QStringLiteral("path"), m_path}});
    m_failing = false;
    return true;
}

void RequestLogFile::reportFailure(const QString& what, const QString& why) {
    // Once per failure streak: a full disk must not add a log line per request.
    if (!m_failing) {
        Log::warning(what, {{QStringLiteral("path"), m_path},
                            {QStringLiteral("error"), why},
                            {QStringLiteral("retry"), QStringLiteral("at the next rotation")}});
    }
    m_failing = true;
    m_size = 0;
}

void RequestLogFile::rotate() {
    m_file.close();
    if (m_keepFiles == 0) {
        QFile::remove(m_path);
    } else {
        QFile::remove(rotatedPath(m_keepFiles));
        for (int n = m_keepFiles - 1; n >= 1; --n) {
            if (QFileInfo::exists(rotatedPath(n)))
                QFile::rename(rotatedPath(n), rotatedPath(n + 1));
        }
        if (QFileInfo::exists(m_path) && !QFile::rename(m_path, rotatedPath(1))) {
            // Without the rename the file would keep growing: start it over instead.
            QFile::remove(m_path);
        }
    }
    open();
}

void RequestLogFile::write(const QByteArray& line) {
    const qint64 length = line.size() + 1;
    if (m_size > 0 && m_size + length > m_maxBytes)
        rotate();
    if (!m_file.isOpen()) {
        m_size += length; // counts towards the next rotation, which retries the file
        return;
    }
    QByteArray buffer;
    buffer.reserve(length);
    buffer += line;
    buffer += '\n';
    if (m_file.write(buffer) != length) {
        reportFailure(QStringLiteral("cannot write the request log file"), m_file.errorString());
        m_file.close();
        m_size = length;
        return;
    }
    m_size += length;
}

} // namespace sockerless::observe
