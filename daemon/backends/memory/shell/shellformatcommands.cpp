// printf, test and [: the builtins that parse a little language of their own.
#include "shellcommands.h"

#include "shellinterpreter.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// One `%...` conversion of a printf format.
struct Conversion {
    bool left = false;
    bool zero = false;
    bool plus = false;
    bool space = false;
    int width = 0;
    int precision = -1;
    QChar type;
};

QString pad(const QString& text, const Conversion& spec, bool numeric) {
    if (text.size() >= spec.width)
        return text;
    const qsizetype fill = spec.width - text.size();
    if (spec.left)
        return text + QString(fill, u' ');
    if (numeric && spec.zero && spec.precision < 0) {
        const qsizetype signLength = (text.startsWith(u'-') || text.startsWith(u'+')) ? 1 : 0;
        return text.left(signLength) + QString(fill, u'0') + text.mid(signLength);
    }
    return QString(fill, u' ') + text;
}

/// Parses a printf number: decimal, 0x hex, leading-0 octal, or `'c` / `"c` for a character.
bool parseNumber(const QString& text, qint64* value) {
    *value = 0;
    if (text.isEmpty()) // busybox reports a missing or empty number
        return false;
    if ((text.startsWith(u'\'') || text.startsWith(u'"')) && text.size() > 1) {
        *value = text[1].unicode();
        return true;
    }
    bool ok = false;
    *value = text.trimmed().toLongLong(&ok, 0);
    return ok;
}

QString formatNumber(qint64 value, const Conversion& spec) {
    const QChar type = spec.type;
    QString digits;
    const bool isSigned = type == u'd' || type == u'i';
    if (isSigned) {
        digits =
            QString::number(value < 0 ? -static_cast<quint64>(value) : static_cast<quint64>(value));
    } else {
        const int base = type == u'o' ? 8 : (type == u'x' || type == u'X') ? 16 : 10;
        digits = QString::number(static_cast<quint64>(value), base);
        if (type == u'X')
            digits = digits.toUpper();
    }
    if (spec.precision >= 0 && digits.size() < spec.precision)
        digits = QString(spec.precision - digits.size(), u'0') + digits;
    QString sign;
    if (isSigned)
        sign = value < 0 ? u"-"_s : spec.plus ? u"+"_s : spec.space ? u" "_s : QString();
    return pad(sign + digits, spec, true);
}

/// The length of the backslash escape at `at` (which is a backslash).
qsizetype escapeLength(const QString& format, qsizetype at) {
    if (at + 1 >= format.size())
        return 1;
    const QChar e = format[at + 1];
    qsizetype length = 2;
    const int maxDigits = e == u'0' ? 3 : e == u'x' ? 2 : 0;
    const int base = e == u'x' ? 16 : 8;
    for (int i = 0; i < maxDigits && at + length < format.size(); ++i, ++length) {
        bool ok = false;
        QString(format[at + length]).toInt(&ok, base);
        if (!ok)
            break;
    }
    return length;
}

/// The recursive-descent evaluator of test's arguments (`!`, `-a`, `-o`, `( )`, primaries).
class TestExpression {
public:
    TestExpression(ShellInterpreter& shell, QStringList args)
        : shell_(shell)
        , args_(std::move(args)) {}

    /// 0 true, 1 false, 2 error (already reported).
    int run() {
        if (args_.isEmpty())
            return 1;
        try {
            const bool result = parseOr();
            if (pos_ < args_.size())
                fail(args_[pos_] + u": unknown operand"_s);
            return result ? 0 : 1;
        } catch (const QString& message) {
            shell_.printError(u"sh: "_s + message);
            return 2;
        }
    }

private:
    [[noreturn]] static void fail(const QString& message) { throw message; }

    bool atToken(const QString& token) const { return pos_ < args_.size() && args_[pos_] == token; }

    bool parseOr() {
        bool value = parseAnd();
        while (atToken(u"-o"_s)) {
            ++pos_;
            value = parseAnd() || value;
        }
        return value;
    }

    bool parseAnd() {
        bool value = parseNot();
        while (atToken(u"-a"_s)) {
            ++pos_;
            value = parseNot() && value;
        }
        return value;
    }

    bool parseNot() {
        if (atToken(u"!"_s) && pos_ + 1 < args_.size()) {
            ++pos_;
            return !parseNot();
        }
        return parsePrimary();
    }

    static bool isBinary(const QString& op) {
        static const QStringList ops = {u"="_s,   u"=="_s,  u"!="_s,  u"-eq"_s, u"-ne"_s,
                                        u"-lt"_s, u"-le"_s, u"-gt"_s, u"-ge"_s};
        return ops.contains(op);
    }

    static bool isUnary(const QString& op) {
        static const QStringList ops = {u"-z"_s, u"-n"_s, u"-e"_s, u"-f"_s, u"-d"_s, u"-r"_s,
                                        u"-w"_s, u"-x"_s, u"-s"_s, u"-L"_s, u"-h"_s, u"-p"_s,
                                        u"-S"_s, u"-b"_s, u"-c"_s, u"-t"_s};
        return ops.contains(op);
    }

    static qint64 number(const QString& text) {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        if (!ok)
            fail(text + u": bad number"_s);
        return value;
    }

    bool parsePrimary() {
        if (pos_ >= args_.size())
            fail(args_.value(pos_ - 1) + u": argument expected"_s);
        const QString& first = args_[pos_];
        if (pos_ + 1 < args_.size() && isBinary(args_[pos_ + 1])) {
            const QString& op = args_[pos_ + 1];
            if (pos_ + 2 >= args_.size())
                fail(op + u": argument expected"_s);
            const QString& second = args_[pos_ + 2];
            pos_ += 3;
            if (op == u"=" || op == u"==")
                return first == second;
            if (op == u"!=")
                return first != second;
            const qint64 a = number(first);
            const qint64 b = number(second);
            if (op == u"-eq")
                return a == b;
            if (op == u"-ne")
                return a != b;
            if (op == u"-lt")
                return a < b;
            if (op == u"-le")
                return a <= b;
            if (op == u"-gt")
                return a > b;
            return a >= b;
        }
        if (first == u"(" && pos_ + 2 < args_.size()) {
            ++pos_;
            const bool value = parseOr();
            if (!atToken(u")"_s))
                fail(u"missing )"_s);
            ++pos_;
            return value;
        }
        if (isUnary(first) && pos_ + 1 < args_.size()) {
            const QString& operand = args_[pos_ + 1];
            pos_ += 2;
            if (first == u"-z")
                return operand.isEmpty();
            if (first == u"-n")
                return !operand.isEmpty();
            const QString path = shell_.resolvePath(operand);
            const ShellFileSystem::Type type = shell_.fileSystem().type(path);
            if (first == u"-e" || first == u"-r" || first == u"-w")
                return type != ShellFileSystem::Type::None;
            if (first == u"-f")
                return type == ShellFileSystem::Type::File;
            if (first == u"-d")
                return type == ShellFileSystem::Type::Directory;
            if (first == u"-s")
                return type == ShellFileSystem::Type::File &&
                       !shell_.fileSystem().read(path).value_or(QByteArray()).isEmpty();
            if (first == u"-x") // the builtins in /bin and /usr/bin, and directories
                return type == ShellFileSystem::Type::Directory ||
                       (type == ShellFileSystem::Type::File &&
                        (path.startsWith(u"/bin/"_s) || path.startsWith(u"/usr/bin/"_s)));
            return false; // -p, -L, -h: there are no pipes or links
        }
        ++pos_;
        return !first.isEmpty();
    }

    ShellInterpreter& shell_;
    QStringList args_;
    qsizetype pos_ = 0;
};

} // namespace

namespace commands {

int printfCommand(ShellInterpreter& shell, const QStringList& args) {
    if (args.size() < 2) {
        shell.printError(u"Usage: printf FORMAT [ARG]..."_s);
        return 1;
    }
    const QString& format = args[1];
    const QStringList values = args.mid(2);
    qsizetype next = 0;
    int status = 0;
    QByteArray out;
    auto takeArg = [&]() { return next < values.size() ? values[next++] : QString(); };
    for (bool first = true; first || (next > 0 && next < values.size()); first = false) {
        for (qsizetype i = 0; i < format.size(); ++i) {
            const QChar c = format[i];
            if (c == u'\\') {
                const qsizetype length = escapeLength(format, i);
                bool stop = false;
                out += interpretEscapes(format.mid(i, length), &stop);
                if (stop) {
                    shell.out().write(out);
                    return status;
                }
                i += length - 1;
                continue;
            }
            if (c != u'%' || i + 1 >= format.size()) {
                out += QString(c).toUtf8();
                continue;
            }
            Conversion spec;
            ++i;
            for (; i < format.size(); ++i) {
                const QChar flag = format[i];
                if (flag == u'-')
                    spec.left = true;
                else if (flag == u'0')
                    spec.zero = true;
                else if (flag == u'+')
                    spec.plus = true;
                else if (flag == u' ')
                    spec.space = true;
                else if (flag != u'#')
                    break;
            }
            if (i < format.size() && format[i] == u'*') {
                qint64 width = 0;
                parseNumber(takeArg(), &width);
                spec.width = static_cast<int>(width);
                ++i;
            }
            while (i < format.size() && format[i].isDigit())
                spec.width = spec.width * 10 + format[i++].digitValue();
            if (i < format.size() && format[i] == u'.') {
                spec.precision = 0;
                ++i;
                while (i < format.size() && format[i].isDigit())
                    spec.precision = spec.precision * 10 + format[i++].digitValue();
            }
            if (i >= format.size())
                break;
            spec.type = format[i];
            switch (spec.type.unicode()) {
            case '%':
                out += '%';
                break;
            case 's':
            case 'b': {
                QString text = takeArg();
                if (spec.type == u'b') {
                    bool stop = false;
                    text = QString::fromUtf8(interpretEscapes(text, &stop));
                }
                if (spec.precision >= 0)
                    text = text.left(spec.precision);
                out += pad(text, spec, false).toUtf8();
                break;
            }
            case 'c':
                out += pad(takeArg().left(1), spec, false).toUtf8();
                break;
            case 'd':
            case 'i':
            case 'u':
            case 'o':
            case 'x':
            case 'X': {
                const QString text = takeArg();
                qint64 value = 0;
                if (!parseNumber(text, &value)) {
                    shell.printError(u"sh: invalid number '"_s + text + u"'"_s);
                    status = 1;
                    value = 0;
                }
                out += formatNumber(value, spec).toUtf8();
                break;
            }
            default:
                shell.printError(u"sh: %"_s + spec.type + u": invalid format"_s);
                shell.out().write(out);
                return 1;
            }
        }
    }
    shell.out().write(out);
    return status;
}

int test(ShellInterpreter& shell, const QStringList& args) {
    QStringList operands = args.mid(1);
    if (args.front() == u"[") {
        if (operands.isEmpty() || operands.back() != u"]") {
            shell.printError(u"sh: missing ]"_s);
            return 2;
        }
        operands.removeLast();
    }
    return TestExpression(shell, operands).run();
}

} // namespace commands

} // namespace sockerless::backends::memory::shell
