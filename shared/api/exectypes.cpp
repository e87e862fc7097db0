#include "api/exectypes.h"

#include "api/jsonbody.h"

#include <QJsonArray>
#include <QJsonValue>

namespace sockerless::api {

namespace {

// The object without the keys this daemon reads itself: what goes into `extra`.
QJsonObject without(QJsonObject object, const QList<FieldSpec>& known) {
    for (const FieldSpec& spec : known)
        object.remove(spec.name);
    return object;
}

// Puts the unknown fields back first, so a known field always wins over a stale copy.
QJsonObject withExtra(const QJsonObject& extra, const QJsonObject& known) {
    QJsonObject out = extra;
    for (auto it = known.begin(); it != known.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QStringList toStringList(const QJsonValue& value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const auto& item : array)
        list.append(item.toString());
    return list;
}

const QList<FieldSpec>& createFields() {
    static const QList<FieldSpec> fields{
        {QStringLiteral("Cmd"), FieldType::StringList},
        {QStringLiteral("Env"), FieldType::StringList},
        {QStringLiteral("WorkingDir"), FieldType::String},
        {QStringLiteral("User"), FieldType::String},
        {QStringLiteral("Tty"), FieldType::Bool},
        {QStringLiteral("Privileged"), FieldType::Bool},
        {QStringLiteral("AttachStdin"), FieldType::Bool},
        {QStringLiteral("AttachStdout"), FieldType::Bool},
        {QStringLiteral("AttachStderr"), FieldType::Bool},
        {QStringLiteral("DetachKeys"), FieldType::String},
    };
    return fields;
}

const QList<FieldSpec>& processFields() {
    static const QList<FieldSpec> fields{
        {QStringLiteral("tty"), FieldType::Bool},
        {QStringLiteral("entrypoint"), FieldType::String},
        {QStringLiteral("arguments"), FieldType::StringList},
        {QStringLiteral("privileged"), FieldType::Bool},
        {QStringLiteral("user"), FieldType::String},
    };
    return fields;
}

const QList<FieldSpec>& inspectFields() {
    static const QList<FieldSpec> fields{
        {QStringLiteral("ID"), FieldType::String},
        {QStringLiteral("ContainerID"), FieldType::String},
        {QStringLiteral("Running"), FieldType::Bool},
        {QStringLiteral("ExitCode"), FieldType::Integer},
        {QStringLiteral("Pid"), FieldType::Integer},
        {QStringLiteral("OpenStdin"), FieldType::Bool},
        {QStringLiteral("OpenStdout"), FieldType::Bool},
        {QStringLiteral("OpenStderr"), FieldType::Bool},
        {QStringLiteral("CanRemove"), FieldType::Bool},
        {QStringLiteral("DetachKeys"), FieldType::String},
        {QStringLiteral("ProcessConfig"), FieldType::Object},
    };
    return fields;
}

const QList<FieldSpec>& startFields() {
    static const QList<FieldSpec> fields{
        {QStringLiteral("Detach"), FieldType::Bool},
        {QStringLiteral("Tty"), FieldType::Bool},
    };
    return fields;
}

} // namespace

Result<ExecCreateRequest> ExecCreateRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, createFields()))
        return *error;
    ExecCreateRequest request;
    request.cmd = toStringList(object.value(QStringLiteral("Cmd")));
    if (request.cmd.isEmpty())
        return ApiError::badRequest(
            QStringLiteral("missing required field 'Cmd': an exec needs a command to run "
                           "(a non-empty array of strings)"));
    request.env = toStringList(object.value(QStringLiteral("Env")));
    request.workingDir = object.value(QStringLiteral("WorkingDir")).toString();
    request.user = object.value(QStringLiteral("User")).toString();
    request.tty = object.value(QStringLiteral("Tty")).toBool();
    request.privileged = object.value(QStringLiteral("Privileged")).toBool();
    request.attachStdin = object.value(QStringLiteral("AttachStdin")).toBool();
    request.attachStdout = object.value(QStringLiteral("AttachStdout")).toBool();
    request.attachStderr = object.value(QStringLiteral("AttachStderr")).toBool();
    request.detachKeys = object.value(QStringLiteral("DetachKeys")).toString();
    request.extra = without(object, createFields());
    return request;
}

QJsonObject ExecCreateRequest::toJson() const {
    QJsonObject known{
        {QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd)},
        {QStringLiteral("Tty"), tty},
        {QStringLiteral("Privileged"), privileged},
        {QStringLiteral("AttachStdin"), attachStdin},
        {QStringLiteral("AttachStdout"), attachStdout},
        {QStringLiteral("AttachStderr"), attachStderr},
    };
    if (!env.isEmpty())
        known.insert(QStringLiteral("Env"), QJsonArray::fromStringList(env));
    if (!workingDir.isEmpty())
        known.insert(QStringLiteral("WorkingDir"), workingDir);
    if (!user.isEmpty())
        known.insert(QStringLiteral("User"), user);
    if (!detachKeys.isEmpty())
        known.insert(QStringLiteral("DetachKeys"), detachKeys);
    return withExtra(extra, known);
}

Result<ExecProcessConfig> ExecProcessConfig::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, processFields(), QStringLiteral("ProcessConfig")))
        return *error;
    ExecProcessConfig config;
    config.tty = object.value(QStringLiteral("tty")).toBool();
    config.entrypoint = object.value(QStringLiteral("entrypoint")).toString();
    config.arguments = toStringList(object.value(QStringLiteral("arguments")));
    config.privileged = object.value(QStringLiteral("privileged")).toBool();
    config.user = object.value(QStringLiteral("user")).toString();
    config.extra = without(object, processFields());
    return config;
}

QJsonObject ExecProcessConfig::toJson() const {
    return withExtra(extra,
                     QJsonObject{
                         {QStringLiteral("tty"), tty},
                         {QStringLiteral("entrypoint"), entrypoint},
                         {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                         {QStringLiteral("privileged"), privileged},
                         {QStringLiteral("user"), user},
                     });
}

Result<ExecInspect> ExecInspect::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, inspectFields()))
        return *error;
    ExecInspect inspect;
    inspect.id = object.value(QStringLiteral("ID")).toString();
    if (inspect.id.isEmpty())
        return missingField(QStringLiteral("ID"));
    const auto process =
        ExecProcessConfig::fromJson(object.value(QStringLiteral("ProcessConfig")).toObject());
    if (!process.ok())
        return process.error();
    inspect.processConfig = process.value();
    inspect.containerId = object.value(QStringLiteral("ContainerID")).toString();
    inspect.running = object.value(QStringLiteral("Running")).toBool();
    const QJsonValue exitCode = object.value(QStringLiteral("ExitCode"));
    if (exitCode.isDouble())
        inspect.exitCode = exitCode.toInt();
    inspect.pid = static_cast<qint64>(object.value(QStringLiteral("Pid")).toDouble());
    inspect.openStdin = object.value(QStringLiteral("OpenStdin")).toBool();
    inspect.openStdout = object.value(QStringLiteral("OpenStdout")).toBool();
    inspect.openStderr = object.value(QStringLiteral("OpenStderr")).toBool();
    inspect.canRemove = object.value(QStringLiteral("CanRemove")).toBool();
    inspect.detachKeys = object.value(QStringLiteral("DetachKeys")).toString();
    inspect.extra = without(object, inspectFields());
    return inspect;
}

QJsonObject ExecInspect::toJson() const {
    return withExtra(extra, QJsonObject{
                                {QStringLiteral("ID"), id},
                                {QStringLiteral("ContainerID"), containerId},
                                {QStringLiteral("Running"), running},
                                {QStringLiteral("ExitCode"),
                                 exitCode ? QJsonValue(*exitCode) : QJsonValue(QJsonValue::Null)},
                                {QStringLiteral("Pid"), pid},
                                {QStringLiteral("OpenStdin"), openStdin},
                                {QStringLiteral("OpenStdout"), openStdout},
                                {QStringLiteral("OpenStderr"), openStderr},
                                {QStringLiteral("CanRemove"), canRemove},
                                {QStringLiteral("DetachKeys"), detachKeys},
                                {QStringLiteral("ProcessConfig"), processConfig.toJson()},
                            });
}

Result<ExecStartRequest> ExecStartRequest::fromJson(const QJsonObject& object) {
    if (auto error = checkFields(object, startFields()))
        return *error;
    ExecStartRequest request;
    request.detach = object.value(QStringLiteral("Detach")).toBool();
    request.tty = object.value(QStringLiteral("Tty")).toBool();
    request.extra = without(object, startFields());
    return request;
}

QJsonObject ExecStartRequest::toJson() const {
    return withExtra(extra,
                     QJsonObject{{QStringLiteral("Detach"), detach}, {QStringLiteral("Tty"), tty}});
}

} // namespace sockerless::api
