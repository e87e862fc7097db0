// The utilities of the container's file system: cat, touch, rm, mkdir, ls.
#include "shellcommands.h"

#include "shellinterpreter.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype readChunk = qsizetype{16} * 1024;

using Error = ShellFileSystem::Error;

/// Splits `args` into single-letter options (`-rf`) and operands; a `--` ends the options.
/// Returns false (after busybox's message) on an option not in `known`.
bool parseOptions(ShellInterpreter& shell, const QStringList& args, const QString& known,
                  QString* options, QStringList* operands) {
    bool optionsDone = false;
    for (const QString& arg : args.mid(1)) {
        if (optionsDone || arg.size() < 2 || !arg.startsWith(u'-')) {
            *operands << arg;
            continue;
        }
        if (arg == u"--") {
            optionsDone = true;
            continue;
        }
        for (const QChar c : arg.mid(1)) {
            if (!known.contains(c)) {
                shell.printError(args[0] + u": unrecognized option: "_s + c);
                return false;
            }
            *options += c;
        }
    }
    return true;
}

} // namespace

namespace commands {

int cat(ShellInterpreter& shell, const QStringList& args) {
    QStringList files = args.mid(1);
    if (files.isEmpty())
        files << u"-"_s;
    int status = 0;
    for (const QString& file : files) {
        if (file == u"-") {
            for (QByteArray data = shell.in().read(readChunk); !data.isEmpty();
                 data = shell.in().read(readChunk))
                shell.out().write(data);
            continue;
        }
        Error error = Error::None;
        const std::optional<QByteArray> content =
            shell.fileSystem().read(shell.resolvePath(file), &error);
        if (!content) {
            shell.printError(error == Error::IsDirectory
                                 ? u"cat: read error: Is a directory"_s
                                 : u"cat: can't open '"_s + file + u"': "_s +
                                       ShellFileSystem::message(error));
            status = 1;
            continue;
        }
        shell.out().write(*content);
    }
    return status;
}

int touch(ShellInterpreter& shell, const QStringList& args) {
    QString options;
    QStringList files;
    if (!parseOptions(shell, args, u"cam"_s, &options, &files))
        return 1;
    if (files.isEmpty()) {
        shell.printError(u"touch: missing operand"_s);
        return 1;
    }
    int status = 0;
    for (const QString& file : files) {
        const Error error = shell.fileSystem().touch(shell.resolvePath(file));
        if (error != Error::None) {
            shell.printError(u"touch: "_s + file + u": "_s + ShellFileSystem::message(error));
            status = 1;
        }
    }
    return status;
}

int rm(ShellInterpreter& shell, const QStringList& args) {
    QString options;
    QStringList files;
    if (!parseOptions(shell, args, u"frRiv"_s, &options, &files))
        return 1;
    const bool force = options.contains(u'f');
    const bool recursive = options.contains(u'r') || options.contains(u'R');
    if (files.isEmpty() && !force) {
        shell.printError(u"rm: missing operand"_s);
        return 1;
    }
    int status = 0;
    for (const QString& file : files) {
        const Error error = shell.fileSystem().remove(shell.resolvePath(file), recursive);
        if (error == Error::NotFound && force)
            continue;
        if (error == Error::IsDirectory) {
            shell.printError(u"rm: '"_s + file + u"' is a directory"_s);
            status = 1;
        } else if (error != Error::None) {
            shell.printError(u"rm: can't remove '"_s + file + u"': "_s +
                             ShellFileSystem::message(error));
            status = 1;
        }
    }
    return status;
}

int mkdir(ShellInterpreter& shell, const QStringList& args) {
    QString options;
    QStringList dirs;
    if (!parseOptions(shell, args, u"pv"_s, &options, &dirs))
        return 1;
    if (dirs.isEmpty()) {
        shell.printError(u"mkdir: missing operand"_s);
        return 1;
    }
    int status = 0;
    for (const QString& dir : dirs) {
        const Error error =
            shell.fileSystem().makeDirectory(shell.resolvePath(dir), options.contains(u'p'));
        if (error != Error::None) {
            shell.printError(u"mkdir: can't create directory '"_s + dir + u"': "_s +
                             ShellFileSystem::message(error));
            status = 1;
        }
    }
    return status;
}

int ls(ShellInterpreter& shell, const QStringList& args) {
    QString options;
    QStringList paths;
    if (!parseOptions(shell, args, u"a1lA"_s, &options, &paths))
        return 1;
    if (paths.isEmpty())
        paths << u"."_s;
    int status = 0;
    QByteArray out;
    for (const QString& path : paths) {
        const QString absolute = shell.resolvePath(path);
        const ShellFileSystem::Type type = shell.fileSystem().type(absolute);
        if (type == ShellFileSystem::Type::None) {
            shell.printError(u"ls: "_s + path + u": No such file or directory"_s);
            status = 1;
            continue;
        }
        if (type != ShellFileSystem::Type::Directory) {
            out += (path + u"\n"_s).toUtf8();
            continue;
        }
        QStringList names = shell.fileSystem().list(absolute).value_or(QStringList());
        if (options.contains(u'a'))
            names = QStringList{u"."_s, u".."_s} + names;
        if (paths.size() > 1)
            out += (path + u":\n"_s).toUtf8();
        for (const QString& name : names) {
            if (name.startsWith(u'.') && !options.contains(u'a') && !options.contains(u'A'))
                continue;
            out += (name + u"\n"_s).toUtf8();
        }
    }
    shell.out().write(out);
    return status;
}

} // namespace commands

} // namespace sockerless::backends::memory::shell
