#pragma once

#include "docker/framedemuxer.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QWebSocket;

namespace sockerless::client {
class InternalApiClient;
}

namespace sockerless::gui {

/// A console into a running container: creates an exec (`POST /containers/{id}/exec`, no TTY) and
/// drives it over `WS /internal/v1/exec/{id}/start`: each entered line goes to the process's
/// stdin, its stdout and stderr frames are shown (stderr coloured).
class ExecConsole : public QWidget {
    Q_OBJECT
public:
    explicit ExecConsole(client::InternalApiClient* client, QWidget* parent = nullptr);
    /// Detaches the session first: its `disconnected` must not reach a half-destroyed console.
    ~ExecConsole() override;
    /// The container new sessions run in; an open session stays until it ends.
    void setContainer(const QString& id);
    QString containerId() const { return m_containerId; }
    /// Starts `command` (split on spaces; default `sh`).
    void startSession(const QString& command);
    /// Sends one line (a newline is added) to the session's stdin.
    void sendLine(const QString& line);
    QString output() const;
    bool sessionOpen() const;

signals:
    void sessionEnded();

private:
    void append(const QByteArray& bytes, bool error);
    void endSession(const QString& note);

    client::InternalApiClient* m_client = nullptr;
    QString m_containerId;
    QLineEdit* m_command = nullptr;
    QPushButton* m_run = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLineEdit* m_input = nullptr;
    QPointer<QWebSocket> m_socket;
    std::unique_ptr<docker::FrameDemuxer> m_demuxer;
};

} // namespace sockerless::gui
