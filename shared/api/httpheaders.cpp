#include "api/httpheaders.h"

#include <algorithm>

namespace sockerless::api {

namespace {
HttpHeaders::const_iterator find(const HttpHeaders& headers, const QByteArray& name) {
    return std::find_if(headers.cbegin(), headers.cend(), [&name](const auto& field) {
        return field.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}
} // namespace

QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name) {
    const auto it = find(headers, name);
    return it == headers.cend() ? QByteArray() : it->second;
}

bool hasHeader(const HttpHeaders& headers, const QByteArray& name) {
    return find(headers, name) != headers.cend();
}

} // namespace sockerless::api
