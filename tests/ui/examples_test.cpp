// Every example in the Examples menu parses, and its values name exactly its inputs.

#include <catch2/catch.hpp>

#include <QStringList>

#include <set>

#include "autodiff/parser.hpp"
#include "ui/examples.hpp"

using namespace adviz;

TEST_CASE("every example parses and gives every input a value", "[examples]") {
    REQUIRE(ui::examples().size() >= 5);
    for (const ui::Example& e : ui::examples()) {
        INFO(e.title.toStdString());
        ParseResult r = parse(e.source.toStdString());
        REQUIRE(r.ok());
        std::set<std::string> given;
        for (const QString& item : e.values.split(',', Qt::SkipEmptyParts))
            given.insert(item.section('=', 0, 0).trimmed().toStdString());
        std::set<std::string> inputs;
        for (int i = 0; i < r.graph.inputCount(); ++i) inputs.emplace(r.graph.inputName(i));
        CHECK(given == inputs);
        CHECK((e.mode == "forward" || e.mode == "reverse"));
    }
}
