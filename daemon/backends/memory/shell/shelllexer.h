#pragma once

#include "shellast.h"

#include <QString>

#include <stdexcept>
#include <vector>

namespace sockerless::backends::memory::shell {

/// A script that cannot be parsed. `what()` is busybox's text after `sh: ` (for example
/// `syntax error: unexpected "fi"`); `atEnd` says the input stopped too early, so that a reader
/// of an interactive script knows to read another line before giving up.
class SyntaxError : public std::runtime_error {
public:
    /// Builds the error from busybox's wording.
    SyntaxError(const QString& message, bool atEnd);
    /// The message as a QString.
    QString message() const { return QString::fromUtf8(what()); }
    /// True when more input could have completed the script.
    bool atEnd() const { return atEnd_; }

private:
    bool atEnd_;
};

/// One token of a script. Reserved words (`if`, `{`, `!` ...) are words here: only the parser
/// knows whether a word stands where a reserved word may.
struct Token {
    enum class Type {
        Word,
        Newline,
        Semicolon,
        AndIf,      ///< &&
        OrIf,       ///< ||
        Pipe,       ///< |
        Background, ///< & (rejected by the parser)
        LeftParen,
        RightParen,
        DoubleSemicolon,
        Redirect, ///< `redirectKind` and `fd`; the target is the next Word token
        End,
    };
    Type type = Type::End;
    Word word;
    Redirect::Kind redirectKind = Redirect::Kind::Output;
    int fd = -1;  ///< -1: the operator's default (0 for input, 1 for output)
    QString text; ///< as written, for messages

    /// True for an unquoted word spelled exactly `keyword`.
    bool isKeyword(const QString& keyword) const;
};

/// Lexes `text` as one word that ends only at the end of the text (blanks and operators are
/// literal): the inside of `$((...))` and the operand of `${NAME:-word}`.
std::vector<WordPart> lexWordText(const QString& text);

/// Splits a script into tokens: quotes, backslashes, `$` expansions and comments are resolved
/// here, so that the parser sees only words and operators.
class ShellLexer {
public:
    /// Tokenizes all of `source`; the last token is End. Throws SyntaxError.
    static std::vector<Token> tokenize(const QString& source);

private:
    friend std::vector<WordPart> lexWordText(const QString& text);
    explicit ShellLexer(const QString& source)
        : source_(source) {}
    Token next();
    bool readOperator(Token& token);
    Word readWord(bool toEnd);
    void readDoubleQuoted(std::vector<WordPart>& parts);
    void readDollar(std::vector<WordPart>& parts, bool quoted);
    void readBraced(std::vector<WordPart>& parts, bool quoted);
    void readBackquoted(std::vector<WordPart>& parts, bool quoted);
    QString readBalanced(qsizetype start, int depth);
    static void appendLiteral(std::vector<WordPart>& parts, const QString& text, bool quoted);
    QChar peek(qsizetype ahead = 0) const;

    QString source_;
    qsizetype pos_ = 0;
};

} // namespace sockerless::backends::memory::shell
