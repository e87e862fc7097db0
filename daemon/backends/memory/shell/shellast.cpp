#include "shellast.h"

#include <QStringList>

namespace sockerless::backends::memory::shell {

using namespace Qt::StringLiterals;

namespace {

QString printList(const CommandList& list);

QString printRedirect(const Redirect& redirect) {
    static const QString operators[] = {u">"_s, u">>"_s, u"<"_s, u">&"_s, u"<&"_s};
    return QString::number(redirect.fd) + operators[static_cast<int>(redirect.kind)] +
           redirect.target.raw;
}

/// Prints `list` followed by `;` as the body of a compound command.
QString printBody(const CommandList& list) {
    return printList(list) + u";"_s;
}

QString printCommand(const Command& command) {
    QStringList out;
    if (const auto* simple = std::get_if<SimpleCommand>(&command.body)) {
        for (const Assignment& assignment : simple->assignments)
            out << assignment.name + u"="_s + assignment.value.raw;
        for (const Word& word : simple->words)
            out << word.raw;
    } else if (const auto* clause = std::get_if<IfClause>(&command.body)) {
        QString text;
        for (size_t i = 0; i < clause->branches.size(); ++i)
            text += (i == 0 ? u"if "_s : u" elif "_s) + printBody(clause->branches[i].first) +
                    u" then "_s + printBody(clause->branches[i].second);
        if (clause->elseBody)
            text += u" else "_s + printBody(*clause->elseBody);
        out << text + u" fi"_s;
    } else if (const auto* loop = std::get_if<LoopClause>(&command.body)) {
        out << (loop->until ? u"until "_s : u"while "_s) + printBody(loop->condition) + u" do "_s +
                   printBody(loop->body) + u" done"_s;
    } else if (const auto* forClause = std::get_if<ForClause>(&command.body)) {
        QString text = u"for "_s + forClause->variable;
        if (forClause->words) {
            text += u" in"_s;
            for (const Word& word : *forClause->words)
                text += u" "_s + word.raw;
        }
        out << text + u"; do "_s + printBody(forClause->body) + u" done"_s;
    } else if (const auto* group = std::get_if<GroupClause>(&command.body)) {
        out << (group->subshell ? u"( "_s + printList(group->body) + u" )"_s
                                : u"{ "_s + printBody(group->body) + u" }"_s);
    } else if (const auto* caseClause = std::get_if<CaseClause>(&command.body)) {
        QString text = u"case "_s + caseClause->word.raw + u" in"_s;
        for (const CaseClause::Item& item : caseClause->items) {
            QStringList patterns;
            for (const Word& pattern : item.patterns)
                patterns << pattern.raw;
            text += u" "_s + patterns.join(u'|') + u") "_s + printBody(item.body) + u";"_s;
        }
        out << text + u" esac"_s;
    }
    for (const Redirect& redirect : command.redirects)
        out << printRedirect(redirect);
    return out.join(u' ');
}

QString printPipeline(const Pipeline& pipeline) {
    QStringList stages;
    for (const CommandPtr& command : pipeline.commands)
        stages << printCommand(*command);
    return (pipeline.negated ? u"! "_s : QString()) + stages.join(u" | "_s);
}

QString printAndOr(const AndOr& andOr) {
    QString text = printPipeline(andOr.pipelines.front());
    for (size_t i = 0; i < andOr.operators.size(); ++i)
        text += (andOr.operators[i] == AndOr::Operator::And ? u" && "_s : u" || "_s) +
                printPipeline(andOr.pipelines[i + 1]);
    return text;
}

QString printList(const CommandList& list) {
    QStringList items;
    for (const AndOr& andOr : list.items)
        items << printAndOr(andOr);
    return items.join(u"; "_s);
}

} // namespace

QString toCanonical(const CommandList& list) {
    return printList(list);
}

} // namespace sockerless::backends::memory::shell
