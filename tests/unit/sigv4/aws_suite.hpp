// The official SigV4 test suite (aws-c-auth's v4 cases, copied to tests/data/sigv4), read the
// way the suite means it: one folder per case with context.json, request.txt and the expected
// header-*.txt outputs.
#pragma once

#include "sigv4/signer.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace glue_inventory::sigv4::test {

struct suite_case {
    std::string name; // the folder's name, e.g. "get-vanilla"

    // context.json
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    std::string region;
    std::string service;
    std::chrono::sys_seconds time{};
    bool normalize = true;
    bool sign_body = false;
    bool omit_session_token = false;

    // request.txt
    std::string method;
    std::string path;
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers; // in order, folded lines joined
    std::string body;

    // The expected outputs.
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;
    /// Header lines of header-signed-request.txt (name, value), in order.
    std::vector<std::pair<std::string, std::string>> signed_request_headers;

    std::vector<header_ref> header_refs() const;
    /// A view of this case's request; `headers` must outlive it (see header_refs()).
    request_ref request(std::span<const header_ref> headers) const;
    scope signing_scope() const { return {region, service, time}; }
    credentials_ref credentials() const {
        return {access_key_id, secret_access_key, session_token};
    }
    options signing_options() const {
        options opt;
        opt.normalize_path = normalize;
        opt.sign_body = sign_body;
        opt.omit_session_token = omit_session_token;
        return opt;
    }
    /// The value of the first line named `name` (exact case) in the signed request, or "".
    std::string signed_request_header(std::string_view header_name) const;
};

/// Every case folder under GLUE_TEST_DATA_DIR/sigv4, sorted by name; read once.
const std::vector<suite_case>& aws_suite();

} // namespace glue_inventory::sigv4::test
