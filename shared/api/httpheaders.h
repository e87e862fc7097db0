#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace sockerless::api {

/// HTTP header fields in the order received, as QHttpServer and the Docker client hold them.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// The value of the first field called `name` (case-insensitive, as HTTP names are), or empty.
QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name);
/// Whether a field called `name` (case-insensitive) is present, even with an empty value.
bool hasHeader(const HttpHeaders& headers, const QByteArray& name);

} // namespace sockerless::api
