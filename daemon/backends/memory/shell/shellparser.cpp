#include "shellparser.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// Reserved words that may not start a command (they close or continue a compound one).
bool isClosingKeyword(const Token& token) {
    static const QStringList words = {u"then"_s, u"else"_s, u"elif"_s, u"fi"_s,
                                      u"do"_s,   u"done"_s, u"}"_s,    u"esac"_s};
    for (const QString& word : words)
        if (token.isKeyword(word))
            return true;
    return false;
}

bool isName(const QString& text) {
    if (text.isEmpty() || text[0].isDigit())
        return false;
    for (QChar c : text)
        if (!(c == u'_' || (c.unicode() < 128 && c.isLetterOrNumber())))
            return false;
    return true;
}

/// Splits `NAME=value` into an assignment when the word starts with an unquoted `NAME=`.
std::optional<Assignment> asAssignment(const Word& word) {
    if (word.parts.empty() || word.parts[0].kind != WordPart::Kind::Literal || word.parts[0].quoted)
        return std::nullopt;
    const QString& first = word.parts[0].text;
    const qsizetype equals = first.indexOf(u'=');
    if (equals <= 0 || !isName(first.left(equals)))
        return std::nullopt;
    Assignment assignment;
    assignment.name = first.left(equals);
    assignment.value.raw = word.raw.mid(equals + 1);
    if (equals + 1 < first.size()) {
        WordPart rest;
        rest.text = first.mid(equals + 1);
        assignment.value.parts.push_back(std::move(rest));
    }
    assignment.value.parts.insert(assignment.value.parts.end(), word.parts.begin() + 1,
                                  word.parts.end());
    return assignment;
}

} // namespace

CommandList ShellParser::parse(const QString& source) {
    ShellParser parser(ShellLexer::tokenize(source));
    CommandList list = parser.parseList({}, false);
    if (!parser.at(Token::Type::End))
        parser.unexpected();
    return list;
}

void ShellParser::skipNewlines() {
    while (at(Token::Type::Newline))
        ++pos_;
}

void ShellParser::unexpected(const QString& expecting) const {
    const Token& token = peek();
    if (token.type == Token::Type::End) {
        const QString wanted = !expecting.isEmpty()    ? expecting
                               : !expecting_.isEmpty() ? expecting_.back()
                                                       : QString();
        throw SyntaxError(wanted.isEmpty()
                              ? u"syntax error: unexpected end of file"_s
                              : u"syntax error: unexpected end of file (expecting \""_s + wanted +
                                    u"\")"_s,
                          true);
    }
    if (token.type == Token::Type::Newline)
        throw SyntaxError(u"syntax error: unexpected newline"_s, false);
    throw SyntaxError(u"syntax error: unexpected \""_s + token.text + u"\""_s, false);
}

void ShellParser::expectKeyword(const QString& keyword) {
    if (!peek().isKeyword(keyword))
        unexpected(keyword);
    ++pos_;
}

bool ShellParser::atTerminator(const QStringList& terminators) const {
    if (at(Token::Type::End) || at(Token::Type::RightParen) || at(Token::Type::DoubleSemicolon))
        return true;
    for (const QString& word : terminators)
        if (peek().isKeyword(word))
            return true;
    return false;
}

CommandList ShellParser::parseList(const QStringList& terminators, bool required) {
    CommandList list;
    skipNewlines();
    while (!atTerminator(terminators)) {
        list.items.push_back(parseAndOr());
        if (at(Token::Type::Background))
            throw SyntaxError(u"syntax error: background jobs (&) are not supported"_s, false);
        if (!at(Token::Type::Semicolon) && !at(Token::Type::Newline))
            break;
        ++pos_;
        skipNewlines();
    }
    if (required && list.items.empty())
        unexpected();
    return list;
}

AndOr ShellParser::parseAndOr() {
    AndOr andOr;
    andOr.pipelines.push_back(parsePipeline());
    while (at(Token::Type::AndIf) || at(Token::Type::OrIf)) {
        andOr.operators.push_back(take().type == Token::Type::AndIf ? AndOr::Operator::And
                                                                    : AndOr::Operator::Or);
        skipNewlines();
        andOr.pipelines.push_back(parsePipeline());
    }
    return andOr;
}

Pipeline ShellParser::parsePipeline() {
    Pipeline pipeline;
    if (peek().isKeyword(u"!"_s)) {
        pipeline.negated = true;
        ++pos_;
    }
    pipeline.commands.push_back(parseCommand());
    while (at(Token::Type::Pipe)) {
        ++pos_;
        skipNewlines();
        pipeline.commands.push_back(parseCommand());
    }
    return pipeline;
}

CommandPtr ShellParser::parseCommand() {
    auto command = std::make_unique<Command>();
    const Token& token = peek();
    if (token.isKeyword(u"if"_s)) {
        command->body = parseIf();
    } else if (token.isKeyword(u"while"_s) || token.isKeyword(u"until"_s)) {
        command->body = parseLoop(token.isKeyword(u"until"_s));
    } else if (token.isKeyword(u"for"_s)) {
        command->body = parseFor();
    } else if (token.isKeyword(u"case"_s)) {
        command->body = parseCase();
    } else if (token.isKeyword(u"{"_s)) {
        command->body = parseGroup(false);
    } else if (token.type == Token::Type::LeftParen) {
        command->body = parseGroup(true);
    } else {
        command->body = parseSimple(*command);
        return command;
    }
    parseRedirects(*command);
    return command;
}

void ShellParser::parseRedirects(Command& command) {
    while (at(Token::Type::Redirect))
        command.redirects.push_back(parseRedirect());
}

Redirect ShellParser::parseRedirect() {
    const Token op = take();
    Redirect redirect;
    redirect.kind = op.redirectKind;
    const bool input = op.redirectKind == Redirect::Kind::Input ||
                       op.redirectKind == Redirect::Kind::DuplicateInput;
    redirect.fd = op.fd >= 0 ? op.fd : (input ? 0 : 1);
    if (!at(Token::Type::Word))
        unexpected();
    redirect.target = take().word;
    return redirect;
}

SimpleCommand ShellParser::parseSimple(Command& command) {
    SimpleCommand simple;
    if (isClosingKeyword(peek()))
        unexpected();
    for (;;) {
        if (at(Token::Type::Redirect)) {
            command.redirects.push_back(parseRedirect());
        } else if (at(Token::Type::Word)) {
            Word word = take().word;
            std::optional<Assignment> assignment;
            if (simple.words.empty())
                assignment = asAssignment(word);
            if (assignment)
                simple.assignments.push_back(std::move(*assignment));
            else
                simple.words.push_back(std::move(word));
        } else {
            break;
        }
    }
    if (simple.words.empty() && simple.assignments.empty() && command.redirects.empty())
        unexpected();
    return simple;
}

IfClause ShellParser::parseIf() {
    IfClause clause;
    ++pos_; // if
    expecting_.push_back(u"then"_s);
    for (;;) {
        expecting_.back() = u"then"_s;
        CommandList condition = parseList({u"then"_s}, true);
        expectKeyword(u"then"_s);
        expecting_.back() = u"fi"_s;
        CommandList body = parseList({u"elif"_s, u"else"_s, u"fi"_s}, true);
        clause.branches.emplace_back(std::move(condition), std::move(body));
        if (peek().isKeyword(u"elif"_s)) {
            ++pos_;
            continue;
        }
        if (peek().isKeyword(u"else"_s)) {
            ++pos_;
            clause.elseBody = parseList({u"fi"_s}, true);
        }
        break;
    }
    expectKeyword(u"fi"_s);
    expecting_.pop_back();
    return clause;
}

LoopClause ShellParser::parseLoop(bool until) {
    LoopClause clause;
    clause.until = until;
    ++pos_; // while / until
    expecting_.push_back(u"do"_s);
    clause.condition = parseList({u"do"_s}, true);
    expectKeyword(u"do"_s);
    expecting_.back() = u"done"_s;
    clause.body = parseList({u"done"_s}, true);
    expectKeyword(u"done"_s);
    expecting_.pop_back();
    return clause;
}

ForClause ShellParser::parseFor() {
    ForClause clause;
    ++pos_; // for
    if (!at(Token::Type::Word) || !isName(peek().word.raw))
        unexpected();
    clause.variable = take().word.raw;
    expecting_.push_back(u"do"_s);
    skipNewlines();
    if (peek().isKeyword(u"in"_s)) {
        ++pos_;
        std::vector<Word> words;
        while (at(Token::Type::Word))
            words.push_back(take().word);
        clause.words = std::move(words);
        if (!at(Token::Type::Semicolon) && !at(Token::Type::Newline))
            unexpected();
        ++pos_;
    } else if (at(Token::Type::Semicolon)) {
        ++pos_;
    }
    skipNewlines();
    expectKeyword(u"do"_s);
    expecting_.back() = u"done"_s;
    clause.body = parseList({u"done"_s}, true);
    expectKeyword(u"done"_s);
    expecting_.pop_back();
    return clause;
}

GroupClause ShellParser::parseGroup(bool subshell) {
    GroupClause group;
    group.subshell = subshell;
    ++pos_; // { or (
    expecting_.push_back(subshell ? u")"_s : u"}"_s);
    group.body = parseList({u"}"_s}, true);
    if (subshell) {
        if (!at(Token::Type::RightParen))
            unexpected();
        ++pos_;
    } else {
        expectKeyword(u"}"_s);
    }
    expecting_.pop_back();
    return group;
}

CaseClause ShellParser::parseCase() {
    CaseClause clause;
    ++pos_; // case
    if (!at(Token::Type::Word))
        unexpected();
    clause.word = take().word;
    skipNewlines();
    expectKeyword(u"in"_s);
    expecting_.push_back(u"esac"_s);
    skipNewlines();
    while (!peek().isKeyword(u"esac"_s)) {
        CaseClause::Item item;
        if (at(Token::Type::LeftParen))
            ++pos_;
        for (;;) {
            if (!at(Token::Type::Word))
                unexpected();
            item.patterns.push_back(take().word);
            if (!at(Token::Type::Pipe))
                break;
            ++pos_;
        }
        if (!at(Token::Type::RightParen))
            unexpected();
        ++pos_;
        item.body = parseList({u"esac"_s}, false);
        clause.items.push_back(std::move(item));
        if (!at(Token::Type::DoubleSemicolon))
            break; // the last arm may omit `;;`
        ++pos_;
        skipNewlines();
    }
    expectKeyword(u"esac"_s);
    expecting_.pop_back();
    return clause;
}

} // namespace sockerless::backends::memory::shell
