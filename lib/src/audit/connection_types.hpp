// The families of ConnectionType the rules are scoped by (audit-rules.md section 2). A rule that
// does not concern a family answers NOT_APPLICABLE for it: the peers' one rule evaluated on all
// 92 types is why every Kafka, NETWORK and SaaS connection "fails" their TLS check.
#pragma once

#include <glue_inventory/model.hpp>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class type_family {
    db,        // JDBC and the JDBC engines; MARKETPLACE/CUSTOM with CONNECTOR_TYPE=Jdbc
    doc,       // MONGODB, DOCUMENTDB, AZURECOSMOS
    stream,    // KAFKA
    net,       // NETWORK
    saas,      // connectors authenticated through AuthenticationConfiguration (BASIC/OAUTH2/CUSTOM)
    awsiam,    // AWS services reached with the job's IAM role (DYNAMODB, VIEW_VALIDATION_*, ...)
    connector, // MARKETPLACE/CUSTOM whose connector is not a JDBC one (Spark, Athena)
    unknown,   // a type this version does not know: only the type-agnostic rules apply
};

std::string_view to_string(type_family f);

/// The family of `c`: by ConnectionType; MARKETPLACE/CUSTOM by CONNECTOR_TYPE; types outside the
/// known lists by AuthenticationType (BASIC/OAUTH2/CUSTOM: saas, IAM: awsiam).
type_family classify(const connection& c);

/// MARKETPLACE or CUSTOM (the connector families GLUE-005/011/015 name), any case.
bool is_connector_type(std::string_view connection_type);

} // namespace glue_inventory::audit::detail
