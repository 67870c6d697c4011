#include "data_generator.hpp"

#include "model/ascii.hpp"
#include "model/connection_types.hpp"
#include "sim_crypto.hpp"

#include <array>
#include <string>

namespace glue_sim {

using glue_inventory::connection;
using glue_inventory::connection_types;

namespace {

// The longest Description the API allows (DescriptionString max).
constexpr std::size_t max_description_length = 2048;
// 2021-01-01T00:00:00Z, the earliest CreationTime generated.
constexpr std::int64_t creation_epoch_ms = 1609459200000;
constexpr std::int64_t three_years_ms = 3LL * 365 * 24 * 3600 * 1000;

constexpr std::array<std::string_view, 6> criteria_pool = {"analytics", "etl",   "finance",
                                                           "pii",       "sales", "streaming"};
constexpr std::array<std::string_view, 3> statuses = {"READY", "IN_PROGRESS", "FAILED"};
constexpr std::array<std::string_view, 4> auth_types = {"BASIC", "OAUTH2", "CUSTOM", "IAM"};
constexpr std::array<std::string_view, 3> grant_types = {"AUTHORIZATION_CODE", "CLIENT_CREDENTIALS",
                                                         "JWT_BEARER"};
constexpr std::array<std::string_view, 3> compute_environments = {"SPARK", "ATHENA", "PYTHON"};

bool is_jdbc_like(std::string_view type) {
    constexpr std::array<std::string_view, 12> jdbc = {
        "JDBC",     "MYSQL",   "POSTGRESQL", "ORACLE",  "SQLSERVER", "DB2",
        "DB2AS400", "SAPHANA", "TERADATA",   "VERTICA", "AZURESQL",  "SYNAPSE"};
    for (auto t : jdbc) {
        if (t == type) {
            return true;
        }
    }
    return false;
}

// A draw stream for one connection: each call gives the next 64 random bits.
class draws {
public:
    explicit draws(std::uint64_t s) : state_(s) {}
    std::uint64_t next() {
        state_ = mix64(state_);
        return state_;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool one_in(std::size_t n) { return below(n) == 0; }

private:
    std::uint64_t state_;
};

std::string long_description(std::size_t length) {
    // Mixed scripts so that multi-byte UTF-8 crosses every buffer boundary a client has.
    constexpr std::string_view pattern =
        "Données de référence — 接続の説明 — ελληνικά — plain ascii. ";
    std::string out;
    while (out.size() < length) {
        out.append(pattern);
    }
    // Cut at a character boundary at or below `length` bytes (never inside a UTF-8 sequence).
    std::size_t cut = length;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    out.resize(cut);
    return out;
}

glue_inventory::timestamp at_ms(std::int64_t ms) {
    return glue_inventory::timestamp(std::chrono::milliseconds(ms));
}

// Secret fixture values all contain this marker, so that a test can search every output of the
// CLI (records aside) for it: no finding, report or log may ever carry one.
constexpr std::string_view secret_marker = "GLUESIM-SECRET";

std::string secret(std::string_view what, std::uint64_t n) {
    return std::string(secret_marker) + "-" + std::string(what) + "-" + std::to_string(n);
}

// The properties of a connection. `d` draws what the generator always drew (its sequence is
// kept, so every other member stays as it was); `a` picks the audit shape: each JDBC-like, Kafka
// and MongoDB connection takes one of the shapes below, so that every audit rule fails on some
// connections and passes on others (GLUE-001..016, reference/audit-rules.md).
void add_connection_properties(std::string_view type, std::size_t index, draws& d, draws& a,
                               connection& c) {
    glue_inventory::property_map props;
    const std::string host = "db-" + std::to_string(index) + ".example.internal";
    const std::string n = std::to_string(index);
    if (is_jdbc_like(type)) {
        const std::string password = secret("pw", d.next() % 1000000);
        const bool enforce = d.one_in(2);
        std::string url =
            "jdbc:" + glue_inventory::ascii_lower(type) + "://" + host + ":5432/warehouse";
        std::string enforce_text = enforce ? "true" : "false";
        bool inline_password = true;
        switch (a.below(8)) {
        case 0: // as a console user makes it: URL, user and password, the flag either way
            break;
        case 1: // the secure shape: TLS forced by the flag (upper case, as the API allows),
                // credentials in Secrets Manager
            enforce_text = "TRUE";
            inline_password = false;
            break;
        case 2: // TLS forced by the URL, with full verification
            url = "jdbc:postgresql://" + host + ":5432/warehouse?sslmode=verify-full";
            enforce_text = "false";
            break;
        case 3: // TLS forced by the URL, certificate not verified
            url = "jdbc:postgresql://" + host + ":5432/warehouse?sslmode=require";
            enforce_text = "false";
            break;
        case 4: // credentials inside the URL
            url = "jdbc:mysql://svc_user_" + n + ":" + secret("urlpw", index) + "@" + host +
                  ":3306/warehouse";
            break;
        case 5: // the data store by IP address: public or private
            url = "jdbc:" + glue_inventory::ascii_lower(type) + "://" +
                  (a.one_in(2) ? "203.0.113." : "10.20.30.") + std::to_string(1 + index % 250) +
                  ":5432/warehouse";
            break;
        case 6: // Glue's custom-certificate checks skipped; driver and CA from S3
            props.emplace_back("CUSTOM_JDBC_CERT", "s3://glue-sim-certs/ca-" + n + ".pem");
            props.emplace_back("SKIP_CUSTOM_JDBC_CERT_VALIDATION", a.one_in(2) ? "true" : "True");
            props.emplace_back("JDBC_DRIVER_JAR_URI", "s3://glue-sim-drivers/driver-" + n + ".jar");
            break;
        default: // SQL Server: encryption on, certificate trusted blindly, password parameter
            url = "jdbc:sqlserver://" + host +
                  ":1433;databaseName=warehouse;encrypt=true;"
                  "trustServerCertificate=true;password=" +
                  secret("urlpw", index);
            enforce_text = "false";
            break;
        }
        props.emplace_back("JDBC_CONNECTION_URL", std::move(url));
        if (inline_password) {
            props.emplace_back("USERNAME", "svc_user_" + n);
            props.emplace_back("PASSWORD", password);
        } else {
            props.emplace_back("SECRET_ID", "glue/conn-" + n);
        }
        props.emplace_back("JDBC_ENFORCE_SSL", std::move(enforce_text));
    } else if (type == "KAFKA") {
        switch (a.below(4)) {
        case 0: // TLS (the default, said explicitly)
            props.emplace_back("KAFKA_BOOTSTRAP_SERVERS", host + ":9094," + host + ":9095");
            props.emplace_back("KAFKA_SSL_ENABLED", "true");
            break;
        case 1: // plaintext with SASL/PLAIN: the password crosses the network in clear
            props.emplace_back("KAFKA_BOOTSTRAP_SERVERS", host + ":9092");
            props.emplace_back("KAFKA_SSL_ENABLED", "FALSE");
            props.emplace_back("KAFKA_SASL_MECHANISM", "PLAIN");
            props.emplace_back("KAFKA_SASL_PLAIN_USERNAME", "stream_" + n);
            props.emplace_back("KAFKA_SASL_PLAIN_PASSWORD", secret("sasl", index));
            break;
        case 2: // client keystore from S3, its passwords inline, custom-cert checks skipped
            props.emplace_back("KAFKA_BOOTSTRAP_SERVERS", host + ":9094");
            props.emplace_back("KAFKA_CLIENT_KEYSTORE", "s3://glue-sim-certs/client-" + n + ".jks");
            props.emplace_back("KAFKA_CLIENT_KEYSTORE_PASSWORD", secret("ks", index));
            props.emplace_back("KAFKA_CLIENT_KEY_PASSWORD", secret("key", index));
            props.emplace_back("KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "true");
            break;
        default: // SCRAM with its secret in Secrets Manager, brokers at a public address
            props.emplace_back("KAFKA_BOOTSTRAP_SERVERS",
                               "198.51.100." + std::to_string(1 + index % 250) + ":9096");
            props.emplace_back("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            props.emplace_back("KAFKA_SASL_SCRAM_USERNAME", "stream_" + n);
            props.emplace_back("KAFKA_SASL_SCRAM_SECRETS_ARN",
                               "arn:aws:secretsmanager:us-east-1:123456789012:secret:scram-" + n);
            break;
        }
    } else if (type == "MONGODB" || type == "DOCUMENTDB") {
        const std::string password = secret("mongo", d.next() % 1000000);
        switch (a.below(4)) {
        case 0: // no TLS said, user and password inline
            props.emplace_back("CONNECTION_URL", "mongodb://" + host + ":27017/app");
            props.emplace_back("USERNAME", "mongo_" + n);
            props.emplace_back("PASSWORD", password);
            break;
        case 1: // SRV (TLS implied), credentials in Secrets Manager
            props.emplace_back("CONNECTION_URL", "mongodb+srv://" + host + "/app");
            props.emplace_back("SECRET_ID", "glue/mongo-" + n);
            break;
        case 2: // credentials in the URL; TLS on but any certificate accepted
            props.emplace_back("CONNECTION_URL", "mongodb://mongo_" + n + ":" +
                                                     secret("urlpw", index) + "@" + host +
                                                     ":27017/app?tls=true&tlsInsecure=true");
            break;
        default: // TLS explicitly off
            props.emplace_back("CONNECTION_URL", "mongodb://" + host + ":27017/app?ssl=false");
            props.emplace_back("USERNAME", "mongo_" + n);
            props.emplace_back("PASSWORD", password);
            break;
        }
    } else if (d.one_in(3)) {
        return; // absent
    } else if (!d.one_in(4)) {
        props.emplace_back("HOST", host);
        props.emplace_back("PORT", std::to_string(1024 + d.below(60000)));
        if (a.one_in(8)) { // a key outside the API's enum that looks like a secret (GLUE-007)
            props.emplace_back("api_token", secret("token", index));
        }
    } // else: present and empty
    c.connection_properties = std::move(props);
}

glue_inventory::property_map some_properties(std::string_view prefix, draws& d) {
    glue_inventory::property_map m;
    const std::size_t n = d.below(4);
    for (std::size_t i = 0; i < n; ++i) {
        m.emplace_back(std::string(prefix) + ".option" + std::to_string(i),
                       "value-" + std::to_string(d.next() % 10000));
    }
    return m;
}

} // namespace

std::uint64_t target_seed(std::uint64_t seed, std::string_view catalog_id,
                          std::string_view region) {
    return mix64(hash_string(region, hash_string(catalog_id, mix64(seed))));
}

std::size_t generated_count(std::uint64_t seed_of_target, std::size_t mean) {
    draws d(seed_of_target ^ 0x5eedULL);
    if (d.one_in(8) || mean == 0) {
        return 0;
    }
    return mean / 2 + d.below(mean + 1);
}

std::string generated_account_id(std::uint64_t seed, std::size_t index) {
    // 12 digits with no leading zero; distinct because the index is in the low digits.
    const std::uint64_t high = 100000 + mix64(seed * 1000003ULL + 17) % 900000;
    const std::uint64_t low = (mix64(seed) % 1000ULL) * 1000ULL + index;
    return std::to_string(high * 1000000ULL + low % 1000000ULL);
}

void generate_connection(std::uint64_t seed_of_target, std::size_t index, connection& c) {
    c = connection{};
    draws d(seed_of_target + static_cast<std::uint64_t>(index) * 0x9e3779b97f4a7c15ULL);
    // The audit shapes draw from their own stream, so that `d`'s sequence (and so every
    // member it decides) is what it was before they existed.
    draws shape(mix64(seed_of_target ^ 0xa0d17ULL) +
                static_cast<std::uint64_t>(index) * 0x2545f4914f6cdd1dULL);
    // The type rotates with the index (offset per target) so that every one of the 92
    // values appears in any organisation with a few targets.
    const std::string_view type =
        connection_types[(index + seed_of_target % connection_types.size()) %
                         connection_types.size()];
    const bool v2 = d.one_in(2);

    std::string name = d.one_in(5) ? "données-connexion-接続-" : "conn-";
    name.append(std::to_string(index)).append("-").append(glue_inventory::ascii_lower(type));
    c.name = std::move(name);
    c.connection_type = std::string(type);

    switch (d.below(5)) {
    case 0:
        break; // absent
    case 1:
        c.description = std::string();
        break;
    case 2:
        c.description = long_description(max_description_length);
        break;
    default:
        c.description = "Connection " + std::to_string(index) + " to " + std::string(type);
    }

    if (!d.one_in(3)) {
        std::vector<std::string> criteria;
        const std::size_t n = d.below(4);
        for (std::size_t i = 0; i < n; ++i) {
            criteria.emplace_back(criteria_pool[(index + i) % criteria_pool.size()]);
        }
        c.match_criteria = std::move(criteria);
    }
    add_connection_properties(type, index, d, shape, c);

    if (v2) {
        if (!d.one_in(3)) {
            c.spark_properties = some_properties("spark", d);
            if (shape.one_in(6)) { // a secret in a free-form map (GLUE-007)
                c.spark_properties->emplace_back("spark.hadoop.fs.s3a.secret.key",
                                                 secret("spark", index));
            }
        }
        if (d.one_in(2)) {
            c.athena_properties = some_properties("athena", d);
        }
        if (d.one_in(2)) {
            c.python_properties = some_properties("python", d);
        }
        std::vector<std::string> envs;
        for (auto e : compute_environments) {
            if (!d.one_in(3)) {
                envs.emplace_back(e);
            }
        }
        c.compatible_compute_environments = std::move(envs);
    }

    if (is_jdbc_like(type) || type == "NETWORK" || type == "KAFKA" || !d.one_in(4)) {
        if (!d.one_in(5)) {
            glue_inventory::physical_connection_requirements p;
            p.subnet_id = "subnet-0" + std::to_string(100000 + d.below(900000));
            if (!d.one_in(4)) {
                std::vector<std::string> groups;
                const std::size_t n = d.below(3);
                for (std::size_t i = 0; i < n; ++i) {
                    groups.push_back("sg-0" + std::to_string(100000 + d.below(900000)));
                }
                p.security_group_id_list = std::move(groups);
            }
            if (d.one_in(2)) {
                p.availability_zone = d.one_in(2) ? "us-east-1a" : "eu-west-1b";
            }
            c.physical_connection_requirements = std::move(p);
        }
    }

    const auto created = creation_epoch_ms + static_cast<std::int64_t>(d.next() % three_years_ms);
    if (!d.one_in(10)) {
        c.creation_time = at_ms(created);
    }
    if (!d.one_in(6)) {
        c.last_updated_time = at_ms(created + static_cast<std::int64_t>(d.next() % 86400000));
    }
    if (d.one_in(2)) {
        c.last_updated_by = "arn:aws:iam::123456789012:user/editor-" + std::to_string(d.below(50));
    }
    if (!d.one_in(4)) {
        const std::string_view status = statuses[d.below(statuses.size())];
        c.status = std::string(status);
        if (status == "FAILED") {
            c.status_reason = "Could not reach the host: connection timed out";
        }
    }
    if (d.one_in(3)) {
        c.last_connection_validation_time = at_ms(created + 3600000);
    }
    if (v2 || d.one_in(4)) {
        glue_inventory::authentication_configuration a;
        const std::string_view auth = auth_types[d.below(auth_types.size())];
        a.authentication_type = std::string(auth);
        if (auth == "BASIC" || auth == "CUSTOM" || d.one_in(2)) {
            a.secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:conn-" +
                           std::to_string(index) + "-AbCdEf";
        }
        if (d.one_in(3)) {
            a.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-"
                            "1234567890ab";
        }
        if (auth == "OAUTH2") {
            glue_inventory::oauth2_properties o;
            o.oauth2_grant_type = std::string(grant_types[d.below(grant_types.size())]);
            glue_inventory::oauth2_client_application app;
            if (d.one_in(2)) {
                app.user_managed_client_application_client_id = "client-" + std::to_string(index);
            } else {
                app.aws_managed_client_application_reference = "aws-managed-app";
            }
            o.oauth2_client_application = std::move(app);
            // Plain http now and then: the model's pattern allows it (GLUE-008).
            o.token_url = shape.one_in(3) ? "http://login.example.com/oauth2/token"
                                          : "https://login.example.com/oauth2/token";
            if (d.one_in(2)) {
                o.token_url_parameters_map =
                    glue_inventory::property_map{{"audience", "api://default"}, {"scope", "read"}};
            }
            a.oauth2_properties = std::move(o);
        }
        c.authentication_configuration = std::move(a);
    }
    if (!d.one_in(8)) {
        c.connection_schema_version = v2 ? 2 : 1;
    }
}

} // namespace glue_sim
