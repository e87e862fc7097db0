// Fuzzes the Docker response path (shared/docker): HttpResponseParser fed a response in pieces,
// then FrameDemuxer over the decoded body. The chunking must never change the outcome: every
// split of the same bytes gives the same headers, body, completions, error and consumed count as
// feeding them at once, and a callback that destroys the parser or demuxer ends everything.
//
// Input layout: byte 0 = options, bytes 1-3 = seed for the split points, the rest = the bytes
// Docker sent (seeds in corpus/fuzz_dockerresponse are real responses behind a 4-byte prefix).
//   options bit 0     expectNoBody (a HEAD request)
//   options bit 1     the peer closes after the last byte (finishAtEof)
//   options bits 2-3  piece sizes: 1 byte, 1-16, 1-512, or 1-4096
//   options bits 4-7  destroy the parser (and the demuxer) at that callback; 0 = never

#include "docker/framedemuxer.h"
#include "docker/httpresponseparser.h"
#include "fuzzcheck.h"

#include <QByteArrayList>
#include <cstdint>
#include <memory>

using sockerless::docker::FrameDemuxer;
using sockerless::docker::HttpResponseParser;

namespace {

/// What the fuzzer controls besides the bytes themselves.
struct Options {
    bool noBody = false;
    bool eof = false;
    int pieceMode = 0;
    int destroyAt = 0; ///< 1-based callback number; 0 = never
    quint32 seed = 1;
};

/// Deterministic piece sizes from the input's seed (xorshift32), so every input replays exactly.
class Splitter {
public:
    Splitter(quint32 seed, int mode)
        : m_state(seed == 0 ? 0x9e3779b9U : seed)
        , m_mode(mode) {}

    /// Cuts `bytes` into pieces of the mode's sizes; their concatenation is `bytes`.
    QByteArrayList split(const QByteArray& bytes) {
        QByteArrayList pieces;
        for (qsizetype pos = 0; pos < bytes.size();) {
            const qsizetype size = qMin(nextSize(), bytes.size() - pos);
            pieces.append(bytes.mid(pos, size));
            pos += size;
        }
        return pieces;
    }

private:
    qsizetype nextSize() {
        static constexpr quint32 kLimits[] = {1, 16, 512, 4096};
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return qsizetype(m_state % kLimits[m_mode]) + 1;
    }

    quint32 m_state;
    int m_mode;
};

/// Everything the parser reported, with consecutive body pieces joined (their boundaries are
/// allowed to differ).
struct ParseTrace {
    QByteArrayList events; ///< `H<status> name: value ...`, `B<body>`, `C<keepAlive>`
    QByteArray firstBody;  ///< the decoded body of the first response
    int responses = 0;
    qsizetype consumed = 0;
    bool error = false;
    QString errorString;
    bool stopped = false;
    bool finished = true; ///< finishAtEof()'s answer, true when not called
    int callbacks = 0;
    bool destroyed = false;

    bool sameOutcome(const ParseTrace& other) const {
        return events == other.events && consumed == other.consumed && error == other.error &&
               errorString == other.errorString && stopped == other.stopped &&
               finished == other.finished;
    }
};

/// Parses `pieces` one feed() each, as DockerConnection does with what a socket read returns.
/// With `destroyAt`, the callback of that number destroys the parser.
ParseTrace parse(const QByteArrayList& pieces, const Options& options, int destroyAt) {
    ParseTrace trace;
    std::unique_ptr<HttpResponseParser> parser;
    const auto afterCallback = [&trace, &parser, destroyAt] {
        FUZZ_CHECK(!trace.destroyed, "a parser callback ran after the parser was destroyed");
        if (++trace.callbacks == destroyAt) {
            parser.reset();
            trace.destroyed = true;
        }
    };
    HttpResponseParser::Callbacks callbacks;
    callbacks.onHeaders =
        [&trace, &afterCallback](int status, const QList<QPair<QByteArray, QByteArray>>& headers) {
            QByteArray event = 'H' + QByteArray::number(status);
            for (const auto& [name, value] : headers)
                event += ' ' + name + ": " + value;
            trace.events.append(event);
            ++trace.responses;
            afterCallback();
            return true;
        };
    callbacks.onBody = [&trace, &afterCallback](const QByteArray& piece) {
        FUZZ_CHECK(!piece.isEmpty(), "onBody was called with an empty piece");
        FUZZ_CHECK(trace.responses > 0, "onBody came before any onHeaders");
        if (trace.events.isEmpty() || !trace.events.last().startsWith('B'))
            trace.events.append(QByteArrayLiteral("B"));
        trace.events.last() += piece;
        if (trace.responses == 1)
            trace.firstBody += piece;
        afterCallback();
    };
    callbacks.onComplete = [&trace, &afterCallback](bool keepAlive) {
        FUZZ_CHECK(trace.responses > 0, "onComplete came before any onHeaders");
        trace.events.append(keepAlive ? QByteArrayLiteral("C1") : QByteArrayLiteral("C0"));
        afterCallback();
    };
    parser = std::make_unique<HttpResponseParser>(callbacks);
    parser->expectNoBody(options.noBody);

    bool stoppedEarly = false;
    for (const QByteArray& piece : pieces) {
        const qsizetype consumed = parser->feed(piece);
        FUZZ_CHECK(consumed >= 0 && consumed <= piece.size(), "feed() consumed more than given");
        trace.consumed += consumed;
        if (trace.destroyed)
            return trace;
        if (consumed < piece.size()) {
            // Stopped (101 or onHeaders said no) or failed: the parser takes nothing more.
            FUZZ_CHECK(parser->hasError() || parser->isStopped(),
                       "feed() left bytes without an error or a stop");
            FUZZ_CHECK(parser->feed(piece.mid(consumed)) == 0,
                       "a stopped or failed parser consumed more bytes");
            stoppedEarly = true;
            break;
        }
    }
    if (options.eof && !stoppedEarly) {
        trace.finished = parser->finishAtEof();
        if (trace.destroyed)
            return trace;
        FUZZ_CHECK(trace.finished != parser->hasError(), "finishAtEof() and hasError() disagree");
    }
    trace.error = parser->hasError();
    trace.errorString = parser->errorString();
    trace.stopped = parser->isStopped();
    FUZZ_CHECK(trace.error == !trace.errorString.isEmpty(), "hasError() without errorString()");
    return trace;
}

/// What the demuxer produced from one way of feeding a stream.
struct DemuxTrace {
    QByteArrayList frames; ///< stream byte + payload
    qsizetype frameBytes = 0;
    bool ok = true;
    bool broken = false;
    qsizetype pending = 0;
    bool destroyed = false;
};

/// Demuxes `pieces`; with `copyAfter` >= 0 the rest is fed to a copy made after that many pieces
/// (copies must carry the held bytes on); the frame numbered `destroyAt` destroys the demuxer.
DemuxTrace demux(const QByteArrayList& pieces, qsizetype copyAfter, int destroyAt) {
    DemuxTrace trace;
    std::unique_ptr<FrameDemuxer> demuxer;
    const auto onFrame = [&trace, &demuxer, destroyAt](FrameDemuxer::Stream stream,
                                                       const QByteArray& payload) {
        FUZZ_CHECK(!trace.destroyed, "a frame was delivered after the demuxer was destroyed");
        FUZZ_CHECK(quint8(stream) <= quint8(FrameDemuxer::Stream::Systemerr),
                   "a frame with an unknown stream byte was delivered");
        trace.frames.append(char(stream) + payload);
        trace.frameBytes += 8 + payload.size();
        if (trace.frames.size() == destroyAt) {
            demuxer.reset();
            trace.destroyed = true;
        }
    };
    demuxer = std::make_unique<FrameDemuxer>(onFrame);
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i == copyAfter) {
            // The copy takes the handler (it captures the trace by reference) and the held bytes.
            demuxer = std::make_unique<FrameDemuxer>(*demuxer);
        }
        trace.ok = demuxer->feed(pieces.at(i));
        if (trace.destroyed)
            return trace;
        if (!trace.ok)
            break;
    }
    trace.broken = demuxer->isBroken();
    trace.pending = demuxer->pendingBytes();
    FUZZ_CHECK(trace.broken == !trace.ok, "feed()'s answer and isBroken() disagree");
    FUZZ_CHECK(demuxer->atFrameBoundary() == (trace.pending == 0),
               "atFrameBoundary() and pendingBytes() disagree");
    if (trace.broken)
        FUZZ_CHECK(!demuxer->feed(QByteArrayLiteral("\1")), "a broken demuxer accepted more bytes");
    return trace;
}

void fuzzDemuxer(const QByteArray& stream, const Options& options) {
    const DemuxTrace whole = demux({stream}, -1, 0);
    const qsizetype framed = FrameDemuxer::wholeFramesLength(stream);
    FUZZ_CHECK(framed == whole.frameBytes, "wholeFramesLength() disagrees with feed()'s frames");
    if (!whole.broken)
        FUZZ_CHECK(framed + whole.pending == stream.size(),
                   "whole frames plus held bytes are not the whole stream");

    Splitter splitter(options.seed ^ 0x5a5a5a5aU, options.pieceMode);
    const QByteArrayList pieces = splitter.split(stream);
    const DemuxTrace split = demux(pieces, pieces.size() / 2, 0);
    FUZZ_CHECK(split.frames == whole.frames, "the pieces' frames differ from the whole stream's");
    FUZZ_CHECK(split.broken == whole.broken, "only one way of feeding found the stream broken");
    if (!whole.broken)
        FUZZ_CHECK(split.pending == whole.pending, "the held bytes depend on the pieces");

    if (options.destroyAt > 0) {
        const DemuxTrace cut = demux(pieces, -1, options.destroyAt);
        FUZZ_CHECK(cut.frames == whole.frames.mid(0, cut.frames.size()),
                   "destroying the demuxer changed the frames before it");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 4)
        return 0;
    Options options;
    options.noBody = (data[0] & 0x01) != 0;
    options.eof = (data[0] & 0x02) != 0;
    options.pieceMode = (data[0] >> 2) & 0x03;
    options.destroyAt = data[0] >> 4;
    options.seed = quint32(data[1]) << 16 | quint32(data[2]) << 8 | quint32(data[3]);
    const QByteArray bytes(reinterpret_cast<const char*>(data) + 4, qsizetype(size - 4));

    const ParseTrace whole = parse({bytes}, options, 0);
    Splitter splitter(options.seed, options.pieceMode);
    const QByteArrayList pieces = splitter.split(bytes);
    const ParseTrace split = parse(pieces, options, 0);
    FUZZ_CHECK(split.sameOutcome(whole), "feeding in pieces changed what the parser reported");
    if (options.destroyAt > 0) {
        const ParseTrace cut = parse(pieces, options, options.destroyAt);
        if (cut.destroyed)
            FUZZ_CHECK(cut.callbacks == options.destroyAt,
                       "callbacks ran after the destroying one");
    }

    // The body of a logs/attach/exec answer is a multiplexed stream; without a parsed response,
    // the raw bytes reach the demuxer so that it is fuzzed directly too.
    fuzzDemuxer(whole.responses > 0 ? whole.firstBody : bytes, options);
    return 0;
}
