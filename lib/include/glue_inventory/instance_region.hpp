// The region of the EC2 instance this runs on, for a caller that found none configured (no
// flag, AWS_REGION / AWS_DEFAULT_REGION or profile region): the last source of the Rust and
// Java SDKs' region chain, so that a scan works on a bare EC2 instance.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/export.hpp>
#include <string>

namespace glue_inventory {

GLUE_INVENTORY_API void initiate_instance_region(
    const boost::asio::any_io_executor& ex, const client_options& options, diagnostics& diag,
    boost::asio::any_completion_handler<void(boost::system::error_code, std::string)> handler);

/// Asks instance metadata (IMDSv2 token, then GET /latest/meta-data/placement/region) with the
/// endpoint, mode, timeout and switches IMDS credentials use, read from options.env (else the
/// process environment) and the selected profile. Completion: void(error_code, std::string
/// region). Errors: errc::credentials_unavailable with `diag` saying why (IMDS disabled by
/// AWS_EC2_METADATA_DISABLED, not answering within its 1 s timeout, no region); a bad IMDS
/// setting. Runs on `ex`; `options` and `diag` must outlive the operation. Not thread-safe.
template <class CompletionToken>
auto async_instance_region(boost::asio::any_io_executor ex, const client_options& options,
                           diagnostics& diag, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken,
                                       void(boost::system::error_code, std::string)>(
        [ex, &options, &diag](auto handler) {
            initiate_instance_region(ex, options, diag, std::move(handler));
        },
        token);
}

} // namespace glue_inventory
