// The catalogue of audit-rules.md section 3: what each rule is, in the words --list-rules and
// every output format print. docs/rules/GLUE-0NN.md says the same at length; a test checks that
// each help_uri names an existing page.
#include "audit/properties.hpp"

#include <array>
#include <glue_inventory/audit.hpp>

namespace glue_inventory::audit {

namespace {

constexpr std::array<rule_info, 16> catalogue = {{
    {"GLUE-001", 1, "TLS to the data store not enforced", severity::high,
     "JDBC-family (DB) and document stores (DOC)",
     "Passes when JDBC_ENFORCE_SSL is \"true\" (any case, blanks ignored) or when the JDBC or "
     "MongoDB URL forces TLS for its driver (sslmode=verify-full, encrypt=true, tcps://, "
     "mongodb+srv, ...). Fails when neither does: the credentials and the data cross the network "
     "in clear text or are downgraded by anyone on the path. Critical when the connection also "
     "stores a credential inline (GLUE-005) or in its URL (GLUE-006).",
     "Set JDBC_ENFORCE_SSL to true (console: Require SSL connection), or make the URL force TLS "
     "with certificate verification (e.g. sslmode=verify-full, encrypt=true, tcps://, tls=true).",
     "docs/rules/GLUE-001.md"},
    {"GLUE-002", 1, "Server certificate or hostname not verified", severity::high,
     "JDBC-family (DB) and document stores (DOC), when TLS is in use",
     "Fails when TLS is on but the URL turns off certificate or hostname verification "
     "(sslmode=require, trustServerCertificate=true, sslfactory=...NonValidatingFactory, "
     "tlsInsecure=true, ...): an attacker on the path can present any certificate. Medium when "
     "JDBC_ENFORCE_SSL is true, since Glue's own hostname matching still applies.",
     "Remove the parameter that disables verification and use a verifying mode (verify-full, "
     "VERIFY_IDENTITY, trustServerCertificate=false); give Glue the CA in CUSTOM_JDBC_CERT when "
     "the server uses a private CA.",
     "docs/rules/GLUE-002.md"},
    {"GLUE-003", 1, "Kafka connection without TLS", severity::high, "Kafka (STREAM)",
     "Fails when KAFKA_SSL_ENABLED is \"false\" (any case); absent means the API's default, true. "
     "Critical when the SASL mechanism is PLAIN: the password then crosses the network in clear.",
     "Set KAFKA_SSL_ENABLED to true and use the brokers' TLS listener (MSK: 9094, 9096 SASL/SCRAM, "
     "9098 IAM).",
     "docs/rules/GLUE-003.md"},
    {"GLUE-004", 1, "Glue's custom-certificate checks skipped", severity::medium,
     "JDBC-family (DB) and Kafka (STREAM)",
     "Fails when SKIP_CUSTOM_JDBC_CERT_VALIDATION or KAFKA_SKIP_CUSTOM_CERT_VALIDATION is "
     "\"true\". This lets Glue accept a custom CA certificate signed with SHA-1 or with an RSA key "
     "under 2048 bits; chain and hostname verification are not affected.",
     "Replace the custom CA certificate with one signed with SHA256/384/512withRSA and an RSA key "
     "of at least 2048 bits, then set the skip property to false or remove it.",
     "docs/rules/GLUE-004.md"},
    {"GLUE-005", 1, "Credential stored in the connection instead of Secrets Manager",
     severity::high, "DB, DOC, Kafka, MARKETPLACE/CUSTOM (and types this version does not know)",
     "Fails when a password key (PASSWORD, ENCRYPTED_PASSWORD, the Kafka keystore, key and SASL "
     "passwords and their ENCRYPTED_ twins) has a value, or, when passwords are hidden "
     "(HidePassword), when a user name is set with no secret reference (SECRET_ID, "
     "KAFKA_SASL_SCRAM_SECRETS_ARN, AuthenticationConfiguration.SecretArn). Inline credentials "
     "are readable by anyone with glue:GetConnection(s) and cannot be rotated centrally.",
     "Store the credential in AWS Secrets Manager, reference it with SECRET_ID (or "
     "AuthenticationConfiguration.SecretArn) and remove USERNAME/PASSWORD from the properties.",
     "docs/rules/GLUE-005.md"},
    {"GLUE-006", 1, "Credential embedded in a connection URL", severity::high,
     "every connection with a JDBC_CONNECTION_URL, CONNECTION_URL or CONNECTOR_URL",
     "Fails when a URL carries userinfo with a password (user:pass@, Oracle user/pass@) or a "
     "secret parameter (password, pwd, sslpassword, trustStorePassword, keyStorePassword, "
     "SecretAccessKey, Client_Secret, token, ...). HidePassword never hides these: every caller "
     "of GetConnections reads them.",
     "Remove the credential from the URL and store it in AWS Secrets Manager (SECRET_ID); rotate "
     "the exposed credential.",
     "docs/rules/GLUE-006.md"},
    {"GLUE-007", 1, "Secret-like key in free-form property maps", severity::medium,
     "every connection",
     "Fails when a key of SparkProperties, AthenaProperties, PythonProperties, "
     "TokenUrlParametersMap, or a ConnectionProperties key outside the API's 49 names, looks like "
     "a secret (pass, pwd, secret, token, api key, private key, credential, access key), unless "
     "it is a reference (secretId, *_ARN, a Secrets Manager ARN). Low confidence: the key name is "
     "the only signal.",
     "Move the value to AWS Secrets Manager and pass a reference; rename keys that are not "
     "secrets, or suppress the finding with a reason.",
     "docs/rules/GLUE-007.md"},
    {"GLUE-008", 1, "OAuth2 token endpoint not HTTPS", severity::high,
     "SaaS connections with OAuth2",
     "Fails when OAuth2Properties.TokenUrl uses http: the client credentials and the tokens "
     "cross the network in clear (the API's pattern allows http).",
     "Use the provider's https token endpoint.", "docs/rules/GLUE-008.md"},
    {"GLUE-009", 1, "Authentication secret not under a customer-managed KMS key", severity::low,
     "connections with AuthenticationConfiguration (BASIC, OAUTH2, CUSTOM)",
     "Fails when a BASIC/OAUTH2/CUSTOM connection references a secret (SecretArn) without a "
     "KmsKeyArn: the secret is then encrypted with the AWS-managed key, whose use cannot be "
     "restricted by a key policy.",
     "Give the connection a customer-managed KMS key (KmsKeyArn) with a key policy limited to "
     "the Glue roles that need it.",
     "docs/rules/GLUE-009.md"},
    {"GLUE-010", 1, "Data store addressed by a public IP", severity::medium, "DB, DOC and Kafka",
     "Fails when a host of the URL, HOST or KAFKA_BOOTSTRAP_SERVERS is an IPv4/IPv6 literal "
     "outside the private, CGNAT, loopback, link-local, unspecified and unique-local ranges. "
     "High when TLS is not enforced either (GLUE-001 or GLUE-003). Host names are not resolved: "
     "the audit stays offline and deterministic.",
     "Reach the data store over a private address (VPC, peering, PrivateLink, VPN) and place the "
     "connection in a subnet.",
     "docs/rules/GLUE-010.md"},
    {"GLUE-011", 1, "Connection has no VPC placement", severity::medium,
     "DB, DOC, Kafka, MARKETPLACE/CUSTOM; NETWORK",
     "Fails when PhysicalConnectionRequirements or its SubnetId is absent (the data store must "
     "then be reachable from the internet and the traffic leaves the VPC), and, low, when a "
     "subnet is set without security groups. A NETWORK connection without a subnet is broken "
     "(low).",
     "Set PhysicalConnectionRequirements: a private subnet, its availability zone, and a "
     "security group with a self-referencing rule.",
     "docs/rules/GLUE-011.md"},
    {"GLUE-012", 1, "Connection in FAILED state", severity::medium, "every connection",
     "Fails when Status is FAILED, and, low, when Status has been IN_PROGRESS for longer than "
     "the limit (24 h by default). The StatusReason is shown redacted and truncated.",
     "Read the StatusReason, fix the connection (network, credentials, certificate) and test it "
     "again; delete connections nobody uses.",
     "docs/rules/GLUE-012.md"},
    {"GLUE-013", 1, "Connection not validated recently", severity::low,
     "every connection but NETWORK",
     "Fails when LastConnectionValidationTime is absent (never tested) or older than "
     "--stale-after (90 days by default): nobody knows whether it still works or still points "
     "where it should.",
     "Test the connection (Test connection in the console) or delete it if it is unused.",
     "docs/rules/GLUE-013.md"},
    {"GLUE-014", 1, "Inline credential older than the rotation window", severity::medium,
     "as GLUE-005",
     "Fails when GLUE-005 fails and LastUpdatedTime is older than --max-credential-age (90 days "
     "by default): an inline password cannot be newer than the connection's last update.",
     "Move the credential to AWS Secrets Manager with rotation; until then, rotate it and update "
     "the connection.",
     "docs/rules/GLUE-014.md"},
    {"GLUE-015", 1, "Credential or code material loaded from S3", severity::low,
     "DB, Kafka, MARKETPLACE/CUSTOM",
     "Fails (low) when a Kerberos keytab or a Kafka client keystore is loaded from S3 "
     "(long-term keys in an object), and (info) when a JDBC driver or a connector is loaded from "
     "S3: whoever can write that object runs code in every job that uses the connection.",
     "Restrict write access to the bucket and object (bucket policy, Object Lock, versioning), "
     "encrypt them with a customer-managed key, and prefer Secrets Manager for key material.",
     "docs/rules/GLUE-015.md"},
    {"GLUE-016", 1, "Legacy connection schema", severity::info,
     "JDBC-family (DB) and document stores (DOC)",
     "Fails (info) when ConnectionSchemaVersion is absent or 1 and the connection has no "
     "AuthenticationConfiguration: the legacy schema keeps credentials in ConnectionProperties.",
     "Recreate the connection with schema version 2 and an AuthenticationConfiguration that "
     "references a secret.",
     "docs/rules/GLUE-016.md"},
}};

} // namespace

std::string_view to_string(severity s) {
    switch (s) {
    case severity::info:
        return "info";
    case severity::low:
        return "low";
    case severity::medium:
        return "medium";
    case severity::high:
        return "high";
    case severity::critical:
        break;
    }
    return "critical";
}

std::optional<severity> parse_severity(std::string_view text) {
    for (auto s :
         {severity::info, severity::low, severity::medium, severity::high, severity::critical}) {
        if (detail::iequals(text, to_string(s))) {
            return s;
        }
    }
    return std::nullopt;
}

std::string_view to_string(status s) {
    switch (s) {
    case status::fail:
        return "FAIL";
    case status::pass:
        return "PASS";
    case status::not_applicable:
        return "NOT_APPLICABLE";
    case status::unknown:
        break;
    }
    return "UNKNOWN";
}

std::span<const rule_info> rules() {
    return catalogue;
}

const rule_info* find_rule(std::string_view id) {
    for (const auto& r : catalogue) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace glue_inventory::audit
