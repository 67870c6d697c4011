// The target that compiles the library components' precompiled header once
// (glue_inventory_pch in lib/CMakeLists.txt); its object file is linked into nothing.
