// Shell pattern matching for `case`: the pattern word keeps its quoting (quoted characters match
// only themselves) and is matched against the whole subject.
#include "shellinterpreter.h"

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

/// Matches the bracket expression starting at `pattern[*at]` (just after `[`) against `c`;
/// advances `*at` past the closing `]`. Returns nullopt when there is no closing `]` (then the
/// `[` is literal).
std::optional<bool> matchBracket(const QString& pattern, qsizetype* at, QChar c) {
    qsizetype i = *at;
    bool negated = false;
    if (i < pattern.size() && (pattern[i] == u'!' || pattern[i] == u'^')) {
        negated = true;
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (first || pattern[i] != u']')) {
        first = false;
        QChar low = pattern[i];
        if (low == u'\\' && i + 1 < pattern.size())
            low = pattern[++i];
        ++i;
        QChar high = low;
        if (i + 1 < pattern.size() && pattern[i] == u'-' && pattern[i + 1] != u']') {
            high = pattern[i + 1];
            if (high == u'\\' && i + 2 < pattern.size()) {
                high = pattern[i + 2];
                ++i;
            }
            i += 2;
        }
        if (c >= low && c <= high)
            matched = true;
    }
    if (i >= pattern.size())
        return std::nullopt;
    *at = i + 1;
    return matched != negated;
}

bool matchFrom(const QString& pattern, qsizetype p, const QString& text, qsizetype t) {
    while (p < pattern.size()) {
        const QChar c = pattern[p];
        if (c == u'*') {
            // Try every split: subjects are short.
            for (qsizetype rest = t; rest <= text.size(); ++rest)
                if (matchFrom(pattern, p + 1, text, rest))
                    return true;
            return false;
        }
        if (t >= text.size())
            return false;
        if (c == u'?') {
            ++p;
            ++t;
            continue;
        }
        if (c == u'[') {
            qsizetype next = p + 1;
            const std::optional<bool> matched = matchBracket(pattern, &next, text[t]);
            if (matched) {
                if (!*matched)
                    return false;
                p = next;
                ++t;
                continue;
            }
        }
        QChar literal = c;
        if (c == u'\\' && p + 1 < pattern.size())
            literal = pattern[++p];
        if (literal != text[t])
            return false;
        ++p;
        ++t;
    }
    return t == text.size();
}

} // namespace

bool matchPattern(const QString& pattern, const QString& text) {
    return matchFrom(pattern, 0, text, 0);
}

QString ShellInterpreter::expandPattern(const Word& word) {
    QString pattern;
    for (const WordPart& part : word.parts) {
        const QString text = expandToString({part});
        if (!part.quoted) {
            pattern += text;
            continue;
        }
        for (QChar c : text) {
            if (c == u'*' || c == u'?' || c == u'[' || c == u'\\')
                pattern += u'\\';
            pattern += c;
        }
    }
    return pattern;
}

} // namespace sockerless::backends::memory::shell
