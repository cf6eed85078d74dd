#pragma once
// The name=value lists that give a program its point: `x=[0.5,-1],W1=[[0.1,0.2],[0.3,-0.4]],b1=0`.
// A value is a constant expression of the language: a number (x=pi/2), "nan"/"inf", or a nested
// list for a vector or matrix; a plain number fills a whole vector or matrix (b1=0); single
// elements can be set by their labels (W1[1,0]=0.5). The command line's --at, --dir and --seed
// and the window's examples and settings read values here, so both mean the same by a list.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/graph.hpp"
#include "autodiff/shaped/shape.hpp"

namespace adviz::shaped {

/// A value as written: a number (rank 0) or a vector or matrix, row-major.
struct GivenValue {
    std::string name;
    Shape shape;
    std::vector<double> values;
};

/// Why a list could not be used. malformed: the text itself is not a name=value list (a usage
/// error on the command line); otherwise it does not fit the program (unknown name, wrong shape).
struct ValueListError {
    bool malformed = true;
    std::string message;
};

/// Splits "a=1, b=pow(2,3), W=[[1,2],[3,4]]" at the commas outside brackets and evaluates each
/// value. option names the list in messages ("--at").
std::optional<ValueListError> readValueList(std::string_view text, const char* option,
                                            std::vector<GivenValue>& out);

/// Writes list into one number per scalar input (inputs = true) or output of g, through the
/// ports (inputPorts / outputPorts): a port's name takes a value of its shape or one number for
/// every element; an element's label (W1[1,0]) one number. given[k] says which were written.
/// values and given must already have one entry per scalar input (output).
std::optional<ValueListError> assignToPorts(const Graph& g, bool inputs,
                                            const std::vector<GivenValue>& list,
                                            const char* option, std::vector<double>& values,
                                            std::vector<bool>& given);

/// Element k of a port called name with the given shape, as the scalar graph names it:
/// "W1[1,0]", "x[4]", or name itself for a scalar.
std::string elementName(std::string_view name, const Shape& shape, std::size_t k);

/// text, or its first 60 bytes and "… (N bytes)": messages quote input without flooding.
std::string quotedCapped(std::string_view text);
/// "a, b, c", at most limits::maxListedNames of them, then "… and 1,199,990 more".
std::string listed(const std::vector<std::string>& names, const std::string& separator = ", ");

}  // namespace adviz::shaped
