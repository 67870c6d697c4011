// The resource a finding is about and its fingerprint (audit-rules.md section 4).
#include "endpoints/partitions.hpp"

#include <array>
#include <glue_inventory/audit.hpp>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace glue_inventory::audit {

namespace {

/// The partition of `region`, looked up once per region in a row: connections arrive a page, a
/// target at a time, so the previous connection's region is almost always this one's.
std::string_view partition_of(std::string_view region) {
    thread_local std::string last_region;
    thread_local std::string_view last_partition;
    if (last_partition.empty() || region != last_region) {
        last_partition = endpoints::detail::embedded_partitions().for_rules(region).id;
        last_region.assign(region);
    }
    return last_partition;
}

} // namespace

resource describe(const connection& c, const target& t) {
    resource r;
    describe_into(c, t, r);
    return r;
}

void describe_into(const connection& c, const target& t, resource& r) {
    r.region.assign(t.region);
    r.partition.assign(partition_of(t.region));
    r.catalog_id.assign(t.catalog());
    // The owner of a federated catalog ID ("123456789012:s3tablescatalog/x") is its account.
    const auto colon = r.catalog_id.find(':');
    r.account_id.assign(r.catalog_id, 0, colon);
    if (c.name) {
        r.name.assign(*c.name);
    } else {
        r.name.clear();
    }
    if (c.connection_type) {
        r.connection_type.assign(*c.connection_type);
    } else {
        r.connection_type.clear();
    }
    r.last_updated_time = c.last_updated_time;
    r.connection_schema_version = c.connection_schema_version;
    r.arn.clear();
    r.arn.append("arn:")
        .append(r.partition)
        .append(":glue:")
        .append(r.region)
        .append(":")
        .append(r.account_id)
        .append(":connection/")
        .append(r.name); // raw: the name may hold spaces, '/', any printable Unicode
}

std::string fingerprint(std::string_view rule_id, std::string_view arn) {
    std::string out;
    fingerprint_into(rule_id, arn, out);
    return out;
}

void fingerprint_into(std::string_view rule_id, std::string_view arn, std::string& out) {
    // SHA-256 fetched once (as sigv4/crypto.cpp does): OpenSSL 3 would otherwise look it up by
    // name on every call, which costs more than hashing the ARN. The context is made once per
    // thread too: an audit computes one fingerprint per finding, and creating and freeing an
    // EVP_MD_CTX each time cost as much as the hash.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(
        EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const bool ok = md != nullptr && ctx != nullptr &&
                    EVP_DigestInit_ex2(ctx.get(), md, nullptr) == 1 &&
                    EVP_DigestUpdate(ctx.get(), rule_id.data(), rule_id.size()) == 1 &&
                    EVP_DigestUpdate(ctx.get(), "\0", 1) == 1 &&
                    EVP_DigestUpdate(ctx.get(), arn.data(), arn.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) == 1;
    if (!ok) {
        throw std::runtime_error("fingerprint: OpenSSL SHA-256 failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    out.resize(static_cast<std::size_t>(length) * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
}

} // namespace glue_inventory::audit
