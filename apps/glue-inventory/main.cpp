// glue-inventory: the command-line tool. For now it only knows its version.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("glue-inventory %s\n", GLUE_INVENTORY_VERSION);
        return 0;
    }
    std::fprintf(stderr, "usage: glue-inventory --version\n");
    return 1;
}
