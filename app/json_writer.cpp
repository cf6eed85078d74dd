#include "app/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include "autodiff/number_format.hpp"

namespace adviz::cli {

std::string jsonQuote(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);  // UTF-8 passes through unchanged
                }
        }
    }
    return out + "\"";
}

void JsonWriter::separate() {
    if (afterKey_) { afterKey_ = false; return; }
    if (empty_.empty()) return;
    if (!empty_.back()) out_ += ",";
    empty_.back() = false;
    out_ += "\n" + std::string(2 * empty_.size(), ' ');
}

void JsonWriter::open(char c) {
    separate();
    out_ += c;
    empty_.push_back(true);
}

void JsonWriter::close(char c) {
    bool wasEmpty = empty_.back();
    empty_.pop_back();
    if (!wasEmpty) out_ += "\n" + std::string(2 * empty_.size(), ' ');
    out_ += c;
}

JsonWriter& JsonWriter::beginObject() { open('{'); return *this; }
JsonWriter& JsonWriter::endObject() { close('}'); return *this; }
JsonWriter& JsonWriter::beginArray() { open('['); return *this; }
JsonWriter& JsonWriter::endArray() { close(']'); return *this; }

JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    out_ += jsonQuote(k) + ": ";
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(double x) {
    separate();
    // JSON has no NaN or infinity: they travel as the strings "nan", "inf", "-inf".
    out_ += std::isfinite(x) ? formatExact(x) : jsonQuote(formatExact(x));
    return *this;
}

JsonWriter& JsonWriter::value(long long x) {
    separate();
    out_ += std::to_string(x);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    out_ += jsonQuote(s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

}  // namespace adviz::cli
