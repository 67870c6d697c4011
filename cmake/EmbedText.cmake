# glue_embed_text(OUT_CPP SYMBOL FILE): generates a .cpp that defines
#   extern const std::string_view SYMBOL;   (in namespace glue_inventory::data)
# holding FILE's bytes, so the library carries its data (endpoint rules, partitions) and needs
# no file at run time.
function(glue_embed_text out_cpp symbol file)
    add_custom_command(
        OUTPUT "${out_cpp}"
        COMMAND "${CMAKE_COMMAND}" -DIN=${file} -DOUT=${out_cpp} -DSYMBOL=${symbol}
                -P "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
        DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
        COMMENT "Embedding ${file}"
        VERBATIM)
endfunction()
