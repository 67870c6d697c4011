// The resource a finding is about and its fingerprint (audit-rules.md section 4).
#include "endpoints/partitions.hpp"

#include <array>
#include <glue_inventory/audit.hpp>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>

namespace glue_inventory::audit {

resource describe(const connection& c, const target& t) {
    resource r;
    r.region = t.region;
    r.partition = endpoints::detail::embedded_partitions().for_rules(t.region).id;
    r.catalog_id = t.catalog();
    // The owner of a federated catalog ID ("123456789012:s3tablescatalog/x") is its account.
    const auto colon = r.catalog_id.find(':');
    r.account_id = r.catalog_id.substr(0, colon);
    r.name = c.name.value_or(std::string());
    r.connection_type = c.connection_type.value_or(std::string());
    r.last_updated_time = c.last_updated_time;
    r.connection_schema_version = c.connection_schema_version;
    r.arn.reserve(40 + r.partition.size() + r.region.size() + r.name.size());
    r.arn.append("arn:")
        .append(r.partition)
        .append(":glue:")
        .append(r.region)
        .append(":")
        .append(r.account_id)
        .append(":connection/")
        .append(r.name); // raw: the name may hold spaces, '/', any printable Unicode
    return r;
}

std::string fingerprint(std::string_view rule_id, std::string_view arn) {
    // SHA-256 fetched once (as sigv4/crypto.cpp does): OpenSSL 3 would otherwise look it up by
    // name on every call, which costs more than hashing the ARN.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                      &EVP_MD_CTX_free);
    const bool ok = md != nullptr && ctx != nullptr &&
                    EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1 &&
                    EVP_DigestUpdate(ctx.get(), rule_id.data(), rule_id.size()) == 1 &&
                    EVP_DigestUpdate(ctx.get(), "\0", 1) == 1 &&
                    EVP_DigestUpdate(ctx.get(), arn.data(), arn.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) == 1;
    if (!ok) {
        throw std::runtime_error("fingerprint: OpenSSL SHA-256 failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(static_cast<std::size_t>(length) * 2, '0');
    for (unsigned int i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
    return out;
}

} // namespace glue_inventory::audit
