#include "shelllexer.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

bool isBlank(QChar c) {
    return c == u' ' || c == u'\t';
}

/// The characters that end an unquoted word.
bool isMeta(QChar c) {
    return isBlank(c) || c == u'\n' || c == u';' || c == u'&' || c == u'|' || c == u'<' ||
           c == u'>' || c == u'(' || c == u')';
}

bool isNameStart(QChar c) {
    return c == u'_' || (c.isLetter() && c.unicode() < 128);
}
bool isNameChar(QChar c) {
    return isNameStart(c) || (c.isDigit() && c.unicode() < 128);
}
bool isSpecialParameter(QChar c) {
    return QStringView(u"?$#@*!-").contains(c);
}

bool isValidParameterName(const QString& name) {
    if (name.size() == 1 && (isSpecialParameter(name[0]) || name[0].isDigit()))
        return true;
    if (!name.isEmpty() && name.front().isDigit()) {
        for (QChar c : name)
            if (!c.isDigit())
                return false;
        return true;
    }
    if (name.isEmpty() || !isNameStart(name[0]))
        return false;
    for (QChar c : name)
        if (!isNameChar(c))
            return false;
    return true;
}

SyntaxError unterminatedQuote() {
    return {u"syntax error: unterminated quoted string"_s, true};
}

} // namespace

SyntaxError::SyntaxError(const QString& message, bool atEnd)
    : std::runtime_error(message.toStdString())
    , atEnd_(atEnd) {}

bool Token::isKeyword(const QString& keyword) const {
    return type == Type::Word && word.raw == keyword && word.parts.size() == 1 &&
           word.parts[0].kind == WordPart::Kind::Literal && !word.parts[0].quoted;
}

std::vector<Token> ShellLexer::tokenize(const QString& source) {
    ShellLexer lexer(source);
    std::vector<Token> tokens;
    do {
        tokens.push_back(lexer.next());
    } while (tokens.back().type != Token::Type::End);
    return tokens;
}

std::vector<WordPart> lexWordText(const QString& text) {
    return ShellLexer(text).readWord(true).parts;
}

QChar ShellLexer::peek(qsizetype ahead) const {
    const qsizetype at = pos_ + ahead;
    return at < source_.size() ? source_[at] : QChar();
}

Token ShellLexer::next() {
    for (;;) {
        if (isBlank(peek())) {
            ++pos_;
        } else if (peek() == u'\\' && peek(1) == u'\n') {
            pos_ += 2;
        } else if (peek() == u'#') {
            while (pos_ < source_.size() && source_[pos_] != u'\n')
                ++pos_;
        } else {
            break;
        }
    }
    Token token;
    if (pos_ >= source_.size()) {
        token.text = u"end of file"_s;
        return token;
    }
    if (readOperator(token))
        return token;
    token.type = Token::Type::Word;
    token.word = readWord(false);
    token.text = token.word.raw;
    return token;
}

bool ShellLexer::readOperator(Token& token) {
    const qsizetype start = pos_;
    qsizetype digits = 0;
    while (peek(digits).isDigit() && peek(digits).unicode() < 128)
        ++digits;
    const QChar c = peek(digits);
    if (c == u'<' || c == u'>') {
        token.type = Token::Type::Redirect;
        token.fd = digits > 0 ? source_.mid(pos_, digits).toInt() : -1;
        pos_ += digits + 1;
        const QChar after = peek();
        if (c == u'>') {
            token.redirectKind = Redirect::Kind::Output;
            if (after == u'>') {
                token.redirectKind = Redirect::Kind::Append;
                ++pos_;
            } else if (after == u'&') {
                token.redirectKind = Redirect::Kind::DuplicateOutput;
                ++pos_;
            } else if (after == u'|') {
                ++pos_;
            }
        } else {
            token.redirectKind = Redirect::Kind::Input;
            if (after == u'<')
                throw SyntaxError(u"syntax error: here-documents are not supported"_s, false);
            if (after == u'&') {
                token.redirectKind = Redirect::Kind::DuplicateInput;
                ++pos_;
            }
        }
        token.text = source_.mid(start, pos_ - start);
        return true;
    }
    struct Operator {
        QStringView text;
        Token::Type type;
    };
    static const Operator operators[] = {
        {u"&&", Token::Type::AndIf},           {u"||", Token::Type::OrIf},
        {u";;", Token::Type::DoubleSemicolon}, {u"\n", Token::Type::Newline},
        {u";", Token::Type::Semicolon},        {u"|", Token::Type::Pipe},
        {u"&", Token::Type::Background},       {u"(", Token::Type::LeftParen},
        {u")", Token::Type::RightParen},
    };
    for (const Operator& op : operators) {
        if (QStringView(source_).mid(pos_).startsWith(op.text)) {
            token.type = op.type;
            token.text = op.type == Token::Type::Newline ? u"newline"_s : op.text.toString();
            pos_ += op.text.size();
            return true;
        }
    }
    return false;
}

void ShellLexer::appendLiteral(std::vector<WordPart>& parts, const QString& text, bool quoted) {
    if (!parts.empty() && parts.back().kind == WordPart::Kind::Literal &&
        parts.back().quoted == quoted) {
        parts.back().text += text;
        return;
    }
    WordPart part;
    part.text = text;
    part.quoted = quoted;
    parts.push_back(std::move(part));
}

Word ShellLexer::readWord(bool toEnd) {
    Word word;
    const qsizetype start = pos_;
    while (pos_ < source_.size()) {
        const QChar c = source_[pos_];
        if (!toEnd && isMeta(c))
            break;
        if (c == u'\'') {
            const qsizetype close = source_.indexOf(u'\'', pos_ + 1);
            if (close < 0)
                throw unterminatedQuote();
            appendLiteral(word.parts, source_.mid(pos_ + 1, close - pos_ - 1), true);
            pos_ = close + 1;
        } else if (c == u'"') {
            readDoubleQuoted(word.parts);
        } else if (c == u'\\') {
            if (peek(1) == u'\n') {
                pos_ += 2;
            } else if (pos_ + 1 >= source_.size()) {
                appendLiteral(word.parts, u"\\"_s, false);
                ++pos_;
            } else {
                appendLiteral(word.parts, QString(peek(1)), true);
                pos_ += 2;
            }
        } else if (c == u'$') {
            readDollar(word.parts, false);
        } else if (c == u'`') {
            readBackquoted(word.parts, false);
        } else {
            appendLiteral(word.parts, QString(c), false);
            ++pos_;
        }
    }
    word.raw = source_.mid(start, pos_ - start);
    return word;
}

void ShellLexer::readDoubleQuoted(std::vector<WordPart>& parts) {
    ++pos_;
    const size_t before = parts.size();
    for (;;) {
        if (pos_ >= source_.size())
            throw unterminatedQuote();
        const QChar c = source_[pos_];
        if (c == u'"') {
            ++pos_;
            if (parts.size() == before) // `""` is still one (empty) field; `"$@"` may be none
                appendLiteral(parts, QString(), true);
            return;
        }
        if (c == u'\\') {
            const QChar escaped = peek(1);
            if (escaped == u'\n') {
                pos_ += 2;
            } else if (escaped == u'$' || escaped == u'`' || escaped == u'"' || escaped == u'\\') {
                appendLiteral(parts, QString(escaped), true);
                pos_ += 2;
            } else {
                appendLiteral(parts, u"\\"_s, true);
                ++pos_;
            }
        } else if (c == u'$') {
            readDollar(parts, true);
        } else if (c == u'`') {
            readBackquoted(parts, true);
        } else {
            appendLiteral(parts, QString(c), true);
            ++pos_;
        }
    }
}

QString ShellLexer::readBalanced(qsizetype start, int depth) {
    // Finds the `)` that closes `depth` open parentheses before `start`, skipping quoted text.
    qsizetype at = start;
    while (at < source_.size()) {
        const QChar c = source_[at];
        if (c == u'\\') {
            at += 2;
            continue;
        }
        if (c == u'\'' || c == u'"') {
            const qsizetype close = source_.indexOf(c, at + 1);
            if (close < 0)
                throw unterminatedQuote();
            at = close + 1;
            continue;
        }
        if (c == u'(')
            ++depth;
        else if (c == u')' && --depth == 0) {
            pos_ = at + 1;
            return source_.mid(start, at - start);
        }
        ++at;
    }
    throw SyntaxError(u"syntax error: unexpected end of file (expecting \")\")"_s, true);
}

void ShellLexer::readDollar(std::vector<WordPart>& parts, bool quoted) {
    const QChar c = peek(1);
    WordPart part;
    part.kind = WordPart::Kind::Parameter;
    part.quoted = quoted;
    if (c == u'{') {
        readBraced(parts, quoted);
        return;
    }
    if (c == u'(' && peek(2) == u'(') {
        // $((expr)): the closing `))` is the first `)` at depth zero followed by another `)`.
        const qsizetype start = pos_ + 3;
        QString inner = readBalanced(start, 2);
        if (!inner.endsWith(u')'))
            throw SyntaxError(u"arithmetic syntax error"_s, false);
        inner.chop(1);
        part.kind = WordPart::Kind::Arithmetic;
        part.text = inner;
        part.inner = lexWordText(inner);
        parts.push_back(std::move(part));
        return;
    }
    if (c == u'(') {
        part.kind = WordPart::Kind::CommandSubstitution;
        part.text = readBalanced(pos_ + 2, 1);
        parts.push_back(std::move(part));
        return;
    }
    if (isNameStart(c)) {
        qsizetype end = pos_ + 1;
        while (end < source_.size() && isNameChar(source_[end]))
            ++end;
        part.text = source_.mid(pos_ + 1, end - pos_ - 1);
        pos_ = end;
    } else if ((c.isDigit() && c.unicode() < 128) || isSpecialParameter(c)) {
        part.text = QString(c);
        pos_ += 2;
    } else {
        appendLiteral(parts, u"$"_s, quoted);
        ++pos_;
        return;
    }
    parts.push_back(std::move(part));
}

void ShellLexer::readBraced(std::vector<WordPart>& parts, bool quoted) {
    // ${NAME}, ${#NAME}, ${NAME<op>word}; nested ${...} in the word are skipped over.
    const qsizetype start = pos_ + 2;
    qsizetype at = start;
    int depth = 1;
    while (at < source_.size()) {
        const QChar c = source_[at];
        if (c == u'\\') {
            at += 2;
            continue;
        }
        if (c == u'{')
            ++depth;
        else if (c == u'}' && --depth == 0)
            break;
        ++at;
    }
    if (at >= source_.size())
        throw SyntaxError(u"syntax error: missing '}'"_s, true);
    const QString body = source_.mid(start, at - start);
    pos_ = at + 1;
    WordPart part;
    part.kind = WordPart::Kind::Parameter;
    part.quoted = quoted;
    if (body.size() > 1 && body.startsWith(u'#') && isValidParameterName(body.mid(1))) {
        part.op = u"#"_s;
        part.text = body.mid(1);
        parts.push_back(std::move(part));
        return;
    }
    qsizetype nameEnd = 0;
    if (!body.isEmpty() && (isSpecialParameter(body[0]) || body[0].isDigit()))
        nameEnd = 1;
    while (nameEnd < body.size() && isNameChar(body[nameEnd]) &&
           !(nameEnd > 0 && body[0].isDigit() && !body[nameEnd].isDigit()))
        ++nameEnd;
    part.text = body.left(nameEnd);
    const QString rest = body.mid(nameEnd);
    if (!isValidParameterName(part.text))
        throw SyntaxError(u"syntax error: bad substitution"_s, false);
    if (!rest.isEmpty()) {
        static const QStringView operators[] = {u":-", u":+", u":=", u"-", u"+", u"="};
        for (QStringView op : operators) {
            if (rest.startsWith(op)) {
                part.op = op.toString();
                part.inner = lexWordText(rest.mid(op.size()));
                break;
            }
        }
        if (part.op.isEmpty())
            throw SyntaxError(u"syntax error: bad substitution"_s, false);
    }
    parts.push_back(std::move(part));
}

void ShellLexer::readBackquoted(std::vector<WordPart>& parts, bool quoted) {
    QString script;
    qsizetype at = pos_ + 1;
    for (;; ++at) {
        if (at >= source_.size())
            throw unterminatedQuote();
        const QChar c = source_[at];
        if (c == u'`')
            break;
        if (c == u'\\' && at + 1 < source_.size() &&
            (source_[at + 1] == u'`' || source_[at + 1] == u'\\' || source_[at + 1] == u'$')) {
            script += source_[++at];
            continue;
        }
        script += c;
    }
    pos_ = at + 1;
    WordPart part;
    part.kind = WordPart::Kind::CommandSubstitution;
    part.quoted = quoted;
    part.text = script;
    parts.push_back(std::move(part));
}

} // namespace sockerless::backends::memory::shell
