// The networks, volumes and images tabs against the real daemon: what the view creates, tags,
// pulls or removes happens in Docker, and the tables follow through the event stream.
#include "guitestsupport.h"
#include "imagesview.h"
#include "jsontablemodel.h"
#include "liveupdates.h"
#include "networksview.h"
#include "pulldialog.h"
#include "testenv.h"
#include "volumesview.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QUrl>

using sockerless::gui::JsonTableModel;
using sockerless::test::GuiCase;
using sockerless::test::TestEnv;

class TstGuiResources : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void networkCreatedAndRemovedFromTheView();
    void volumeCreatedAndRemovedFromTheView();
    void imagesShowUsedImagesAndTag();
    void pullShowsProgressWithCredentials();

private:
    static int rowWhere(const JsonTableModel* model, const QString& field, const QString& value) {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->rowObject(row).value(field).toString() == value)
                return row;
        return -1;
    }
    GuiCase m_case;
};

void TstGuiResources::init() {
    SOCKERLESS_REQUIRE_DOCKER();
    QString error;
    QVERIFY2(m_case.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_case.window().liveUpdates()->streamUp(), 10000);
}

void TstGuiResources::cleanup() {
    m_case.finish();
}

void TstGuiResources::networkCreatedAndRemovedFromTheView() {
    auto* view = m_case.window().networksView();
    const QString name = m_case.api().uniqueName(QStringLiteral("net"));
    QSignalSpy finished(view, &sockerless::gui::ResourceView::actionFinished);
    view->createNetwork(name);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(view->lastError()));
    QVERIFY(!m_case.api().dockerInspect(QStringLiteral("networks"), name).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rowWhere(view->model(), QStringLiteral("Name"), name) >= 0, 10000);
    const QString id = view->model()->rowKey(rowWhere(view->model(), QStringLiteral("Name"), name));
    QVERIFY(view->selectKey(id));
    finished.clear();
    view->removeSelected();
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(view->lastError()));
    QVERIFY(m_case.api().dockerInspect(QStringLiteral("networks"), name).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rowWhere(view->model(), QStringLiteral("Name"), name) < 0, 10000);
}

void TstGuiResources::volumeCreatedAndRemovedFromTheView() {
    auto* view = m_case.window().volumesView();
    const QString name = m_case.api().uniqueName(QStringLiteral("vol"));
    QSignalSpy finished(view, &sockerless::gui::ResourceView::actionFinished);
    view->createVolume(name);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(view->lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(name) >= 0, 10000);
    QVERIFY(view->selectKey(name));
    finished.clear();
    view->removeSelected(false);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(view->lastError()));
    QVERIFY(m_case.api().dockerInspect(QStringLiteral("volumes"), name).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(name) < 0, 10000);
}

void TstGuiResources::imagesShowUsedImagesAndTag() {
    auto* view = m_case.window().imagesView();
    const QString id = m_case.api().createContainer({QStringLiteral("true")});
    QVERIFY2(!id.isEmpty(), qPrintable(m_case.api().lastError()));
    // The image the container uses appears (the contract has no image list: the view derives it).
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
    const QString imageId = m_case.api()
                                .dockerInspect(QStringLiteral("images"), TestEnv::image())
                                .value(QStringLiteral("Id"))
                                .toString();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfKey(imageId) >= 0, 10000);
    QVERIFY(view->selectKey(imageId));
    const QString repo =
        QStringLiteral("sockerless-gui-test/") + m_case.api().uniqueName(QStringLiteral("tag"));
    m_case.api().trackImage(repo + QStringLiteral(":v1"));
    QSignalSpy finished(view, &sockerless::gui::ResourceView::actionFinished);
    view->tagSelected(repo, QStringLiteral("v1"));
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(view->lastError()));
    QCOMPARE(m_case.api()
                 .dockerInspect(QStringLiteral("images"), repo + QStringLiteral(":v1"))
                 .value(QStringLiteral("Id"))
                 .toString(),
             imageId);
    QTRY_VERIFY_WITH_TIMEOUT(view->model()
                                 ->rowObject(view->model()->rowOfKey(imageId))
                                 .value(QStringLiteral("RepoTags"))
                                 .toArray()
                                 .contains(QJsonValue(repo + QStringLiteral(":v1"))),
                             10000);
}

void TstGuiResources::pullShowsProgressWithCredentials() {
    if (TestEnv::registryImage().isEmpty())
        QSKIP("no test registry configured (SOCKERLESS_TEST_REGISTRY_IMAGE)");
    auto* view = m_case.window().imagesView();
    const QString reference = TestEnv::registryImage();
    // Not present before: the pull then reports layers.
    m_case.api().docker("DELETE", QStringLiteral("/images/") +
                                      QString::fromLatin1(QUrl::toPercentEncoding(reference)) +
                                      QStringLiteral("?force=1"));
    m_case.api().trackImage(reference);
    const QByteArray auth = sockerless::gui::PullDialog::encodeAuth(
        TestEnv::registryUser(), TestEnv::registryPassword(), TestEnv::registry());
    sockerless::gui::PullDialog* dialog = view->openPullDialog(reference, true, auth);
    QSignalSpy finished(dialog, &sockerless::gui::PullDialog::pullFinished);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog->statusText()));
    // Layers get a progress bar each only when Docker downloads them; the test image's layers
    // are already in the test Docker, so Docker may report the pull without any layer lines.
    QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Pulled")),
             qPrintable(dialog->statusText()));
    QVERIFY(!dialog->statusText().contains(TestEnv::registryPassword()));
    QVERIFY(!m_case.api().dockerInspect(QStringLiteral("images"), reference).isEmpty());
    dialog->close();
}

QTEST_MAIN(TstGuiResources)
#include "tst_gui_resources.moc"
