#include "http/upstreamcalls.h"

#include <utility>

namespace sockerless::http {

void UpstreamCallList::upsert(const UpstreamCall& call) {
    for (UpstreamCall& entry : m_calls) {
        if (entry.id == call.id) {
            entry = call;
            return;
        }
    }
    if (m_calls.size() < maxCalls())
        m_calls.append(call);
}

UpstreamRecipient* UpstreamRecipient::find(QObject* origin) {
    // Backends hang their helpers (streams, follow-up calls) below the context they were given,
    // so the request owning a call is the nearest recipient up the parent chain.
    for (QObject* object = origin; object; object = object->parent()) {
        if (auto* recipient = qobject_cast<UpstreamRecipient*>(object))
            return recipient;
    }
    return nullptr;
}

UpstreamCollector::UpstreamCollector(std::shared_ptr<UpstreamCallList> calls, QObject* parent)
    : QObject(parent)
    , m_calls(std::move(calls)) {}

void UpstreamCollector::noteUpstream(const UpstreamCall& call) {
    m_calls->upsert(call);
}

} // namespace sockerless::http
