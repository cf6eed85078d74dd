#pragma once
// A small streaming JSON writer: keys keep the order they are written in (inputs in order of
// appearance), numbers in shortest round-trip form, NaN and infinities as "nan", "inf", "-inf".

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace adviz::cli {

class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(double x);
    JsonWriter& value(long long x);
    JsonWriter& value(int x) { return value(static_cast<long long>(x)); }
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& null();

    /// The document so far, with a final newline.
    std::string str() const { return out_ + "\n"; }
    /// Writes what is written so far to out and forgets it (long documents stream).
    void flushTo(std::ostream& out) {
        out << out_;
        out_.clear();
    }

private:
    void separate();   // comma and indentation before a new element
    void open(char c);
    void close(char c);

    std::string out_;
    std::vector<bool> empty_;  // per open container: nothing written into it yet
    bool afterKey_ = false;
};

/// s as a JSON string literal, quotes included.
std::string jsonQuote(std::string_view s);

}  // namespace adviz::cli
