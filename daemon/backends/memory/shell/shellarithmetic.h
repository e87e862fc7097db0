#pragma once

#include <QString>

#include <functional>

namespace sockerless::backends::memory::shell {

/// An error while expanding a word (bad arithmetic, `${VAR?}`...): busybox prints
/// `sh: <message>` and a non-interactive shell ends with status 2.
struct ExpansionError {
    QString message;
};

/// Evaluates the text of `$((...))` after parameter expansion: integers (decimal, 0x hex,
/// leading-0 octal), variable names (unset or empty is 0), `( )`, unary `+ - ! ~`, `* / %`,
/// `+ -`, `< <= > >=`, `== !=`, `&&`, `||`, with C precedence and 64-bit wrap-around.
class ShellArithmetic {
public:
    /// Looks a variable up by name; an empty result is 0.
    using Lookup = std::function<QString(const QString&)>;

    /// Evaluates `text`; throws ExpansionError (`arithmetic syntax error`, `divide by zero`).
    static qint64 evaluate(const QString& text, const Lookup& lookup);

private:
    ShellArithmetic(const QString& text, const Lookup& lookup, int depth)
        : text_(text)
        , lookup_(lookup)
        , depth_(depth) {}
    qint64 run();
    qint64 parseBinary(int level);
    qint64 parseUnary();
    qint64 parsePrimary();
    qint64 variable(const QString& name) const;
    bool accept(QStringView op);
    void skipBlanks();
    [[noreturn]] static void fail();

    QString text_;
    const Lookup& lookup_;
    int depth_;
    qsizetype pos_ = 0;
};

} // namespace sockerless::backends::memory::shell
