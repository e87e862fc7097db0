#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace sockerless::backends::memory {

/// A manifest from a registry: an image manifest (Docker schema 2 or OCI) or a list of them per
/// platform (Docker manifest list or OCI index).
struct RegistryManifest {
    struct Layer {
        QString digest;
        qint64 size = 0;
    };
    struct Platform {
        QString digest;
        QString os;
        QString architecture;
        QString variant;
    };

    bool isList = false;
    QString configDigest;    ///< image manifest: the config blob
    QList<Layer> layers;     ///< image manifest: the layer blobs, base first
    QList<Platform> entries; ///< list: one per platform

    /// The `Accept` value that asks for every kind this reader knows.
    static QByteArray acceptHeader();

    /// Reads a manifest body; nothing with `*error` set when it is not one this reader knows
    /// (schema 1 included: Docker 20.10 still reads it, registries no longer serve it).
    static std::optional<RegistryManifest> parse(const QByteArray& body, QString* error);

    /// The list entry for `platform` (`os[/arch[/variant]]`; empty means this host, as Docker
    /// picks it), or nothing.
    std::optional<Platform> choose(const QString& platform) const;

    /// `os/arch[/variant]` of this host as Docker names it (`linux/amd64`, `linux/arm64/v8`).
    static QString hostPlatform();
};

} // namespace sockerless::backends::memory
