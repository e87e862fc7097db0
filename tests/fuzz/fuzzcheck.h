#pragma once

// Shared by the fuzz targets: an invariant check that is a finding, not just a failed assertion.

#include <QByteArray>
#include <QString>
#include <cstdio>

namespace sockerless::fuzz {

/// Prints why an invariant failed and crashes, so that libFuzzer keeps the input as a crash
/// artifact and prints the stack. Never returns.
[[noreturn]] inline void violated(const QString& what, const char* condition, const char* file,
                                  int line) {
    std::fprintf(stderr, "invariant violated: %s (%s) at %s:%d\n", what.toLocal8Bit().constData(),
                 condition, file, line);
    __builtin_trap();
}

[[noreturn]] inline void violated(const char* what, const char* condition, const char* file,
                                  int line) {
    violated(QString::fromUtf8(what), condition, file, line);
}

} // namespace sockerless::fuzz

/// Stops the fuzzer when `condition` is false; `what` (a C string or QString, only built then)
/// says which invariant broke. Active in every build type, unlike Q_ASSERT.
#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition))                                                                          \
            sockerless::fuzz::violated(what, #condition, __FILE__, __LINE__);                      \
    } while (false)
