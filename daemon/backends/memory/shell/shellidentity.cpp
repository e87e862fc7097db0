// id and whoami: the process's user (Docker's `User`) looked up in the container's /etc/passwd
// and /etc/group, printed as busybox prints it.
#include "shellcommands.h"

#include "shellinterpreter.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// A resolved identity; a name is empty when the number has no entry.
struct Identity {
    qint64 uid = 0;
    qint64 gid = 0;
    QString userName;
    QString groupName;
};

/// The lines of a colon-separated database file, split into fields.
QList<QStringList> entries(ShellInterpreter& shell, const QString& path) {
    QList<QStringList> out;
    const QByteArray content = shell.fileSystem().read(path).value_or(QByteArray());
    for (const QString& line : QString::fromUtf8(content).split(u'\n', Qt::SkipEmptyParts))
        out << line.split(u':');
    return out;
}

/// Looks `spec` (a name or a number) up in the field `nameField`/`idField` of `table`; sets
/// `*id` and `*name`. Returns false for an unknown name.
bool lookUp(const QList<QStringList>& table, const QString& spec, qint64* id, QString* name) {
    bool numeric = false;
    const qint64 number = spec.toLongLong(&numeric);
    for (const QStringList& fields : table) {
        if (fields.size() < 3)
            continue;
        if (numeric ? fields[2].toLongLong() == number : fields[0] == spec) {
            *id = fields[2].toLongLong();
            *name = fields[0];
            return true;
        }
    }
    if (!numeric)
        return false;
    *id = number;
    name->clear();
    return true;
}

/// The identity of `user` (`name`, `uid`, `name:group`, `uid:gid`, empty = root); prints
/// `id: unknown user NAME` and returns nullopt for a name that does not exist.
std::optional<Identity> resolve(ShellInterpreter& shell, const QString& command) {
    const QString user = shell.state().user.isEmpty() ? u"0"_s : shell.state().user;
    const QString userSpec = user.section(u':', 0, 0);
    const QString groupSpec = user.contains(u':') ? user.section(u':', 1) : QString();
    const QList<QStringList> passwd = entries(shell, u"/etc/passwd"_s);
    const QList<QStringList> groups = entries(shell, u"/etc/group"_s);
    Identity identity;
    if (!lookUp(passwd, userSpec, &identity.uid, &identity.userName)) {
        shell.printError(command + u": unknown user "_s + userSpec);
        return std::nullopt;
    }
    if (!groupSpec.isEmpty()) {
        if (!lookUp(groups, groupSpec, &identity.gid, &identity.groupName)) {
            shell.printError(command + u": unknown group "_s + groupSpec);
            return std::nullopt;
        }
        return identity;
    }
    // Without a group the user's primary group from /etc/passwd applies (0 when unknown).
    for (const QStringList& fields : passwd)
        if (fields.size() > 3 && !identity.userName.isEmpty() && fields[0] == identity.userName)
            identity.gid = fields[3].toLongLong();
    lookUp(groups, QString::number(identity.gid), &identity.gid, &identity.groupName);
    return identity;
}

/// `123(name)`, or `123` when the number has no name.
QString numberAndName(qint64 number, const QString& name) {
    return name.isEmpty() ? QString::number(number)
                          : QString::number(number) + u"("_s + name + u")"_s;
}

} // namespace

namespace commands {

int id(ShellInterpreter& shell, const QStringList& args) {
    bool user = false;
    bool group = false;
    bool names = false;
    bool groupList = false;
    for (const QString& arg : args.mid(1)) {
        if (arg.size() < 2 || !arg.startsWith(u'-')) {
            shell.printError(u"id: unknown user "_s + arg);
            return 1;
        }
        for (const QChar c : arg.mid(1)) {
            if (c == u'u')
                user = true;
            else if (c == u'g')
                group = true;
            else if (c == u'n')
                names = true;
            else if (c == u'G')
                groupList = true;
            else if (c != u'r') {
                shell.printError(u"id: unrecognized option: "_s + c);
                return 1;
            }
        }
    }
    const std::optional<Identity> identity = resolve(shell, u"id"_s);
    if (!identity)
        return 1;
    QString line;
    if (user || group || groupList) {
        const qint64 number = user ? identity->uid : identity->gid;
        const QString& name = user ? identity->userName : identity->groupName;
        if (names && name.isEmpty()) {
            // busybox prints the number and fails when a name is asked for but missing.
            shell.out().write((QString::number(number) + u"\n"_s).toUtf8());
            return 1;
        }
        line = names ? name : QString::number(number);
    } else {
        const QString groupText = numberAndName(identity->gid, identity->groupName);
        line = u"uid="_s + numberAndName(identity->uid, identity->userName) + u" gid="_s +
               groupText + u" groups="_s + groupText;
    }
    shell.out().write((line + u"\n"_s).toUtf8());
    return 0;
}

int whoami(ShellInterpreter& shell, const QStringList&) {
    const std::optional<Identity> identity = resolve(shell, u"whoami"_s);
    if (!identity)
        return 1;
    if (identity->userName.isEmpty()) {
        shell.printError(u"whoami: unknown uid "_s + QString::number(identity->uid));
        return 1;
    }
    shell.out().write((identity->userName + u"\n"_s).toUtf8());
    return 0;
}

} // namespace commands

} // namespace sockerless::backends::memory::shell
