#include "backends/memory/imagetarball.h"

#include <QMap>

namespace sockerless::backends::memory {

namespace {

constexpr qsizetype kBlock = 512;

// Field offsets and sizes of a ustar header.
constexpr qsizetype kNameOffset = 0;
constexpr qsizetype kNameSize = 100;
constexpr qsizetype kSizeOffset = 124;
constexpr qsizetype kSizeSize = 12;
constexpr qsizetype kChecksumOffset = 148;
constexpr qsizetype kChecksumSize = 8;
constexpr qsizetype kTypeOffset = 156;
constexpr qsizetype kLinkOffset = 157;
constexpr qsizetype kLinkSize = 100;
constexpr qsizetype kMagicOffset = 257;
constexpr qsizetype kPrefixOffset = 345;
constexpr qsizetype kPrefixSize = 155;

// A NUL-terminated (or full-width) text field.
QByteArrayView field(QByteArrayView header, qsizetype offset, qsizetype size) {
    const QByteArrayView raw = header.sliced(offset, size);
    const qsizetype nul = raw.indexOf('\0');
    return nul < 0 ? raw : raw.first(nul);
}

// An octal number field (spaces and NULs around it allowed), or GNU's base-256 form for sizes
// over 8 GiB. -1 when it is neither.
qint64 number(QByteArrayView header, qsizetype offset, qsizetype size) {
    const QByteArrayView raw = header.sliced(offset, size);
    if (!raw.isEmpty() && (static_cast<unsigned char>(raw.at(0)) & 0x80U) != 0) {
        qint64 value = 0;
        for (qsizetype i = 1; i < raw.size(); ++i)
            value = (value << 8) | static_cast<unsigned char>(raw.at(i));
        return value;
    }
    qint64 value = 0;
    bool digits = false;
    for (const char c : raw) {
        if (c >= '0' && c <= '7') {
            value = value * 8 + (c - '0');
            digits = true;
        } else if (c == ' ' || c == '\0') {
            if (digits)
                break;
        } else {
            return -1;
        }
    }
    return digits ? value : 0;
}

// Whether the header's checksum holds (the checksum field itself counted as spaces). Some old
// writers summed signed bytes: both sums are accepted, as Go's archive/tar does.
bool checksumHolds(QByteArrayView header) {
    const qint64 stored = number(header, kChecksumOffset, kChecksumSize);
    qint64 unsignedSum = 0;
    qint64 signedSum = 0;
    for (qsizetype i = 0; i < kBlock; ++i) {
        const bool inChecksum = i >= kChecksumOffset && i < kChecksumOffset + kChecksumSize;
        const char c = inChecksum ? ' ' : header.at(i);
        unsignedSum += static_cast<unsigned char>(c);
        signedSum += static_cast<signed char>(c);
    }
    return stored >= 0 && (stored == unsignedSum || stored == signedSum);
}

bool isZeroBlock(QByteArrayView block) {
    for (const char c : block) {
        if (c != '\0')
            return false;
    }
    return true;
}

// The records of a pax extended header: `<len> <key>=<value>\n` each.
QMap<QString, QString> paxRecords(QByteArrayView data) {
    QMap<QString, QString> records;
    while (!data.isEmpty()) {
        const qsizetype space = data.indexOf(' ');
        bool ok = false;
        const qsizetype length = space > 0 ? data.first(space).toLongLong(&ok) : 0;
        if (!ok || length <= space + 1 || length > data.size())
            break;
        QByteArrayView record = data.sliced(space + 1, length - space - 1);
        if (record.endsWith('\n'))
            record.chop(1);
        const qsizetype equals = record.indexOf('=');
        if (equals > 0)
            records.insert(QString::fromUtf8(record.first(equals)),
                           QString::fromUtf8(record.sliced(equals + 1)));
        data = data.sliced(length);
    }
    return records;
}

QString cleanName(QString name) {
    while (name.startsWith(QLatin1String("./")))
        name.remove(0, 2);
    return name;
}

} // namespace

QList<TarEntry> TarReader::read(QByteArrayView archive, QString* error) {
    QList<TarEntry> entries;
    QString problem;
    // What pax `x` and GNU `L`/`K` members say about the member that follows them.
    QMap<QString, QString> pax;
    std::optional<QString> longName;
    std::optional<QString> longLink;
    qsizetype at = 0;
    while (true) {
        if (at >= archive.size())
            break; // no end-of-archive blocks: Go's reader accepts that too
        if (archive.size() - at < kBlock) {
            problem = QStringLiteral("unexpected EOF");
            break;
        }
        const QByteArrayView header = archive.sliced(at, kBlock);
        if (isZeroBlock(header))
            break;
        if (!checksumHolds(header)) {
            problem = QStringLiteral("archive/tar: invalid tar header");
            break;
        }
        const qint64 headerSize = number(header, kSizeOffset, kSizeSize);
        qint64 size = headerSize;
        const char type = header.at(kTypeOffset);
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            // These are read before the pax size could apply to them.
        } else if (pax.contains(QStringLiteral("size"))) {
            bool ok = false;
            size = pax.value(QStringLiteral("size")).toLongLong(&ok);
            if (!ok)
                size = -1;
        }
        if (size < 0) {
            problem = QStringLiteral("archive/tar: invalid tar header");
            break;
        }
        const qsizetype dataAt = at + kBlock;
        if (size > archive.size() - dataAt) {
            problem = QStringLiteral("unexpected EOF");
            break;
        }
        const QByteArrayView data = archive.sliced(dataAt, size);
        at = dataAt + ((size + kBlock - 1) / kBlock) * kBlock;

        switch (type) {
        case 'x':
            pax.insert(paxRecords(data));
            continue;
        case 'g':
            continue; // global records: nothing docker save relies on
        case 'L':
            longName = QString::fromUtf8(field(data, 0, data.size()));
            continue;
        case 'K':
            longLink = QString::fromUtf8(field(data, 0, data.size()));
            continue;
        default:
            break;
        }

        TarEntry entry;
        entry.type = type;
        entry.size = size;
        entry.data = data;
        QString name = QString::fromUtf8(field(header, kNameOffset, kNameSize));
        if (header.sliced(kMagicOffset, 6) == QByteArrayView("ustar\0", 6)) {
            const QByteArrayView prefix = field(header, kPrefixOffset, kPrefixSize);
            if (!prefix.isEmpty())
                name = QString::fromUtf8(prefix) + u'/' + name;
        }
        if (longName)
            name = *longName;
        if (pax.contains(QStringLiteral("path")))
            name = pax.value(QStringLiteral("path"));
        entry.name = cleanName(name);
        entry.linkName = QString::fromUtf8(field(header, kLinkOffset, kLinkSize));
        if (longLink)
            entry.linkName = *longLink;
        if (pax.contains(QStringLiteral("linkpath")))
            entry.linkName = pax.value(QStringLiteral("linkpath"));
        entries.append(entry);
        pax.clear();
        longName.reset();
        longLink.reset();
    }
    if (error)
        *error = problem;
    return entries;
}

std::optional<qint64> TarReader::contentSize(QByteArrayView layer) {
    QString error;
    const QList<TarEntry> entries = read(layer, &error);
    if (!error.isEmpty() || (entries.isEmpty() && !layer.isEmpty() && !isZeroBlock(layer)))
        return std::nullopt;
    qint64 size = 0;
    for (const TarEntry& entry : entries) {
        if (entry.isFile())
            size += entry.size;
        else if (entry.type == '2')
            size += entry.linkName.toUtf8().size();
    }
    return size;
}

} // namespace sockerless::backends::memory
