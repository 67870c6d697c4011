// What a scan or an audit hands the store, as plain values the writer thread owns.
#pragma once

#include <cstdint>
#include <string>

namespace glue_cli::store {

/// The scan a process writes into. Shard processes of one sharded scan share `name` (--scan-id)
/// and `shard_count`; each has its own `shard_index`.
struct scan_identity {
    std::string name;         // --scan-id, else generated
    std::string started_at;   // ISO 8601 UTC, when this process started
    std::string arguments;    // the command line, secrets redacted
    std::string tool_version; // "1.2.0"
    unsigned shard_index = 0;
    unsigned shard_count = 1;
};

/// One connection as the NDJSON record of the CLI contract, with its key.
struct record_row {
    std::string account_id;
    std::string region;
    std::string catalog_id;
    std::string name;
    std::string record; // the NDJSON line without its '\n'
};

/// How one target of the scan ended.
struct target_outcome {
    std::string account_id;
    std::string region;
    std::string catalog_id;
    bool complete = true;
    std::string error_code; // failed: the AWS error code, or the client's
    std::string message;
};

/// One finding of an audit, with the columns the views group by.
struct finding_row {
    std::string rule_id;
    std::string severity; // "high"
    std::string status;   // "FAIL", "PASS", ...
    std::string account_id;
    std::string region;
    std::string catalog_id;
    std::string name;
    std::string fingerprint;
    bool suppressed = false;
    std::string finding; // the finding's NDJSON line (no secret: see finding_text)
};

/// How a shard process ended: `finished` (every target complete or failed) makes it count
/// towards its scan's completion; `interrupted` never does.
enum class shard_end { finished, interrupted };

} // namespace glue_cli::store
