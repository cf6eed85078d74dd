// Every example in the Examples menu parses, and its values name exactly its inputs.

#include <catch2/catch.hpp>

#include <QStringList>

#include <algorithm>
#include <set>

#include "autodiff/language/parser.hpp"
#include "ui/examples.hpp"

using namespace adviz;

TEST_CASE("every example parses and gives every input a value", "[examples]") {
    REQUIRE(ui::examples().size() >= 5);
    for (const ui::Example& e : ui::examples()) {
        INFO(e.title.toStdString());
        ParseResult r = parse(e.source.toStdString());
        REQUIRE(r.ok());
        // Names as the scalar graph has them: W1[1,0] for an element of a matrix.
        std::set<std::string> given;
        for (const auto& [name, value] : ui::parseValues(e.values)) given.insert(name);
        std::set<std::string> inputs;
        for (int i = 0; i < r.graph.inputCount(); ++i) inputs.emplace(r.graph.inputName(i));
        if (e.init) {
            // Too many weights to list: the seed gives the rest, and what is listed exists.
            CHECK(std::includes(inputs.begin(), inputs.end(), given.begin(), given.end()));
            CHECK(ui::exampleValues(e).size() == inputs.size());
        } else {
            CHECK(given == inputs);
        }
        CHECK((e.mode == "forward" || e.mode == "reverse"));
    }
}
