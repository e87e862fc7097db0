// The builtins that change the shell itself: exit, export, unset, trap, break, continue, sh,
// exec, shift, set, cd, read.
#include "shellcommands.h"

#include "shellinterpreter.h"

#include <algorithm>

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

bool isName(const QString& text) {
    if (text.isEmpty() || text[0].isDigit())
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c == u'_' || (c.unicode() < 128 && c.isLetterOrNumber());
    });
}

/// `'text'` with embedded single quotes as `'\''`, as busybox prints values.
QString singleQuoted(const QString& text) {
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

/// Reads the optional count of exit/break/continue/shift; reports a bad one.
bool optionalCount(ShellInterpreter& shell, const QStringList& args, int fallback, int* count) {
    *count = fallback;
    if (args.size() < 2)
        return true;
    bool ok = false;
    *count = args[1].toInt(&ok);
    if (!ok || *count < 0) {
        shell.printError(u"sh: "_s + args[0] + u": Illegal number: "_s + args[1]);
        return false;
    }
    return true;
}

/// The signal number of a trap condition (`EXIT`/`0` is 0), or nullopt.
std::optional<int> trapCondition(const QString& spec) {
    if (spec == u"0" || spec.compare(u"EXIT"_s, Qt::CaseInsensitive) == 0)
        return 0;
    return ProcessControl::signalNumber(spec);
}

} // namespace

namespace commands {

int exitCommand(ShellInterpreter& shell, const QStringList& args) {
    int status = 0;
    if (!optionalCount(shell, args, shell.state().lastStatus, &status))
        throw ExitRequest{2};
    throw ExitRequest{status & 0xff};
}

int exportCommand(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2 || args[1] == u"-p") {
        QByteArray out;
        for (const QString& entry : shell.environment()) {
            const qsizetype equals = entry.indexOf(u'=');
            out += (u"export "_s + entry.left(equals) + u"="_s +
                    singleQuoted(entry.mid(equals + 1)) + u"\n"_s)
                       .toUtf8();
        }
        shell.out().write(out);
        return 0;
    }
    int status = 0;
    for (const QString& arg : args.mid(1)) {
        const qsizetype equals = arg.indexOf(u'=');
        const QString name = equals < 0 ? arg : arg.left(equals);
        if (!isName(name)) {
            shell.printError(u"sh: export: "_s + name + u": bad variable name"_s);
            status = 1;
            continue;
        }
        if (equals >= 0)
            shell.setVariable(name, arg.mid(equals + 1));
        shell.exportVariable(name);
    }
    return status;
}

int unset(ShellInterpreter& shell, const QStringList& args) {
    for (const QString& arg : args.mid(1)) {
        if (arg != u"-v" && arg != u"-f")
            shell.unsetVariable(arg);
    }
    return 0;
}

int trap(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2 || args[1] == u"-p") {
        QList<int> numbers = shell.state().traps.keys();
        std::sort(numbers.begin(), numbers.end());
        QByteArray out;
        for (int signo : numbers) {
            const QString name = signo == 0 ? u"EXIT"_s : ProcessControl::signalName(signo);
            out += (u"trap -- "_s + singleQuoted(shell.state().traps.value(signo)) + u" "_s + name +
                    u"\n"_s)
                       .toUtf8();
        }
        shell.out().write(out);
        return 0;
    }
    qsizetype first = 1;
    std::optional<QString> command;
    bool isNumber = false;
    args[1].toUInt(&isNumber);
    if (args[1] == u"--" && args.size() > 2)
        ++first;
    if (args[first] == u"-" || isNumber) {
        // `trap - SIG...` and `trap N...`: back to the default action.
        if (!isNumber)
            ++first;
    } else {
        command = args[first++];
    }
    int status = 0;
    for (const QString& spec : args.mid(first)) {
        const std::optional<int> signo = trapCondition(spec);
        if (!signo) {
            shell.printError(u"sh: trap: "_s + spec + u": invalid signal specification"_s);
            status = 1;
            continue;
        }
        shell.setTrap(*signo, command);
    }
    return status;
}

int breakCommand(ShellInterpreter& shell, const QStringList& args) {
    int levels = 1;
    if (!optionalCount(shell, args, 1, &levels))
        return 1;
    shell.requestLoopExit(levels, false);
    return 0;
}

int continueCommand(ShellInterpreter& shell, const QStringList& args) {
    int levels = 1;
    if (!optionalCount(shell, args, 1, &levels))
        return 1;
    shell.requestLoopExit(levels, true);
    return 0;
}

int sh(ShellInterpreter& shell, const QStringList& args) {
    // sh [-options] [-c script [name [args...]] | file [args...]]; options other than -c and -e
    // (like -x) are accepted and have no effect.
    bool command = false;
    bool errexit = false;
    qsizetype i = 1;
    for (; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (arg == u"--") {
            ++i;
            break;
        }
        if (arg.size() < 2 || (!arg.startsWith(u'-') && !arg.startsWith(u'+')))
            break;
        if (arg.startsWith(u'-') && arg.contains(u'c'))
            command = true;
        if (arg.startsWith(u'-') && arg.contains(u'e'))
            errexit = true;
    }
    if (command) {
        if (i >= args.size()) {
            shell.printError(u"sh: -c requires an argument"_s);
            return 2;
        }
        const QString& script = args[i];
        const QString name = i + 1 < args.size() ? args[i + 1] : args[0];
        return shell.runNestedShell(script, name, args.mid(i + 2), errexit);
    }
    if (i < args.size()) {
        shell.printError(u"sh: can't open '"_s + args[i] + u"': No such file or directory"_s);
        return 2;
    }
    return shell.runNestedShell(QString(), args[0], {}, errexit);
}

int exec(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2)
        return 0;
    throw ExitRequest{shell.executeAsProgram(args.mid(1)) & 0xff};
}

int shift(ShellInterpreter& shell, const QStringList& args) {
    int count = 1;
    if (!optionalCount(shell, args, 1, &count))
        return 1;
    QStringList& positional = shell.state().positional;
    if (count > positional.size()) {
        shell.printError(u"sh: shift: can't shift that many"_s);
        return 1;
    }
    positional.remove(0, count);
    return 0;
}

int set(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2) {
        QByteArray out;
        for (const QString& name : shell.state().order)
            out += (name + u"="_s + singleQuoted(shell.state().variables[name].value) + u"\n"_s)
                       .toUtf8();
        shell.out().write(out);
        return 0;
    }
    // -e/+e (and -o errexit) switch errexit; other options (-x, -u ...) are accepted and have
    // no effect; what follows `--` or the first non-option replaces the positional parameters.
    qsizetype i = 1;
    bool replace = false;
    for (; i < args.size(); ++i) {
        if (args[i] == u"--") {
            ++i;
            replace = true;
            break;
        }
        if (args[i] == u"-o" || args[i] == u"+o") {
            if (i + 1 < args.size() && args[i + 1] == u"errexit")
                shell.state().errexit = args[i] == u"-o";
            ++i;
            continue;
        }
        if (!args[i].startsWith(u'-') && !args[i].startsWith(u'+')) {
            replace = true;
            break;
        }
        if (args[i].contains(u'e'))
            shell.state().errexit = args[i].startsWith(u'-');
    }
    if (replace)
        shell.state().positional = args.mid(i);
    return 0;
}

int cd(ShellInterpreter& shell, const QStringList& args) {
    const QString home = shell.variable(u"HOME"_s).value_or(u"/"_s);
    const QString target = args.size() > 1 ? args[1] : home;
    const QString path = shell.resolvePath(target);
    const ShellFileSystem::Type type = shell.fileSystem().type(path);
    if (type != ShellFileSystem::Type::Directory) {
        shell.printError(u"sh: cd: can't cd to "_s + target + u": "_s +
                         (type == ShellFileSystem::Type::None ? u"No such file or directory"_s
                                                              : u"Not a directory"_s));
        return 1;
    }
    shell.state().workingDir = path;
    shell.setVariable(u"PWD"_s, path);
    return 0;
}

int read(ShellInterpreter& shell, const QStringList& args) {
    bool raw = false;
    QStringList names;
    for (const QString& arg : args.mid(1)) {
        if (names.isEmpty() && arg == u"-r")
            raw = true;
        else
            names << arg;
    }
    for (const QString& name : names) {
        if (!isName(name)) {
            shell.printError(u"sh: read: '"_s + name + u"': not a valid identifier"_s);
            return 2;
        }
    }
    if (names.isEmpty())
        names << u"REPLY"_s;
    // Byte by byte, so that what follows the line stays for the next reader of stdin. A
    // backslash (without -r) escapes the next character; before a newline it joins lines.
    QByteArray line;
    QList<bool> escaped; ///< per byte of `line`: it came after a backslash
    bool eof = false;
    bool pendingBackslash = false;
    for (;;) {
        const QByteArray byte = shell.in().read(1);
        if (byte.isEmpty()) {
            eof = true;
            break;
        }
        if (pendingBackslash) {
            pendingBackslash = false;
            if (byte != "\n") {
                line += byte;
                escaped << true;
            }
            continue;
        }
        if (byte == "\n")
            break;
        if (!raw && byte == "\\") {
            pendingBackslash = true;
            continue;
        }
        line += byte;
        escaped << false;
    }
    // Splits on IFS (default blanks); the last name takes the rest of the line.
    const QString ifs = shell.variable(u"IFS"_s).value_or(u" \t\n"_s);
    const QString text = QString::fromUtf8(line);
    const bool sameLength = text.size() == line.size(); // escapes are tracked for ASCII only
    auto isSeparator = [&](qsizetype i) {
        return ifs.contains(text[i]) && !(sameLength && escaped[i]);
    };
    qsizetype at = 0;
    while (at < text.size() && isSeparator(at))
        ++at;
    for (qsizetype n = 0; n < names.size(); ++n) {
        if (n + 1 == names.size()) {
            qsizetype end = text.size();
            while (end > at && isSeparator(end - 1))
                --end;
            shell.setVariable(names[n], text.mid(at, end - at));
            break;
        }
        const qsizetype start = at;
        while (at < text.size() && !isSeparator(at))
            ++at;
        shell.setVariable(names[n], text.mid(start, at - start));
        while (at < text.size() && isSeparator(at))
            ++at;
    }
    return eof ? 1 : 0;
}

} // namespace commands

} // namespace sockerless::backends::memory::shell
