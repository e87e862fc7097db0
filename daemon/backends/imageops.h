#pragma once

#include "api/imagetypes.h"
#include "backends/backend.h"

namespace sockerless::backends {

/// The images and registry auth: pull, inspect, load, tag, login.
/// Every call is asynchronous; `context` guards the callback as in Backend: when it is destroyed
/// the work is abandoned (the upstream call aborted) and `done` is never called.
///
/// Credentials (the pull's `Auth`, the login body) never appear in an error message a backend
/// reports: whatever an upstream says is scrubbed of them first.
class ImageOps {
public:
    virtual ~ImageOps() = default;

    /// Pulls `request.reference` (with `request.auth` passed on unchanged as the registry auth).
    /// The stream's messages are the progress lines as they come, each one whole JSON object
    /// ending in `\n` (ready to be written out as they are); a failure part-way is a line with
    /// `error`/`errorDetail`, and the stream still ends normally. A refusal before the first line
    /// (unknown manifest, bad credentials) is `failed` with the registry's status and message.
    /// The stream is parented to `context`.
    virtual BackendStream* pull(const api::ImagePullRequest& request, QObject* context) = 0;

    /// The image called `name`: a name with or without tag, `repo@digest`, a full or short id.
    /// 404 `No such image: <name>`.
    virtual void inspect(const QString& name, QObject* context, Callback<api::Image> done) = 0;

    /// Loads an image tarball; messages as for pull (one JSON line each, ending in `\n`). A bad
    /// tarball is an error line, as Docker reports it. The stream is parented to `context`.
    virtual BackendStream* load(const api::ImageLoadRequest& request, QObject* context) = 0;

    /// Adds the tag `request.repo[:request.tag]` to `request.image`. 404 `No such image: <name>`.
    virtual void tag(const api::ImageTagRequest& request, QObject* context,
                     Callback<Nothing> done) = 0;

    /// Checks credentials against a registry. Bad credentials are a 401 with the registry's
    /// reason (never the credentials themselves).
    virtual void login(const api::AuthConfig& credentials, QObject* context,
                       Callback<api::AuthResponse> done) = 0;
};

} // namespace sockerless::backends
