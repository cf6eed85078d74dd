# `adviz export` end to end: --help prints the usage, and --backward-graph draws the backward pass
# (the DOT written with it has the adjoint nodes, so more nodes and edges than without).
execute_process(COMMAND ${EXE} export --help RESULT_VARIABLE status OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT out MATCHES "export +EXPR")
    message(FATAL_ERROR "export --help: status ${status}, stdout '${out}', stderr '${err}'")
endif()
foreach(variant plain backward)
    set(extra "")
    if(variant STREQUAL "backward")
        set(extra "--backward-graph")
    endif()
    execute_process(COMMAND ${EXE} export "(x+y)*sin(x)" --at x=1,y=2 ${extra}
                            -o ${DIR}/${variant}.dot
                    RESULT_VARIABLE status ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "export ${extra}: status ${status}: ${err}")
    endif()
    file(STRINGS ${DIR}/${variant}.dot edges REGEX "->")
    list(LENGTH edges ${variant}_edges)
endforeach()
if(NOT backward_edges GREATER plain_edges)
    message(FATAL_ERROR "--backward-graph ignored: ${backward_edges} edges, ${plain_edges} without")
endif()
