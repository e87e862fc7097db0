// The containers tab against the real daemon on the test Docker: live appearance through the
// event stream, actions from the view that change Docker's state, and the exec console.
#include "containersmodel.h"
#include "containersview.h"
#include "execconsole.h"
#include "guitestsupport.h"
#include "liveupdates.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using sockerless::gui::ContainersView;
using sockerless::gui::ExecConsole;
using sockerless::test::GuiCase;

class TstGuiContainers : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createdContainerAppearsWithoutRefresh();
    void startStopRemoveFromTheViewChangeDocker();
    void killAndForceRemoveFromTheView();
    void filterNarrowsTheTable();
    void execConsoleRunsACommandAndShowsItsOutput();

private:
    bool runningInDocker(const QString& id) {
        return m_case.api()
            .engineInspect(QStringLiteral("containers"), id)
            .value(QStringLiteral("State"))
            .toObject()
            .value(QStringLiteral("Running"))
            .toBool();
    }
    // Runs one action and waits for all its calls to finish; true when they all succeeded.
    bool act(ContainersView* view, void (ContainersView::*action)()) {
        QSignalSpy finished(view, &ContainersView::actionFinished);
        (view->*action)();
        if (!finished.wait(30000))
            return false;
        return finished.first().at(1).toBool();
    }
    // A container that exits at once on SIGTERM (sh as PID 1 would ignore it).
    QStringList politeCommand() const {
        return {QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("trap 'exit 0' TERM; while true; do sleep 0.2; done")};
    }

    GuiCase m_case;
};

void TstGuiContainers::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
}

void TstGuiContainers::cleanup() {
    m_case.finish();
}

void TstGuiContainers::createdContainerAppearsWithoutRefresh() {
    ContainersView* view = m_case.window().containersView();
    // The event stream must be up: the row then comes from an event, not from polling.
    QTRY_VERIFY_WITH_TIMEOUT(m_case.window().liveUpdates()->streamUp(), 10000);
    const QString name = m_case.api().uniqueName(QStringLiteral("appears"));
    const QString id = m_case.api().createContainer(politeCommand(), {}, name);
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(id) >= 0, 10000);
    const int row = view->model()->rowOfKey(id);
    QCOMPARE(view->model()->index(row, sockerless::gui::ContainersModel::Name).data().toString(),
             name);
    QCOMPARE(view->model()->index(row, sockerless::gui::ContainersModel::State).data().toString(),
             QStringLiteral("created"));
    QCOMPARE(view->model()->index(row, sockerless::gui::ContainersModel::ShortId).data().toString(),
             id.left(12));
}

void TstGuiContainers::startStopRemoveFromTheViewChangeDocker() {
    ContainersView* view = m_case.window().containersView();
    const QString id = m_case.api().createContainer(politeCommand());
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(id) >= 0, 10000);
    QVERIFY(view->selectContainers({id}));
    QCOMPARE(view->selectedIds(), QStringList{id});

    QVERIFY2(act(view, &ContainersView::startSelected), qPrintable(view->lastError()));
    QVERIFY(runningInDocker(id));
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()
            ->index(view->model()->rowOfKey(id), sockerless::gui::ContainersModel::State)
            .data()
            .toString(),
        QStringLiteral("running"), 10000);

    QVERIFY2(act(view, &ContainersView::stopSelected), qPrintable(view->lastError()));
    QVERIFY(!runningInDocker(id));
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()
            ->index(view->model()->rowOfKey(id), sockerless::gui::ContainersModel::State)
            .data()
            .toString(),
        QStringLiteral("exited"), 10000);

    QStringList asked;
    view->setConfirmer([&asked](const QStringList& names, bool) {
        asked = names;
        return true;
    });
    QVERIFY(view->selectContainers({id}));
    QVERIFY2(act(view, &ContainersView::removeSelected), qPrintable(view->lastError()));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(m_case.api().engineInspectStatus(QStringLiteral("containers"), id), 404);
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(id) < 0, 10000);
}

void TstGuiContainers::killAndForceRemoveFromTheView() {
    ContainersView* view = m_case.window().containersView();
    const QString first = m_case.api().runContainer(politeCommand());
    const QString second = m_case.api().runContainer(politeCommand());
    QVERIFY2(!first.isEmpty() && !second.isEmpty(), qPrintable(m_case.api().lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(
        view->model()->rowOfKey(first) >= 0 && view->model()->rowOfKey(second) >= 0, 10000);
    // Multi-select: one kill for both.
    QVERIFY(view->selectContainers({first, second}));
    QCOMPARE(view->selectedIds().size(), 2);
    QVERIFY2(act(view, &ContainersView::killSelected), qPrintable(view->lastError()));
    QVERIFY(!runningInDocker(first));
    QVERIFY(!runningInDocker(second));

    // Declined confirmation: nothing happens.
    const QString third = m_case.api().runContainer(politeCommand());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(third) >= 0, 10000);
    QVERIFY(view->selectContainers({third}));
    view->setConfirmer([](const QStringList&, bool) { return false; });
    view->removeSelected();
    QVERIFY(runningInDocker(third));
    // Without force a running container is refused (409) and the view says so.
    view->setConfirmer([](const QStringList&, bool) { return true; });
    view->setForce(false);
    QVERIFY(!act(view, &ContainersView::removeSelected));
    QVERIFY2(!view->lastError().isEmpty(), "the refusal is shown");
    view->setForce(true);
    QVERIFY2(act(view, &ContainersView::removeSelected), qPrintable(view->lastError()));
    QCOMPARE(m_case.api().engineInspectStatus(QStringLiteral("containers"), third), 404);
}

void TstGuiContainers::filterNarrowsTheTable() {
    ContainersView* view = m_case.window().containersView();
    const QString name = m_case.api().uniqueName(QStringLiteral("filtered"));
    const QString id = m_case.api().createContainer(politeCommand(), {}, name);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(id) >= 0, 10000);
    auto* filter = view->findChild<QLineEdit*>(QStringLiteral("containerFilter"));
    QVERIFY(filter);
    filter->setText(name);
    QCOMPARE(view->table()->model()->rowCount(), 1);
    QCOMPARE(view->table()->model()->index(0, 0).data().toString(), name);
    filter->setText(QStringLiteral("no-container-has-this-name-%1").arg(name));
    QCOMPARE(view->table()->model()->rowCount(), 0);
}

void TstGuiContainers::execConsoleRunsACommandAndShowsItsOutput() {
    const QString id = m_case.api().runContainer(politeCommand());
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    ContainersView* view = m_case.window().containersView();
    QTRY_VERIFY_WITH_TIMEOUT(view->selectContainers({id}), 10000);
    view->detailTabs()->setCurrentWidget(view->execConsole());
    ExecConsole* console = view->execConsole();
    // The console takes the container once its details are loaded (Run is disabled until then).
    QTRY_COMPARE_WITH_TIMEOUT(console->containerId(), id, 15000);
    // As a user would: type the command, Enter; then a line for its stdin, Enter.
    auto* command = console->findChild<QLineEdit*>(QStringLiteral("execCommand"));
    auto* input = console->findChild<QLineEdit*>(QStringLiteral("execInput"));
    QVERIFY(command && input);
    command->clear();
    QTest::keyClicks(command, QStringLiteral("sh"));
    QTest::keyClick(command, Qt::Key_Return);
    QTRY_VERIFY2_WITH_TIMEOUT(console->sessionOpen() && input->isEnabled(),
                              qPrintable(console->output()), 15000);
    QTest::keyClicks(input, QStringLiteral("echo exec-$((6*7)); echo err-$((2+3)) >&2; exit"));
    QTest::keyClick(input, Qt::Key_Return);
    // The shell's output (computed in the container, so not an echo of the input) comes back.
    QTRY_VERIFY_WITH_TIMEOUT(console->output().contains(QStringLiteral("exec-42")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(console->output().contains(QStringLiteral("err-5")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!console->sessionOpen(), 15000);
}

QTEST_MAIN(TstGuiContainers)
#include "tst_gui_containers.moc"
