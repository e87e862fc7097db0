// Word expansion of ShellInterpreter: parameters, arithmetic, command substitution and field
// splitting (on blanks and newlines). Words are not globbed: no test or client script the memory
// backend serves has needed `*` to match files in its small in-memory file system yet.
#include "shellarithmetic.h"
#include "shellinterpreter.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

bool isFieldSeparator(QChar c) {
    return c == u' ' || c == u'\t' || c == u'\n';
}

/// Collects the fields of one word as expansion produces them.
struct FieldBuilder {
    QStringList fields;
    QString current;
    bool open = false; ///< something (maybe an empty quoted string) belongs to `current`

    void append(const QString& text) {
        current += text;
        open = true;
    }
    void finish() {
        if (open)
            fields << current;
        current.clear();
        open = false;
    }
    /// Appends the result of an unquoted expansion, splitting it into fields.
    void appendSplit(const QString& text) {
        qsizetype at = 0;
        while (at < text.size()) {
            if (isFieldSeparator(text[at])) {
                finish();
                while (at < text.size() && isFieldSeparator(text[at]))
                    ++at;
                continue;
            }
            const qsizetype start = at;
            while (at < text.size() && !isFieldSeparator(text[at]))
                ++at;
            append(text.mid(start, at - start));
        }
    }
};

} // namespace

QStringList ShellInterpreter::expandWords(const std::vector<Word>& words) {
    FieldBuilder builder;
    for (const Word& word : words) {
        for (const WordPart& part : word.parts) {
            switch (part.kind) {
            case WordPart::Kind::Literal:
                builder.append(part.text);
                break;
            case WordPart::Kind::Parameter:
                if (part.quoted && part.text == u"@" && part.op.isEmpty()) {
                    // "$@": one field per positional parameter, glued to the text around it.
                    for (qsizetype i = 0; i < state_.positional.size(); ++i) {
                        if (i > 0)
                            builder.finish();
                        builder.append(state_.positional[i]);
                    }
                } else if (part.quoted) {
                    builder.append(expandParameter(part));
                } else {
                    builder.appendSplit(expandParameter(part));
                }
                break;
            case WordPart::Kind::Arithmetic:
            case WordPart::Kind::CommandSubstitution: {
                const QString value = part.kind == WordPart::Kind::Arithmetic
                                          ? QString::number(ShellArithmetic::evaluate(
                                                expandToString(part.inner),
                                                [this](const QString& name) {
                                                    return variable(name).value_or(QString());
                                                }))
                                          : commandSubstitution(part.text);
                if (part.quoted)
                    builder.append(value);
                else
                    builder.appendSplit(value);
                break;
            }
            }
        }
        builder.finish();
    }
    return builder.fields;
}

QString ShellInterpreter::expandToString(const std::vector<WordPart>& parts) {
    QString out;
    for (const WordPart& part : parts) {
        switch (part.kind) {
        case WordPart::Kind::Literal:
            out += part.text;
            break;
        case WordPart::Kind::Parameter:
            out += expandParameter(part);
            break;
        case WordPart::Kind::Arithmetic:
            out += QString::number(
                ShellArithmetic::evaluate(expandToString(part.inner), [this](const QString& name) {
                    return variable(name).value_or(QString());
                }));
            break;
        case WordPart::Kind::CommandSubstitution:
            out += commandSubstitution(part.text);
            break;
        }
    }
    return out;
}

QString ShellInterpreter::parameterValue(const QString& name, bool* isSet) const {
    *isSet = true;
    if (name == u"?")
        return QString::number(state_.lastStatus);
    if (name == u"$")
        return QString::number(state_.pid);
    if (name == u"#")
        return QString::number(state_.positional.size());
    if (name == u"0")
        return state_.scriptName;
    if (name == u"@" || name == u"*")
        return state_.positional.join(u' ');
    if (name == u"!" || name == u"-")
        return QString();
    if (name.front().isDigit()) {
        const int index = name.toInt();
        *isSet = index <= state_.positional.size();
        return *isSet ? state_.positional[index - 1] : QString();
    }
    const std::optional<QString> value = variable(name);
    *isSet = value.has_value();
    return value.value_or(QString());
}

QString ShellInterpreter::expandParameter(const WordPart& part) {
    bool isSet = false;
    QString value = parameterValue(part.text, &isSet);
    const QString& op = part.op;
    if (op.isEmpty())
        return value;
    if (op == u"#")
        return QString::number(value.size());
    const bool present = op.startsWith(u':') ? !value.isEmpty() : isSet;
    if (op.endsWith(u'+'))
        return present ? expandToString(part.inner) : QString();
    if (present)
        return value;
    QString fallback = expandToString(part.inner);
    if (op.endsWith(u'=')) {
        if (part.text.front().isLetter() || part.text.front() == u'_')
            setVariable(part.text, fallback);
        else
            throw ExpansionError{part.text + u": bad variable name"_s};
    }
    return fallback;
}

QString ShellInterpreter::commandSubstitution(const QString& script) {
    BufferStream buffer(control_);
    std::map<int, Stream*> fds = fds_;
    fds[1] = &buffer;
    ShellInterpreter sub(control_, subshellState(), false, std::move(fds));
    substitutionStatus_ = sub.runScript(script);
    QString text = QString::fromUtf8(buffer.data());
    while (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

} // namespace sockerless::backends::memory::shell
