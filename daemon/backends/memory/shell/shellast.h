#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace sockerless::backends::memory::shell {

/// One piece of a shell word as the lexer saw it. Quoting is kept per piece because it decides
/// what expansion does: a quoted piece is never split into fields, an unquoted expansion is.
struct WordPart {
    enum class Kind {
        Literal,    ///< text taken as is
        Parameter,  ///< `$NAME`, `${NAME}`, `$1`, `$?`, `$@` ... (`text` holds the name)
        Arithmetic, ///< `$((...))`: `inner` is expanded like a double-quoted string, then evaluated
        CommandSubstitution, ///< `$(...)` or backquotes: `text` is the script, run in a subshell
    };
    Kind kind = Kind::Literal;
    QString text;
    bool quoted = false;
    /// For a Parameter: an operator of `${NAME<op>word}` (`-`, `:-`, `+`, `:+`, `=`, `:=`) or `#`
    /// for `${#NAME}`; empty for a plain `$NAME`.
    QString op;
    /// The operand word of `op`, or the text of an arithmetic expansion.
    std::vector<WordPart> inner;
};

/// A word of the command line: the pieces expansion joins (and may split) into fields.
struct Word {
    std::vector<WordPart> parts;
    /// The word as written, without quote removal: for reserved-word checks and messages.
    QString raw;
};

/// `fd>target`, `fd>>target`, `fd>&N`, `fd<target`: targets are paths of the container's
/// ShellFileSystem.
struct Redirect {
    enum class Kind { Output, Append, Input, DuplicateOutput, DuplicateInput };
    Kind kind = Kind::Output;
    int fd = 1;
    Word target;
};

/// `NAME=value`, alone or in front of a command.
struct Assignment {
    QString name;
    Word value;
};

struct Command;
using CommandPtr = std::unique_ptr<Command>;

/// Commands joined by `|`, optionally negated with `!`.
struct Pipeline {
    bool negated = false;
    std::vector<CommandPtr> commands;
};

/// Pipelines joined by `&&` and `||`; `operators[i]` joins pipelines i and i+1.
struct AndOr {
    enum class Operator { And, Or };
    std::vector<Pipeline> pipelines;
    std::vector<Operator> operators;
};

/// A sequence of and-or lists separated by `;` or newlines.
struct CommandList {
    std::vector<AndOr> items;
};

/// `[assignments] words [redirections]`.
struct SimpleCommand {
    std::vector<Assignment> assignments;
    std::vector<Word> words;
};

/// `if c; then b; elif c; then b; else b; fi`.
struct IfClause {
    std::vector<std::pair<CommandList, CommandList>> branches;
    std::optional<CommandList> elseBody;
};

/// `while c; do b; done` and `until c; do b; done`.
struct LoopClause {
    bool until = false;
    CommandList condition;
    CommandList body;
};

/// `for name [in words]; do b; done` (no `in`: the positional parameters).
struct ForClause {
    QString variable;
    std::optional<std::vector<Word>> words;
    CommandList body;
};

/// `{ list; }` runs in the current shell, `( list )` in a copy of it.
struct GroupClause {
    bool subshell = false;
    CommandList body;
};

/// `case word in pat|pat) list;; ... esac`.
struct CaseClause {
    /// One `pat|pat) list;;` arm.
    struct Item {
        std::vector<Word> patterns;
        CommandList body;
    };
    Word word;
    std::vector<Item> items;
};

/// Any command with the redirections written after it.
struct Command {
    std::variant<SimpleCommand, IfClause, LoopClause, ForClause, GroupClause, CaseClause> body;
    std::vector<Redirect> redirects;
};

/// Prints a parsed script in one canonical form (one space between tokens, `;` after each
/// command, braces and keywords spelled out) so that tests can compare trees as text.
QString toCanonical(const CommandList& list);

} // namespace sockerless::backends::memory::shell
