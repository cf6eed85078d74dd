#include "ui/export/pytorch_export.hpp"

#include <QSaveFile>

#include "autodiff/pytorch/pytorch_script.hpp"
#include "ui/model/session_model.hpp"

namespace adviz::ui {

QByteArray pytorchScript(const SessionModel& model) {
    // The program as parsed (not the backward pass as a graph) and the text it was parsed from.
    const std::string source = model.goodSource().toStdString();
    return QByteArray::fromStdString(pytorch::script(model.program(), source, model.inputs(), nullptr));
}

std::optional<QString> exportPytorch(const SessionModel& model, const QString& path) {
    QSaveFile f(path);  // a temporary file renamed into place: a failed export writes nothing
    const QByteArray script = pytorchScript(model);
    if (!f.open(QIODevice::WriteOnly) || f.write(script) != script.size() || !f.commit())
        return QObject::tr("cannot write %1: %2").arg(path, f.errorString());
    return std::nullopt;
}

}  // namespace adviz::ui
