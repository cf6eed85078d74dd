// adviz: with no command, or `gui`, the window; `export` draws headless; eval, jvp, vjp, trace
// and dot print on the command line.

#include <QCoreApplication>

#include <iostream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "app/gui_command.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "gui" : args.front();
    if (command == "gui" || (command.size() > 1 && command[0] == '-' && command != "--help" &&
                             command != "-h"))
        return adviz::cli::runGui(argc, argv, args, std::cerr);
    if (command == "export") return adviz::cli::runExport(argc, argv, args, std::cerr);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("adviz");
    return adviz::cli::run(args, std::cout, std::cerr, std::cin);
}
