#include "docker/framedemuxer.h"

namespace sockerless::docker {

namespace {

constexpr qsizetype kHeaderSize = 8;

/// Whether the first `available` (at most 8) header bytes at `p` can start a valid header, so a
/// bad stream is reported as soon as its first byte arrives rather than after 8.
bool headerPrefixValid(const char* p, qsizetype available) {
    if (available >= 1 && quint8(p[0]) > quint8(FrameDemuxer::Stream::Systemerr))
        return false;
    for (qsizetype i = 1; i < qMin(available, qsizetype(4)); ++i) {
        if (p[i] != 0)
            return false;
    }
    return true;
}

quint32 payloadLength(const char* header) {
    const auto* u = reinterpret_cast<const uchar*>(header);
    return (quint32(u[4]) << 24) | (quint32(u[5]) << 16) | (quint32(u[6]) << 8) | quint32(u[7]);
}

} // namespace

FrameDemuxer::FrameDemuxer(FrameHandler onFrame)
    : m_onFrame(std::move(onFrame)) {}

FrameDemuxer::~FrameDemuxer() {
    if (m_destroyed)
        *m_destroyed = true;
}

FrameDemuxer::FrameDemuxer(const FrameDemuxer& other)
    : m_onFrame(other.m_onFrame)
    , m_buffer(other.m_buffer)
    , m_broken(other.m_broken) {}

FrameDemuxer::FrameDemuxer(FrameDemuxer&& other) noexcept
    : m_onFrame(std::move(other.m_onFrame))
    , m_buffer(std::move(other.m_buffer))
    , m_broken(other.m_broken) {}

// m_destroyed belongs to a feed() running on this very object; it is never copied or moved.
// cppcheck-suppress operatorEqVarError
FrameDemuxer& FrameDemuxer::operator=(const FrameDemuxer& other) {
    if (this != &other) {
        m_onFrame = other.m_onFrame;
        m_buffer = other.m_buffer;
        m_broken = other.m_broken;
    }
    return *this;
}

// cppcheck-suppress operatorEqVarError
FrameDemuxer& FrameDemuxer::operator=(FrameDemuxer&& other) noexcept {
    if (this != &other) {
        m_onFrame = std::move(other.m_onFrame);
        m_buffer = std::move(other.m_buffer);
        m_broken = other.m_broken;
    }
    return *this;
}

bool FrameDemuxer::feed(const QByteArray& bytes) {
    if (m_broken)
        return false;
    if (bytes.isEmpty())
        return true;
    // Work on one local array: no copy when nothing was held back (implicit sharing), and the
    // handler may destroy `this` while we still read from it.
    QByteArray data;
    if (m_buffer.isEmpty()) {
        data = bytes;
    } else {
        m_buffer.append(bytes);
        data = std::move(m_buffer);
    }
    m_buffer.clear();

    // The handler is moved out while it runs, so that destroying `this` from inside it does not
    // destroy the handler (and what it captured) under its own feet.
    FrameHandler handler = std::move(m_onFrame);
    bool destroyed = false;
    bool* const outer = m_destroyed;
    m_destroyed = &destroyed;

    qsizetype pos = 0;
    bool ok = true;
    while (pos < data.size()) {
        const char* header = data.constData() + pos;
        const qsizetype available = data.size() - pos;
        if (!headerPrefixValid(header, qMin(available, kHeaderSize))) {
            ok = false;
            break;
        }
        if (available < kHeaderSize)
            break;
        const quint32 length = payloadLength(header);
        if (quint64(available - kHeaderSize) < length)
            break;
        const auto stream = static_cast<Stream>(quint8(header[0]));
        const QByteArray payload = data.sliced(pos + kHeaderSize, qsizetype(length));
        pos += kHeaderSize + qsizetype(length);
        if (handler)
            handler(stream, payload);
        if (destroyed)
            return true;
    }

    m_onFrame = std::move(handler);
    m_destroyed = outer;
    if (!ok)
        m_broken = true;
    m_buffer = pos == 0 ? std::move(data) : data.sliced(pos);
    return ok;
}

qsizetype FrameDemuxer::wholeFramesLength(const QByteArray& bytes) {
    qsizetype pos = 0;
    while (bytes.size() - pos >= kHeaderSize) {
        const char* header = bytes.constData() + pos;
        if (!headerPrefixValid(header, kHeaderSize))
            break;
        const quint32 length = payloadLength(header);
        if (quint64(bytes.size() - pos - kHeaderSize) < length)
            break;
        pos += kHeaderSize + qsizetype(length);
    }
    return pos;
}

} // namespace sockerless::docker
