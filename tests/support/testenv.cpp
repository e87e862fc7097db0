#include "testenv.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sockerless::test {

namespace {
QString env(const char* name) {
    return qEnvironmentVariable(name);
}
} // namespace

QString TestEnv::dockerHost() {
    return env("SOCKERLESS_TEST_DOCKER_HOST");
}
QString TestEnv::image() {
    return env("SOCKERLESS_TEST_IMAGE");
}
QString TestEnv::registry() {
    return env("SOCKERLESS_TEST_REGISTRY");
}
QString TestEnv::registryUser() {
    return env("SOCKERLESS_TEST_REGISTRY_USER");
}
QString TestEnv::registryPassword() {
    return env("SOCKERLESS_TEST_REGISTRY_PASSWORD");
}
QString TestEnv::registryImage() {
    return env("SOCKERLESS_TEST_REGISTRY_IMAGE");
}
bool TestEnv::inCi() {
    return !qEnvironmentVariableIsEmpty("CI");
}

QString TestEnv::dockerMissingReason() {
    if (dockerHost().isEmpty())
        return QStringLiteral("SOCKERLESS_TEST_DOCKER_HOST is not set");
    if (image().isEmpty())
        return QStringLiteral("SOCKERLESS_TEST_IMAGE is not set");
    if (dockerHost().startsWith(QStringLiteral("unix://"))) {
        const QString path = dockerHost().mid(7);
        if (!QFileInfo::exists(path))
            return QStringLiteral("the Docker socket %1 does not exist").arg(path);
    }
    return {};
}

QString TestEnv::runLabel() {
    return QStringLiteral("sockerless-test-%1").arg(QCoreApplication::applicationPid());
}

} // namespace sockerless::test
