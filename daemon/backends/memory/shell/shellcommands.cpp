#include "shellcommands.h"

#include "shellinterpreter.h"

#include <QHash>

#include <cmath>

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype readChunk = qsizetype{16} * 1024;

QByteArray utf8Line(const QString& text) {
    return (text + u"\n"_s).toUtf8();
}

/// Parses a count for head: a non-negative decimal number.
bool parseCount(const QString& text, qint64* count) {
    bool ok = false;
    *count = text.toLongLong(&ok);
    return ok && *count >= 0;
}

/// Parses one operand of sleep: seconds with an optional fraction and s/m/h/d suffix, or inf.
bool parseDuration(QString text, double* seconds) {
    if (text.compare(u"inf"_s, Qt::CaseInsensitive) == 0 ||
        text.compare(u"infinity"_s, Qt::CaseInsensitive) == 0) {
        *seconds = INFINITY;
        return true;
    }
    double scale = 1;
    if (!text.isEmpty()) {
        const QChar unit = text.back();
        if (unit == u's' || unit == u'm' || unit == u'h' || unit == u'd') {
            scale = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
            text.chop(1);
        }
    }
    if (text.isEmpty() || text.startsWith(u'-') || text.startsWith(u'+'))
        return false;
    for (QChar c : text)
        if (!(c.isDigit() || c == u'.'))
            return false;
    bool ok = false;
    *seconds = text.toDouble(&ok) * scale;
    return ok;
}

} // namespace

namespace {

const QHash<QString, Builtin>& builtinTable() {
    static const QHash<QString, Builtin> table = {
        {u"echo"_s, commands::echo},
        {u"printf"_s, commands::printfCommand},
        {u"cat"_s, commands::cat},
        {u"sleep"_s, commands::sleep},
        {u"true"_s, commands::trueCommand},
        {u":"_s, commands::trueCommand},
        {u"false"_s, commands::falseCommand},
        {u"env"_s, commands::env},
        {u"hostname"_s, commands::hostname},
        {u"pwd"_s, commands::pwd},
        {u"yes"_s, commands::yes},
        {u"head"_s, commands::head},
        {u"test"_s, commands::test},
        {u"["_s, commands::test},
        {u"exit"_s, commands::exitCommand},
        {u"export"_s, commands::exportCommand},
        {u"unset"_s, commands::unset},
        {u"trap"_s, commands::trap},
        {u"break"_s, commands::breakCommand},
        {u"continue"_s, commands::continueCommand},
        {u"sh"_s, commands::sh},
        {u"ash"_s, commands::sh},
        {u"exec"_s, commands::exec},
        {u"shift"_s, commands::shift},
        {u"set"_s, commands::set},
        {u"cd"_s, commands::cd},
        {u"wait"_s, commands::trueCommand},
        {u"touch"_s, commands::touch},
        {u"rm"_s, commands::rm},
        {u"mkdir"_s, commands::mkdir},
        {u"ls"_s, commands::ls},
        {u"id"_s, commands::id},
        {u"whoami"_s, commands::whoami},
        {u"read"_s, commands::read},
    };
    return table;
}

} // namespace

Builtin findBuiltin(const QString& name) {
    return builtinTable().value(name, nullptr);
}

QStringList builtinNames() {
    return builtinTable().keys();
}

QByteArray interpretEscapes(const QString& text, bool* stop) {
    QByteArray out;
    *stop = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != u'\\' || i + 1 >= text.size()) {
            out += QString(c).toUtf8();
            continue;
        }
        const QChar e = text[++i];
        switch (e.unicode()) {
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'e':
            out += '\x1b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        case '\\':
            out += '\\';
            break;
        case 'c':
            *stop = true;
            return out;
        case '0':
        case 'x': {
            // \0NNN (octal, up to three digits) and \xHH (hex, up to two).
            const int base = e == u'0' ? 8 : 16;
            const int maxDigits = e == u'0' ? 3 : 2;
            int value = 0;
            int digits = 0;
            while (digits < maxDigits && i + 1 < text.size()) {
                bool ok = false;
                const int digit = QString(text[i + 1]).toInt(&ok, base);
                if (!ok)
                    break;
                value = value * base + digit;
                ++i;
                ++digits;
            }
            if (e == u'x' && digits == 0)
                out += "\\x";
            else
                out += static_cast<char>(value & 0xff);
            break;
        }
        default:
            out += '\\';
            out += QString(e).toUtf8();
        }
    }
    return out;
}

namespace commands {

int echo(ShellInterpreter& shell, const QStringList& args) {
    bool newline = true;
    bool escapes = false;
    qsizetype first = 1;
    // Leading options are only those made entirely of n, e and E (busybox, like bash).
    for (; first < args.size(); ++first) {
        const QString& arg = args[first];
        if (arg.size() < 2 || !arg.startsWith(u'-'))
            break;
        bool valid = true;
        for (qsizetype i = 1; i < arg.size(); ++i)
            valid = valid && (arg[i] == u'n' || arg[i] == u'e' || arg[i] == u'E');
        if (!valid)
            break;
        for (qsizetype i = 1; i < arg.size(); ++i) {
            if (arg[i] == u'n')
                newline = false;
            else
                escapes = arg[i] == u'e';
        }
    }
    const QString text = args.mid(first).join(u' ');
    QByteArray out;
    if (escapes) {
        bool stop = false;
        out = interpretEscapes(text, &stop);
        if (stop)
            newline = false;
    } else {
        out = text.toUtf8();
    }
    if (newline)
        out += '\n';
    shell.out().write(out);
    return 0;
}

int sleep(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2) {
        shell.printError(u"Usage: sleep [N]..."_s);
        return 1;
    }
    double total = 0;
    for (qsizetype i = 1; i < args.size(); ++i) {
        double seconds = 0;
        if (!parseDuration(args[i], &seconds)) {
            shell.printError(u"sleep: invalid number '"_s + args[i] + u"'"_s);
            return 1;
        }
        total += seconds;
    }
    shell.control().sleep(std::isinf(total) ? -1 : total);
    return 0;
}

int trueCommand(ShellInterpreter&, const QStringList&) {
    return 0;
}

int falseCommand(ShellInterpreter&, const QStringList&) {
    return 1;
}

int env(ShellInterpreter& shell, const QStringList& args) {
    // `env [-i] [NAME=value]... [command [args]]`
    qsizetype i = 1;
    bool clear = false;
    if (i < args.size() && (args[i] == u"-i" || args[i] == u"-")) {
        clear = true;
        ++i;
    }
    QStringList assignments;
    for (; i < args.size() && args[i].contains(u'=') && !args[i].startsWith(u'='); ++i)
        assignments << args[i];
    if (i >= args.size()) {
        QStringList environment = clear ? QStringList() : shell.environment();
        for (const QString& assignment : assignments) {
            const QString prefix = assignment.left(assignment.indexOf(u'=') + 1);
            environment.removeIf([&](const QString& entry) { return entry.startsWith(prefix); });
            environment << assignment;
        }
        QByteArray out;
        for (const QString& entry : environment)
            out += utf8Line(entry);
        shell.out().write(out);
        return 0;
    }
    // Run the command with the extra variables exported, then put the old ones back.
    const ShellState saved = shell.state();
    if (clear) {
        for (const QString& entry : shell.environment())
            shell.unsetVariable(entry.left(entry.indexOf(u'=')));
    }
    for (const QString& assignment : assignments) {
        const qsizetype equals = assignment.indexOf(u'=');
        shell.setVariable(assignment.left(equals), assignment.mid(equals + 1));
        shell.exportVariable(assignment.left(equals));
    }
    struct Restore {
        ShellInterpreter& shell;
        const ShellState& saved;
        ~Restore() {
            shell.state().variables = saved.variables;
            shell.state().order = saved.order;
        }
    } restore{shell, saved};
    return shell.execute(args.mid(i));
}

int hostname(ShellInterpreter& shell, const QStringList&) {
    shell.out().write(utf8Line(shell.state().hostname));
    return 0;
}

int pwd(ShellInterpreter& shell, const QStringList&) {
    shell.out().write(utf8Line(shell.state().workingDir));
    return 0;
}

int yes(ShellInterpreter& shell, const QStringList& args) {
    const QByteArray line = utf8Line(args.size() > 1 ? args.mid(1).join(u' ') : u"y"_s);
    // Whole lines in blocks of about 8 KiB: fewer wake-ups, and the pipe or the output queue
    // blocks (or breaks, or the kill unwinds) as it fills.
    QByteArray block;
    while (block.size() < 8192)
        block += line;
    for (;;)
        shell.out().write(block);
}

int head(ShellInterpreter& shell, const QStringList& args) {
    qint64 lines = 10;
    QStringList files;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args[i];
        QString count;
        if (arg == u"-n") {
            if (i + 1 >= args.size()) {
                shell.printError(u"head: option requires an argument -- 'n'"_s);
                return 1;
            }
            count = args[++i];
        } else if (arg.startsWith(u"-n")) {
            count = arg.mid(2);
        } else if (arg.size() > 1 && arg.startsWith(u'-') && arg[1].isDigit()) {
            count = arg.mid(1);
        } else {
            files << arg;
            continue;
        }
        if (!parseCount(count, &lines)) {
            shell.printError(u"head: invalid number '"_s + count + u"'"_s);
            return 1;
        }
    }
    int status = 0;
    for (const QString& file : files) {
        if (file != u"-") {
            shell.printError(u"head: can't open '"_s + file + u"': No such file or directory"_s);
            status = 1;
        }
    }
    if (!files.isEmpty() && !files.contains(u"-"_s))
        return status;
    qint64 remaining = lines;
    while (remaining > 0) {
        const QByteArray data = shell.in().read(readChunk);
        if (data.isEmpty())
            break;
        qsizetype end = 0;
        while (remaining > 0 && end < data.size()) {
            const qsizetype newline = data.indexOf('\n', end);
            if (newline < 0) {
                end = data.size();
                break;
            }
            end = newline + 1;
            --remaining;
        }
        shell.out().write(data.left(end));
    }
    return status;
}

} // namespace commands

} // namespace sockerless::backends::memory::shell
