#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <optional>

namespace sockerless::api {

/// Registry credentials, as Docker's `AuthConfig` spells them (lower case: `username`,
/// `password`, `serveraddress`, `identitytoken` ...): the body of `POST /auth`, and what a
/// base64url `X-Registry-Auth` value decodes to. Never logged; secrets() lists what must never
/// appear in a message.
struct AuthConfig {
    QString username;
    QString password;
    QString auth; ///< Docker's base64 `user:password` form
    QString email;
    QString serverAddress;
    QString identityToken;
    QString registryToken;
    QJsonObject extra; ///< fields this daemon does not know, passed on unchanged

    /// Reads a `POST /auth` body: every known field must be a string (a 400 naming it), and
    /// `username`, `identitytoken` or `auth` must be given.
    static Result<AuthConfig> fromJson(const QJsonObject& object);
    /// Decodes an `X-Registry-Auth` value (base64url JSON, padded or not; standard base64 too).
    /// Nothing when it does not decode: Docker then pulls without credentials.
    static std::optional<AuthConfig> fromRegistryAuth(const QString& encoded);
    /// The known fields that are set, and `extra`.
    QJsonObject toJson() const;
    /// The secret values that are set (password, auth, tokens), to scrub from any message.
    QStringList secrets() const;
};

/// The answer to `POST /auth`: `{"Status":"Login Succeeded","IdentityToken":""}`.
struct AuthResponse {
    QString status;
    QString identityToken;
    QJsonObject extra;

    /// Reads Docker's answer; a wrong type is a 400 naming the field.
    static Result<AuthResponse> fromJson(const QJsonObject& object);
    /// Always has both `Status` and `IdentityToken` (empty when none was issued).
    QJsonObject toJson() const;
};

/// The body of `POST /images/pull`: `{"Reference","Auth","Platform"}`.
struct ImagePullRequest {
    QString reference; ///< required, an image reference Docker accepts
    QString auth;      ///< the base64url `X-Registry-Auth` value, passed on unchanged
    QString platform;  ///< `os[/arch[/variant]]`, or empty
    QJsonObject extra;

    /// Reads the body: `Reference` is required and must parse as an image reference, every
    /// known field must be a string; errors are 400s naming the field.
    static Result<ImagePullRequest> fromJson(const QJsonObject& object);
    /// The body again, `Auth` included (for a backend or client that sends it on), and `extra`.
    QJsonObject toJson() const;
    /// The raw `Auth` value and the secrets it decodes to: what must never appear in a message.
    QStringList secrets() const;
};

/// `POST /images/{name}/tag?repo=&tag=`.
struct ImageTagRequest {
    QString image; ///< the source image (name or id), as the client named it
    QString repo;  ///< the new repository (required)
    QString tag;   ///< the new tag, or empty (Docker then uses the repo's tag, or `latest`)

    /// Reads the query: `repo` is required and must be a repository name without a digest,
    /// `tag` must be a valid tag; errors are 400s naming the parameter.
    static Result<ImageTagRequest> fromQuery(const QString& image, const QUrlQuery& query);
};

/// `POST /images/load?quiet=`: an image tarball (`docker save` output).
struct ImageLoadRequest {
    QByteArray tarball; ///< implicitly shared: passing it on does not copy it
    bool quiet = false;

    /// Reads `quiet` (a 400 for a bad boolean) and takes the body as it is.
    static Result<ImageLoadRequest> fromRequest(const QByteArray& body, const QUrlQuery& query);
};

/// `RootFS` of an image: `{"Type":"layers","Layers":["sha256:..."]}`.
struct ImageRootFS {
    QString type;
    QStringList layers;
    QJsonObject extra;

    /// Reads `RootFS`; a wrong type is a 400 naming the field (`RootFS.Layers`).
    static Result<ImageRootFS> fromJson(const QJsonObject& object);
    /// `Type` and `Layers` (always an array), and `extra`.
    QJsonObject toJson() const;
};

/// An image as `GET /images/{name}` answers it. The fields the contract names are typed; every
/// other field Docker sends (`Parent`, `GraphDriver`, `Metadata` ...) is kept in `extra`.
struct Image {
    QString id; ///< `sha256:<hex>`
    QStringList repoTags;
    QStringList repoDigests;
    QString created; ///< RFC 3339
    qint64 size = 0;
    std::optional<QJsonObject> config; ///< the image's container config; null when Docker has none
    QString os;
    QString architecture;
    ImageRootFS rootFS;
    QJsonObject extra;

    /// Reads an image object; a wrong type is a 400 naming the field (`RootFS.Layers`).
    static Result<Image> fromJson(const QJsonObject& object);
    /// `RepoTags` and `RepoDigests` are always arrays, never null.
    QJsonObject toJson() const;
};

} // namespace sockerless::api
