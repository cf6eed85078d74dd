// adviz: with no command, or `gui`, the window; `export` draws headless; every other command
// (eval, jvp, vjp, trace, dot, jacobian, hvp, hessian, fd-error, swell, cost, checkpoint) prints
// on the command line (app/cli.cpp holds the table).

#include <QCoreApplication>

#include <iostream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "app/gui_command.hpp"
#include "app/quiz_export.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "gui" : args.front();
    if (command == "gui" || (command.size() > 1 && command[0] == '-' && command != "--help" &&
                             command != "-h" && command != "--version"))
        return adviz::cli::runGui(argc, argv, args, std::cerr);
    if (command == "quiz" && adviz::cli::quizNeedsDrawing(args)) return adviz::cli::runQuizExport(argc, argv, args, std::cerr);
    if (command == "export" && !adviz::cli::isDotExport(args)) return adviz::cli::runExport(argc, argv, args, std::cerr);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("adviz");
    return adviz::cli::run(args, std::cout, std::cerr, std::cin);
}
