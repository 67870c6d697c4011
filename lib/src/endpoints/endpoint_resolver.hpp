// Region -> endpoint URL for Glue, STS and Organizations, in every partition, with FIPS and
// dual-stack, computed by AWS's own endpoint rule sets (botocore's endpoint-rule-set-1.json and
// partitions.json, compiled into the library). No I/O: nothing here resolves DNS.
//
// A resolver parses the rule sets once, when it is constructed; resolve() then walks the
// compiled rules and allocates only the strings of its answer. A resolver is immutable after
// construction: one instance may be shared by any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace glue_inventory::endpoints {

enum class service { glue, sts, organizations };

/// The endpoint parameters of the rule sets (their built-ins AWS::Region, AWS::UseFIPS,
/// AWS::UseDualStack, SDK::Endpoint, AWS::STS::UseGlobalEndpoint). A parameter a rule set does
/// not declare is ignored (use_global_endpoint matters to STS only).
struct params {
    std::optional<std::string> region;
    bool use_fips = false;
    bool use_dual_stack = false;
    std::optional<std::string> endpoint; // an override URL; see endpoint_override()
    bool use_global_endpoint = false;
};

/// The pieces of an endpoint URL that a connection needs.
struct url_parts {
    std::string scheme; // "https" or "http", lower case
    std::string host;   // a name or an address; an IPv6 literal without its brackets
    std::uint16_t port; // the URL's port, else 443 for https and 80 for http
    std::string path;   // "" or a path starting with '/', as written in the URL
    bool operator==(const url_parts&) const = default;
};

/// Where to send a request and how to sign it.
struct endpoint {
    std::string url;
    url_parts parts;
    // The region the request is signed for: the rules' authSchemes signingRegion when they give
    // one (e.g. us-east-1 for STS's global endpoint), else the params' region. Empty only when
    // neither exists (an override URL with no region), which a signer must refuse.
    std::string signing_region;
    // The rules' authSchemes signingName, else the service's own: glue, sts, organizations.
    std::string signing_name;
    bool operator==(const endpoint&) const = default;
};

/// An endpoint, or the reason there is none: the rules' own error text (e.g. "Invalid
/// Configuration: Missing Region"), or a description of an endpoint URL that cannot be used.
class result {
public:
    static result success(endpoint e) { return result{std::move(e)}; }
    static result failure(std::string message) { return result{std::move(message)}; }

    bool ok() const noexcept { return std::holds_alternative<endpoint>(value_); }
    explicit operator bool() const noexcept { return ok(); }
    /// Precondition: ok().
    const endpoint& value() const { return std::get<endpoint>(value_); }
    /// Precondition: !ok().
    const std::string& error() const { return std::get<std::string>(value_); }

private:
    explicit result(endpoint e) : value_(std::move(e)) {}
    explicit result(std::string message) : value_(std::move(message)) {}
    std::variant<endpoint, std::string> value_;
};

namespace detail {
class rule_set;
}

class resolver {
public:
    /// Parses the embedded rule sets and partitions. Throws std::runtime_error only if the
    /// embedded data is malformed (a build defect, never a user error).
    resolver();
    ~resolver();
    resolver(const resolver&) = default;
    resolver& operator=(const resolver&) = default;
    resolver(resolver&&) noexcept = default;
    resolver& operator=(resolver&&) noexcept = default;

    /// The endpoint of `svc` for `p`. Never throws for any input.
    result resolve(service svc, const params& p) const;

private:
    std::shared_ptr<const detail::rule_set> glue_;
    std::shared_ptr<const detail::rule_set> sts_;
    std::shared_ptr<const detail::rule_set> organizations_;
};

/// Splits scheme://host[:port][/path]. Accepts the schemes https and http (any case), a host
/// name or IPv4 address or [IPv6] literal, a decimal port 1..65535, a path of printable ASCII
/// (percent-encode anything else). Refuses anything else, including user info ("user@host"), a
/// query and a fragment, which an endpoint cannot carry, and spaces or control bytes in the path,
/// which would reach the request line as written.
std::optional<url_parts> parse_url(std::string_view url);

/// The real regions of a partition ("aws", "aws-cn", "aws-us-gov", ...), sorted, without the
/// pseudo-regions such as "aws-global". Empty for an unknown partition.
std::vector<std::string> partition_regions(std::string_view partition_id);

/// The partition that lists `region` (pseudo-regions included), else the first partition whose
/// regionRegex matches it; nullopt when none does. Unlike the rules' aws.partition, this never
/// falls back to "aws": it answers "is this a region of that partition".
std::optional<std::string> partition_of_region(std::string_view region);

/// Whether some partition lists `region` as one of its real regions.
bool is_known_region(std::string_view region);

/// The endpoint override in the SDKs' order: `explicit_url` (e.g. --endpoint-url), then the
/// service's variable AWS_ENDPOINT_URL_GLUE / AWS_ENDPOINT_URL_STS /
/// AWS_ENDPOINT_URL_ORGANIZATIONS, then AWS_ENDPOINT_URL. An empty value counts as unset.
/// `getenv` is injected so that this stays a pure function.
std::optional<std::string>
endpoint_override(service svc, const std::optional<std::string>& explicit_url,
                  const std::function<std::optional<std::string>(std::string_view)>& getenv);

/// "glue", "sts", "organizations": the service's signing name and its name in messages.
std::string_view service_name(service svc) noexcept;

} // namespace glue_inventory::endpoints
