// --shard I/N and --shard auto/N: one stable, account-aligned share of a scan's targets, for
// batch systems that run N copies of one command (Kubernetes Indexed Jobs, AWS Batch array
// jobs). Pure: the environment is passed in, so every case is a unit test (tests/unit/cli).
//
// Shards are numbered from 0 to N-1, as JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX are.
// An account's shard is
//     uint64 of the first 8 bytes (big-endian) of SHA-256(account ID in ASCII) mod N
// which any tool reproduces (python3: int(hashlib.sha256(b"123456789012").hexdigest()[:16], 16)
// % N), and which no compiler, platform or version of this tool changes. Every region and
// catalog of an account is in its account's shard, so each role is assumed by one shard only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <glue_inventory/client_options.hpp> // environment
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_cli {

/// Largest N of --shard I/N: AWS Batch's largest array job (10,000) and Kubernetes' largest
/// Indexed Job (100,000 completions) both fit.
inline constexpr unsigned max_shard_count = 100'000;

/// The variables --shard auto/N reads the index from (0-based in both systems).
inline constexpr const char* kubernetes_index_variable = "JOB_COMPLETION_INDEX";
inline constexpr const char* aws_batch_index_variable = "AWS_BATCH_JOB_ARRAY_INDEX";

/// --shard as given: a fixed index, or `auto` (the index comes from the environment).
struct shard_request {
    std::optional<unsigned> index; // absent: auto
    unsigned count = 1;
    bool operator==(const shard_request&) const = default;
};

/// The shard a process scans: index in 0..count-1.
struct shard_choice {
    unsigned index = 0;
    unsigned count = 1;
    bool operator==(const shard_choice&) const = default;
};

/// Parses the value of --shard ("I/N" or "auto/N"). On error returns nullopt and one line in
/// `error` that names the flag and the value.
std::optional<shard_request> parse_shard_flag(std::string_view text, std::string& error);

/// The shard this process scans: the fixed index, or with auto the index in
/// JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX (both set: they must agree). On error
/// (neither set, not a number, out of range, the two disagree) returns nullopt and one line in
/// `error` naming the flag and the variable.
std::optional<shard_choice> resolve_shard(const shard_request& request,
                                          const glue_inventory::environment& getenv,
                                          std::string& error);

/// The stable hash of an account ID: the first 8 bytes of its SHA-256, big-endian.
std::uint64_t account_hash(std::string_view account_id);

/// The shard (0..count-1) that scans `account_id`. `count` must be at least 1.
unsigned shard_of_account(std::string_view account_id, unsigned count);

/// The accounts of `accounts` that `shard` scans, in their order.
std::vector<std::string> accounts_of_shard(const std::vector<std::string>& accounts,
                                           shard_choice shard);

/// "shard 1/4: 12 accounts of 50" (the summary's and the progress line's prefix).
std::string shard_text(shard_choice shard, std::size_t accounts_in_shard,
                       std::size_t accounts_in_total);

} // namespace glue_cli
