#include "backends/memory/shell/shellast.h"
#include "backends/memory/shell/shelllexer.h"
#include "backends/memory/shell/shellparser.h"

#include <QTest>

using namespace sockerless::backends::memory::shell;

/// The parser's trees (printed back in canonical form) and its busybox-worded syntax errors.
class TstMemoryShellParser : public QObject {
    Q_OBJECT

private slots:
    void canonicalForm_data();
    void canonicalForm();
    void syntaxErrors_data();
    void syntaxErrors();
    void wordPartsKeepQuoting();
    void expansionsAreParsed();
    void assignmentsOnlyInFront();
    void incompleteInputIsMarked();
};

void TstMemoryShellParser::canonicalForm_data() {
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("canonical");
    auto row = [](const char* name, const char* script, const char* canonical) {
        QTest::newRow(name) << QString::fromUtf8(script) << QString::fromUtf8(canonical);
    };
    row("simple", "echo  hi   there", "echo hi there");
    row("empty", "  \n# only a comment\n", "");
    row("sequence", "a; b\nc", "a; b; c");
    row("and-or", "a && b || c", "a && b || c");
    row("and-or across lines", "a &&\n b", "a && b");
    row("pipeline", "a | b | c", "a | b | c");
    row("negation", "! a | b", "! a | b");
    row("quotes kept raw", "echo 'a b' \"c $d\" e\\ f", "echo 'a b' \"c $d\" e\\ f");
    row("assignment prefix", "A=1 B=two env", "A=1 B=two env");
    row("assignment alone", "A=1", "A=1");
    row("redirections", "echo a >&2 2>/dev/null 1>&2 2>&1 >/dev/null",
        "echo a 1>&2 2>/dev/null 1>&2 2>&1 1>/dev/null");
    row("redirection in front", ">/dev/null echo a", "echo a 1>/dev/null");
    row("if", "if a; then b; fi", "if a; then b; fi");
    row("if elif else", "if a\nthen b\nelif c; then d; else e; fi",
        "if a; then b; elif c; then d; else e; fi");
    row("while", "while a; do b; c; done", "while a; do b; c; done");
    row("until", "until a; do b; done", "until a; do b; done");
    row("for", "for x in 1 2 3; do echo $x; done", "for x in 1 2 3; do echo $x; done");
    row("for over positionals", "for x; do echo $x; done", "for x; do echo $x; done");
    row("for newline", "for x in a\ndo echo; done", "for x in a; do echo; done");
    row("group", "{ a; b; }", "{ a; b; }");
    row("group with redirect", "{ a; } >&2", "{ a; } 1>&2");
    row("subshell", "(a; b)", "( a; b )");
    row("nested", "while true; do if a; then break; fi; done",
        "while true; do if a; then break; fi; done");
    row("keywords as arguments", "echo if then fi done", "echo if then fi done");
    row("brace as argument", "echo { }", "echo { }");
    row("trap", "trap 'echo bye; exit 0' TERM", "trap 'echo bye; exit 0' TERM");
    row("line continuation", "echo a \\\n b", "echo a b");
    row("comment after command", "echo a # not this", "echo a");
    row("pipeline into loop", "yes | while read x; do :; done", "yes | while read x; do :; done");
}

void TstMemoryShellParser::canonicalForm() {
    QFETCH(QString, script);
    QFETCH(QString, canonical);
    try {
        QCOMPARE(toCanonical(ShellParser::parse(script)), canonical);
    } catch (const SyntaxError& error) {
        QFAIL(qPrintable(error.message()));
    }
}

void TstMemoryShellParser::syntaxErrors_data() {
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* script, const char* message) {
        QTest::newRow(name) << QString::fromUtf8(script) << QString::fromUtf8(message);
    };
    row("stray fi", "if true; then echo a; fi fi", "syntax error: unexpected \"fi\"");
    row("missing fi", "if true; then echo a",
        "syntax error: unexpected end of file (expecting \"fi\")");
    row("missing then", "if true", "syntax error: unexpected end of file (expecting \"then\")");
    row("missing done",
        "while true; do :", "syntax error: unexpected end of file (expecting \"done\")");
    row("missing brace", "{ echo a; }; { echo b }",
        "syntax error: unexpected end of file (expecting \"}\")");
    row("empty condition", "while; do :; done", "syntax error: unexpected \";\"");
    row("stray paren", ")", "syntax error: unexpected \")\"");
    row("empty pipeline stage", "echo a | ; echo b", "syntax error: unexpected \";\"");
    row("then first", "then echo", "syntax error: unexpected \"then\"");
    row("unterminated single", "echo 'abc", "syntax error: unterminated quoted string");
    row("unterminated double", "echo \"abc", "syntax error: unterminated quoted string");
    row("background", "sleep 1 &", "syntax error: background jobs (&) are not supported");
    row("redirect without target", "echo >", "syntax error: unexpected end of file");
    row("bad substitution", "echo ${a b}", "syntax error: bad substitution");
    row("for without name", "for; do :; done", "syntax error: unexpected \";\"");
}

void TstMemoryShellParser::syntaxErrors() {
    QFETCH(QString, script);
    QFETCH(QString, message);
    try {
        const CommandList list = ShellParser::parse(script);
        QFAIL(qPrintable(QStringLiteral("parsed as: ") + toCanonical(list)));
    } catch (const SyntaxError& error) {
        QCOMPARE(error.message(), message);
    }
}

void TstMemoryShellParser::wordPartsKeepQuoting() {
    const std::vector<Token> tokens = ShellLexer::tokenize(QStringLiteral("a'b c'\"d\"\\e \"\""));
    QCOMPARE(tokens.size(), size_t(3)); // two words and End
    const Word& first = tokens[0].word;
    QCOMPARE(first.parts.size(), size_t(2));
    QCOMPARE(first.parts[0].text, QStringLiteral("a"));
    QVERIFY(!first.parts[0].quoted);
    QCOMPARE(first.parts[1].text, QStringLiteral("b cde"));
    QVERIFY(first.parts[1].quoted);
    const Word& empty = tokens[1].word;
    QCOMPARE(empty.parts.size(), size_t(1));
    QVERIFY(empty.parts[0].quoted);
    QVERIFY(empty.parts[0].text.isEmpty());
}

void TstMemoryShellParser::expansionsAreParsed() {
    const std::vector<Token> tokens = ShellLexer::tokenize(
        QStringLiteral("$A${B}$?$$$#$1$@\"$*\"$((1 + $x * (2)))${C:-d}${#E}$(echo hi)`pwd`$"));
    const Word& word = tokens[0].word;
    QStringList seen;
    for (const WordPart& part : word.parts) {
        switch (part.kind) {
        case WordPart::Kind::Literal:
            seen << QStringLiteral("lit:") + part.text;
            break;
        case WordPart::Kind::Parameter:
            seen << QStringLiteral("param:") + part.op + part.text +
                        (part.quoted ? QStringLiteral("(q)") : QString());
            break;
        case WordPart::Kind::Arithmetic:
            seen << QStringLiteral("arith:") + part.text;
            break;
        case WordPart::Kind::CommandSubstitution:
            seen << QStringLiteral("cmd:") + part.text;
            break;
        }
    }
    const QStringList expected = {
        QStringLiteral("param:A"),
        QStringLiteral("param:B"),
        QStringLiteral("param:?"),
        QStringLiteral("param:$"),
        QStringLiteral("param:#"),
        QStringLiteral("param:1"),
        QStringLiteral("param:@"),
        QStringLiteral("param:*(q)"),
        QStringLiteral("arith:1 + $x * (2)"),
        QStringLiteral("param::-C"),
        QStringLiteral("param:#E"),
        QStringLiteral("cmd:echo hi"),
        QStringLiteral("cmd:pwd"),
        QStringLiteral("lit:$"),
    };
    QCOMPARE(seen, expected);
}

void TstMemoryShellParser::assignmentsOnlyInFront() {
    const CommandList list = ShellParser::parse(QStringLiteral("A=1 echo B=2 'C'=3"));
    const auto& simple = std::get<SimpleCommand>(list.items[0].pipelines[0].commands[0]->body);
    QCOMPARE(simple.assignments.size(), size_t(1));
    QCOMPARE(simple.assignments[0].name, QStringLiteral("A"));
    QCOMPARE(simple.words.size(), size_t(3));
    QCOMPARE(simple.words[1].raw, QStringLiteral("B=2"));
}

void TstMemoryShellParser::incompleteInputIsMarked() {
    for (const char* script : {"if true; then", "echo 'a", "while :; do", "{ echo"}) {
        try {
            ShellParser::parse(QString::fromUtf8(script));
            QFAIL(script);
        } catch (const SyntaxError& error) {
            QVERIFY2(error.atEnd(), script);
        }
    }
    try {
        ShellParser::parse(QStringLiteral("fi"));
        QFAIL("fi parsed");
    } catch (const SyntaxError& error) {
        QVERIFY(!error.atEnd());
    }
}

QTEST_GUILESS_MAIN(TstMemoryShellParser)
#include "tst_memory_shellparser.moc"
