#include "shard.hpp"

#include <array>
#include <charconv>
#include <openssl/evp.h> // EVP_Digest: SHA-256 of the account ID
#include <stdexcept>

namespace glue_cli {
namespace {

constexpr std::string_view flag_prefix = "glue-inventory: --shard: ";

/// A value quoted in an error: no longer than this many bytes (a variable may hold anything).
constexpr std::size_t max_quoted_bytes = 40;

std::string quoted(std::string_view text) {
    if (text.size() > max_quoted_bytes) {
        return "'" + std::string(text.substr(0, max_quoted_bytes)) + "...'";
    }
    return "'" + std::string(text) + "'";
}

/// A whole number of decimal digits only (no sign, no space), that fits `out`.
bool parse_unsigned(std::string_view text, unsigned& out) {
    if (text.empty()) {
        return false;
    }
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

std::string range_text(unsigned count) {
    return "from 0 to " + std::to_string(count - 1) + " (shards are numbered from 0, as " +
           kubernetes_index_variable + " and " + aws_batch_index_variable + " are)";
}

} // namespace

std::optional<shard_request> parse_shard_flag(std::string_view text, std::string& error) {
    const auto slash = text.find('/');
    const auto index_text = text.substr(0, slash);
    const auto count_text =
        slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
    shard_request r;
    if (slash == std::string_view::npos ||
        (index_text != "auto" && !parse_unsigned(index_text, r.index.emplace())) ||
        !parse_unsigned(count_text, r.count)) {
        error = std::string(flag_prefix) + quoted(text) +
                " is not I/N or auto/N (I and N whole numbers, e.g. 0/4)";
        return std::nullopt;
    }
    if (index_text == "auto") {
        r.index.reset();
    }
    if (r.count < 1 || r.count > max_shard_count) {
        error = std::string(flag_prefix) + quoted(text) + ": the number of shards N must be from " +
                "1 to " + std::to_string(max_shard_count);
        return std::nullopt;
    }
    if (r.index && *r.index >= r.count) {
        error = std::string(flag_prefix) + quoted(text) + ": the index I must be " +
                range_text(r.count);
        return std::nullopt;
    }
    return r;
}

std::optional<shard_choice> resolve_shard(const shard_request& request,
                                          const glue_inventory::environment& getenv,
                                          std::string& error) {
    if (request.index) {
        return shard_choice{*request.index, request.count};
    }
    const std::string flag_value = "auto/" + std::to_string(request.count);
    const std::string prefix = std::string(flag_prefix) + "'" + flag_value + "': ";
    std::optional<unsigned> found;
    const char* found_in = nullptr;
    for (const char* name : {kubernetes_index_variable, aws_batch_index_variable}) {
        const auto value = getenv ? getenv(name) : std::nullopt;
        if (!value || value->empty()) {
            continue;
        }
        unsigned index = 0;
        if (!parse_unsigned(*value, index)) {
            error = prefix + name + "=" + quoted(*value) + " is not a whole number";
            return std::nullopt;
        }
        if (found && *found != index) {
            error = prefix + found_in + "=" + std::to_string(*found) + " and " + name + "=" +
                    std::to_string(index) + " disagree: set only one";
            return std::nullopt;
        }
        found = index;
        found_in = name;
    }
    if (!found) {
        error = prefix + "needs the shard index in " + kubernetes_index_variable +
                " (Kubernetes Indexed Job) or " + aws_batch_index_variable +
                " (AWS Batch array job); neither is set";
        return std::nullopt;
    }
    if (*found >= request.count) {
        error = prefix + found_in + "=" + std::to_string(*found) + " is not " +
                range_text(request.count) + "; is N the job's completions or array size?";
        return std::nullopt;
    }
    return shard_choice{*found, request.count};
}

std::uint64_t account_hash(std::string_view account_id) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned size = 0;
    if (EVP_Digest(account_id.data(), account_id.size(), digest.data(), &size, EVP_sha256(),
                   nullptr) != 1) {
        throw std::runtime_error("SHA-256 of an account ID failed (OpenSSL EVP_Digest)");
    }
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        h = (h << 8) | digest[i];
    }
    return h;
}

unsigned shard_of_account(std::string_view account_id, unsigned count) {
    return static_cast<unsigned>(account_hash(account_id) % count);
}

std::vector<std::string> accounts_of_shard(const std::vector<std::string>& accounts,
                                           shard_choice shard) {
    std::vector<std::string> mine;
    for (const auto& a : accounts) {
        if (shard_of_account(a, shard.count) == shard.index) {
            mine.push_back(a);
        }
    }
    return mine;
}

std::string shard_text(shard_choice shard, std::size_t accounts_in_shard,
                       std::size_t accounts_in_total) {
    return "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ": " +
           std::to_string(accounts_in_shard) + (accounts_in_shard == 1 ? " account" : " accounts") +
           " of " + std::to_string(accounts_in_total);
}

} // namespace glue_cli
