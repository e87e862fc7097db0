#pragma once

#include <QByteArray>
#include <functional>

namespace sockerless::docker {

/// Splits Docker's multiplexed stream (`[stream, 0, 0, 0, uint32 BE length] payload`, used for
/// non-TTY logs, attach and exec) into frames, whatever the read boundaries are: a frame may
/// arrive in many pieces, a header may be split, one piece may hold many frames.
///
/// The handler may destroy the demuxer; feed() then returns at once without touching it. The
/// handler must not call feed() itself.
class FrameDemuxer {
public:
    enum class Stream : quint8 { Stdin = 0, Stdout = 1, Stderr = 2, Systemerr = 3 };
    using FrameHandler = std::function<void(Stream stream, const QByteArray& payload)>;

    explicit FrameDemuxer(FrameHandler onFrame);
    ~FrameDemuxer();
    /// Copies and moves take the handler and the held bytes, never a running feed's state.
    FrameDemuxer(const FrameDemuxer& other);
    FrameDemuxer(FrameDemuxer&& other) noexcept;
    FrameDemuxer& operator=(const FrameDemuxer& other);
    FrameDemuxer& operator=(FrameDemuxer&& other) noexcept;

    /// Feed the next bytes; calls the handler once per completed frame. Returns false (and stops)
    /// when a header is invalid (unknown stream byte or non-zero padding).
    bool feed(const QByteArray& bytes);
    /// Bytes held back for an incomplete frame.
    qsizetype pendingBytes() const { return m_buffer.size(); }
    /// True while no partial frame is held.
    bool atFrameBoundary() const { return m_buffer.isEmpty(); }
    /// True once an invalid header was seen: every later feed() returns false.
    bool isBroken() const { return m_broken; }
    /// Length of the whole frames at the start of `bytes` (header + payload), for forwarding
    /// whole frames only. Stops before an incomplete or invalid frame.
    static qsizetype wholeFramesLength(const QByteArray& bytes);

private:
    FrameHandler m_onFrame;
    QByteArray m_buffer;
    bool m_broken = false;
    /// Set while feed() runs: the destructor flags it so feed() knows `this` is gone.
    bool* m_destroyed = nullptr;
};

} // namespace sockerless::docker
