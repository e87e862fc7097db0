// sockerless-admin: the Qt Widgets console for a sockerless daemon.

#include "mainwindow.h"
#include "pulldialog.h"
#include "screenshots.h"
#include "tokenstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sockerless-admin"));
    QApplication::setOrganizationName(QStringLiteral("sockerless"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKERLESS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("sockerless-admin"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The console of a sockerless daemon."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("Connect to the daemon at <url> (not remembered)."),
                                 QStringLiteral("url"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("Read the bearer token from <file> (the token never goes on the command "
                       "line)."),
        QStringLiteral("file"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral("Render each main view to <dir>/<view>.png with the daemon's data, then "
                       "exit. Needs --url."),
        QStringLiteral("dir"));
    const QCommandLineOption pull(QStringLiteral("screenshot-pull"),
                                  QStringLiteral("With --screenshots: pull <image> for "
                                                 "image-pull.png."),
                                  QStringLiteral("image"));
    const QCommandLineOption pullUser(
        QStringLiteral("screenshot-pull-user"),
        QStringLiteral("With --screenshot-pull: registry user; the password is read from "
                       "SOCKERLESS_ADMIN_PULL_PASSWORD."),
        QStringLiteral("user"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size, e.g. 1280x800."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOptions({url, tokenFile, screenshots, pull, pullUser, size});
    parser.process(app);

    QByteArray token;
    if (parser.isSet(tokenFile)) {
        QFile file(parser.value(tokenFile));
        if (!file.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << "cannot read " << file.fileName() << ": " << file.errorString()
                                << '\n';
            return 2;
        }
        token = file.readAll().trimmed();
    }
    const bool shooting = parser.isSet(screenshots);
    sockerless::gui::MainWindow window(nullptr, !parser.isSet(url) && !shooting);
    const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
    if (shooting && dimensions.size() == 2)
        window.resize(dimensions[0].toInt(), dimensions[1].toInt());
    window.show();
    if (parser.isSet(url))
        window.connectTo(QUrl::fromUserInput(parser.value(url)), token, false);
    if (!shooting)
        return QApplication::exec();
    if (!parser.isSet(url)) {
        QTextStream(stderr) << "--screenshots needs --url\n";
        return 2;
    }
    sockerless::gui::Screenshots shots;
    shots.directory = parser.value(screenshots);
    shots.pullReference = parser.value(pull);
    if (parser.isSet(pullUser)) {
        const QString registry = shots.pullReference.section(QLatin1Char('/'), 0, 0);
        shots.pullAuth = sockerless::gui::PullDialog::encodeAuth(
            parser.value(pullUser), qEnvironmentVariable("SOCKERLESS_ADMIN_PULL_PASSWORD"),
            registry);
    }
    QString error;
    const int code = shots.take(window, &error);
    if (code != 0)
        QTextStream(stderr) << "screenshots failed: " << error << '\n';
    return code;
}
