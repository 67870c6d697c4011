#include "simulator.hpp"

#include "federation_service.hpp"
#include "protocol/json_string.hpp"
#include "sigv4/canonical_request.hpp"
#include "sigv4/crypto.hpp"
#include "sim_crypto.hpp"
#include "sim_headers.hpp"

#include <atomic>
#include <cstdio>
#include <random>

namespace glue_sim {

namespace {

constexpr std::string_view json_content_type = "application/x-amz-json-1.1";
constexpr std::string_view glue_target_prefix = "AWSGlue.";
constexpr std::string_view organizations_target_prefix = "AWSOrganizationsV20161128.";
constexpr std::string_view invalid_signature_message =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";
// What an nginx proxy answers when its upstream fails, padding comments included (longer than
// the client's excerpt). The line breaks, the tab and the URL with a password are there on
// purpose: the client must quote them escaped, and the password not at all.
constexpr std::string_view proxy_error_page =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n\t<p>upstream http://glue-sim:"
    "not-a-real-password@10.0.0.1:8443/ did not answer</p>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
    "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n"
    "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n"
    "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n";
constexpr std::string_view invalid_token_message =
    "The security token included in the request is invalid.";

std::mt19937_64& thread_rng() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return rng;
}

std::string amz_date_text(std::chrono::system_clock::time_point t) {
    const auto s = std::chrono::floor<std::chrono::seconds>(t);
    const auto days = std::chrono::floor<std::chrono::days>(s);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{s - days};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02ld%02ld%02lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
    return buf;
}

// The allowed clock skew as AWS's signature-time messages write it ("5 min." for its 300 s),
// from the configured max_clock_skew rather than a fixed "5 min.".
std::string skew_text(std::chrono::seconds skew) {
    if (skew.count() % 60 == 0) {
        return std::to_string(skew.count() / 60) + " min.";
    }
    return std::to_string(skew.count()) + " s.";
}

// AWS's message for a signature that does not match: after the usual sentence, the canonical
// request and the string to sign it computed from the headers the client signed (the session
// token among them, as x-amz-security-token), so that the caller can compare with its own.
std::string signature_mismatch_message(const sim_request& request) {
    namespace sigv4 = glue_inventory::sigv4;
    std::string message(invalid_signature_message);
    const auto auth = sigv4::parse_authorization(find_header(request.headers, "authorization"));
    const auto amz_date = parse_amz_date(find_header(request.headers, "x-amz-date"));
    if (!auth || !amz_date) {
        return message;
    }
    std::vector<sigv4::header_ref> signed_headers;
    for (const std::string& name : auth->signed_headers) {
        for (const auto& h : request.headers) {
            if (sigv4::detail::header_name_equal(h.name, name)) {
                signed_headers.push_back(h);
            }
        }
    }
    const auto q = request.target.find('?');
    const std::string_view path = request.target.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? "" : request.target.substr(q + 1);
    std::string canonical;
    sigv4::detail::append_canonical_request(canonical, request.method, path, query, signed_headers,
                                            sigv4::sha256_hex(request.body), true);
    const sigv4::scope scope{auth->region, auth->service, *amz_date};
    message += "\n\nThe Canonical String for this request should have been\n'";
    message += canonical;
    message += "'\n\nThe String-to-Sign should have been\n'";
    message += sigv4::string_to_sign(canonical, scope);
    message += "'\n";
    return message;
}

} // namespace

std::string new_request_id() {
    // Random, as AWS's are: unique enough across runs to grep a log for.
    const std::uint64_t a = thread_rng()();
    const std::uint64_t b = thread_rng()();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(a >> 32U),
                  static_cast<unsigned long long>((a >> 16U) & 0xffffU),
                  static_cast<unsigned long long>(a & 0xffffU),
                  static_cast<unsigned long long>(b >> 48U),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
}

std::string range_message(long long value, std::string_view member, long long min, long long max) {
    std::string m = "1 validation error detected: Value '" + std::to_string(value) + "' at '";
    m.append(member).append("' failed to satisfy constraint: Member must have value ");
    m.append(value < min ? "greater than or equal to " + std::to_string(min)
                         : "less than or equal to " + std::to_string(max));
    return m;
}

void json_error(sim_response& out, unsigned status, std::string_view code, std::string_view message,
                std::string_view message_member) {
    out.status = status;
    out.content_type = json_content_type;
    out.body = "{\"__type\":";
    glue_inventory::protocol::write_json_string(code, out.body);
    out.body.append(",\"").append(message_member).append("\":");
    glue_inventory::protocol::write_json_string(message, out.body);
    out.body.push_back('}');
}

void sts_error(sim_response& out, unsigned status, std::string_view code,
               std::string_view message) {
    out.status = status;
    out.content_type = "text/xml";
    out.body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
               "    <Type>";
    out.body.append(status >= 500 ? "Receiver" : "Sender");
    out.body.append("</Type>\n    <Code>").append(xml_escape(code));
    out.body.append("</Code>\n    <Message>").append(xml_escape(message));
    out.body.append("</Message>\n  </Error>\n  <RequestId>").append(out.request_id);
    out.body.append("</RequestId>\n</ErrorResponse>\n");
}

void moto_xml_error(sim_response& out, unsigned status, std::string_view code,
                    std::string_view message) {
    out.status = status;
    out.content_type = "text/xml";
    out.body = "<ErrorResponse><Errors><Error><Code>";
    out.body.append(xml_escape(code)).append("</Code><Message>").append(xml_escape(message));
    out.body.append("</Message></Error></Errors><RequestID>").append(out.request_id);
    out.body.append("</RequestID></ErrorResponse>");
}

simulator::simulator(organisation org, simulator_options options, const std::string& server_key)
    : org_(std::move(org)), options_(std::move(options)), tokens_(server_key), issuer_(server_key),
      federation_(std::make_unique<federation_service>(
          issuer_, server_key,
          federation_options{org_.management_account(), "GlueSimSSO", "glue-sim-client",
                             std::chrono::seconds{3600}, std::chrono::seconds{8 * 3600},
                             options_.credentials_ttl})) {}

simulator::~simulator() = default;

temporary_credentials simulator::issue_base_credentials(std::string_view role_session) const {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return issuer_.issue(org_.management_account(), role_session, now + options_.credentials_ttl);
}

sim_response simulator::handle(const sim_request& request) {
    sim_response out;
    out.request_id = new_request_id();
    if (federation_->handle(request, out)) {
        return out;
    }
    const std::string_view target = find_header(request.headers, "x-amz-target");
    const std::string_view content_type = find_header(request.headers, "content-type");

    service svc = service::sts;
    operation op = operation::other;
    if (target.starts_with(glue_target_prefix)) {
        svc = service::glue;
        op = target == "AWSGlue.GetConnections" ? operation::get_connections : operation::other;
    } else if (target.starts_with(organizations_target_prefix)) {
        svc = service::organizations;
        op = target == "AWSOrganizationsV20161128.ListAccounts" ? operation::list_accounts
                                                                : operation::other;
    } else if (!target.empty() || !content_type.starts_with("application/x-www-form-urlencoded")) {
        stats_.count(operation::other);
        json_error(out, 400, "UnknownOperationException",
                   "Unknown operation: X-Amz-Target '" + std::string(target) + "'");
        return out;
    } else {
        const std::string action = form_value(request.body, "Action");
        op = action == "AssumeRole"          ? operation::assume_role
             : action == "GetCallerIdentity" ? operation::get_caller_identity
                                             : operation::other;
    }
    stats_.count(op);

    if (request.method != "POST" || request.target.substr(0, request.target.find('?')) != "/") {
        if (svc == service::sts) {
            sts_error(out, 400, "InvalidAction", "Only POST / is served");
        } else {
            json_error(out, 400, "UnknownOperationException", "Only POST / is served");
        }
        return out;
    }
    if (svc != service::sts && content_type != json_content_type) {
        json_error(out, 400, "SerializationException",
                   "Content-Type must be application/x-amz-json-1.1");
        return out;
    }

    caller_identity who;
    std::string region;
    if (auto failure = authenticate(request, svc, who, region)) {
        stats_.authentication_failures.fetch_add(1);
        if (failure->signature) {
            stats_.signature_failures.fetch_add(1);
        }
        if (svc == service::sts) {
            sts_error(out, failure->status, failure->code, failure->message);
        } else {
            json_error(out, failure->status, failure->code, failure->message,
                       svc == service::organizations ? "Message" : "message");
        }
        return out;
    }

    switch (svc) {
    case service::glue:
        if (op != operation::get_connections) {
            json_error(out, 400, "UnknownOperationException",
                       "glue-sim serves only AWSGlue.GetConnections, not " + std::string(target));
            return out;
        }
        // Throttling and faults model Glue only: STS and Organizations stay reliable so that
        // tests of Glue's failure paths are not disturbed by the setup calls.
        if (throttled(who.account, region)) {
            stats_.throttled_requests.fetch_add(1);
            json_error(out, 400, "ThrottlingException", "Rate exceeded");
            return out;
        }
        if (auto fault = draw_fault()) {
            stats_.faults[static_cast<std::size_t>(*fault)].fetch_add(1);
            out.fault = fault;
            if (*fault == fault_kind::internal_error) {
                json_error(out, 500, "InternalServiceException", "Internal service error");
                return out;
            }
            if (*fault == fault_kind::service_unavailable) {
                out.status = 503;
                out.content_type.clear();
                out.body.clear();
                return out;
            }
            if (*fault == fault_kind::xml_403) {
                moto_xml_error(out, 403, "SignatureDoesNotMatch",
                               std::string(invalid_signature_message));
                return out;
            }
            if (*fault == fault_kind::signature_403) {
                json_error(out, 403, "InvalidSignatureException",
                           signature_mismatch_message(request));
                return out;
            }
            if (*fault == fault_kind::html_502) {
                out.status = 502;
                out.content_type = "text/html";
                out.body = proxy_error_page;
                return out;
            }
        }
        glue_get_connections(request, who, region, out);
        return out;
    case service::organizations:
        if (op != operation::list_accounts) {
            json_error(out, 400, "UnknownOperationException",
                       "glue-sim serves only ListAccounts of Organizations", "Message");
            return out;
        }
        organizations_list_accounts(request, who, out);
        return out;
    case service::sts:
        sts(request, who, out);
        return out;
    }
    return out;
}

std::optional<simulator::auth_failure> simulator::authenticate(const sim_request& request,
                                                               service svc, caller_identity& who,
                                                               std::string& region) {
    const bool json = svc != service::sts;
    const std::string_view authorization = find_header(request.headers, "authorization");
    if (authorization.empty()) {
        return json ? auth_failure{400, "MissingAuthenticationTokenException",
                                   "Missing Authentication Token"}
                    : auth_failure{403, "MissingAuthenticationToken",
                                   "Request is missing Authentication Token"};
    }
    const auto auth = glue_inventory::sigv4::parse_authorization(authorization);
    const auto amz_date = parse_amz_date(find_header(request.headers, "x-amz-date"));
    if (!auth || !amz_date) {
        return auth_failure{400, json ? "IncompleteSignatureException" : "IncompleteSignature",
                            "Authorization header requires a well-formed SigV4 Credential, "
                            "SignedHeaders and Signature, and an X-Amz-Date header"};
    }
    const std::string_view expected_service = svc == service::glue  ? "glue"
                                              : svc == service::sts ? "sts"
                                                                    : "organizations";
    const std::string_view signature_code =
        json ? "InvalidSignatureException" : "SignatureDoesNotMatch";
    if (auth->service != expected_service) {
        return auth_failure{403, std::string(signature_code),
                            "Credential should be scoped to correct service: '" +
                                std::string(expected_service) + "'. ",
                            true};
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(request.now);
    if (*amz_date < now - options_.max_clock_skew) {
        return auth_failure{
            403, std::string(signature_code),
            "Signature expired: " + amz_date_text(*amz_date) + " is now earlier than " +
                amz_date_text(now - options_.max_clock_skew) + " (" + amz_date_text(now) + " - " +
                skew_text(options_.max_clock_skew) + ")",
            true};
    }
    if (*amz_date > now + options_.max_clock_skew) {
        return auth_failure{
            403, std::string(signature_code),
            "Signature not yet current: " + amz_date_text(*amz_date) + " is still later than " +
                amz_date_text(now + options_.max_clock_skew) + " (" + amz_date_text(now) + " + " +
                skew_text(options_.max_clock_skew) + ")",
            true};
    }

    std::string secret;
    const std::string_view unknown_key_code =
        json ? "UnrecognizedClientException" : "InvalidClientTokenId";
    if (auth->access_key_id == options_.access_key_id) {
        secret = options_.secret_access_key;
        who.account = org_.management_account();
        who.arn = "arn:aws:iam::" + who.account + ":user/glue-sim";
        who.user_id = "AIDA" + options_.access_key_id.substr(4);
    } else if (temporary_credentials_issuer::is_temporary_key(auth->access_key_id)) {
        const std::string_view token = find_header(request.headers, "x-amz-security-token");
        const auto claims = issuer_.check(auth->access_key_id, token);
        if (!claims) {
            return auth_failure{403, std::string(unknown_key_code),
                                std::string(invalid_token_message)};
        }
        if (claims->expiration <= now) {
            return json ? auth_failure{400, "ExpiredTokenException",
                                       "The security token included in the request is expired"}
                        : auth_failure{400, "ExpiredToken",
                                       "The security token included in the request is expired"};
        }
        secret = issuer_.secret_for(auth->access_key_id);
        who.account = claims->account;
        who.arn = "arn:aws:sts::" + who.account + ":assumed-role/" + claims->role_name;
        const auto slash = claims->role_name.find('/');
        who.user_id = "AROA" + hex(claims->role_name.substr(0, slash)).substr(0, 16) + ":" +
                      claims->role_name.substr(slash + 1);
    } else {
        return auth_failure{403, std::string(unknown_key_code), std::string(invalid_token_message)};
    }
    who.access_key_id = auth->access_key_id;

    const std::string_view path = request.target.substr(0, request.target.find('?'));
    const auto q = request.target.find('?');
    const std::string_view query = q == std::string_view::npos ? "" : request.target.substr(q + 1);
    const glue_inventory::sigv4::request_ref signed_request{request.method, path, query,
                                                            request.headers, request.body};
    // The simulator serves every region: the one the client signed for is the one it gets.
    const glue_inventory::sigv4::scope expected{auth->region, expected_service, *amz_date};
    const auto verdict = glue_inventory::sigv4::verify(*auth, signed_request, secret, expected);
    if (verdict != glue_inventory::sigv4::verdict::ok) {
        return auth_failure{403, std::string(signature_code),
                            std::string(invalid_signature_message), true};
    }
    region = auth->region;
    return std::nullopt;
}

bool simulator::throttled(std::string_view account, std::string_view region) {
    if (options_.throttle_rps <= 0) {
        return false;
    }
    std::string key(account);
    key.append("/").append(region);
    const auto now = token_bucket::clock::now();
    std::lock_guard lock(buckets_mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
        it = buckets_
                 .emplace(std::move(key), token_bucket(options_.throttle_rps,
                                                       std::max(1.0, options_.throttle_burst), now))
                 .first;
    }
    return !it->second.try_take(now);
}

std::optional<fault_kind> simulator::draw_fault() {
    if (options_.fault_rate <= 0) {
        return std::nullopt;
    }
    return fault_at(options_.fault_seed, fault_draws_.fetch_add(1, std::memory_order_relaxed),
                    options_.fault_rate, options_.faults);
}

} // namespace glue_sim
