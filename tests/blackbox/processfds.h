#pragma once

#include <QtGlobal>

namespace sockerless::test {

/// The descriptors a process holds open, read from /proc/<pid>/fd (Linux), for leak checks.
struct ProcessFds {
    /// Every open descriptor; -1 when /proc cannot be read.
    static int count(qint64 pid);
    /// The open sockets (TCP and Unix) among them.
    static int sockets(qint64 pid);
};

} // namespace sockerless::test
