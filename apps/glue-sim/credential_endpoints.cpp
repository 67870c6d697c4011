#include "credential_endpoints.hpp"

#include "sim_crypto.hpp"

#include <array>
#include <ctime>

namespace glue_sim {
namespace {

constexpr std::string_view ttl_header = "x-aws-ec2-metadata-token-ttl-seconds";
constexpr std::string_view token_header = "x-aws-ec2-metadata-token";
constexpr std::string_view extended = "/latest/meta-data/iam/security-credentials-extended/";
constexpr std::string_view legacy = "/latest/meta-data/iam/security-credentials/";
constexpr std::string_view container_path = "/container/credentials";
/// The instance's session name in the role's assumed-role ARN.
constexpr std::string_view instance_id = "i-0123456789abcdef0";

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string iso8601(std::chrono::sys_seconds t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    std::array<char, 32> buffer{};
    std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer.data();
}

plain_response status(unsigned code, std::string body = {}) {
    plain_response r;
    r.status = code;
    r.body = std::move(body);
    return r;
}

} // namespace

std::string plain_request::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (lower(k) == lower(name)) {
            return v;
        }
    }
    return {};
}

credential_endpoints::credential_endpoints(simulator& sim, credential_endpoint_options options)
    : sim_(sim), options_(std::move(options)), imds_token_("sim-imds-" + hex(random_bytes(16))) {}

plain_response credential_endpoints::credentials_document(bool extended_path) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto creds =
        sim_.issue_base_credentials(options_.role_name + "/" + std::string(instance_id));
    plain_response r;
    r.content_type = "application/json";
    r.body = "{\"Code\":\"Success\",\"LastUpdated\":\"" + iso8601(now) +
             "\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"" + creds.access_key_id +
             "\",\"SecretAccessKey\":\"" + creds.secret_access_key + "\",\"Token\":\"" +
             creds.session_token + "\",\"Expiration\":\"" + iso8601(creds.expiration) + "\"";
    if (extended_path) {
        r.body += ",\"AccountId\":\"" + sim_.org().management_account() + "\"";
    }
    r.body += "}";
    return r;
}

plain_response credential_endpoints::handle(const plain_request& request) {
    const std::string& t = request.target;
    if (t == container_path && request.method == "GET") {
        ++container_calls_;
        if (options_.container_token.empty() ||
            request.header("authorization") != options_.container_token) {
            ++refused_;
            plain_response r = status(401, "{\"Code\":\"TokenNotFound\"}");
            r.content_type = "application/json";
            return r;
        }
        const auto creds = sim_.issue_base_credentials(options_.role_name + "/container-task");
        plain_response r;
        r.content_type = "application/json";
        r.body = "{\"AccessKeyId\":\"" + creds.access_key_id + "\",\"SecretAccessKey\":\"" +
                 creds.secret_access_key + "\",\"Token\":\"" + creds.session_token +
                 "\",\"Expiration\":\"" + iso8601(creds.expiration) + "\",\"AccountId\":\"" +
                 sim_.org().management_account() +
                 "\",\"RoleArn\":\"arn:aws:iam::" + sim_.org().management_account() + ":role/" +
                 options_.role_name + "\"}";
        return r;
    }
    if (t == "/latest/api/token") {
        ++token_calls_;
        if (request.method != "PUT") {
            ++refused_;
            return status(405);
        }
        const std::string ttl = request.header(ttl_header);
        if (ttl.empty()) {
            ++refused_;
            return status(400);
        }
        plain_response r = status(200, imds_token_);
        r.headers.emplace_back(std::string(ttl_header), ttl);
        return r;
    }
    if (!t.starts_with("/latest/meta-data/")) {
        ++refused_;
        return status(404);
    }
    // IMDSv2 only: every GET must carry the token.
    if (request.header(token_header) != imds_token_) {
        ++refused_;
        return status(401);
    }
    if (t == "/latest/meta-data/placement/region") {
        ++region_calls_;
        return status(200, options_.region);
    }
    for (std::string_view base : {extended, legacy}) {
        if (t == base) {
            ++role_calls_;
            return status(200, options_.role_name);
        }
        if (t.size() > base.size() && t.starts_with(base)) {
            ++credential_calls_;
            if (t.substr(base.size()) != options_.role_name) {
                ++refused_;
                return status(404);
            }
            return credentials_document(base == extended);
        }
    }
    ++refused_;
    return status(404);
}

std::string credential_endpoints::stats_json() const {
    return "{\"imds_token\": " + std::to_string(token_calls_.load()) +
           ", \"imds_role\": " + std::to_string(role_calls_.load()) +
           ", \"imds_credentials\": " + std::to_string(credential_calls_.load()) +
           ", \"imds_region\": " + std::to_string(region_calls_.load()) +
           ", \"container\": " + std::to_string(container_calls_.load()) +
           ", \"refused\": " + std::to_string(refused_.load()) + "}";
}

} // namespace glue_sim
