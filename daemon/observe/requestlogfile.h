#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace sockerless::observe {

/// The optional JSON-lines copy of the request log (`--request-log FILE`), one record per line.
///
/// The file is opened in append mode with mode 0600 (records name clients and paths). Once it
/// would grow past maxBytes it is rotated: FILE.N-1 → FILE.N ... FILE → FILE.1 (FILE.1 is the
/// newest old file; the oldest beyond `keepFiles` is removed), and a fresh FILE is started.
/// Every line is written and flushed at once: one write(2) per record, no timer, so nothing is
/// lost at a crash and the event loop is held only for that write.
///
/// An open or write failure is logged once (no crash, no log line per record); lines are then
/// dropped (but counted as if written) and the file is tried again at the next rotation point.
class RequestLogFile {
public:
    RequestLogFile(QString path, qint64 maxBytes, int keepFiles);
    ~RequestLogFile();
    RequestLogFile(const RequestLogFile&) = delete;
    RequestLogFile& operator=(const RequestLogFile&) = delete;

    /// Appends `line` and a newline, rotating first when the file would pass maxBytes.
    void write(const QByteArray& line);
    /// True while the file is open and writable.
    bool isOpen() const { return m_file.isOpen(); }
    const QString& path() const { return m_path; }
    /// `FILE.n`.
    QString rotatedPath(int n) const;

private:
    /// Opens (or reopens) the file; logs the first failure in a row.
    bool open();
    void rotate();
    void reportFailure(const QString& what, const QString& why);

    QString m_path;
    qint64 m_maxBytes;
    int m_keepFiles;
    QFile m_file;
    qint64 m_size = 0; ///< bytes in the current file, or dropped since the last failure
    bool m_failing = false;
};

} // namespace sockerless::observe
