#pragma once

#include <QString>
#include <QTest>

namespace sockerless::test {

/// Where the test environment (`tests/env/up.sh`) put things, read from the environment it
/// exports. Tests that need a real Docker call SOCKERLESS_REQUIRE_DOCKER() first.
struct TestEnv {
    /// `SOCKERLESS_TEST_DOCKER_HOST`, e.g. `unix:///var/run/docker.sock`; empty when absent.
    static QString dockerHost();
    /// `SOCKERLESS_TEST_IMAGE`: the busybox test image, present in Docker.
    static QString image();
    /// `SOCKERLESS_TEST_REGISTRY` (`127.0.0.1:5000`) and its credentials.
    static QString registry();
    static QString registryUser();
    static QString registryPassword();
    /// `SOCKERLESS_TEST_REGISTRY_IMAGE`: the test image as pushed to the registry.
    static QString registryImage();
    /// True under CI (`CI` set): Docker-backed tests must run there, never skip.
    static bool inCi();
    /// Why Docker-backed tests cannot run, or empty when they can.
    static QString dockerMissingReason();
    /// A label value unique to this test process, to tag and clean up what a test creates.
    static QString runLabel();
};

} // namespace sockerless::test

/// Skips the test loudly when no test Docker is configured, or fails it under CI.
#define SOCKERLESS_REQUIRE_DOCKER()                                                                \
    do {                                                                                           \
        const QString reason_ = ::sockerless::test::TestEnv::dockerMissingReason();                \
        if (!reason_.isEmpty()) {                                                                  \
            if (::sockerless::test::TestEnv::inCi())                                               \
                QFAIL(qPrintable(QStringLiteral("CI must run the Docker tests: ") + reason_));     \
            QSKIP(qPrintable(QStringLiteral("!!! NO TEST DOCKER, test not run: ") + reason_ +      \
                             QStringLiteral(" (run tests/env/up.sh as root)")));                   \
        }                                                                                          \
    } while (false)
