// credential_process: what the command prints, as the SDKs read it
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html):
//   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...", "SessionToken": "...",
//    "Expiration": "ISO 8601"}
// SessionToken and Expiration are optional. Pure: the caller runs the command.
#pragma once

#include "credentials/config_error.hpp"

#include <glue_inventory/credentials.hpp>
#include <string_view>

namespace glue_inventory::creds {

/// The credentials in a credential_process output. Errors name the missing or malformed member
/// and never quote a secret.
config_result<credentials> parse_process_output(std::string_view json);

} // namespace glue_inventory::creds
