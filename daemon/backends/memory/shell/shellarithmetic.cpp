#include "shellarithmetic.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// The binary operators by precedence level, lowest first.
const std::vector<std::vector<QStringView>>& levels() {
    static const std::vector<std::vector<QStringView>> table = {
        {u"||"},        {u"&&"},
        {u"==", u"!="}, {u"<=", u">=", u"<", u">"},
        {u"+", u"-"},   {u"*", u"/", u"%"},
    };
    return table;
}

quint64 bits(qint64 value) {
    return static_cast<quint64>(value);
}
qint64 fromBits(quint64 value) {
    return static_cast<qint64>(value);
}

} // namespace

qint64 ShellArithmetic::evaluate(const QString& text, const Lookup& lookup) {
    return ShellArithmetic(text, lookup, 0).run();
}

void ShellArithmetic::fail() {
    throw ExpansionError{u"arithmetic syntax error"_s};
}

qint64 ShellArithmetic::run() {
    skipBlanks();
    if (pos_ >= text_.size())
        return 0;
    const qint64 value = parseBinary(0);
    skipBlanks();
    if (pos_ < text_.size())
        fail();
    return value;
}

void ShellArithmetic::skipBlanks() {
    while (pos_ < text_.size() && text_[pos_].isSpace())
        ++pos_;
}

bool ShellArithmetic::accept(QStringView op) {
    skipBlanks();
    if (!QStringView(text_).mid(pos_).startsWith(op))
        return false;
    // `<` must not take the first half of `<=`; `=` alone (assignment) is not supported.
    const QChar after = pos_ + op.size() < text_.size() ? text_[pos_ + op.size()] : QChar();
    if (op.size() == 1 && after == u'=' && op != u"!")
        return false;
    if ((op == u"|" || op == u"&") && after == op[0])
        return false;
    pos_ += op.size();
    return true;
}

qint64 ShellArithmetic::parseBinary(int level) {
    if (level >= static_cast<int>(levels().size()))
        return parseUnary();
    qint64 left = parseBinary(level + 1);
    for (;;) {
        QStringView matched;
        for (QStringView op : levels()[static_cast<size_t>(level)]) {
            if (accept(op)) {
                matched = op;
                break;
            }
        }
        if (matched.isEmpty())
            return left;
        const qint64 right = parseBinary(level + 1);
        if (matched == u"||")
            left = (left != 0 || right != 0) ? 1 : 0;
        else if (matched == u"&&")
            left = (left != 0 && right != 0) ? 1 : 0;
        else if (matched == u"==")
            left = left == right;
        else if (matched == u"!=")
            left = left != right;
        else if (matched == u"<=")
            left = left <= right;
        else if (matched == u">=")
            left = left >= right;
        else if (matched == u"<")
            left = left < right;
        else if (matched == u">")
            left = left > right;
        else if (matched == u"+")
            left = fromBits(bits(left) + bits(right));
        else if (matched == u"-")
            left = fromBits(bits(left) - bits(right));
        else if (matched == u"*")
            left = fromBits(bits(left) * bits(right));
        else {
            if (right == 0)
                throw ExpansionError{u"divide by zero"_s};
            if (right == -1) // INT64_MIN / -1 overflows
                left = matched == u"/" ? fromBits(0 - bits(left)) : 0;
            else
                left = matched == u"/" ? left / right : left % right;
        }
    }
}

qint64 ShellArithmetic::parseUnary() {
    if (accept(u"-"))
        return fromBits(0 - bits(parseUnary()));
    if (accept(u"+"))
        return parseUnary();
    if (accept(u"!"))
        return parseUnary() == 0 ? 1 : 0;
    if (accept(u"~"))
        return ~parseUnary();
    return parsePrimary();
}

qint64 ShellArithmetic::parsePrimary() {
    skipBlanks();
    if (accept(u"(")) {
        const qint64 value = parseBinary(0);
        if (!accept(u")"))
            fail();
        return value;
    }
    const qsizetype start = pos_;
    if (pos_ < text_.size() && text_[pos_].isDigit()) {
        while (pos_ < text_.size() && text_[pos_].isLetterOrNumber())
            ++pos_;
        bool ok = false;
        const QString number = text_.mid(start, pos_ - start);
        const qint64 value = number.toLongLong(&ok, 0);
        if (!ok)
            fail();
        return value;
    }
    while (pos_ < text_.size() && (text_[pos_] == u'_' || text_[pos_].isLetterOrNumber() ||
                                   (pos_ == start && text_[pos_] == u'$')))
        ++pos_;
    QString name = text_.mid(start, pos_ - start);
    if (name.startsWith(u'$'))
        name.remove(0, 1);
    if (name.isEmpty() || name[0].isDigit())
        fail();
    return variable(name);
}

qint64 ShellArithmetic::variable(const QString& name) const {
    const QString value = lookup_(name).trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 number = value.toLongLong(&ok, 0);
    if (ok)
        return number;
    if (depth_ > 10) // a variable that names itself
        fail();
    return ShellArithmetic(value, lookup_, depth_ + 1).run();
}

} // namespace sockerless::backends::memory::shell
