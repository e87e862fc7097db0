#pragma once

#include "api/imagetypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sockerless::backends::memory {

/// One image of the memory backend: its config blob (what its id is the digest of) and what
/// Docker keeps beside it. Layers are not kept: only their sizes count.
struct ImageRecord {
    QString id;          ///< `sha256:` + the sha256 of the config blob
    QJsonObject config;  ///< the config blob, parsed (`config`, `rootfs`, `os` ...)
    qint64 size = 0;     ///< the layers' size, as Docker reports `Size`
    QStringList tags;    ///< normalised `repo:tag` names
    QStringList digests; ///< normalised `repo@sha256:<manifest digest>` names
    QString lastTagTime; ///< when `tag` last named it (Docker's `Metadata.LastTagTime`)

    /// A record for the config blob `configBlob`; nothing when it is not a JSON object.
    static std::optional<ImageRecord> fromConfig(const QByteArray& configBlob, qint64 size);

    /// The layers' diff ids (`rootfs.diff_ids`).
    QStringList diffIds() const;

    /// The inspect object, with every field Docker 20.10 shows (`RepoTags` in familiar form).
    api::Image toApi() const;
};

/// `sha256:<hex>` of `bytes`.
QString sha256Digest(const QByteArray& bytes);

} // namespace sockerless::backends::memory
