// `adviz pytorch`: prints a standalone Python script that checks adviz's numbers with PyTorch
// autograd (autodiff/pytorch/pytorch_script.hpp). Without --seed the script prints what
// `adviz eval --json` prints; with --seed, what `adviz vjp --json` prints.

#include <ostream>

#include "app/commands.hpp"
#include "autodiff/pytorch/pytorch_script.hpp"

namespace adviz::cli {

int cmdPytorch(const Job& job, const Options& opt, std::ostream& out, std::ostream&) {
    out << pytorch::script(job.graph, opt.source, job.x, opt.seed ? &job.ybar : nullptr);
    return 0;
}

}  // namespace adviz::cli
