#pragma once

#include "shellast.h"
#include "shellfilesystem.h"
#include "shellio.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace sockerless::backends::memory::shell {

/// Thrown by `exit` (and `exec`): unwinds to the shell that runs the script.
struct ExitRequest {
    int status = 0;
};

/// What a shell carries into its subshells (pipeline stages, `( )`, command substitution):
/// variables, positional parameters, the last status, traps and the fake process identity.
struct ShellState {
    /// One shell variable; exported ones make up the environment of commands.
    struct Variable {
        QString value;
        bool exported = false;
    };
    QHash<QString, Variable> variables;
    QStringList order;         ///< variable names in the order they were first set (for `env`)
    QStringList exportedUnset; ///< `export NAME` of unset names: exported once they are set
    QString scriptName = QStringLiteral("sh");
    QStringList positional;
    int lastStatus = 0;
    QHash<int, QString> traps; ///< signal number (0 = EXIT) -> command; "" = ignored
    QString hostname;
    QString workingDir = QStringLiteral("/");
    qint64 pid = 0;
    /// The container's file system, shared with every other shell of the container.
    std::shared_ptr<ShellFileSystem> fileSystem;
    /// Docker's `User` (`name`, `uid`, `name:group`, `uid:gid`); empty: root.
    QString user;
    bool errexit = false; ///< `set -e`
};

/// True when `text` matches the shell pattern `pattern` (`*`, `?`, `[...]`, `[!...]`; a
/// backslash makes the next character literal), as `case` matches.
bool matchPattern(const QString& pattern, const QString& text);

/// Runs parsed scripts against a file descriptor table of Streams. One interpreter is one shell
/// process: a pipeline stage or a `( )` group gets a copy of it. The main shell of a
/// ShellProcess (`mainShell`) owns the process's signal dispositions and runs trap handlers
/// between commands; other shells keep their traps to themselves.
class ShellInterpreter {
public:
    /// A shell with `state` and file descriptors `fds` (at least 0, 1 and 2).
    ShellInterpreter(ProcessControl& control, ShellState state, bool mainShell,
                     std::map<int, Stream*> fds);

    /// Runs a program started directly (argv[0] may be `sh`, a builtin, or anything else, which
    /// is `not found`); returns its exit status. Throws ProcessKilled.
    int runProgram(const QStringList& argv);
    /// Parses and runs `source` as this shell's script, then its EXIT trap; a syntax error is
    /// reported on stderr with status 2. Returns the exit status. Throws ProcessKilled.
    int runScript(const QString& source);
    /// Reads and runs a script from stdin one complete command at a time (`sh` with no `-c`).
    int runStdinScript();
    /// Runs one command by argv: a builtin (a `/bin/...`-style path resolves by basename) or
    /// `not found` (127). Throws ExitRequest, ProcessKilled, BrokenPipe.
    int execute(const QStringList& argv);
    /// Runs `argv` as the program that replaces this shell (a process's argv, `exec`): a nested
    /// `sh` then takes over the process's signal handling. Throws like execute().
    int executeAsProgram(const QStringList& argv);
    /// Runs a nested `sh`: a new shell that inherits only the exported variables (and the file
    /// system and user); `errexit` for `sh -e`.
    int runNestedShell(const QString& script, const QString& name, const QStringList& args,
                       bool errexit = false);

    /// The current standard streams (after redirections).
    Stream& in() const { return *fds_.at(0); }
    Stream& out() const { return *fds_.at(1); }
    Stream& err() const { return *fds_.at(2); }
    /// Writes `text` and a newline to stderr.
    void printError(const QString& text) const;

    /// The container's file system (never null).
    ShellFileSystem& fileSystem() const { return *state_.fileSystem; }
    /// `path` made absolute against the working directory.
    QString resolvePath(const QString& path) const {
        return ShellFileSystem::resolve(state_.workingDir, path);
    }

    /// Shell state for the builtins.
    ShellState& state() { return state_; }
    ProcessControl& control() const { return control_; }
    std::optional<QString> variable(const QString& name) const;
    void setVariable(const QString& name, const QString& value);
    void exportVariable(const QString& name);
    void unsetVariable(const QString& name);
    /// `KEY=value` for each exported variable, in the order they were set.
    QStringList environment() const;
    /// Sets (`command` non-null) or resets the trap for `signo`; an empty command ignores it.
    void setTrap(int signo, const std::optional<QString>& command);
    /// `break n` / `continue n`; returns false outside a loop.
    bool requestLoopExit(int levels, bool continueLoop);

private:
    class FdScope;

    int execList(const CommandList& list);
    int execAndOr(const AndOr& andOr);
    int execPipeline(const Pipeline& pipeline);
    int execCommand(const Command& command);
    int execSimple(const SimpleCommand& simple, const std::vector<Redirect>& redirects);
    int execIf(const IfClause& clause);
    int execLoop(const LoopClause& loop);
    int execFor(const ForClause& loop);
    int execSubshell(const CommandList& body);
    int execCase(const CaseClause& clause);
    int execCondition(const CommandList& list);
    int runStage(const Command& command, Pipe* input, Pipe* output);
    bool applyRedirects(const std::vector<Redirect>& redirects);
    bool openFile(const Redirect& redirect, const QString& target);
    bool loopExitPending() const { return breakLevels_ > 0 || continueLevels_ > 0; }
    /// After a loop body: consumes one level of a pending `break`/`continue` and says whether
    /// this loop must end.
    bool leavesLoop();
    void checkpoint();
    void runPendingTraps();
    void runExitTrap(int* status);
    ShellState subshellState() const;

    // Expansion (shellexpansion.cpp).
    QStringList expandWords(const std::vector<Word>& words);
    QString expandToString(const std::vector<WordPart>& parts);
    QString expandParameter(const WordPart& part);
    QString parameterValue(const QString& name, bool* isSet) const;
    QString commandSubstitution(const QString& script);
    QString expandPattern(const Word& word);

    ProcessControl& control_;
    ShellState state_;
    bool mainShell_;
    std::map<int, Stream*> fds_;
    NullStream null_;
    /// The file streams of the redirections in force; FdScope drops those of a finished command.
    std::vector<std::unique_ptr<Stream>> files_;
    int conditionDepth_ = 0; ///< > 0 while running a condition, where `set -e` does not apply
    int loopDepth_ = 0;
    int breakLevels_ = 0;
    int continueLevels_ = 0;
    bool inTrap_ = false;
    bool replacing_ = false; ///< executeAsProgram() is running its program
    int substitutionStatus_ = 0;
};

} // namespace sockerless::backends::memory::shell
