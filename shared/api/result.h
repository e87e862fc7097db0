#pragma once

#include "api/apierror.h"

#include <utility>
#include <variant>

namespace sockerless::api {

/// A value or the API error that replaced it.
template <typename T> class Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(ApiError error)
        : m_data(std::move(error)) {}
    bool ok() const { return std::holds_alternative<T>(m_data); }
    const T& value() const { return std::get<T>(m_data); }
    T& value() { return std::get<T>(m_data); }
    const ApiError& error() const { return std::get<ApiError>(m_data); }

private:
    std::variant<T, ApiError> m_data;
};

/// The value of a call that answers with nothing but success (start, stop, remove ...).
struct Nothing {};

} // namespace sockerless::api
