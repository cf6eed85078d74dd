#include "ui/session/scene_state.hpp"

#include "autodiff/checkpoint/checkpoint.hpp"
#include "autodiff/shaped/init.hpp"
#include "ui/model/session_model.hpp"

namespace adviz::ui {

session::Scene captureScene(const SessionModel& m, const session::ViewOptions& view) {
    session::Scene s;
    s.program = m.source();
    const Graph& g = m.program();
    for (int i = 0; i < g.inputCount(); ++i) {
        const std::string name(g.inputName(i));
        s.inputs[name] = m.inputs()[static_cast<std::size_t>(i)];
        s.directions[name] = m.direction()[static_cast<std::size_t>(i)];
    }
    const Graph& shown = m.graph();
    for (int j = 0; j < shown.outputCount() && static_cast<std::size_t>(j) < m.seed().size(); ++j)
        s.seeds[shown.outputs[static_cast<std::size_t>(j)].name] = m.seed()[static_cast<std::size_t>(j)];
    s.mode = std::string(modeName(m.mode()));
    s.strategy = m.checkpointStrategy() ? m.checkpointStrategy()->name() : std::string("store-all");
    s.step = m.step();
    s.view = view;
    return s;
}

QString applyScene(const session::Scene& s, SessionModel& m) {
    m.setSource(s.program);
    if (m.error()) return QString::fromStdString(m.error()->message);
    m.setMode(s.mode == "forward" ? Mode::Forward : s.mode == "forward-over-reverse" ? Mode::ForwardOverReverse : Mode::Reverse);
    m.setCheckpointStrategy(Strategy::parse(s.strategy));
    if (s.init) {
        // The seed's values, then what the scene lists by name on top.
        std::vector<double> x = shaped::initialValues(m.program(), *s.init);
        const Graph& p = m.program();
        for (int i = 0; i < p.inputCount(); ++i)
            if (auto it = s.inputs.find(std::string(p.inputName(i))); it != s.inputs.end())
                x[static_cast<std::size_t>(i)] = it->second;
        m.setInputs(std::move(x));
        // A vector's or matrix's own name ("b1": 0) fills its elements.
        std::vector<std::pair<std::string, double>> ports;
        for (const shaped::Port& port : shaped::inputPorts(p))
            if (auto it = s.inputs.find(port.name); it != s.inputs.end() && !port.shape.isScalar())
                ports.emplace_back(port.name, it->second);
        m.setInputsByName(ports);
    } else {
        m.setInputsByName({s.inputs.begin(), s.inputs.end()});
    }
    // The direction and the seeds in one re-run, not one per input: a 784-128-10 MLP's scene
    // lists 101,770 directions.
    const Graph& g = m.program();
    std::vector<double> direction = m.direction();
    for (int i = 0; i < g.inputCount(); ++i)
        if (auto it = s.directions.find(std::string(g.inputName(i))); it != s.directions.end())
            direction[static_cast<std::size_t>(i)] = it->second;
    const Graph& shown = m.graph();
    std::vector<double> seed = m.seed();
    for (int j = 0; j < shown.outputCount(); ++j)
        if (auto it = s.seeds.find(shown.outputs[static_cast<std::size_t>(j)].name); it != s.seeds.end())
            seed[static_cast<std::size_t>(j)] = it->second;
    if (direction != m.direction() || seed != m.seed())
        m.setDirectionAndSeed(std::move(direction), std::move(seed));
    m.setStep(s.step);
    return {};
}

}  // namespace adviz::ui
