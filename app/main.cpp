// adviz: the command line for eval/jvp/vjp/trace/dot, the window for everything else.

#include <QCoreApplication>

#include <iostream>
#include <string>
#include <vector>

#include "app/cli.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("adviz");
    return adviz::cli::run(args, std::cout, std::cerr, std::cin);
}
