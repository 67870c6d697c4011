// The protocol half of glue-sim: one HTTP request in, one answer (or a fault to act out) out.
// No sockets here, so tests can drive it directly; server.cpp does the I/O.
#pragma once

#include "fault_plan.hpp"
#include "organisation.hpp"
#include "page_token.hpp"
#include "sigv4/verifier.hpp"
#include "sim_stats.hpp"
#include "temporary_credentials.hpp"
#include "token_bucket.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glue_sim {

class federation_service;

/// Limits and behaviour; every field has the default glue-sim's command line gives it.
struct simulator_options {
    std::string access_key_id;     // the base identity (management account)
    std::string secret_access_key; // never logged
    std::string role_name;         // empty: any role name may be assumed
    std::string external_id;       // empty: no ExternalId required
    std::chrono::seconds credentials_ttl{3600};
    /// GetConnections page size when MaxResults is absent. (AWS does not document its own.)
    std::size_t default_page_size = 100;
    /// Cap on any page (--max-page); 0: MaxResults alone decides (max 1000).
    std::size_t max_page = 0;
    /// Connections examined per GetConnections call when a filter skips many: bounds the
    /// work of one request; the page then ends early with a NextToken.
    std::size_t max_scanned_per_page = 10000;
    double throttle_rps = 0; // 0: no throttling
    double throttle_burst = 0;
    double fault_rate = 0;
    std::vector<fault_kind> faults;
    /// Seed of the fault sequence (fault_at): glue-sim's --seed, so a run is reproducible.
    std::uint64_t fault_seed = 1;
    /// Largest clock difference accepted between X-Amz-Date and the server (AWS: 5 minutes).
    std::chrono::seconds max_clock_skew{300};
};

struct header_view {
    std::string_view name;
    std::string_view value;
};

struct sim_request {
    std::string_view method;
    std::string_view target; // "/" or "/?query"
    std::span<const glue_inventory::sigv4::header_ref> headers;
    std::string_view body;
    std::chrono::system_clock::time_point now;
};

struct sim_response {
    unsigned status = 200;
    std::string content_type;
    std::string body;
    std::string request_id;
    std::optional<fault_kind> fault; // set: act out this fault instead of answering normally
};

/// Who signed a request.
struct caller_identity {
    std::string account;
    std::string arn;
    std::string user_id;
    std::string access_key_id;
};

enum class service { glue, sts, organizations };

class simulator {
public:
    simulator(organisation org, simulator_options options, const std::string& server_key);
    ~simulator();
    simulator(const simulator&) = delete;
    simulator& operator=(const simulator&) = delete;

    sim_response handle(const sim_request& request);

    /// Temporary credentials of the management account for `role_session` ("role/session"),
    /// as the instance metadata and container endpoints hand them out.
    temporary_credentials issue_base_credentials(std::string_view role_session) const;

    /// Web identity and SSO (federation_service.hpp), answered before any signature check.
    federation_service& federation() { return *federation_; }

    const organisation& org() const { return org_; }
    const simulator_options& options() const { return options_; }
    sim_stats& stats() { return stats_; }

private:
    struct auth_failure {
        unsigned status;
        std::string code;
        std::string message;
        bool signature = false; // counted as a signature failure
    };

    std::optional<auth_failure> authenticate(const sim_request& request, service svc,
                                             caller_identity& who, std::string& region);
    void glue_get_connections(const sim_request& request, const caller_identity& who,
                              std::string_view region, sim_response& out);
    void sts(const sim_request& request, const caller_identity& who, sim_response& out);
    void organizations_list_accounts(const sim_request& request, const caller_identity& who,
                                     sim_response& out);
    bool throttled(std::string_view account, std::string_view region);
    std::optional<fault_kind> draw_fault();

    organisation org_;
    simulator_options options_;
    page_token_codec tokens_;
    temporary_credentials_issuer issuer_;
    std::unique_ptr<federation_service> federation_;
    sim_stats stats_;
    std::mutex buckets_mutex_;
    std::map<std::string, token_bucket, std::less<>> buckets_;
    std::atomic<std::uint64_t> fault_draws_{0}; // the faultable requests so far (fault_at's n)
};

/// Answers in each protocol's error shape.
void json_error(sim_response& out, unsigned status, std::string_view code, std::string_view message,
                std::string_view message_member = "message");
void sts_error(sim_response& out, unsigned status, std::string_view code, std::string_view message);
/// moto's answer to a JSON-protocol call it rejects before the operation: the query protocol's
/// <ErrorResponse><Errors><Error>, whatever protocol was called.
void moto_xml_error(sim_response& out, unsigned status, std::string_view code,
                    std::string_view message);

/// A request id in AWS's format (8-4-4-4-12 hex digits).
std::string new_request_id();

/// "1 validation error detected: Value '0' at 'maxResults' ..." as AWS words range errors.
std::string range_message(long long value, std::string_view member, long long min, long long max);

} // namespace glue_sim
