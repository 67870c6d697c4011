// The credential sources glue-sim plays over plain HTTP (beside its HTTPS listener), so that
// tests and the demo run the client's IMDS and container providers end to end:
// - EC2 instance metadata, IMDSv2 only: PUT /latest/api/token (requires the TTL header, echoes
//   it), then with x-aws-ec2-metadata-token: the role list and the credentials on the extended
//   and the legacy paths, and /latest/meta-data/placement/region;
// - a container credentials endpoint, GET /container/credentials, that requires
//   Authorization: <container token>.
// The credentials are the simulator's own temporary credentials for the management account,
// so every other glue-sim service accepts them. Pure: the metadata server feeds it requests.
#pragma once

#include "simulator.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace glue_sim {

struct credential_endpoint_options {
    std::string role_name = "glue-sim-instance"; // the instance profile's role
    std::string container_token;                 // what Authorization must be
    std::string region = "us-east-1";            // the instance's region
};

struct plain_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;

    std::string header(std::string_view name) const;
};

struct plain_response {
    unsigned status = 200;
    std::string content_type = "text/plain";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

class credential_endpoints {
public:
    credential_endpoints(simulator& sim, credential_endpoint_options options);

    plain_response handle(const plain_request& request);

    /// The "credential_sources" member of stats.json: calls per endpoint, and refusals.
    std::string stats_json() const;

    const std::string& imds_token() const { return imds_token_; }

private:
    plain_response credentials_document(bool extended);

    simulator& sim_;
    credential_endpoint_options options_;
    std::string imds_token_;
    std::atomic<std::uint64_t> token_calls_{0}, role_calls_{0}, credential_calls_{0},
        region_calls_{0}, container_calls_{0}, refused_{0};
};

} // namespace glue_sim
