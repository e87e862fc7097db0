#include "backends/memory/memorycontainers.h"

#include "api/imagereference.h"
#include "backends/memory/memoryanswer.h"
#include "backends/memory/memoryclock.h"
#include "backends/memory/memorycontainer.h"
#include "backends/memory/memorycontainerfilters.h"
#include "backends/memory/memorycontainerstreams.h"
#include "backends/memory/memorycontainerview.h"
#include "backends/memory/memoryevents.h"
#include "backends/memory/memoryfailedstream.h"
#include "backends/memory/memoryimages.h"
#include "backends/memory/memorynetworks.h"
#include "backends/memory/memorysetup.h"
#include "backends/memory/memoryvolumes.h"
#include "backends/memory/shell/shellprocess.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <algorithm>

namespace sockerless::backends::memory {

namespace {

constexpr int kSigKill = 9;
constexpr int kSigTerm = 15;
// Docker's default stop timeout, in seconds.
constexpr qint64 kDefaultStopTimeout = 10;

// A name as Docker's namesgenerator makes them: adjective_scientist.
QString generatedName() {
    static const char* const adjectives[] = {"admiring", "brave",   "clever", "eager",
                                             "focused",  "gallant", "jolly",  "keen",
                                             "nifty",    "quirky",  "serene", "vibrant"};
    static const char* const names[] = {"babbage", "curie",    "darwin",  "euler",
                                        "hopper",  "lovelace", "noether", "pascal",
                                        "ritchie", "shannon",  "turing",  "wozniak"};
    auto* random = QRandomGenerator::global();
    return QString::fromLatin1(adjectives[random->bounded(int(std::size(adjectives)))]) + u'_' +
           QString::fromLatin1(names[random->bounded(int(std::size(names)))]);
}

int signalOf(const QString& text, int fallback) {
    if (text.isEmpty())
        return fallback;
    return shell::ShellProcess::signalNumber(text).value_or(-1);
}

} // namespace

MemoryContainers::MemoryContainers(const Stores& stores, qint64 logLimit, QObject* parent)
    : QObject(parent)
    , m_stores(stores)
    , m_logLimit(logLimit) {}

MemoryContainers::~MemoryContainers() {
    // Processes end before the stores they report to.
    qDeleteAll(m_byId);
}

MemoryContainers::Counts MemoryContainers::counts() const {
    Counts counts;
    for (const MemoryContainer* c : m_byId) {
        if (c->isRunning() || c->status() == QLatin1String("restarting"))
            ++counts.running;
        else
            ++counts.stopped;
    }
    return counts;
}

MemoryContainer* MemoryContainers::find(const QString& idOrName) const {
    if (idOrName.isEmpty())
        return nullptr;
    if (MemoryContainer* byId = m_byId.value(idOrName))
        return byId;
    const QString name = idOrName.startsWith(u'/') ? idOrName.mid(1) : idOrName;
    if (MemoryContainer* byName = m_byName.value(name))
        return byName;
    // A unique prefix: the first id at or after it, and no second one sharing it.
    auto it = m_byId.lowerBound(idOrName);
    if (it == m_byId.end() || !it.key().startsWith(idOrName))
        return nullptr;
    MemoryContainer* found = it.value();
    ++it;
    if (it != m_byId.end() && it.key().startsWith(idOrName))
        return nullptr;
    return found;
}

std::optional<ContainerRef> MemoryContainers::findContainer(const QString& idOrName) const {
    const MemoryContainer* c = find(idOrName);
    if (!c)
        return std::nullopt;
    return ContainerRef{c->id(), c->name(), c->isRunning()};
}

api::Result<MemoryContainer*> MemoryContainers::lookup(const QString& id) const {
    if (MemoryContainer* c = find(id))
        return c;
    return api::ApiError::notFound(QStringLiteral("container"), id);
}

api::Result<QString> MemoryContainers::chooseName(const std::optional<QString>& requested) const {
    if (!requested || requested->isEmpty()) {
        for (;;) {
            const QString name = generatedName();
            if (!m_byName.contains(name))
                return name;
        }
    }
    static const QRegularExpression valid(QStringLiteral("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
    if (!valid.match(*requested).hasMatch())
        return api::ApiError::badRequest(
            QStringLiteral(
                "Invalid container name (%1), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
                .arg(*requested));
    const QString name = requested->startsWith(u'/') ? requested->mid(1) : *requested;
    if (const MemoryContainer* holder = m_byName.value(name))
        return api::ApiError{409, QStringLiteral("Conflict. The container name \"/%1\" is already "
                                                 "in use by container \"%2\". You have to remove "
                                                 "(or rename) that container to be able to reuse "
                                                 "that name.")
                                      .arg(name, holder->id())};
    return name;
}

api::Result<api::ContainerCreated>
MemoryContainers::createNow(const api::ContainerCreateRequest& request) {
    const auto name = chooseName(request.name);
    if (!name.ok())
        return name.error();
    const QString imageName = request.config.image.value_or(QString());
    const auto image = m_stores.images->find(imageName);
    if (!image) {
        auto reference = api::ImageReference::parse(imageName);
        QString shown = imageName;
        if (reference.ok() && reference.value().tag.isEmpty() && reference.value().digest.isEmpty())
            shown += QStringLiteral(":latest");
        return api::ApiError::notFound(QStringLiteral("image"), shown);
    }
    const QString id = MemoryClock::newId();
    auto setup = MemorySetup::build(request, *image, id, name.value(), m_stores.volumes);
    if (!setup.ok()) {
        m_stores.volumes->release(id, true);
        return setup.error();
    }
    setup.value().logLimit = m_logLimit;

    // Docker joins the networks of EndpointsConfig when it names any, else NetworkMode's.
    const ContainerRef ref{id, name.value(), false};
    QString mode = setup.value().hostConfig.networkMode.value_or(QStringLiteral("default"));
    if (mode == QLatin1String("default"))
        mode = QStringLiteral("bridge");
    QMap<QString, api::EndpointSettings> endpoints;
    if (request.networkingConfig)
        endpoints = request.networkingConfig->endpointsConfig.value_or(endpoints);
    if (endpoints.isEmpty() && !mode.startsWith(QLatin1String("container:")))
        endpoints.insert(mode, api::EndpointSettings{});
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        const auto attached = m_stores.networks->attach(it.key(), ref, it.value());
        if (!attached.ok()) {
            m_stores.networks->detachAll(id);
            m_stores.volumes->release(id, true);
            return attached.error();
        }
    }

    auto* container = new MemoryContainer(setup.value(), m_stores.events, this);
    m_byId.insert(id, container);
    m_byName.insert(name.value(), container);
    connect(container, &MemoryContainer::starting, this,
            [this, id] { m_stores.networks->containerStarted(id); });
    connect(container, &MemoryContainer::exited, this,
            [this, id] { m_stores.networks->containerStopped(id); });
    connect(container, &MemoryContainer::autoRemoveDue, this, [this, container] {
        if (m_byId.value(container->id()) == container)
            removeNow(container, true);
    });
    m_stores.events->publish(QStringLiteral("container"), QStringLiteral("create"), id,
                             container->eventAttributes());
    return api::ContainerCreated{id, {}};
}

void MemoryContainers::create(const api::ContainerCreateRequest& request, QObject* context,
                              Callback<api::ContainerCreated> done) {
    runLater(context, done, [this, request] { return createNow(request); });
}

void MemoryContainers::list(const api::ContainerListOptions& options, QObject* context,
                            Callback<QList<api::ContainerSummary>> done) {
    runLater(context, done, [this, options]() -> Result<QList<api::ContainerSummary>> {
        const auto filters = MemoryContainerFilters::make(
            options.filters, [this](const QString& id) { return find(id); },
            [this](const QString& name) {
                const auto image = m_stores.images->find(name);
                return image ? image->id : QString();
            });
        if (!filters.ok())
            return filters.error();
        // Newest first, as Docker lists them.
        QList<const MemoryContainer*> matching;
        for (const MemoryContainer* c : m_byId) {
            const bool live = c->isRunning() || c->status() == QLatin1String("restarting");
            if (!options.all && !live && !options.filters.has(QStringLiteral("status")))
                continue;
            if (filters.value().matches(*c, m_stores.networks->endpointsOf(c->id())))
                matching.append(c);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const MemoryContainer* a, const MemoryContainer* b) {
                      return a->setup().createdNanos > b->setup().createdNanos;
                  });
        if (options.limit > 0 && matching.size() > options.limit)
            matching.resize(options.limit);
        QList<api::ContainerSummary> summaries;
        summaries.reserve(matching.size());
        for (const MemoryContainer* c : matching) {
            api::ContainerSummary summary =
                MemoryContainerView::summary(*c, m_stores.networks->endpointsOf(c->id()));
            if (options.size) {
                // Nothing is ever written: the root file system is the image.
                summary.extra.insert(QStringLiteral("SizeRw"), 0);
                summary.extra.insert(QStringLiteral("SizeRootFs"), c->setup().imageSize);
            }
            summaries.append(summary);
        }
        return summaries;
    });
}

void MemoryContainers::inspect(const QString& id, bool size, QObject* context,
                               Callback<api::ContainerInspect> done) {
    runLater(context, done, [this, id, size]() -> Result<api::ContainerInspect> {
        const auto c = lookup(id);
        if (!c.ok())
            return c.error();
        api::ContainerInspect inspect = MemoryContainerView::inspect(
            *c.value(), m_stores.networks->endpointsOf(c.value()->id()));
        if (size) {
            inspect.extra.insert(QStringLiteral("SizeRw"), 0);
            inspect.extra.insert(QStringLiteral("SizeRootFs"), c.value()->setup().imageSize);
        }
        return inspect;
    });
}

void MemoryContainers::start(const QString& id, QObject* context, Callback<Nothing> done) {
    runLater(context, done, [this, id]() -> Result<Nothing> {
        const auto c = lookup(id);
        if (!c.ok())
            return c.error();
        return c.value()->start();
    });
}

void MemoryContainers::stop(const QString& id, const api::ContainerStopOptions& options,
                            QObject* context, Callback<Nothing> done) {
    QTimer::singleShot(0, context, [this, id, options, context, done] {
        const auto c = lookup(id);
        if (!c.ok())
            return done(c.error());
        MemoryContainer* container = c.value();
        const int signo = signalOf(options.signal.isEmpty()
                                       ? container->setup().config.stopSignal.value_or(QString())
                                       : options.signal,
                                   kSigTerm);
        if (signo <= 0)
            return done(api::ApiError::badRequest(
                QStringLiteral("Invalid signal: %1").arg(options.signal)));
        const qint64 timeout = options.timeout.value_or(
            container->setup().config.stopTimeout.value_or(kDefaultStopTimeout));
        QPointer<QObject> guard(context);
        const auto result = container->stop(signo, timeout, [guard, done] {
            if (guard)
                done(Nothing{});
        });
        if (!result.ok())
            done(result.error());
    });
}

void MemoryContainers::kill(const QString& id, const QString& signal, QObject* context,
                            Callback<Nothing> done) {
    runLater(context, done, [this, id, signal]() -> Result<Nothing> {
        const auto c = lookup(id);
        if (!c.ok())
            return c.error();
        const int signo = signalOf(signal, kSigKill);
        if (signo <= 0)
            return api::ApiError::badRequest(QStringLiteral("Invalid signal: %1").arg(signal));
        auto result = c.value()->kill(signo);
        if (!result.ok() && result.error().status == 409)
            return api::ApiError{
                409,
                QStringLiteral("Cannot kill container: %1: %2").arg(id, result.error().message)};
        return result;
    });
}

void MemoryContainers::removeNow(MemoryContainer* container, bool removeVolumes) {
    m_byId.remove(container->id());
    m_byName.remove(container->name());
    m_stores.networks->detachAll(container->id());
    m_stores.volumes->release(container->id(), removeVolumes);
    container->markRemoved();
    container->deleteLater();
}

void MemoryContainers::remove(const QString& id, const api::ContainerRemoveOptions& options,
                              QObject* context, Callback<Nothing> done) {
    runLater(context, done, [this, id, options]() -> Result<Nothing> {
        const auto c = lookup(id);
        if (!c.ok())
            return c.error();
        MemoryContainer* container = c.value();
        const bool live =
            container->isRunning() || container->status() == QLatin1String("restarting");
        if (live && !options.force)
            return api::ApiError{
                409, QStringLiteral("You cannot remove a running container %1. Stop the container "
                                    "before attempting removal or force remove")
                         .arg(container->id())};
        if (live)
            container->killNow();
        removeNow(container, options.volumes);
        return Nothing{};
    });
}

BackendStream* MemoryContainers::wait(const QString& id, api::WaitCondition condition,
                                      QObject* context) {
    MemoryContainer* container = find(id);
    if (!container)
        return new MemoryFailedStream(api::ApiError::notFound(QStringLiteral("container"), id),
                                      context);
    return new MemoryWaitStream(container, condition, context);
}

BackendStream* MemoryContainers::logs(const QString& id, const api::ContainerLogsOptions& options,
                                      QObject* context) {
    MemoryContainer* container = find(id);
    if (!container)
        return new MemoryFailedStream(api::ApiError::notFound(QStringLiteral("container"), id),
                                      context);
    return new MemoryLogStream(container, options, context);
}

} // namespace sockerless::backends::memory
