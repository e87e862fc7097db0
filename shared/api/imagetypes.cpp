#include "api/imagetypes.h"

#include "api/imagereference.h"
#include "api/jsonbody.h"
#include "api/queryvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace sockerless::api {

namespace {

// The fields of `object` not named in `known`, kept to be written back out.
QJsonObject unknownFields(const QJsonObject& object, const QStringList& known) {
    QJsonObject rest = object;
    for (const QString& key : known)
        rest.remove(key);
    return rest;
}

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const auto& item : array)
        list.append(item.toString());
    return list;
}

void insertIfSet(QJsonObject& object, const QString& key, const QString& value) {
    if (!value.isEmpty())
        object.insert(key, value);
}

const QString kUsername = QStringLiteral("username");
const QString kPassword = QStringLiteral("password");
const QString kAuth = QStringLiteral("auth");
const QString kEmail = QStringLiteral("email");
const QString kServerAddress = QStringLiteral("serveraddress");
const QString kIdentityToken = QStringLiteral("identitytoken");
const QString kRegistryToken = QStringLiteral("registrytoken");

AuthConfig authFromObject(const QJsonObject& object) {
    AuthConfig config;
    config.username = object.value(kUsername).toString();
    config.password = object.value(kPassword).toString();
    config.auth = object.value(kAuth).toString();
    config.email = object.value(kEmail).toString();
    config.serverAddress = object.value(kServerAddress).toString();
    config.identityToken = object.value(kIdentityToken).toString();
    config.registryToken = object.value(kRegistryToken).toString();
    config.extra = unknownFields(object, {kUsername, kPassword, kAuth, kEmail, kServerAddress,
                                          kIdentityToken, kRegistryToken});
    return config;
}

} // namespace

// --- AuthConfig ---------------------------------------------------------------------------------

Result<AuthConfig> AuthConfig::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{kUsername, FieldType::String},
                                          {kPassword, FieldType::String},
                                          {kAuth, FieldType::String},
                                          {kEmail, FieldType::String},
                                          {kServerAddress, FieldType::String},
                                          {kIdentityToken, FieldType::String},
                                          {kRegistryToken, FieldType::String}}))
        return *error;
    AuthConfig config = authFromObject(object);
    if (config.username.isEmpty() && config.identityToken.isEmpty() && config.auth.isEmpty())
        return ApiError::badRequest(
            QStringLiteral("missing required field 'username' (or 'identitytoken')"));
    return config;
}

std::optional<AuthConfig> AuthConfig::fromRegistryAuth(const QString& encoded) {
    const QByteArray bytes = encoded.trimmed().toLatin1();
    if (bytes.isEmpty())
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        bytes, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        decoded = QByteArray::fromBase64Encoding(
            bytes, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded);
    if (!document.isObject())
        return std::nullopt;
    return authFromObject(document.object());
}

QJsonObject AuthConfig::toJson() const {
    QJsonObject object = extra;
    insertIfSet(object, kUsername, username);
    insertIfSet(object, kPassword, password);
    insertIfSet(object, kAuth, auth);
    insertIfSet(object, kEmail, email);
    insertIfSet(object, kServerAddress, serverAddress);
    insertIfSet(object, kIdentityToken, identityToken);
    insertIfSet(object, kRegistryToken, registryToken);
    return object;
}

QStringList AuthConfig::secrets() const {
    QStringList list;
    for (const QString& value : {password, auth, identityToken, registryToken}) {
        if (!value.isEmpty())
            list.append(value);
    }
    return list;
}

// --- AuthResponse -------------------------------------------------------------------------------

Result<AuthResponse> AuthResponse::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, {{QStringLiteral("Status"), FieldType::String},
                                          {QStringLiteral("IdentityToken"), FieldType::String}}))
        return *error;
    AuthResponse response;
    response.status = object.value(QStringLiteral("Status")).toString();
    response.identityToken = object.value(QStringLiteral("IdentityToken")).toString();
    response.extra =
        unknownFields(object, {QStringLiteral("Status"), QStringLiteral("IdentityToken")});
    return response;
}

QJsonObject AuthResponse::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Status"), status);
    object.insert(QStringLiteral("IdentityToken"), identityToken);
    return object;
}

// --- ImagePullRequest ---------------------------------------------------------------------------

Result<ImagePullRequest> ImagePullRequest::fromJson(const QJsonObject& object) {
    const QString reference = QStringLiteral("Reference");
    const QString auth = QStringLiteral("Auth");
    const QString platform = QStringLiteral("Platform");
    if (auto error = checkFields(object, {{reference, FieldType::String},
                                          {auth, FieldType::String},
                                          {platform, FieldType::String}}))
        return *error;
    ImagePullRequest request;
    request.reference = object.value(reference).toString();
    if (request.reference.isEmpty())
        return missingField(reference);
    const auto parsed = ImageReference::parse(request.reference);
    if (!parsed.ok())
        return ApiError::badRequest(
            QStringLiteral("invalid field 'Reference': %1").arg(parsed.error().message));
    request.auth = object.value(auth).toString();
    request.platform = object.value(platform).toString();
    request.extra = unknownFields(object, {reference, auth, platform});
    return request;
}

QJsonObject ImagePullRequest::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Reference"), reference);
    object.insert(QStringLiteral("Auth"), auth);
    object.insert(QStringLiteral("Platform"), platform);
    return object;
}

QStringList ImagePullRequest::secrets() const {
    QStringList list;
    if (!auth.isEmpty())
        list.append(auth);
    if (const auto config = AuthConfig::fromRegistryAuth(auth))
        list.append(config->secrets());
    return list;
}

// --- ImageTagRequest ----------------------------------------------------------------------------

Result<ImageTagRequest> ImageTagRequest::fromQuery(const QString& image, const QUrlQuery& query) {
    const QueryValues values(query);
    ImageTagRequest request;
    request.image = image;
    request.repo = values.string(QStringLiteral("repo"));
    request.tag = values.string(QStringLiteral("tag"));
    if (request.repo.isEmpty())
        return ApiError::badRequest(QStringLiteral("missing required query parameter 'repo'"));
    const auto parsed = ImageReference::parse(request.repo);
    if (!parsed.ok())
        return ApiError::badRequest(
            QStringLiteral("invalid query parameter 'repo': %1").arg(parsed.error().message));
    if (!parsed.value().digest.isEmpty())
        return ApiError::badRequest(QStringLiteral(
            "invalid query parameter 'repo': refusing to create a tag with a digest reference"));
    if (!request.tag.isEmpty() && !isValidImageTag(request.tag))
        return ApiError::badRequest(
            QStringLiteral("invalid query parameter 'tag': invalid tag format"));
    return request;
}

// --- ImageLoadRequest ---------------------------------------------------------------------------

Result<ImageLoadRequest> ImageLoadRequest::fromRequest(const QByteArray& body,
                                                       const QUrlQuery& query) {
    const auto quiet = QueryValues(query).boolean(QStringLiteral("quiet"));
    if (!quiet.ok())
        return quiet.error();
    ImageLoadRequest request;
    request.tarball = body;
    request.quiet = quiet.value();
    return request;
}

// --- ImageRootFS --------------------------------------------------------------------------------

Result<ImageRootFS> ImageRootFS::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object,
                                 {{QStringLiteral("Type"), FieldType::String},
                                  {QStringLiteral("Layers"), FieldType::StringList}},
                                 QStringLiteral("RootFS")))
        return *error;
    ImageRootFS rootFS;
    rootFS.type = object.value(QStringLiteral("Type")).toString();
    rootFS.layers = stringList(object.value(QStringLiteral("Layers")));
    rootFS.extra = unknownFields(object, {QStringLiteral("Type"), QStringLiteral("Layers")});
    return rootFS;
}

QJsonObject ImageRootFS::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Type"), type);
    object.insert(QStringLiteral("Layers"), QJsonArray::fromStringList(layers));
    return object;
}

// --- Image --------------------------------------------------------------------------------------

Result<Image> Image::fromJson(const QJsonObject& object) {
    const QString id = QStringLiteral("Id");
    const QString repoTags = QStringLiteral("RepoTags");
    const QString repoDigests = QStringLiteral("RepoDigests");
    const QString created = QStringLiteral("Created");
    const QString size = QStringLiteral("Size");
    const QString config = QStringLiteral("Config");
    const QString os = QStringLiteral("Os");
    const QString architecture = QStringLiteral("Architecture");
    const QString rootFS = QStringLiteral("RootFS");
    if (auto error = checkFields(object, {{id, FieldType::String},
                                          {repoTags, FieldType::StringList},
                                          {repoDigests, FieldType::StringList},
                                          {created, FieldType::String},
                                          {size, FieldType::Integer},
                                          {config, FieldType::Object},
                                          {os, FieldType::String},
                                          {architecture, FieldType::String},
                                          {rootFS, FieldType::Object}}))
        return *error;
    const auto parsedRootFS = ImageRootFS::fromJson(object.value(rootFS).toObject());
    if (!parsedRootFS.ok())
        return parsedRootFS.error();
    Image image;
    image.id = object.value(id).toString();
    image.repoTags = stringList(object.value(repoTags));
    image.repoDigests = stringList(object.value(repoDigests));
    image.created = object.value(created).toString();
    image.size = object.value(size).toInteger();
    if (object.value(config).isObject())
        image.config = object.value(config).toObject();
    image.os = object.value(os).toString();
    image.architecture = object.value(architecture).toString();
    image.rootFS = parsedRootFS.value();
    image.extra = unknownFields(
        object, {id, repoTags, repoDigests, created, size, config, os, architecture, rootFS});
    return image;
}

QJsonObject Image::toJson() const {
    QJsonObject object = extra;
    object.insert(QStringLiteral("Id"), id);
    object.insert(QStringLiteral("RepoTags"), QJsonArray::fromStringList(repoTags));
    object.insert(QStringLiteral("RepoDigests"), QJsonArray::fromStringList(repoDigests));
    object.insert(QStringLiteral("Created"), created);
    object.insert(QStringLiteral("Size"), size);
    object.insert(QStringLiteral("Config"), config ? QJsonValue(*config) : QJsonValue());
    object.insert(QStringLiteral("Os"), os);
    object.insert(QStringLiteral("Architecture"), architecture);
    object.insert(QStringLiteral("RootFS"), rootFS.toJson());
    return object;
}

} // namespace sockerless::api
