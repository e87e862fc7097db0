#include "backends/memory/shell/shellprocess.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <thread>

using namespace sockerless::backends::memory::shell;

namespace {

/// A ShellProcess with everything it emitted collected.
struct Run {
    std::unique_ptr<ShellProcess> process;
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    int finishedCount = 0;

    explicit Run(ProcessSpec spec)
        : process(std::make_unique<ShellProcess>(std::move(spec))) {
        QObject::connect(
            process.get(), &ShellProcess::output,
            [this](int stream, const QByteArray& data) { (stream == 1 ? out : err) += data; });
        QObject::connect(process.get(), &ShellProcess::finished, [this](int code) {
            exitCode = code;
            ++finishedCount;
        });
    }
    bool waitFinished(int timeoutMs = 10000) {
        return QTest::qWaitFor([this] { return finishedCount > 0; }, timeoutMs);
    }
    bool waitOutput(const QByteArray& text, int timeoutMs = 10000) {
        return QTest::qWaitFor([&] { return out.contains(text); }, timeoutMs);
    }
};

ProcessSpec shellSpec(const QString& script, const QStringList& extra = {}) {
    ProcessSpec spec;
    spec.argv = QStringList{QStringLiteral("sh"), QStringLiteral("-c"), script} + extra;
    spec.hostname = QStringLiteral("box");
    return spec;
}

} // namespace

/// Scripts run through ShellProcess: stdout, stderr and exit code as busybox's sh gives them,
/// plus signals, kills, stdin, bounded output and destruction while running.
class TstMemoryShellInterpreter : public QObject {
    Q_OBJECT

private slots:
    void scripts_data();
    void scripts();
    void directPrograms_data();
    void directPrograms();
    void trappedTermRunsHandler();
    void trappedUsr1ExitsWithItsStatus();
    void killWhileSleepingEndsAt137();
    void killInterruptsCatAndYes();
    void termWithoutTrapIsIgnoredByPid1();
    void termWithoutTrapEndsExecProcess();
    void ignoredTrapKeepsRunning();
    void catEchoesStdinWrittenLater();
    void scriptFromStdin();
    void outputIsBounded();
    void destroyedWhileRunning();
    void pidIsUniqueAndVisible();
    void signalNames();
};

void TstMemoryShellInterpreter::scripts_data() {
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<int>("code");
    auto row = [](const char* name, const char* script, const char* out, const char* err = "",
                  int code = 0, const QStringList& args = {}, const char* input = "") {
        QTest::newRow(name) << QString::fromUtf8(script) << args << QByteArray(input)
                            << QByteArray(out) << QByteArray(err) << code;
    };
    // echo and printf
    row("echo", "echo hi there", "hi there\n");
    row("echo -n", "echo -n a; echo b", "ab\n");
    row("echo -e", "echo -e 'a\\tb\\\\c\\nd'", "a\tb\\c\nd\n");
    row("echo without -e keeps backslashes", "echo 'a\\nb'", "a\\nb\n");
    row("echo -e \\c", "echo -e 'a\\cb'; echo z", "az\n");
    row("printf reuses format", "printf '%s-%d\\n' a 1 b 2", "a-1\nb-2\n");
    row("printf conversions", "printf '%x %X %c %i %% %o\\n' 255 255 hello -3 8",
        "ff FF h -3 % 10\n");
    row("printf width", "printf '[%5s|%-3d|%03d|%.2s]\\n' ab 7 5 xyz", "[   ab|7  |005|xy]\n");
    row("printf missing args", "printf '%s|%d|\\n'", "|0|\n", "sh: invalid number ''\n", 1);
    row("printf bad number", "printf '%d\\n' abc; echo $?", "0\n1\n", "sh: invalid number 'abc'\n");
    // quoting and parameters
    row("quotes", "X='a  b'; echo 'x  y' \"$X\" $X e\\ f", "x  y a  b a b e f\n");
    row("empty quoted word", "set -- '' a; echo $#", "2\n");
    row("positionals", "echo $# $1 $2 $0; echo \"$@\"", "2 x y name\nx y\n", "", 0,
        {QStringLiteral("name"), QStringLiteral("x"), QStringLiteral("y")});
    row("quoted at keeps fields", "for a in \"$@\"; do echo \"[$a]\"; done", "[a b]\n[c]\n", "", 0,
        {QStringLiteral("n"), QStringLiteral("a b"), QStringLiteral("c")});
    row("star joins", "echo \"$*\"", "a b c\n", "", 0,
        {QStringLiteral("n"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    row("no positionals", "echo $#; for a in \"$@\"; do echo no; done", "0\n");
    row("status", "false; echo $?; true; echo $?", "1\n0\n");
    row("braced and defaults", "A=x; echo ${A}y ${B:-def} ${A:+alt} ${#A} ${C:=set} $C",
        "xy def alt 1 set set\n");
    row("unset variable is empty", "echo \"[$NOPE]\"", "[]\n");
    row("command substitution", "echo \"<$(echo hi; echo)>\" `echo b`", "<hi> b\n");
    row("substitution splits", "set -- $(echo a b); echo $#", "2\n");
    // arithmetic
    row("arithmetic",
        "x=5; echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2)) $((7 % 3)) $((x * 2)) "
        "$(($x + 1)) $((-x + 10))",
        "7 9 3 1 10 6 5\n");
    row("arithmetic comparisons",
        "echo $((2 < 3)) $((2 <= 1)) $((3 > 2)) $((2 >= 3)) $((4 == 4)) "
        "$((4 != 4))",
        "1 0 1 0 1 0\n");
    row("divide by zero", "echo $((1/0)); echo after", "", "sh: divide by zero\n", 2);
    row("arithmetic syntax", "echo $((1+)); echo after", "", "sh: arithmetic syntax error\n", 2);
    // assignments and environment
    row("assignment", "A=1; echo $A; A=2; echo $A", "1\n2\n");
    row("assignment prefix", "A=1 env; echo \"[$A]\"", "PWD=/\nA=1\n[]\n");
    row("export and unset", "A=1; env; export A; env; unset A; env; echo \"[$A]\"",
        "PWD=/\nPWD=/\nA=1\nPWD=/\n[]\n");
    row("export with value", "export B=2 C; env; C=3; env", "PWD=/\nB=2\nPWD=/\nB=2\nC=3\n");
    // control flow
    row("and or not", "true && echo a; false && echo b; false || echo c; ! false && echo d",
        "a\nc\nd\n");
    row("not status", "! true; echo $?", "1\n");
    row("if", "if false; then echo a; elif true; then echo b; else echo c; fi", "b\n");
    row("if else", "if false; then echo a; else echo c; fi", "c\n");
    row("if no branch", "if false; then echo a; fi; echo $?", "0\n");
    row("while", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n");
    row("until", "i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done", "0\n1\n");
    row("for", "for x in a b c; do echo $x; done", "a\nb\nc\n");
    row("for empty", "for x in; do echo no; done; echo ok", "ok\n");
    row("break and continue",
        "for i in 1 2 3 4 5; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; "
        "fi; echo $i; done",
        "1\n3\n");
    row("break 2", "for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done; echo end",
        "1x\nend\n");
    row("continue 2", "for a in 1 2; do for b in x y; do echo $a$b; continue 2; done; done",
        "1x\n2x\n");
    row("while true break", "while true; do echo once; break; done", "once\n");
    row("group", "{ echo a; echo b; } >&2", "", "a\nb\n");
    row("subshell", "A=0; (A=1; echo $A; exit 3); echo $? $A", "1\n3 0\n");
    row("exit", "echo a; exit 3; echo b", "a\n", "", 3);
    row("exit wraps", "exit 300", "", "", 44);
    row("exit keeps status", "false; exit", "", "", 1);
    row("exit in loop", "while true; do exit 4; done", "", "", 4);
    row("newlines", "echo a\n\necho b\n", "a\nb\n");
    // pipelines
    row("pipe", "echo hi | cat", "hi\n");
    row("yes head", "yes | head -n 2", "y\ny\n");
    row("yes word head", "yes ab | head -n 3 | cat", "ab\nab\nab\n");
    row("head -N", "yes | head -2", "y\ny\n");
    row("pipeline status", "true | false; echo $?; false | true; echo $?", "1\n0\n");
    row("pipeline stage is subshell", "A=1; echo x | A=2; echo $A", "1\n");
    row("pipe into loop", "printf 'a\\nb\\n' | while true; do cat; break; done", "a\nb\n");
    row("broken pipe status", "yes | head -n 1 >/dev/null; echo done", "done\n");
    // redirections
    row("to stderr", "echo a >&2", "", "a\n");
    row("1>&2", "echo a 1>&2", "", "a\n");
    row("2>&1", "{ echo out; echo err >&2; } 2>&1", "out\nerr\n");
    row("2>/dev/null", "nosuch 2>/dev/null; echo $?", "127\n");
    row(">/dev/null", "echo gone >/dev/null; echo kept", "kept\n");
    row("order matters", "{ echo e >&2; } 2>&1 >/dev/null", "e\n");
    row("file target", "echo x >/tmp/f; echo $?; cat /tmp/f", "0\nx\n");
    row("file target in missing dir", "echo x >/no/f; echo $?", "1\n",
        "sh: can't create /no/f: nonexistent directory\n");
    row("bad fd", "echo x >&5", "", "sh: 5: Bad file descriptor\n", 1);
    // commands
    row("true false colon", "true; echo $?; false; echo $?; :; echo $?", "0\n1\n0\n");
    row("cat stdin", "cat; cat -", "abc\n", "", 0, {}, "abc\n");
    row("cat missing file", "cat /nope", "", "cat: can't open '/nope': No such file or directory\n",
        1);
    row("head from stdin", "head -n 2", "a\nb\n", "", 0, {}, "a\nb\nc\n");
    row("head bad count", "head -n x", "", "head: invalid number 'x'\n", 1);
    row("sleep", "sleep 0.01; sleep 0; echo ok", "ok\n");
    row("sleep bad", "sleep x", "", "sleep: invalid number 'x'\n", 1);
    row("hostname", "hostname", "box\n");
    row("pwd", "pwd", "/\n");
    row("test strings",
        "[ -z '' ] && echo z; [ -n a ] && echo n; [ a = a ] && echo eq; "
        "[ a != b ] && echo ne; test x && echo one",
        "z\nn\neq\nne\none\n");
    row("test numbers",
        "[ 1 -ne 2 ] && [ 2 -ge 2 ] && [ 1 -le 1 ] && [ 1 -lt 2 ] && "
        "[ 3 -gt 2 ] && [ 2 -eq 2 ] && echo ok; [ ! 1 -gt 2 ] && echo not",
        "ok\nnot\n");
    row("test bad number", "[ 1 -eq x ]", "", "sh: x: bad number\n", 2);
    row("test missing bracket", "[ a", "", "sh: missing ]\n", 2);
    row("test and or", "[ a = a -a b = c ] || echo and; [ a = b -o 1 -eq 1 ] && echo or",
        "and\nor\n");
    row("paths resolve", "/bin/echo hi; /usr/bin/printf x; /sbin/true && echo t", "hi\nxt\n");
    row("other path", "/usr/local/bin/echo hi", "", "sh: /usr/local/bin/echo: not found\n", 127);
    row("not found", "nosuch", "", "sh: nosuch: not found\n", 127);
    row("nested sh", "sh -c 'exit 3'; echo $?", "3\n");
    row("nested sh args", "sh -c 'echo $0 $1' n a", "n a\n");
    row("nested sh via path", "/bin/sh -c 'echo in'", "in\n");
    row("nested sh env", "A=1; export B=2; sh -c 'echo \"$A$B\"'", "2\n");
    row("exec", "exec echo hi; echo never", "hi\n");
    row("shift", "shift; echo $1", "b\n", "", 0,
        {QStringLiteral("n"), QStringLiteral("a"), QStringLiteral("b")});
    row("trap listing", "trap 'echo t' TERM; trap '' INT; trap",
        "trap -- '' INT\ntrap -- 'echo t' TERM\n");
    row("trap reset", "trap 'echo t' TERM; trap - TERM; trap", "");
    row("trap bad signal", "trap '' foo", "", "sh: trap: foo: invalid signal specification\n", 1);
    row("exit trap", "trap 'echo bye' EXIT; echo hi; exit 3", "hi\nbye\n", "", 3);
    // syntax errors
    row("syntax error", "if true; then echo a; fi fi", "", "sh: syntax error: unexpected \"fi\"\n",
        2);
    row("syntax error at end", "if true; then echo a", "",
        "sh: syntax error: unexpected end of file (expecting \"fi\")\n", 2);
    row("unterminated quote", "echo 'a", "", "sh: syntax error: unterminated quoted string\n", 2);
}

void TstMemoryShellInterpreter::scripts() {
    QFETCH(QString, script);
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    QFETCH(int, code);
    Run run(shellSpec(script, args));
    run.process->start();
    run.process->writeStdin(input);
    run.process->closeStdin();
    QVERIFY(run.waitFinished());
    QCOMPARE(run.out, out);
    QCOMPARE(run.err, err);
    QCOMPARE(run.exitCode, code);
    QCOMPARE(run.finishedCount, 1);
}

void TstMemoryShellInterpreter::directPrograms_data() {
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<int>("code");
    const QStringList env = {QStringLiteral("PATH=/bin"), QStringLiteral("FOO=bar baz")};
    QTest::newRow("echo") << QStringList{QStringLiteral("echo"), QStringLiteral("hi")}
                          << QStringList() << QByteArray("hi\n") << QByteArray() << 0;
    QTest::newRow("env") << QStringList{QStringLiteral("env")} << env
                         << QByteArray("PATH=/bin\nFOO=bar baz\n") << QByteArray() << 0;
    QTest::newRow("sh env adds PWD")
        << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("env")} << env
        << QByteArray("PATH=/bin\nFOO=bar baz\nPWD=/\n") << QByteArray() << 0;
    QTest::newRow("variables from env")
        << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                       QStringLiteral("echo \"$FOO\"")}
        << env << QByteArray("bar baz\n") << QByteArray() << 0;
    QTest::newRow("not found") << QStringList{QStringLiteral("nosuch"), QStringLiteral("x")}
                               << QStringList() << QByteArray()
                               << QByteArray("sh: nosuch: not found\n") << 127;
    QTest::newRow("false") << QStringList{QStringLiteral("/bin/false")} << QStringList()
                           << QByteArray() << QByteArray() << 1;
    QTest::newRow("sh -c missing")
        << QStringList{QStringLiteral("sh"), QStringLiteral("-c")} << QStringList() << QByteArray()
        << QByteArray("sh: -c requires an argument\n") << 2;
    QTest::newRow("sh file") << QStringList{QStringLiteral("sh"), QStringLiteral("run.sh")}
                             << QStringList() << QByteArray()
                             << QByteArray("sh: can't open 'run.sh': No such file or directory\n")
                             << 2;
}

void TstMemoryShellInterpreter::directPrograms() {
    QFETCH(QStringList, argv);
    QFETCH(QStringList, env);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    QFETCH(int, code);
    ProcessSpec spec;
    spec.argv = argv;
    spec.env = env;
    Run run(spec);
    run.process->start();
    run.process->closeStdin();
    QVERIFY(run.waitFinished());
    QCOMPARE(run.out, out);
    QCOMPARE(run.err, err);
    QCOMPARE(run.exitCode, code);
}

void TstMemoryShellInterpreter::trappedTermRunsHandler() {
    Run run(shellSpec(QStringLiteral(
        "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done")));
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    QElapsedTimer timer;
    timer.start();
    run.process->signal(15);
    QVERIFY(run.waitFinished(5000));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(run.out, QByteArray("ready\nbye\n"));
    QCOMPARE(run.exitCode, 0);
}

void TstMemoryShellInterpreter::trappedUsr1ExitsWithItsStatus() {
    Run run(shellSpec(
        QStringLiteral("trap 'exit 7' SIGUSR1; echo ready; while :; do sleep 0.05; done")));
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    run.process->signal(*ShellProcess::signalNumber(QStringLiteral("USR1")));
    QVERIFY(run.waitFinished(5000));
    QCOMPARE(run.exitCode, 7);
}

void TstMemoryShellInterpreter::killWhileSleepingEndsAt137() {
    Run run(shellSpec(QStringLiteral("echo ready; sleep 60; echo never")));
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    QElapsedTimer timer;
    timer.start();
    run.process->signal(9);
    QVERIFY(run.waitFinished(5000));
    QVERIFY(timer.elapsed() < 2000);
    QCOMPARE(run.exitCode, 137);
    QCOMPARE(run.out, QByteArray("ready\n"));
}

void TstMemoryShellInterpreter::killInterruptsCatAndYes() {
    for (const char* script : {"cat", "yes >/dev/null", "yes | cat >/dev/null", "sleep inf | cat",
                               "while :; do :; done"}) {
        Run run(shellSpec(QString::fromUtf8(script)));
        run.process->start();
        QTest::qWait(20); // let it get going; the assertion below has its own deadline
        run.process->signal(9);
        QVERIFY2(run.waitFinished(5000), script);
        QCOMPARE(run.exitCode, 137);
    }
}

void TstMemoryShellInterpreter::termWithoutTrapIsIgnoredByPid1() {
    ProcessSpec spec = shellSpec(QStringLiteral("echo ready; sleep 0.3; echo done"));
    spec.ignoresDefaultSignals = true;
    Run run(spec);
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    run.process->signal(15);
    run.process->signal(2);
    QVERIFY(run.waitFinished(5000));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("ready\ndone\n"));
}

void TstMemoryShellInterpreter::termWithoutTrapEndsExecProcess() {
    ProcessSpec spec = shellSpec(QStringLiteral("echo ready; sleep 60"));
    spec.ignoresDefaultSignals = false;
    Run run(spec);
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    QElapsedTimer timer;
    timer.start();
    run.process->signal(15);
    QVERIFY(run.waitFinished(5000));
    QVERIFY(timer.elapsed() < 2000);
    QCOMPARE(run.exitCode, 143);
}

void TstMemoryShellInterpreter::ignoredTrapKeepsRunning() {
    ProcessSpec spec = shellSpec(QStringLiteral("trap '' TERM; echo ready; sleep 0.2; echo done"));
    spec.ignoresDefaultSignals = false;
    Run run(spec);
    run.process->start();
    QVERIFY(run.waitOutput("ready\n"));
    run.process->signal(15);
    QVERIFY(run.waitFinished(5000));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("ready\ndone\n"));
}

void TstMemoryShellInterpreter::catEchoesStdinWrittenLater() {
    ProcessSpec spec;
    spec.argv = QStringList{QStringLiteral("cat")};
    Run run(spec);
    run.process->start();
    run.process->writeStdin("a");
    QVERIFY(run.waitOutput("a"));
    QCOMPARE(run.finishedCount, 0);
    run.process->writeStdin("b\n");
    QVERIFY(run.waitOutput("ab\n"));
    run.process->closeStdin();
    QVERIFY(run.waitFinished());
    QCOMPARE(run.out, QByteArray("ab\n"));
    QCOMPARE(run.exitCode, 0);
}

void TstMemoryShellInterpreter::scriptFromStdin() {
    ProcessSpec spec;
    spec.argv = QStringList{QStringLiteral("sh")};
    Run run(spec);
    run.process->start();
    run.process->writeStdin("echo a\nif true\n");
    QVERIFY(run.waitOutput("a\n"));
    run.process->writeStdin("then echo b; fi\nexit 5\necho never\n");
    QVERIFY(run.waitFinished());
    QCOMPARE(run.out, QByteArray("a\nb\n"));
    QCOMPARE(run.exitCode, 5);
}

void TstMemoryShellInterpreter::outputIsBounded() {
    ProcessSpec spec;
    spec.argv = QStringList{QStringLiteral("yes")};
    Run run(spec);
    qsizetype largest = 0;
    qint64 total = 0;
    QObject::connect(run.process.get(), &ShellProcess::output, [&](int, const QByteArray& data) {
        largest = std::max(largest, data.size());
        total += data.size();
    });
    run.process->start();
    // Keep the event loop away for a while: the worker must stop at the bound, not run on.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    QVERIFY(QTest::qWaitFor([&] { return total > qint64{2} * 1024 * 1024; }, 10000));
    QVERIFY2(largest <= qsizetype{272} * 1024, qPrintable(QString::number(largest)));
    run.process->signal(9);
    QVERIFY(run.waitFinished());
    QCOMPARE(run.exitCode, 137);
}

void TstMemoryShellInterpreter::destroyedWhileRunning() {
    const char* scripts[] = {"yes",
                             "sleep 60",
                             "cat",
                             "sleep 60 | cat",
                             "yes | cat | cat",
                             "trap 'echo t' TERM; while :; do sleep 1; done"};
    for (const char* script : scripts) {
        QElapsedTimer timer;
        timer.start();
        {
            Run run(shellSpec(QString::fromUtf8(script)));
            run.process->start();
            QTest::qWait(20); // let it get going; nothing below depends on how far it got
            run.process->signal(15);
        }
        QVERIFY2(timer.elapsed() < 3000, script);
    }
    // Never started, and destroyed while its output waits undelivered.
    { ShellProcess idle(shellSpec(QStringLiteral("echo hi"))); }
    {
        auto process = std::make_unique<ShellProcess>(shellSpec(QStringLiteral("echo hi")));
        process->start();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    QTest::qWait(10); // the queued deliveries to the dead objects are dropped, not run
}

void TstMemoryShellInterpreter::pidIsUniqueAndVisible() {
    Run first(shellSpec(QStringLiteral("echo $$")));
    Run second(shellSpec(QStringLiteral("echo $$")));
    QVERIFY(first.process->pid() >= 1000);
    QVERIFY(first.process->pid() != second.process->pid());
    first.process->start();
    QVERIFY(first.waitFinished());
    QCOMPARE(first.out, QByteArray::number(first.process->pid()) + '\n');
}

void TstMemoryShellInterpreter::signalNames() {
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("TERM")), std::optional<int>(15));
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("SIGTERM")), std::optional<int>(15));
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("15")), std::optional<int>(15));
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("sigkill")), std::optional<int>(9));
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("USR2")), std::optional<int>(12));
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("NOPE")), std::nullopt);
    QCOMPARE(ShellProcess::signalNumber(QStringLiteral("0")), std::nullopt);
}

QTEST_GUILESS_MAIN(TstMemoryShellInterpreter)
#include "tst_memory_shellinterpreter.moc"
