#include "execconsole.h"

#include "client/internalapiclient.h"
#include "statecolors.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>
#include <QWebSocket>

namespace sockerless::gui {

ExecConsole::ExecConsole(client::InternalApiClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_command = new QLineEdit(QStringLiteral("sh"), this);
    m_command->setObjectName(QStringLiteral("execCommand"));
    m_command->setToolTip(tr("The command to run in the container"));
    m_run = new QPushButton(QIcon(QStringLiteral(":/icons/terminal.svg")), tr("Run"), this);
    bar->addWidget(m_command, 1);
    bar->addWidget(m_run);
    layout->addLayout(bar);
    m_output = new QPlainTextEdit(this);
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(5000);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_output, 1);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("execInput"));
    m_input->setPlaceholderText(tr("stdin: a line to send (Enter)"));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setEnabled(false);
    layout->addWidget(m_input);
    connect(m_run, &QPushButton::clicked, this, [this] { startSession(m_command->text()); });
    connect(m_command, &QLineEdit::returnPressed, this,
            [this] { startSession(m_command->text()); });
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        sendLine(m_input->text());
        m_input->clear();
    });
    setContainer({});
}

ExecConsole::~ExecConsole() {
    // Children (the socket among them) die in ~QObject, after this class's members: a close
    // signalled then would run a lambda on destroyed members.
    if (m_socket)
        m_socket->disconnect(this);
}

void ExecConsole::setContainer(const QString& id) {
    m_containerId = id;
    m_run->setEnabled(!id.isEmpty());
}

bool ExecConsole::sessionOpen() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QString ExecConsole::output() const {
    return m_output->toPlainText();
}

void ExecConsole::startSession(const QString& command) {
    if (m_containerId.isEmpty())
        return;
    endSession({});
    QJsonArray cmd;
    for (const QString& part : command.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        cmd.append(part);
    if (cmd.isEmpty())
        cmd.append(QStringLiteral("sh"));
    const QJsonObject body{{QStringLiteral("Cmd"), cmd},
                           {QStringLiteral("AttachStdin"), true},
                           {QStringLiteral("AttachStdout"), true},
                           {QStringLiteral("AttachStderr"), true},
                           {QStringLiteral("Tty"), false}};
    m_client->post(
        QStringLiteral("/internal/v1/containers/") +
            client::InternalApiClient::segment(m_containerId) + QStringLiteral("/exec"),
        this,
        [this](const client::ApiResult& result) {
            if (!result.ok()) {
                append(tr("exec failed: %1\n").arg(result.describe()).toUtf8(), true);
                return;
            }
            const QString execId = result.object().value(QStringLiteral("Id")).toString();
            m_demuxer = std::make_unique<docker::FrameDemuxer>(
                [this](docker::FrameDemuxer::Stream stream, const QByteArray& payload) {
                    append(payload, stream == docker::FrameDemuxer::Stream::Stderr);
                });
            m_socket = m_client->openWebSocket(QStringLiteral("/internal/v1/exec/") +
                                                   client::InternalApiClient::segment(execId) +
                                                   QStringLiteral("/start"),
                                               this);
            connect(m_socket, &QWebSocket::connected, this, [this] {
                m_input->setEnabled(true);
                m_input->setFocus();
            });
            connect(m_socket, &QWebSocket::binaryMessageReceived, this,
                    [this](const QByteArray& bytes) {
                        if (m_demuxer && !m_demuxer->feed(bytes))
                            append(bytes, false);
                    });
            connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
                append(QJsonDocument::fromJson(text.toUtf8())
                               .object()
                               .value(QStringLiteral("message"))
                               .toString()
                               .toUtf8() +
                           '\n',
                       true);
            });
            connect(m_socket, &QWebSocket::disconnected, this,
                    [this] { endSession(tr("[session ended]")); });
        },
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void ExecConsole::sendLine(const QString& line) {
    if (!sessionOpen())
        return;
    m_socket->sendBinaryMessage(line.toUtf8() + '\n');
    append(QByteArray("$ ") + line.toUtf8() + '\n', false);
}

void ExecConsole::append(const QByteArray& bytes, bool error) {
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(error ? StateColors::color(StateColors::Role::Bad, palette())
                               : palette().color(QPalette::Text));
    cursor.insertText(QString::fromUtf8(bytes), format);
    m_output->ensureCursorVisible();
}

void ExecConsole::endSession(const QString& note) {
    m_input->setEnabled(false);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        emit sessionEnded();
    }
    if (!note.isEmpty())
        append(note.toUtf8() + '\n', false);
}

} // namespace sockerless::gui
