// The request log tab against the real daemon: the calls just made show up live, with their
// upstream Docker calls; a daemon without the API makes the tab say so, never crash.
#include "guitestsupport.h"
#include "jsontablemodel.h"
#include "requestlogmodel.h"
#include "requestlogview.h"

#include <QJsonArray>
#include <QLabel>
#include <QTableView>

using sockerless::gui::JsonTableModel;
using sockerless::gui::RequestLogView;
using sockerless::test::GuiCase;

class TstGuiRequestLog : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheCallsJustMade();
    void filtersByStatusClassAndText();

private:
    // The row whose path contains `text`, or -1.
    static int rowWithPath(const JsonTableModel* model, const QString& text) {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->rowObject(row).value(QStringLiteral("path")).toString().contains(text))
                return row;
        return -1;
    }
    // False (the case then checks the "unavailable" wording) when the daemon has no request log.
    bool daemonHasRequestLog() {
        return m_case.api().daemon().get(QStringLiteral("/internal/v1/requests?limit=1")).status !=
               404;
    }
    GuiCase m_case;
};

void TstGuiRequestLog::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstGuiRequestLog::cleanup() {
    m_case.finish();
}

void TstGuiRequestLog::showsTheCallsJustMade() {
    RequestLogView* view = m_case.window().requestLogView();
    if (!daemonHasRequestLog()) {
        QTRY_VERIFY_WITH_TIMEOUT(view->unavailableText().contains(QStringLiteral("no request log")),
                                 10000);
        auto* label = view->findChild<QLabel*>(QStringLiteral("requestLogUnavailable"));
        QVERIFY(label && label->isVisibleTo(view));
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(view->isAvailable() && view->streamUp(), 10000);
    const QString name = m_case.api().uniqueName(QStringLiteral("logged"));
    const QString id = m_case.api().createContainer({QStringLiteral("true")}, {}, name);
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    const auto missing = m_case.api().call("GET", QStringLiteral("/internal/v1/containers/") +
                                                      name + QStringLiteral("-missing"));
    QCOMPARE(missing.status, 404);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPath(view->model(), name + QStringLiteral("-missing")) >= 0,
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPath(view->model(), QStringLiteral("name=") + name) >= 0,
                             10000);
    const QJsonObject created =
        view->model()->rowObject(rowWithPath(view->model(), QStringLiteral("name=") + name));
    QCOMPARE(created.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(created.value(QStringLiteral("status")).toInt(), 201);
    QVERIFY2(!created.value(QStringLiteral("upstream")).toArray().isEmpty(),
             "the create went to Docker: the record lists the upstream call");
    const int row = rowWithPath(view->model(), name + QStringLiteral("-missing"));
    QCOMPARE(view->model()->index(row, sockerless::gui::RequestLogModel::Status).data().toString(),
             QStringLiteral("404"));
}

void TstGuiRequestLog::filtersByStatusClassAndText() {
    RequestLogView* view = m_case.window().requestLogView();
    if (!daemonHasRequestLog())
        QSKIP("this daemon has no request log (404): nothing to filter");
    QTRY_VERIFY_WITH_TIMEOUT(view->isAvailable() && view->streamUp(), 10000);
    const QString name = m_case.api().uniqueName(QStringLiteral("filtered"));
    QCOMPARE(m_case.api().call("GET", QStringLiteral("/internal/v1/containers/") + name).status,
             404);
    QCOMPARE(m_case.api().call("GET", QStringLiteral("/internal/v1/containers?all=1")).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPath(view->model(), name) >= 0, 10000);
    QAbstractItemModel* shown = view->table()->model();
    view->filter()->setStatusClass(4);
    QVERIFY(shown->rowCount() >= 1);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, sockerless::gui::RequestLogModel::Status).data().toInt() / 100,
                 4);
    view->filter()->setStatusClass(0);
    view->filter()->setText(name);
    QCOMPARE(shown->rowCount(), 1);
    view->filter()->setText(QString());
    // Paused: new records wait, then come in on resume.
    view->setPaused(true);
    const int before = view->model()->rowCount();
    const QString later = m_case.api().uniqueName(QStringLiteral("later"));
    QCOMPARE(m_case.api().call("GET", QStringLiteral("/internal/v1/containers/") + later).status,
             404);
    // It reached the view (held back), yet the table did not move.
    QTRY_VERIFY_WITH_TIMEOUT(view->pendingPaths().join(QLatin1Char(' ')).contains(later), 10000);
    QCOMPARE(rowWithPath(view->model(), later), -1);
    QVERIFY(view->model()->rowCount() == before);
    view->setPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPath(view->model(), later) >= 0, 10000);
}

QTEST_MAIN(TstGuiRequestLog)
#include "tst_gui_requestlog.moc"
