"""Conan 2 recipe for glue-inventory: the library (and, optionally, the tools) built through the
project's own CMake. Dependencies match what the project finds with find_package."""
import os
import re

from conan import ConanFile
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy


class GlueInventoryConan(ConanFile):
    name = "glue-inventory"
    license = "Apache-2.0"
    description = "Inventory of AWS Glue connections across accounts, regions and catalogs"
    topics = ("aws", "glue", "asio", "coroutines")
    settings = "os", "arch", "compiler", "build_type"
    options = {"shared": [True, False], "fPIC": [True, False]}
    default_options = {"shared": False, "fPIC": True}

    def set_version(self):
        # The version is written once, in the project() line of the top CMakeLists.txt.
        text = open(os.path.join(self.recipe_folder, "..", "CMakeLists.txt")).read()
        self.version = re.search(r"project\(glue_inventory VERSION ([0-9.]+)", text).group(1)

    def export_sources(self):
        # The recipe lives in conan/; the sources it builds are the folder above it.
        root = os.path.join(self.recipe_folder, "..")
        for pattern in ("CMakeLists.txt", "cmake/*", "lib/*"):
            copy(self, pattern, root, self.export_sources_folder)

    def requirements(self):
        self.requires("boost/1.81.0", transitive_headers=True)
        self.requires("openssl/[>=3.0 <4]", transitive_headers=True)
        self.requires("simdjson/3.0.1")
        self.requires("pugixml/1.13")

    def layout(self):
        cmake_layout(self)

    def generate(self):
        CMakeDeps(self).generate()
        tc = CMakeToolchain(self)
        # Consumers get the library only: no tests, apps or benchmarks.
        tc.variables["GLUE_INVENTORY_DEVELOPER_MODE"] = False
        tc.generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        CMake(self).install()
        copy(self, "NOTICE", os.path.join(self.source_folder, "lib", "data"),
             os.path.join(self.package_folder, "licenses"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "glue_inventory")
        self.cpp_info.set_property("cmake_target_name", "glue_inventory::glue_inventory")
        self.cpp_info.libs = ["glue_inventory"]
        self.cpp_info.defines = ["BOOST_ASIO_SEPARATE_COMPILATION",
                                 "BOOST_BEAST_SEPARATE_COMPILATION", "BOOST_ASIO_NO_DEPRECATED"]
        self.cpp_info.requires = ["boost::headers", "openssl::ssl", "openssl::crypto",
                                  "simdjson::simdjson", "pugixml::pugixml"]
