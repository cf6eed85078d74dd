// `adviz checkpoint EXPR --at … --strategy store-all|sqrt|every:K|binomial:S [--json]`: the
// gradient by checkpointed reverse mode, with what the strategy cost: most values stored at
// once, snapshots taken, operations recomputed, forward evaluations in all.
//
// Like eval, one sweep per output seeded with eⱼ gives each output's gradient (--seed is not
// read); the counts do not depend on the seed, so they are reported once.

#include <algorithm>
#include <ostream>
#include <string>

#include "app/commands.hpp"
#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/limits.hpp"
#include "autodiff/number_format.hpp"

namespace adviz::cli {
namespace {

/// "sqrt (a snapshot every 10 steps)", "binomial:5 (Revolve, 5 snapshots)".
std::string describe(const Strategy& s, int operations) {
    switch (s.kind) {
        case Strategy::StoreAll: return "store-all (every value kept)";
        case Strategy::Every:
            return s.name() + " (a snapshot every " + std::to_string(s.segmentLength(operations)) +
                   " steps)";
        case Strategy::Binomial:
            return s.name() + " (Revolve, " + std::to_string(s.snapshots) + " snapshots)";
    }
    return s.name();
}

}  // namespace

int cmdCheckpoint(const Job& job, const Options& opt, std::ostream& out, std::ostream& err) {
    const auto strategy = Strategy::parse(opt.strategy);
    if (!strategy)
        return fail(err, {UsageStatus, "--strategy must be store-all, sqrt, every:K or binomial:S "
                                       "(K, S at least 1), not '" + opt.strategy + "'"});
    const Graph& g = job.graph;
    if (auto why = limits::checkpointRefusal(g, *strategy))
        return fail(err, {InputErrorStatus, "checkpoint: " + *why});
    // One sweep per output, below.
    if (auto why = limits::sweepsRefusal(g, std::max(g.outputCount(), 1), 0,
                                         "one checkpointed sweep per output",
                                         "vjp gives one weighted sum of the outputs' gradients"))
        return fail(err, {InputErrorStatus, "checkpoint: " + *why});
    const Liveness live = liveness(g);
    std::vector<CheckpointResult> runs;  // one per output (one with no seed if none)
    for (int k = 0; k < std::max(g.outputCount(), 1); ++k) {
        std::vector<double> seed(static_cast<std::size_t>(g.outputCount()), 0.0);
        if (k < g.outputCount()) seed[static_cast<std::size_t>(k)] = 1;
        runs.push_back(checkpointedGradient(g, live, job.x, seed, *strategy, false));
    }
    const CheckpointResult& r = runs.front();
    auto grad = [&](int k, int i) {  // ∂output k/∂input i
        return runs[static_cast<std::size_t>(k)].gradient[static_cast<std::size_t>(i)];
    };
    if (opt.json) {
        JsonWriter j;
        j.beginObject();
        jsonInputsOutputs(j, g, job, r.outputs);
        j.key("strategy").value(strategy->name());
        jsonGradient(j, g, grad);
        j.key("operations").value(r.operations);
        j.key("peak_stored").value(r.peakStored);
        j.key("snapshots").value(r.snapshots);
        j.key("max_snapshots").value(r.maxSnapshots);
        j.key("recomputed_ops").value(r.recomputedOps);
        j.key("total_ops").value(r.totalOps);
        jsonWarnings(j, r.warnings);
        j.endObject();
        out << j.str();
    } else {
        textOutputs(out, g, r.outputs);
        textGradient(out, g, grad);
        out << "strategy: " << describe(*strategy, r.operations) << "\n"
            << "operations: " << r.operations << "\n"
            << "peak stored: " << r.peakStored << " values\n"
            << "snapshots: " << r.snapshots << " taken, at most " << r.maxSnapshots
            << " held at once\n"
            << "recomputed: " << r.recomputedOps << " operations\n"
            << "total: " << r.totalOps << " forward evaluations\n";
    }
    printWarnings(r.warnings, err);
    return 0;
}

}  // namespace adviz::cli
