#pragma once

#include <QObject>

class QSocketNotifier;

namespace sockerless {

/// Turns SIGTERM and SIGINT into a Qt signal on the event loop. A POSIX signal handler may do
/// almost nothing, so it only writes the signal number to a socket pair (the self-pipe trick);
/// a QSocketNotifier reads it back on the event loop.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    /// SIGTERM or SIGINT arrived; `count` is how many have arrived so far.
    void terminationRequested(int signalNumber, int count);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace sockerless
