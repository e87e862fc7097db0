#include "screenshots.h"

#include "containersmodel.h"
#include "containersview.h"
#include "imagesview.h"
#include "jsontablemodel.h"
#include "logview.h"
#include "mainwindow.h"
#include "networksview.h"
#include "pulldialog.h"
#include "requestlogmodel.h"
#include "requestlogview.h"
#include "volumesview.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <functional>

namespace sockerless::gui {

namespace {

// Runs the event loop until `done()` or the deadline; true when done.
bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void settle(int ms) {
    waitFor([] { return false; }, ms);
}

// Selects the first row whose object satisfies `wanted`, else the first row.
void selectRow(QTableView* table, const std::function<bool(const QJsonObject&)>& wanted) {
    QAbstractItemModel* model = table->model();
    int chosen = model->rowCount() > 0 ? 0 : -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (wanted(model->index(row, 0).data(JsonTableModel::ObjectRole).toJsonObject())) {
            chosen = row;
            break;
        }
    }
    if (chosen >= 0)
        table->selectRow(chosen);
}

} // namespace

int Screenshots::take(MainWindow& window, QString* error) const {
    auto fail = [error](const QString& message) {
        *error = message;
        return 1;
    };
    if (!QDir().mkpath(directory))
        return fail(QStringLiteral("cannot create %1").arg(directory));
    auto save = [this](QWidget* widget, const QString& name) {
        settle(150);
        return widget->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
    };
    if (!waitFor(
            [&] {
                return window.monitor()->state() == ConnectionMonitor::State::Connected &&
                       !window.monitor()->info().isEmpty();
            },
            15000))
        return fail(
            QStringLiteral("the daemon did not answer: %1").arg(window.monitor()->detail()));
    ContainersView* containers = window.containersView();
    waitFor([&] { return containers->model()->rowCount() > 0; }, 5000);

    // Containers: a running one selected, its inspect tree below.
    window.tabs()->setCurrentWidget(containers);
    selectRow(containers->table(), [](const QJsonObject& row) {
        return row.value(QStringLiteral("State")).toString() == QLatin1String("running");
    });
    containers->detailTabs()->setCurrentIndex(0);
    settle(800);
    if (!save(&window, QStringLiteral("containers")))
        return fail(QStringLiteral("cannot write containers.png"));
    containers->detailTabs()->setCurrentIndex(1);
    waitFor([&] { return containers->logView()->lineCount() > 5; }, 5000);
    settle(300);
    save(&window, QStringLiteral("logs"));
    containers->detailTabs()->setCurrentIndex(0);

    window.tabs()->setCurrentWidget(window.imagesView());
    waitFor([&] { return window.imagesView()->model()->rowCount() > 0; }, 8000);
    selectRow(window.imagesView()->table(), [](const QJsonObject&) { return true; });
    settle(500);
    save(&window, QStringLiteral("images"));

    window.tabs()->setCurrentWidget(window.networksView());
    waitFor([&] { return window.networksView()->model()->rowCount() > 0; }, 5000);
    // A network of the user's (Docker's own three are rarely the interesting ones).
    selectRow(window.networksView()->table(), [](const QJsonObject& row) {
        static const QStringList builtIn{QStringLiteral("bridge"), QStringLiteral("host"),
                                         QStringLiteral("none")};
        return !builtIn.contains(row.value(QStringLiteral("Name")).toString());
    });
    settle(500);
    save(&window, QStringLiteral("networks"));

    window.tabs()->setCurrentWidget(window.volumesView());
    waitFor([&] { return window.volumesView()->model()->rowCount() > 0; }, 5000);
    selectRow(window.volumesView()->table(), [](const QJsonObject&) { return true; });
    settle(500);
    save(&window, QStringLiteral("volumes"));

    window.tabs()->setCurrentWidget(window.requestLogView());
    waitFor(
        [&] {
            return window.requestLogView()->model()->rowCount() > 0 ||
                   !window.requestLogView()->unavailableText().isEmpty();
        },
        5000);
    settle(1500); // the stream brings the calls just made; the chart redraws once a second
    selectRow(window.requestLogView()->table(), [](const QJsonObject& row) {
        return !row.value(QStringLiteral("upstream")).toArray().isEmpty();
    });
    settle(300);
    save(&window, QStringLiteral("request-log"));

    if (!pullReference.isEmpty()) {
        window.tabs()->setCurrentWidget(window.imagesView());
        PullDialog* dialog = window.imagesView()->openPullDialog(pullReference, true, pullAuth);
        dialog->resize(760, 380);
        bool finished = false;
        QObject::connect(dialog, &PullDialog::pullFinished, dialog,
                         [&finished] { finished = true; });
        if (!waitFor([&] { return finished; }, 120000))
            return fail(QStringLiteral("the pull of %1 did not finish").arg(pullReference));
        save(dialog, QStringLiteral("image-pull"));
        dialog->close();
    }
    return 0;
}

} // namespace sockerless::gui
