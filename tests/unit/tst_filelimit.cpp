// FileLimit: the daemon's soft open-file limit is raised to the hard limit, never lowered.

#include "filelimit.h"

#include <QTest>
#include <sys/resource.h>

using sockerless::FileLimit;

class TstFileLimit : public QObject {
    Q_OBJECT

private slots:
    void raisesTheSoftLimitToTheHardLimit();
    void aSecondCallChangesNothing();
};

void TstFileLimit::raisesTheSoftLimitToTheHardLimit() {
    struct rlimit limit = {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max <= 64)
        QSKIP("the hard limit leaves no room to lower the soft one");
    // Start from a low soft limit, as a default 1024 would be for 1000 streams.
    limit.rlim_cur = 64;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);

    const FileLimit::Outcome outcome = FileLimit::raiseToHardLimit();
    QCOMPARE(outcome.error, 0);
    QCOMPARE(outcome.before, rlim_t(64));
    QCOMPARE(outcome.after, limit.rlim_max);
    QCOMPARE(outcome.hard, limit.rlim_max);
    struct rlimit now = {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &now), 0);
    QCOMPARE(now.rlim_cur, limit.rlim_max);
}

void TstFileLimit::aSecondCallChangesNothing() {
    FileLimit::raiseToHardLimit();
    const FileLimit::Outcome outcome = FileLimit::raiseToHardLimit();
    QCOMPARE(outcome.error, 0);
    QCOMPARE(outcome.before, outcome.after);
    QCOMPARE(outcome.after, outcome.hard);
}

QTEST_MAIN(TstFileLimit)
#include "tst_filelimit.moc"
