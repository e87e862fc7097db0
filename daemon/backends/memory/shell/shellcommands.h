#pragma once

#include <QString>
#include <QStringList>

namespace sockerless::backends::memory::shell {

class ShellInterpreter;

/// A builtin command: it reads and writes the shell's current streams and returns its exit
/// status. `args[0]` is the command's name (a `/bin/x` path already reduced to `x`).
using Builtin = int (*)(ShellInterpreter& shell, const QStringList& args);

/// The builtin named `name` (`echo`, `[`, `sh` ...), or nullptr when there is none.
Builtin findBuiltin(const QString& name);
/// The names of all builtins (for the entries of `/bin`).
QStringList builtinNames();

/// The utilities (shellcommands.cpp): echo, cat, sleep, true, false, env, hostname, pwd, yes, head.
namespace commands {
int echo(ShellInterpreter& shell, const QStringList& args);
int sleep(ShellInterpreter& shell, const QStringList& args);
int trueCommand(ShellInterpreter& shell, const QStringList& args);
int falseCommand(ShellInterpreter& shell, const QStringList& args);
int env(ShellInterpreter& shell, const QStringList& args);
int hostname(ShellInterpreter& shell, const QStringList& args);
int pwd(ShellInterpreter& shell, const QStringList& args);
int yes(ShellInterpreter& shell, const QStringList& args);
int head(ShellInterpreter& shell, const QStringList& args);

// shellfilecommands.cpp: the utilities of the file system.
int cat(ShellInterpreter& shell, const QStringList& args);
int touch(ShellInterpreter& shell, const QStringList& args);
int rm(ShellInterpreter& shell, const QStringList& args);
int mkdir(ShellInterpreter& shell, const QStringList& args);
int ls(ShellInterpreter& shell, const QStringList& args);

// shellidentity.cpp: id and whoami, from the user and the container's /etc/passwd.
int id(ShellInterpreter& shell, const QStringList& args);
int whoami(ShellInterpreter& shell, const QStringList& args);

// shellformatcommands.cpp: printf, test and [.
int printfCommand(ShellInterpreter& shell, const QStringList& args);
int test(ShellInterpreter& shell, const QStringList& args);

// shellbuiltins.cpp: the commands that change the shell itself.
int exitCommand(ShellInterpreter& shell, const QStringList& args);
int exportCommand(ShellInterpreter& shell, const QStringList& args);
int unset(ShellInterpreter& shell, const QStringList& args);
int trap(ShellInterpreter& shell, const QStringList& args);
int breakCommand(ShellInterpreter& shell, const QStringList& args);
int continueCommand(ShellInterpreter& shell, const QStringList& args);
int sh(ShellInterpreter& shell, const QStringList& args);
int exec(ShellInterpreter& shell, const QStringList& args);
int shift(ShellInterpreter& shell, const QStringList& args);
int set(ShellInterpreter& shell, const QStringList& args);
int cd(ShellInterpreter& shell, const QStringList& args);
int read(ShellInterpreter& shell, const QStringList& args);
} // namespace commands

/// Interprets the backslash escapes of `echo -e` and printf formats (`\n \t \\ \0NNN \xHH`...).
/// Sets `*stop` when `\c` asks to end all output.
QByteArray interpretEscapes(const QString& text, bool* stop);

} // namespace sockerless::backends::memory::shell
