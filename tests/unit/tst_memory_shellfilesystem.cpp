#include "backends/memory/shell/shellfilesystem.h"
#include "backends/memory/shell/shellprocess.h"

#include <QTest>

#include <memory>

using namespace sockerless::backends::memory::shell;

namespace {

/// Runs `spec` to its end and collects what it emitted.
struct Result {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

Result runToEnd(ProcessSpec spec, const QByteArray& input = {}) {
    Result result;
    bool finished = false;
    ShellProcess process(std::move(spec));
    QObject::connect(&process, &ShellProcess::output, [&](int stream, const QByteArray& data) {
        (stream == 1 ? result.out : result.err) += data;
    });
    QObject::connect(&process, &ShellProcess::finished, [&](int code) {
        result.exitCode = code;
        finished = true;
    });
    process.start();
    process.writeStdin(input);
    process.closeStdin();
    if (!QTest::qWaitFor([&] { return finished; }, 10000))
        qWarning("process did not finish");
    return result;
}

ProcessSpec script(const QString& text, std::shared_ptr<ShellFileSystem> fileSystem = nullptr,
                   const QString& user = QString()) {
    ProcessSpec spec;
    spec.argv = QStringList{QStringLiteral("sh"), QStringLiteral("-c"), text};
    spec.hostname = QStringLiteral("box");
    spec.fileSystem = std::move(fileSystem);
    spec.user = user;
    return spec;
}

} // namespace

/// The shell's file system (redirections, file utilities, sharing between processes, the byte
/// cap), `id`/`whoami` with Docker's users, and `set -e`, `read` and `case`.
class TstMemoryShellFileSystem : public QObject {
    Q_OBJECT

private slots:
    void scripts_data();
    void scripts();
    void sharedBetweenProcesses();
    void byteCapFailsWrites();
    void resolve();
    void users_data();
    void users();
};

void TstMemoryShellFileSystem::scripts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<int>("code");
    auto row = [](const char* name, const char* text, const char* out, const char* err = "",
                  int code = 0, const char* input = "") {
        QTest::newRow(name) << QString::fromUtf8(text) << QByteArray(input) << QByteArray(out)
                            << QByteArray(err) << code;
    };
    // redirections
    row("> and cat", "echo hi > /tmp/f; echo more >> /tmp/f; cat /tmp/f", "hi\nmore\n");
    row("> truncates", "echo one > f; echo two > f; cat f", "two\n");
    row("< file", "printf 'a\\nb\\n' > /tmp/in; cat < /tmp/in", "a\nb\n");
    row("2> file", "cat /nope 2> /tmp/e; cat /tmp/e",
        "cat: can't open '/nope': No such file or directory\n");
    row("> in missing dir", "echo x > /no/where; echo $?", "1\n",
        "sh: can't create /no/where: nonexistent directory\n");
    row("< missing", "cat < /none; echo $?", "1\n",
        "sh: can't open '/none': No such file or directory\n");
    row("redirect on group", "{ echo a; echo b; } > g; cat g", "a\nb\n");
    row("cat missing", "cat /x", "", "cat: can't open '/x': No such file or directory\n", 1);
    // file utilities
    row("touch and test",
        "touch /tmp/t; test -e /tmp/t && test -f /tmp/t && ! test -s /tmp/t "
        "&& echo ok",
        "ok\n");
    row("touch missing dir", "touch /x/y", "", "touch: /x/y: No such file or directory\n", 1);
    row("test -d -s", "echo z > /tmp/s; [ -s /tmp/s ] && [ -d /tmp ] && [ ! -d /tmp/s ] && echo ok",
        "ok\n");
    row("bin entries", "test -e /bin/sh && test -x /bin/echo && echo ok", "ok\n");
    row("seeded files", "cat /etc/hostname; head -n 1 < /etc/passwd",
        "box\nroot:x:0:0:root:/root:/bin/sh\n");
    row("rm", "touch a; rm a; test -e a || echo gone; rm a", "gone\n",
        "rm: can't remove 'a': No such file or directory\n", 1);
    row("rm -f", "rm -f nothing; echo $?", "0\n");
    row("rm dir", "mkdir d; rm d; rm -r d; test -e d || echo gone", "gone\n",
        "rm: 'd' is a directory\n");
    row("rm -rf tree", "mkdir -p /tmp/a/b; touch /tmp/a/b/c; rm -rf /tmp/a; ls /tmp; echo end",
        "end\n");
    row("mkdir", "mkdir /tmp/m && mkdir /tmp/m", "",
        "mkdir: can't create directory '/tmp/m': File exists\n", 1);
    row("mkdir missing parent", "mkdir /q/r", "",
        "mkdir: can't create directory '/q/r': No such file or directory\n", 1);
    row("mkdir -p", "mkdir -p /tmp/p/q/r; cd /tmp/p/q/r && pwd", "/tmp/p/q/r\n");
    row("ls sorted", "cd /tmp; touch b a c; mkdir d; ls; ls -1 .", "a\nb\nc\nd\na\nb\nc\nd\n");
    row("ls -a", "mkdir /tmp/e; touch /tmp/e/.h; ls /tmp/e; ls -a /tmp/e", ".\n..\n.h\n");
    row("ls missing", "ls /none", "", "ls: /none: No such file or directory\n", 1);
    row("cd relative and ..", "cd /usr/bin; cd ..; pwd; cd ./bin/../../etc; pwd", "/usr\n/etc\n");
    row("cd missing", "cd /nope; echo $?; pwd", "1\n/\n",
        "sh: cd: can't cd to /nope: No such file or directory\n");
    row("relative paths", "cd /tmp; echo x > rel; cat /tmp/rel", "x\n");
    // set -e
    row("set -e stops", "set -e; echo a; false; echo b", "a\n", "", 1);
    row("set -e conditions",
        "set -e; if false; then :; fi; false || true; false && true; "
        "! true; while false; do :; done; echo ok",
        "ok\n");
    row("set -e last of and-or", "set -e; true && false; echo no", "", "", 1);
    row("set -e in group", "set -e; { echo a; false; echo b; }; echo c", "a\n", "", 1);
    row("set -e subshell", "set -e; (false); echo no", "", "", 1);
    row("set +e", "set -e; set +e; false; echo yes", "yes\n");
    row("sh -e", "sh -e -c 'false; echo no'; echo $?", "1\n");
    // read
    row("read", "read a b; echo \"[$a][$b]\"", "[x][y  z]\n", "", 0, "  x y  z  \nnext\n");
    row("read leaves rest", "read a; cat", "rest\n", "", 0, "first\nrest\n");
    row("read eof", "read a; echo $? \"$a\"; read b; echo $?", "1 part\n1\n", "", 0, "part");
    row("read backslash", "read a; read -r b; echo \"$a|$b\"", "xy|p\\q\n", "", 0, "x\\y\np\\q\n");
    row("read REPLY", "read; echo $REPLY", "line\n", "", 0, "line\n");
    row("read loop", "while read l; do echo \"<$l>\"; done", "<1>\n<2>\n", "", 0, "1\n2\n");
    // case
    row("case",
        "for w in apple bob c1 x; do case $w in a*) echo A;; b?b|zz) echo B;; "
        "[c-d][0-9]) echo C;; *) echo other; esac; done",
        "A\nB\nC\nother\n");
    row("case quoted",
        "x='*'; case a in \"$x\") echo no;; *) echo yes;; esac; "
        "case '*' in \"*\") echo star;; esac",
        "yes\nstar\n");
    row("case no match", "case a in b) echo b;; esac; echo $?", "0\n");
    row("case negated class", "case x in [!a-c]) echo out;; esac", "out\n");
    row("case paren and newline", "case y in\n(y)\n echo yes\n ;;\nesac", "yes\n");
    row("case pattern var", "p='a*'; case abc in $p) echo match;; esac", "match\n");
}

void TstMemoryShellFileSystem::scripts() {
    QFETCH(QString, text);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    QFETCH(int, code);
    const Result result = runToEnd(script(text), input);
    QCOMPARE(result.out, out);
    QCOMPARE(result.err, err);
    QCOMPARE(result.exitCode, code);
}

void TstMemoryShellFileSystem::sharedBetweenProcesses() {
    auto fileSystem = std::make_shared<ShellFileSystem>(QStringLiteral("box"));
    QCOMPARE(runToEnd(script(QStringLiteral("touch /m; echo data > /tmp/d"), fileSystem)).exitCode,
             0);
    const Result second = runToEnd(script(QStringLiteral("test -e /m && cat /tmp/d"), fileSystem));
    QCOMPARE(second.out, QByteArray("data\n"));
    QCOMPARE(second.exitCode, 0);
    // A process without a file system of its own gets a fresh one.
    QCOMPARE(runToEnd(script(QStringLiteral("test -e /m"))).exitCode, 1);
}

void TstMemoryShellFileSystem::byteCapFailsWrites() {
    auto fileSystem = std::make_shared<ShellFileSystem>(QStringLiteral("box"), 10);
    const Result result = runToEnd(script(
        QStringLiteral("echo 12345 > a; echo $?; echo 67890 > b; echo $?; cat b; echo; rm a; "
                       "echo 67890 > b; echo $?"),
        fileSystem));
    QCOMPARE(result.out, QByteArray("0\n1\n6789\n0\n"));
    QCOMPARE(result.err, QByteArray("echo: write error: No space left on device\n"));
    QCOMPARE(fileSystem->usedBytes(), 6);
    QCOMPARE(fileSystem->write(QStringLiteral("/c"), QByteArray(5, 'x'), false),
             ShellFileSystem::Error::NoSpace);
}

void TstMemoryShellFileSystem::resolve() {
    QCOMPARE(ShellFileSystem::resolve(QStringLiteral("/a/b"), QStringLiteral("../c/./d")),
             QStringLiteral("/a/c/d"));
    QCOMPARE(ShellFileSystem::resolve(QStringLiteral("/"), QStringLiteral("../..")),
             QStringLiteral("/"));
    QCOMPARE(ShellFileSystem::resolve(QStringLiteral("/x"), QStringLiteral("//etc//passwd/")),
             QStringLiteral("/etc/passwd"));
}

void TstMemoryShellFileSystem::users_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<int>("code");
    auto row = [](const char* name, const char* user, const char* text, const char* out,
                  const char* err = "", int code = 0) {
        QTest::newRow(name) << QString::fromUtf8(user) << QString::fromUtf8(text) << QByteArray(out)
                            << QByteArray(err) << code;
    };
    row("root", "", "id", "uid=0(root) gid=0(root) groups=0(root)\n");
    row("root -u -g -un -gn whoami", "", "id -u; id -g; id -un; id -n -g; whoami",
        "0\n0\nroot\nroot\nroot\n");
    row("numeric unknown", "1234", "id -u; id -g; id",
        "1234\n0\nuid=1234 gid=0(root) "
        "groups=0(root)\n");
    row("nobody by name", "nobody", "id; id -un",
        "uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\nnobody\n");
    row("uid:gid", "1000:65534", "id -u; id -g; id -gn", "1000\n65534\nnobody\n");
    row("name:group", "root:nobody", "id -g", "65534\n");
    row("unknown name", "alice", "id -u", "", "id: unknown user alice\n", 1);
    row("whoami unknown uid", "42", "whoami", "", "whoami: unknown uid 42\n", 1);
}

void TstMemoryShellFileSystem::users() {
    QFETCH(QString, user);
    QFETCH(QString, text);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    QFETCH(int, code);
    const Result result = runToEnd(script(text, nullptr, user));
    QCOMPARE(result.out, out);
    QCOMPARE(result.err, err);
    QCOMPARE(result.exitCode, code);
}

QTEST_GUILESS_MAIN(TstMemoryShellFileSystem)
#include "tst_memory_shellfilesystem.moc"
