#pragma once
// Every key the window answers to, in one table: Help ▸ Keys shows it, and the README's key
// list is written from the same rows. Where the keys are handled lives elsewhere (transport,
// presenter, menus); this is what they promise.

#include <QString>

#include <vector>

namespace adviz::ui {

struct KeyRow {
    QString keys;      ///< as printed: "PageDown  →"
    QString action;    ///< what happens
    QString where;     ///< "everywhere", "presenting", or "" (normal window)
};

/// The keys in the order Help shows them.
const std::vector<KeyRow>& keyTable();

/// The table as an HTML table for the Keys dialog.
QString keyTableHtml();

}  // namespace adviz::ui
