// The botocore data compiled into the library by glue_embed_text (see this folder's
// CMakeLists.txt); each is the exact text of the file of the same name in lib/data.
#pragma once

#include <string_view>

namespace glue_inventory::data {
extern const std::string_view partitions_json;
extern const std::string_view glue_endpoint_rule_set_json;
extern const std::string_view sts_endpoint_rule_set_json;
extern const std::string_view organizations_endpoint_rule_set_json;
} // namespace glue_inventory::data
