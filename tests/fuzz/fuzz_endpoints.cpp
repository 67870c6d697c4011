// The endpoint URL parser and the rule sets evaluated with arbitrary regions and overrides.
// Input: one byte of flags (FIPS, dual-stack, STS global endpoint, override present), then the
// region, then (with the override flag) '\n' and the override URL. Properties:
// - parse_url: an accepted URL has scheme http(s), a host of host characters (an IPv6 literal
//   otherwise), a port > 0, a path empty or starting with '/' and free of spaces and control
//   bytes (it becomes the request target); rebuilt from its parts it parses to the same parts;
// - resolve never throws; an endpoint's URL parses to its parts, has a signing name, and
//   without an override lies under a partition's DNS suffix with an empty path.
#include "endpoints/endpoint_resolver.hpp"
#include "fuzz_check.hpp"

#include <array>
#include <string>

using namespace glue_inventory;

namespace {

bool is_request_target_safe(std::string_view s) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F) {
            return false;
        }
    }
    return true;
}

void check_url(std::string_view url) {
    const auto parts = endpoints::parse_url(url);
    if (!parts) {
        return;
    }
    FUZZ_CHECK(parts->scheme == "https" || parts->scheme == "http");
    FUZZ_CHECK(!parts->host.empty() && parts->port != 0);
    FUZZ_CHECK(parts->path.empty() || parts->path.front() == '/');
    FUZZ_CHECK(is_request_target_safe(parts->host) && is_request_target_safe(parts->path));
    const bool ipv6 = parts->host.find(':') != std::string::npos;
    const std::string rebuilt = parts->scheme + "://" + (ipv6 ? "[" : "") + parts->host +
                                (ipv6 ? "]" : "") + ":" + std::to_string(parts->port) + parts->path;
    const auto again = endpoints::parse_url(rebuilt);
    FUZZ_CHECK(again.has_value() && *again == *parts);
}

bool under_aws_suffix(std::string_view host) {
    static constexpr std::array<std::string_view, 14> suffixes = {".amazonaws.com",
                                                                  ".amazonaws.com.cn",
                                                                  ".amazonaws.eu",
                                                                  ".c2s.ic.gov",
                                                                  ".cloud.adc-e.uk",
                                                                  ".csp.hci.ic.gov",
                                                                  ".sc2s.sgov.gov",
                                                                  ".api.amazonwebservices.com.cn",
                                                                  ".api.amazonwebservices.eu",
                                                                  ".api.aws",
                                                                  ".api.aws.hci.ic.gov",
                                                                  ".api.aws.ic.gov",
                                                                  ".api.aws.scloud",
                                                                  ".api.cloud-aws.adc-e.uk"};
    for (auto suffix : suffixes) {
        if (host.ends_with(suffix)) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const endpoints::resolver resolver;
    if (size < 1) {
        return 0;
    }
    const unsigned flags = data[0];
    const auto rest = fuzz::as_text(data + 1, size - 1);
    check_url(rest);

    endpoints::params p;
    p.use_fips = (flags & 1U) != 0;
    p.use_dual_stack = (flags & 2U) != 0;
    p.use_global_endpoint = (flags & 4U) != 0;
    const bool with_override = (flags & 8U) != 0;
    const auto newline = rest.find('\n');
    if ((flags & 16U) == 0) {
        p.region = std::string(rest.substr(0, newline));
    }
    if (with_override && newline != std::string_view::npos) {
        p.endpoint = std::string(rest.substr(newline + 1));
    }

    for (auto svc :
         {endpoints::service::glue, endpoints::service::sts, endpoints::service::organizations}) {
        const auto r = resolver.resolve(svc, p);
        if (!r) {
            FUZZ_CHECK(!r.error().empty());
            continue;
        }
        const auto& ep = r.value();
        const auto parts = endpoints::parse_url(ep.url);
        FUZZ_CHECK(parts.has_value() && *parts == ep.parts);
        FUZZ_CHECK(!ep.signing_name.empty());
        if (!p.endpoint) {
            FUZZ_CHECK(ep.parts.path.empty() && ep.parts.scheme == "https");
            FUZZ_CHECK(under_aws_suffix(ep.parts.host));
            FUZZ_CHECK(!ep.signing_region.empty());
        }
    }
    if (p.region) {
        (void)endpoints::partition_of_region(*p.region);
        (void)endpoints::is_known_region(*p.region);
    }
    return 0;
}
