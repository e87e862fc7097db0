#include "shellinterpreter.h"

#include "shellarithmetic.h"
#include "shellcommands.h"
#include "shelllexer.h"
#include "shellparser.h"

#include <memory>
#include <thread>

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

constexpr int statusBrokenPipe = 141;
constexpr int statusNotFound = 127;
constexpr int statusSyntaxError = 2;

/// The directories whose programs resolve to a builtin by basename.
bool isSystemDirectory(const QString& dir) {
    return dir == u"/bin" || dir == u"/usr/bin" || dir == u"/sbin" || dir == u"/usr/sbin";
}

/// Joins the threads of a pipeline's stages however the pipeline ends.
class ThreadJoiner {
public:
    ThreadJoiner() = default;
    ThreadJoiner(const ThreadJoiner&) = delete;
    ThreadJoiner& operator=(const ThreadJoiner&) = delete;
    ~ThreadJoiner() {
        for (std::thread& thread : threads)
            if (thread.joinable())
                thread.join();
    }
    std::vector<std::thread> threads;
};

} // namespace

/// Applies redirections for the lifetime of one command and puts the old table back after.
class ShellInterpreter::FdScope {
public:
    explicit FdScope(ShellInterpreter& shell)
        : shell_(shell)
        , saved_(shell.fds_)
        , files_(shell.files_.size()) {}
    FdScope(const FdScope&) = delete;
    FdScope& operator=(const FdScope&) = delete;
    ~FdScope() {
        shell_.fds_ = saved_;
        shell_.files_.resize(files_);
    }

private:
    ShellInterpreter& shell_;
    std::map<int, Stream*> saved_;
    size_t files_;
};

ShellInterpreter::ShellInterpreter(ProcessControl& control, ShellState state, bool mainShell,
                                   std::map<int, Stream*> fds)
    : control_(control)
    , state_(std::move(state))
    , mainShell_(mainShell)
    , fds_(std::move(fds))
    , null_(control) {
    if (!state_.fileSystem)
        state_.fileSystem = std::make_shared<ShellFileSystem>(state_.hostname);
}

void ShellInterpreter::printError(const QString& text) const {
    err().write((text + u"\n"_s).toUtf8());
}

std::optional<QString> ShellInterpreter::variable(const QString& name) const {
    const auto it = state_.variables.constFind(name);
    if (it == state_.variables.cend())
        return std::nullopt;
    return it->value;
}

void ShellInterpreter::setVariable(const QString& name, const QString& value) {
    auto it = state_.variables.find(name);
    if (it == state_.variables.end()) {
        state_.variables.insert(name, {value, state_.exportedUnset.removeAll(name) > 0});
        state_.order.append(name);
    } else {
        it->value = value;
    }
}

void ShellInterpreter::exportVariable(const QString& name) {
    if (!state_.variables.contains(name)) {
        if (!state_.exportedUnset.contains(name))
            state_.exportedUnset.append(name);
        return;
    }
    state_.variables[name].exported = true;
}

void ShellInterpreter::unsetVariable(const QString& name) {
    if (state_.variables.remove(name) > 0)
        state_.order.removeOne(name);
}

QStringList ShellInterpreter::environment() const {
    QStringList out;
    for (const QString& name : state_.order) {
        const ShellState::Variable& var = state_.variables[name];
        if (var.exported)
            out << name + u"="_s + var.value;
    }
    return out;
}

void ShellInterpreter::setTrap(int signo, const std::optional<QString>& command) {
    if (command)
        state_.traps.insert(signo, *command);
    else
        state_.traps.remove(signo);
    if (mainShell_ && signo > 0)
        control_.setDisposition(signo, !command             ? ProcessControl::Disposition::Default
                                       : command->isEmpty() ? ProcessControl::Disposition::Ignore
                                                            : ProcessControl::Disposition::Trap);
}

bool ShellInterpreter::requestLoopExit(int levels, bool continueLoop) {
    if (loopDepth_ == 0)
        return false;
    (continueLoop ? continueLevels_ : breakLevels_) = std::min(std::max(levels, 1), loopDepth_);
    return true;
}

ShellState ShellInterpreter::subshellState() const {
    ShellState state = state_;
    // A subshell keeps ignored signals ignored and resets the traps that run commands.
    for (auto it = state.traps.begin(); it != state.traps.end();) {
        if (it->isEmpty())
            ++it;
        else
            it = state.traps.erase(it);
    }
    return state;
}

int ShellInterpreter::runProgram(const QStringList& argv) {
    if (argv.isEmpty())
        return 0;
    int status = 0;
    try {
        status = executeAsProgram(argv);
    } catch (const ExitRequest& request) {
        status = request.status;
    } catch (const ExpansionError& error) {
        printError(u"sh: "_s + error.message);
        status = statusSyntaxError;
    }
    return status & 0xff;
}

int ShellInterpreter::runScript(const QString& source) {
    int status = 0;
    try {
        const CommandList script = ShellParser::parse(source);
        status = execList(script);
    } catch (const SyntaxError& error) {
        printError(u"sh: "_s + error.message());
        status = statusSyntaxError;
    } catch (const ExitRequest& request) {
        status = request.status;
    } catch (const ExpansionError& error) {
        printError(u"sh: "_s + error.message);
        status = statusSyntaxError;
    }
    runExitTrap(&status);
    return status & 0xff;
}

int ShellInterpreter::runStdinScript() {
    // Byte by byte, as a shell reading a pipe does, so that commands see the rest of stdin.
    QString pending;
    QByteArray line;
    int status = 0;
    try {
        for (bool eof = false; !eof;) {
            const QByteArray byte = in().read(1);
            eof = byte.isEmpty();
            line += byte;
            if (!eof && byte != "\n")
                continue;
            pending += QString::fromUtf8(line);
            line.clear();
            CommandList script;
            try {
                script = ShellParser::parse(pending);
            } catch (const SyntaxError& error) {
                if (error.atEnd() && !eof)
                    continue;
                printError(u"sh: "_s + error.message());
                status = statusSyntaxError;
                break;
            }
            pending.clear();
            status = execList(script);
        }
    } catch (const ExitRequest& request) {
        status = request.status;
    } catch (const ExpansionError& error) {
        printError(u"sh: "_s + error.message);
        status = statusSyntaxError;
    }
    runExitTrap(&status);
    return status & 0xff;
}

void ShellInterpreter::runExitTrap(int* status) {
    const QString handler = state_.traps.take(0);
    if (handler.isEmpty())
        return;
    state_.lastStatus = *status;
    try {
        execList(ShellParser::parse(handler));
    } catch (const SyntaxError& error) {
        printError(u"sh: "_s + error.message());
    } catch (const ExitRequest& request) {
        *status = request.status;
    } catch (const ExpansionError& error) {
        printError(u"sh: "_s + error.message);
    }
}

int ShellInterpreter::executeAsProgram(const QStringList& argv) {
    replacing_ = true;
    struct Reset {
        bool& flag;
        ~Reset() { flag = false; }
    } reset{replacing_};
    return execute(argv);
}

int ShellInterpreter::runNestedShell(const QString& script, const QString& name,
                                     const QStringList& args, bool errexit) {
    ShellState state;
    state.hostname = state_.hostname;
    state.workingDir = state_.workingDir;
    state.pid = state_.pid;
    state.fileSystem = state_.fileSystem;
    state.user = state_.user;
    state.errexit = errexit;
    state.scriptName = name;
    state.positional = args;
    // A shell that replaces the main one (the process's own `sh`, or `exec sh`) handles the
    // process's signals: caught signals go back to their default, ignored ones stay ignored.
    const bool takesOver = mainShell_ && replacing_;
    for (auto it = state_.traps.cbegin(); it != state_.traps.cend(); ++it) {
        if (it->isEmpty())
            state.traps.insert(it.key(), QString());
        else if (takesOver && it.key() > 0)
            control_.setDisposition(it.key(), ProcessControl::Disposition::Default);
    }
    ShellInterpreter nested(control_, std::move(state), takesOver, fds_);
    for (const QString& entry : environment()) {
        const qsizetype equals = entry.indexOf(u'=');
        nested.setVariable(entry.left(equals), entry.mid(equals + 1));
        nested.exportVariable(entry.left(equals));
    }
    if (!nested.variable(u"PWD"_s)) {
        nested.setVariable(u"PWD"_s, state_.workingDir);
        nested.exportVariable(u"PWD"_s);
    }
    return script.isNull() ? nested.runStdinScript() : nested.runScript(script);
}

int ShellInterpreter::execute(const QStringList& argv) {
    QString name = argv.front();
    const qsizetype slash = name.lastIndexOf(u'/');
    if (slash >= 0) {
        const QString dir = slash == 0 ? u"/"_s : name.left(slash);
        name = isSystemDirectory(dir) ? name.mid(slash + 1) : QString();
    }
    const Builtin builtin = name.isEmpty() ? nullptr : findBuiltin(name);
    if (!builtin) {
        printError(u"sh: "_s + argv.front() + u": not found"_s);
        return statusNotFound;
    }
    QStringList args = argv;
    args.front() = name;
    try {
        return builtin(*this, args);
    } catch (const WriteError& error) {
        printError(name + u": write error: "_s + error.message);
        return 1;
    }
}

void ShellInterpreter::checkpoint() {
    control_.checkKilled();
    if (mainShell_ && !inTrap_ && control_.hasPendingTraps())
        runPendingTraps();
}

void ShellInterpreter::runPendingTraps() {
    inTrap_ = true;
    const int savedStatus = state_.lastStatus;
    try {
        for (int signo : control_.takePendingTraps()) {
            const QString handler = state_.traps.value(signo);
            if (!handler.isEmpty())
                execList(ShellParser::parse(handler));
        }
    } catch (const SyntaxError& error) {
        printError(u"sh: "_s + error.message());
    } catch (...) {
        inTrap_ = false;
        throw;
    }
    inTrap_ = false;
    state_.lastStatus = savedStatus;
}

int ShellInterpreter::execList(const CommandList& list) {
    int status = 0;
    for (const AndOr& item : list.items) {
        if (loopExitPending())
            break;
        status = execAndOr(item);
        state_.lastStatus = status;
        checkpoint();
    }
    return status;
}

int ShellInterpreter::execAndOr(const AndOr& andOr) {
    // Every pipeline but the last is a condition of the next; `set -e` looks only at the last
    // one run, and only when it was the list's last (POSIX).
    const size_t last = andOr.pipelines.size() - 1;
    int status = 0;
    {
        ++conditionDepth_;
        struct Leave {
            int& depth;
            ~Leave() { --depth; }
        } leave{conditionDepth_};
        if (last > 0)
            status = execPipeline(andOr.pipelines.front());
        for (size_t i = 0; i + 1 < last; ++i) {
            if (loopExitPending())
                return status;
            const bool wantSuccess = andOr.operators[i] == AndOr::Operator::And;
            if ((status == 0) != wantSuccess)
                continue;
            state_.lastStatus = status;
            status = execPipeline(andOr.pipelines[i + 1]);
        }
    }
    if (last > 0) {
        if (loopExitPending())
            return status;
        const bool wantSuccess = andOr.operators[last - 1] == AndOr::Operator::And;
        if ((status == 0) != wantSuccess)
            return status;
        state_.lastStatus = status;
    }
    // Reached only when the last pipeline runs: `set -e` applies to it.
    status = execPipeline(andOr.pipelines[last]);
    if (state_.errexit && conditionDepth_ == 0 && status != 0 && !andOr.pipelines[last].negated &&
        !loopExitPending())
        throw ExitRequest{status};
    return status;
}

int ShellInterpreter::execCondition(const CommandList& list) {
    ++conditionDepth_;
    struct Leave {
        int& depth;
        ~Leave() { --depth; }
    } leave{conditionDepth_};
    return execList(list);
}

int ShellInterpreter::execPipeline(const Pipeline& pipeline) {
    int status = 0;
    const size_t stages = pipeline.commands.size();
    if (stages == 1) {
        status = execCommand(*pipeline.commands.front());
    } else {
        // Every stage is a subshell; all but the last run on threads of their own, joined
        // before this returns (or unwinds on a kill, which ends them too).
        std::vector<std::unique_ptr<Pipe>> pipes;
        for (size_t i = 0; i + 1 < stages; ++i)
            pipes.push_back(std::make_unique<Pipe>(control_));
        ThreadJoiner joiner;
        for (size_t i = 0; i + 1 < stages; ++i) {
            Pipe* input = i == 0 ? nullptr : pipes[i - 1].get();
            Pipe* output = pipes[i].get();
            const Command* command = pipeline.commands[i].get();
            joiner.threads.emplace_back([this, command, input, output] {
                try {
                    runStage(*command, input, output);
                } catch (const ProcessKilled&) {
                    // The process is ending; the owner collects the kill's exit code.
                }
            });
        }
        status = runStage(*pipeline.commands.back(), pipes.back().get(), nullptr);
    }
    if (pipeline.negated)
        status = status == 0 ? 1 : 0;
    return status;
}

int ShellInterpreter::runStage(const Command& command, Pipe* input, Pipe* output) {
    std::map<int, Stream*> fds = fds_;
    if (input)
        fds[0] = input;
    if (output)
        fds[1] = output;
    // The stage's ends of this pipeline's pipes close when it ends, however it ends: the
    // next stage sees end of file, the previous one a broken pipe.
    struct Closer {
        Pipe* input;
        Pipe* output;
        Closer(Pipe* in, Pipe* out)
            : input(in)
            , output(out) {}
        Closer(const Closer&) = delete;
        Closer& operator=(const Closer&) = delete;
        ~Closer() {
            if (input)
                input->closeRead();
            if (output)
                output->closeWrite();
        }
    } closer(input, output);
    ShellInterpreter stage(control_, subshellState(), false, std::move(fds));
    int status = 0;
    try {
        status = stage.execCommand(command);
    } catch (const ExitRequest& request) {
        status = request.status;
    } catch (const BrokenPipe&) {
        status = statusBrokenPipe;
    } catch (const ExpansionError& error) {
        stage.printError(u"sh: "_s + error.message);
        status = statusSyntaxError;
    }
    return status & 0xff;
}

int ShellInterpreter::execSubshell(const CommandList& body) {
    ShellInterpreter sub(control_, subshellState(), false, fds_);
    int status = 0;
    try {
        status = sub.execList(body);
    } catch (const ExitRequest& request) {
        status = request.status;
    }
    return status & 0xff;
}

int ShellInterpreter::execCommand(const Command& command) {
    if (const auto* simple = std::get_if<SimpleCommand>(&command.body))
        return execSimple(*simple, command.redirects);
    const FdScope scope(*this);
    if (!applyRedirects(command.redirects))
        return 1;
    if (const auto* clause = std::get_if<IfClause>(&command.body))
        return execIf(*clause);
    if (const auto* loop = std::get_if<LoopClause>(&command.body))
        return execLoop(*loop);
    if (const auto* loop = std::get_if<ForClause>(&command.body))
        return execFor(*loop);
    if (const auto* clause = std::get_if<CaseClause>(&command.body))
        return execCase(*clause);
    const auto& group = std::get<GroupClause>(command.body);
    return group.subshell ? execSubshell(group.body) : execList(group.body);
}

bool ShellInterpreter::applyRedirects(const std::vector<Redirect>& redirects) {
    for (const Redirect& redirect : redirects) {
        const QString target = expandToString(redirect.target.parts);
        switch (redirect.kind) {
        case Redirect::Kind::Output:
        case Redirect::Kind::Append:
        case Redirect::Kind::Input:
            if (target == u"/dev/null")
                fds_[redirect.fd] = &null_;
            else if (!openFile(redirect, target))
                return false;
            break;
        case Redirect::Kind::DuplicateOutput:
        case Redirect::Kind::DuplicateInput: {
            if (target == u"-") {
                fds_.erase(redirect.fd);
                break;
            }
            bool ok = false;
            const int from = target.toInt(&ok);
            const auto it = ok ? fds_.find(from) : fds_.end();
            if (it == fds_.end()) {
                printError(u"sh: "_s + target + u": Bad file descriptor"_s);
                return false;
            }
            fds_[redirect.fd] = it->second;
            break;
        }
        }
    }
    // A closed standard descriptor reads as end of file and swallows writes.
    for (int fd = 0; fd <= 2; ++fd)
        fds_.try_emplace(fd, &null_);
    return true;
}

bool ShellInterpreter::openFile(const Redirect& redirect, const QString& target) {
    ShellFileSystem& files = fileSystem();
    const QString path = resolvePath(target);
    if (redirect.kind == Redirect::Kind::Input) {
        ShellFileSystem::Error error = ShellFileSystem::Error::None;
        std::optional<QByteArray> content = files.read(path, &error);
        if (!content) {
            printError(u"sh: can't open '"_s + target + u"': "_s + ShellFileSystem::message(error));
            return false;
        }
        files_.push_back(std::make_unique<ContentStream>(control_, std::move(*content)));
    } else {
        // `>` truncates (creating the file), `>>` creates it if needed.
        const ShellFileSystem::Error error = redirect.kind == Redirect::Kind::Output
                                                 ? files.write(path, {}, false)
                                                 : files.touch(path);
        if (error == ShellFileSystem::Error::NotFound ||
            error == ShellFileSystem::Error::NotDirectory) {
            printError(u"sh: can't create "_s + target + u": nonexistent directory"_s);
            return false;
        }
        if (error != ShellFileSystem::Error::None) {
            printError(u"sh: can't create "_s + target + u": "_s + ShellFileSystem::message(error));
            return false;
        }
        files_.push_back(std::make_unique<FileStream>(control_, files, path));
    }
    fds_[redirect.fd] = files_.back().get();
    return true;
}

int ShellInterpreter::execSimple(const SimpleCommand& simple,
                                 const std::vector<Redirect>& redirects) {
    const QStringList argv = expandWords(simple.words);
    const FdScope scope(*this);
    if (argv.isEmpty()) {
        // Assignments alone change this shell; their status is that of the last `$(...)`.
        substitutionStatus_ = 0;
        for (const Assignment& assignment : simple.assignments)
            setVariable(assignment.name, expandToString(assignment.value.parts));
        if (!applyRedirects(redirects))
            return 1;
        return substitutionStatus_;
    }
    // `A=1 cmd`: the assignments hold (exported) for this command only.
    std::vector<std::pair<QString, std::optional<ShellState::Variable>>> saved;
    for (const Assignment& assignment : simple.assignments) {
        const QString value = expandToString(assignment.value.parts);
        const auto it = state_.variables.constFind(assignment.name);
        saved.emplace_back(assignment.name, it == state_.variables.cend()
                                                ? std::nullopt
                                                : std::optional<ShellState::Variable>(*it));
        setVariable(assignment.name, value);
        exportVariable(assignment.name);
    }
    struct Restore {
        ShellInterpreter& shell;
        decltype(saved)& entries;
        ~Restore() {
            for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
                if (!it->second) {
                    shell.unsetVariable(it->first);
                } else {
                    shell.setVariable(it->first, it->second->value);
                    shell.state_.variables[it->first].exported = it->second->exported;
                }
            }
        }
    } restore{*this, saved};
    if (!applyRedirects(redirects))
        return 1;
    return execute(argv);
}

int ShellInterpreter::execIf(const IfClause& clause) {
    for (const auto& [condition, body] : clause.branches) {
        const int status = execCondition(condition);
        if (loopExitPending())
            return status;
        if (status == 0)
            return execList(body);
    }
    return clause.elseBody ? execList(*clause.elseBody) : 0;
}

int ShellInterpreter::execLoop(const LoopClause& loop) {
    int status = 0;
    ++loopDepth_;
    for (;;) {
        checkpoint();
        const int condition = execCondition(loop.condition);
        if (!loopExitPending()) {
            if ((condition == 0) == loop.until)
                break;
            status = execList(loop.body);
        }
        if (leavesLoop())
            break;
    }
    --loopDepth_;
    return status;
}

bool ShellInterpreter::leavesLoop() {
    if (breakLevels_ > 0) {
        --breakLevels_;
        return true;
    }
    // `continue N` leaves N-1 loops and continues the Nth.
    return continueLevels_ > 0 && --continueLevels_ > 0;
}

int ShellInterpreter::execFor(const ForClause& loop) {
    const QStringList values = loop.words ? expandWords(*loop.words) : state_.positional;
    int status = 0;
    ++loopDepth_;
    for (const QString& value : values) {
        checkpoint();
        setVariable(loop.variable, value);
        status = execList(loop.body);
        if (leavesLoop())
            break;
    }
    --loopDepth_;
    return status;
}

int ShellInterpreter::execCase(const CaseClause& clause) {
    const QString word = expandToString(clause.word.parts);
    for (const CaseClause::Item& item : clause.items) {
        for (const Word& pattern : item.patterns) {
            if (matchPattern(expandPattern(pattern), word))
                return execList(item.body);
        }
    }
    return 0;
}

} // namespace sockerless::backends::memory::shell
