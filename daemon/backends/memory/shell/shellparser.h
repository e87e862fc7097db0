#pragma once

#include "shellast.h"
#include "shelllexer.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace sockerless::backends::memory::shell {

/// Recursive-descent parser of the POSIX subset the memory backend runs: simple commands with
/// assignments and redirections, pipelines, `&&`/`||`, `!`, if/while/until/for, `{ }` and `( )`.
/// Errors are thrown as SyntaxError with busybox's wording (`syntax error: unexpected "fi"`).
class ShellParser {
public:
    /// Parses a whole script. Throws SyntaxError.
    static CommandList parse(const QString& source);

private:
    explicit ShellParser(std::vector<Token> tokens)
        : tokens_(std::move(tokens)) {}
    const Token& peek() const { return tokens_[pos_]; }
    Token take() { return tokens_[pos_++]; }
    bool at(Token::Type type) const { return peek().type == type; }
    void skipNewlines();
    [[noreturn]] void unexpected(const QString& expecting = {}) const;
    void expectKeyword(const QString& keyword);
    bool atTerminator(const QStringList& terminators) const;

    CommandList parseList(const QStringList& terminators, bool required);
    AndOr parseAndOr();
    Pipeline parsePipeline();
    CommandPtr parseCommand();
    void parseRedirects(Command& command);
    Redirect parseRedirect();
    SimpleCommand parseSimple(Command& command);
    IfClause parseIf();
    LoopClause parseLoop(bool until);
    ForClause parseFor();
    GroupClause parseGroup(bool subshell);
    CaseClause parseCase();

    std::vector<Token> tokens_;
    size_t pos_ = 0;
    QStringList expecting_; ///< closing keywords of the open compound commands, innermost last
};

} // namespace sockerless::backends::memory::shell
