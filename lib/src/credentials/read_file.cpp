#include "read_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace glue_inventory::creds {

config_result<std::optional<std::string>> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        int err = errno;
        if (err == ENOENT) {
            return std::optional<std::string>{};
        }
        return config_error{"cannot open " + path + ": " + std::generic_category().message(err)};
    }
    std::string text;
    char buffer[4096];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_shared_file_bytes) {
            return config_error{path + " is larger than " + std::to_string(max_shared_file_bytes) +
                                " bytes"};
        }
    }
    if (in.bad()) {
        return config_error{"cannot read " + path};
    }
    return std::optional<std::string>{std::move(text)};
}

} // namespace glue_inventory::creds
