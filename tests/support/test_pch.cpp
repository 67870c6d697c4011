// The target that compiles the tests' precompiled header once (glue_test_pch in
// tests/CMakeLists.txt); its object file is linked into nothing.
