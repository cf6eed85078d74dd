#include "ui/export/html_export.hpp"


#include "ui/export/diagram_export.hpp"
#include "ui/model/session_model.hpp"
#include "ui/scene/graph_scene.hpp"
#include "ui/theme.hpp"

namespace adviz::ui {
namespace {

// The page's behaviour: show one frame at a time; buttons and keys move; the hash keeps the step
// (so a link can point at one).
const char* kScript = R"JS(
(function () {
  var frames = document.querySelectorAll('figure.frame');
  var counter = document.getElementById('counter');
  var at = 0;
  function show(k) {
    at = Math.max(0, Math.min(frames.length - 1, k));
    for (var i = 0; i < frames.length; ++i) frames[i].hidden = i !== at;
    counter.textContent = 'step ' + frames[at].dataset.step + ' of ' + document.body.dataset.steps;
    history.replaceState(null, '', '#' + frames[at].dataset.step);
  }
  document.getElementById('prev').onclick = function () { show(at - 1); };
  document.getElementById('next').onclick = function () { show(at + 1); };
  document.addEventListener('keydown', function (e) {
    var k = e.key;
    if (k === 'ArrowRight' || k === 'PageDown' || k === ' ') show(at + 1);
    else if (k === 'ArrowLeft' || k === 'PageUp') show(at - 1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(frames.length - 1);
    else return;
    e.preventDefault();
  });
  var start = 0, wanted = location.hash.slice(1);
  for (var i = 0; i < frames.length; ++i) if (frames[i].dataset.step === wanted) start = i;
  show(start);
})();
)JS";

QString css(const Theme& t) {
    return QStringLiteral(
               "body{margin:0;background:%1;color:%2;font-family:'DejaVu Sans',sans-serif}"
               "h1{font-size:20px;margin:12px 16px}"
               "figure{margin:0 16px}figure svg{max-width:100%;height:auto;display:block}"
               "figcaption{font-family:'DejaVu Serif',serif;font-size:26px;margin:12px 0;white-space:pre-wrap}"
               "nav{display:flex;gap:12px;align-items:center;margin:8px 16px}"
               "button{font-size:22px;padding:4px 18px}#counter{font-size:18px;color:%3}")
        .arg(t.background.name(), t.text.name(), t.mutedText.name());
}

}  // namespace

std::optional<QString> exportHtml(GraphScene& scene, SessionModel& model, const QString& path,
                                  const std::vector<int>& steps, const QString& title) {
    if (scene.nodeItems().empty()) return QObject::tr("nothing to export: the graph has not been laid out");
    if (steps.empty()) return QObject::tr("no steps to export");
    const Theme& t = Theme::current();
    const QString heading = title.isEmpty() ? model.goodSource().section('\n', 0, 0).left(120) : title;
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width\"><title>%1</title>"
                                  "<style>%2</style></head>\n<body data-steps=\"%3\">\n<h1>%1</h1>\n"
                                  "<nav><button id=\"prev\" title=\"previous (←)\">◀</button><span id=\"counter\"></span>"
                                  "<button id=\"next\" title=\"next (→)\">▶</button></nav>\n")
                       .arg(heading.toHtmlEscaped(), css(t)).arg(model.stepCount());
    for (int k : steps) {
        model.setStep(k);
        scene.showFrame(k, 0);
        QByteArray svg = svgOf(scene, model);
        const qsizetype start = svg.indexOf("<svg");
        if (start < 0) return QObject::tr("cannot draw step %1").arg(k);
        const Frame& f = scene.frame();
        const QString caption = (f.captionLead.isEmpty() ? QString() : f.captionLead + '\n') + f.caption;
        html += QStringLiteral("<figure class=\"frame\" data-step=\"%1\" hidden>").arg(k) +
                QString::fromUtf8(svg.mid(start)) +
                QStringLiteral("<figcaption>%1</figcaption></figure>\n").arg(caption.toHtmlEscaped());
    }
    html += QStringLiteral("<script>") + QString::fromUtf8(kScript) + QStringLiteral("</script>\n</body></html>\n");
    return writeAtomically(path, html.toUtf8());
}

}  // namespace adviz::ui
