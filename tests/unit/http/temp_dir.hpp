// A fresh folder under the system's temporary directory, removed with what it holds.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace glue_test {

struct temp_dir {
    std::filesystem::path path;
    /// `prefix`: the start of the folder's name (mkdtemp adds six characters).
    explicit temp_dir(const std::string& prefix) {
        std::string name = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
        path = ::mkdtemp(name.data());
    }
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

} // namespace glue_test
