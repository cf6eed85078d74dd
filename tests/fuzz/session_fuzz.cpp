// libFuzzer target for the session-file loader (ui/session/session_file.cpp, Qt Core only): any
// bytes either load or give an error saying what and where, never a crash; what loads saves and
// loads back to the same text; each scene's program goes through the parser.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "autodiff/language/parser.hpp"
#include "ui/session/session_file.hpp"

namespace {

[[noreturn]] void violated(const char* property, const QByteArray& input) {
    std::fprintf(stderr, "property violated: %s\ninput: %.400s\n", property, input.constData());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace adviz;
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const session::LoadResult r = session::fromJson(json);
    if (!r.session) {
        if (!r.error) violated("a failed load says why", json);
        (void)r.error->text();
        return 0;
    }
    if (r.session->scenes.empty()) violated("a loaded session has a scene", json);
    const QByteArray saved = session::toJson(*r.session);
    const session::LoadResult back = session::fromJson(saved);
    if (!back.session) violated("a saved session loads", saved);
    if (session::toJson(*back.session) != saved) violated("save, load, save is the same text", saved);
    for (const session::Scene& s : r.session->scenes) {
        const std::string program = s.program.toStdString();
        ParseResult p = parse(program);
        if (!p.ok()) (void)formatDiagnostic(program, *p.error);
    }
    return 0;
}
