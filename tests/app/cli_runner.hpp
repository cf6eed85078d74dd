#pragma once
// Runs the command line in-process for the CLI tests and parses its JSON with Qt's own parser
// (an independent reader of what our writer wrote).

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"

namespace adviz::test {

struct Run {
    int status = -1;
    std::string out, err;
};

/// `adviz args…` with `input` on standard input.
inline Run run(std::vector<std::string> args, const std::string& input = "") {
    std::ostringstream out, err;
    std::istringstream in(input);
    Run r;
    r.status = adviz::cli::run(args, out, err, in);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// The standard output as a JSON object (fails the test if it is not one).
inline QJsonObject json(const Run& r) {
    QJsonParseError e{};
    auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &e);
    INFO(r.out << r.err);
    REQUIRE(e.error == QJsonParseError::NoError);
    REQUIRE(doc.isObject());
    return doc.object();
}

}  // namespace adviz::test
