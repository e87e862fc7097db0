#include "observe/upstreamattribution.h"

#include "http/requestrecorder.h"

namespace sockerless::observe {

http::UpstreamCall UpstreamAttribution::toCall(const docker::DockerCallReport& report) {
    http::UpstreamCall call;
    call.id = report.id;
    call.method = QString::fromLatin1(report.method);
    // The target never holds headers (X-Registry-Auth) or bodies; a credential in its query
    // would be redacted like one in a client's.
    call.path = http::RequestRecorder::redactPath(QString::fromUtf8(report.target));
    call.status = report.status;
    call.durationMs = static_cast<double>(report.durationNs) / 1e6;
    return call;
}

bool UpstreamAttribution::attribute(const docker::DockerCallReport& report) {
    http::UpstreamRecipient* recipient = http::UpstreamRecipient::find(report.origin.data());
    if (!recipient)
        return false;
    recipient->noteUpstream(toCall(report));
    return true;
}

} // namespace sockerless::observe
