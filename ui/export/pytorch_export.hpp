#pragma once
// File ▸ Export as PyTorch script: the script `adviz pytorch` prints for the program and point
// on screen (autodiff/pytorch/pytorch_script.hpp), so a class can check the window's numbers
// with PyTorch autograd.

#include <QString>

#include <optional>

namespace adviz::ui {

class SessionModel;

/// The script for model's program at its point: what `adviz pytorch PROGRAM --at POINT` prints
/// (the gradient of every output, as `adviz eval --json` gives it).
QByteArray pytorchScript(const SessionModel& model);

/// Writes pytorchScript(model) to path atomically; an error message, or nothing on success.
std::optional<QString> exportPytorch(const SessionModel& model, const QString& path);

}  // namespace adviz::ui
