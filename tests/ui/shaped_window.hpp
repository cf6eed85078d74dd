#pragma once
// A shaped view on its own (model and scene, no window) for the shaped view's tests: the
// program opened one node per matrix operation, its shaped nodes found by name.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "autodiff/shaped/shaped_graph.hpp"
#include "ui/model/session_model.hpp"
#include "ui/shaped/matrix_node_item.hpp"
#include "ui/shaped/shaped_scene.hpp"

namespace adviz::test {

struct ShapedWindow {
    ui::SessionModel model;
    ui::ShapedScene scene{model};
    explicit ShapedWindow(const QString& source) {
        model.setPreferShaped(true);
        REQUIRE(model.setSource(source));
        REQUIRE(model.level() == ui::Level::Shaped);
    }
    const shaped::ShapedGraph& sg() const { return *model.program().shaped; }
    int idOf(const std::string& name) const {
        for (int id = 0; id < sg().size(); ++id)
            if (sg()[id].name == name) return id;
        FAIL("no shaped node " << name);
        return -1;
    }
    ui::MatrixNodeItem* item(const std::string& name) const {
        return scene.nodeItems()[static_cast<std::size_t>(idOf(name))];
    }
    // The point's values of a port, row-major.
    std::vector<double> inputValues(const std::string& name) const {
        const auto& port = sg().inputs[static_cast<std::size_t>(sg().inputPort(name))];
        std::vector<double> v;
        for (int i : port.items) v.push_back(model.inputs()[static_cast<std::size_t>(i)]);
        return v;
    }
};

}  // namespace adviz::test
