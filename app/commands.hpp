#pragma once
// The table of command-line commands (cli.cpp) and the commands defined in files of their own.

#include <iosfwd>
#include <vector>

#include <optional>

#include "app/cli_job.hpp"
#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/teaching/worksheet.hpp"

namespace adviz::cli {

/// Every command, in the order `adviz --help` lists them.
const std::vector<Command>& commands();

// Second order and Jacobians (cmd_second_order.cpp).
int cmdJacobian(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
int cmdHvp(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
int cmdHessian(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);

// Why not finite differences or symbolic differentiation (cmd_numerics.cpp).
int cmdFdError(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
int cmdSwell(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
int cmdCost(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);

// The trace of a program with shapes, per matrix operation (cmd_shaped_trace.cpp); mode is
// forward or reverse, job.graph.shaped is set; a strategy checkpoints reverse mode over the
// matrix operations (autodiff/shaped/shaped_checkpoint.hpp).
int printShapedTrace(const Job& job, const Options& opt, Mode mode, const std::optional<Strategy>& strategy,
                     std::ostream& out);

// Gradient checkpointing (cmd_checkpoint.cpp).
int cmdCheckpoint(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);

// Teaching: dual numbers and exercise sheets (cmd_teach.cpp).
int traceDual(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
int cmdQuiz(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);
/// The sheet of a quiz command line (an error printed and status set if it cannot be made).
std::optional<Worksheet> quizSheet(const Job& job, const Options& opt, std::ostream& err, int& status);
// The chain rule as a product of Jacobians (cmd_chain.cpp).
int cmdChain(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);

// A PyTorch script that checks the numbers (cmd_pytorch.cpp).
int cmdPytorch(const Job& job, const Options& opt, std::ostream& out, std::ostream& err);

}  // namespace adviz::cli
