#pragma once

#include "docker/dockercallreport.h"
#include "http/upstreamcalls.h"

namespace sockerless::observe {

/// Hands each Docker call the client reports to the request it was made for, so it lands in
/// that request's `upstream` list. The request is found from the call's origin (the context
/// object the backend was given) by UpstreamRecipient::find().
class UpstreamAttribution {
public:
    /// The record entry for a report: method, the Docker path with its query (credential items
    /// redacted), status and duration in milliseconds.
    static http::UpstreamCall toCall(const docker::DockerCallReport& report);
    /// Adds (or updates) the call in its request's list; returns false when no request owns it
    /// (the daemon's own calls, or the request is gone).
    static bool attribute(const docker::DockerCallReport& report);
};

} // namespace sockerless::observe
