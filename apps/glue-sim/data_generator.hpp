// Deterministic connections, generated lazily from (seed, catalog, region, index): an
// organisation of millions of connections costs no memory, and every run with the same seed
// serves the same bytes.
//
// Over a whole organisation the data covers every ConnectionType (the type rotates with the
// index), every optional member both present and absent, the four property maps, unicode
// names, descriptions up to the 2048-character maximum, both schema versions, and PASSWORD in
// the ConnectionProperties of most JDBC-like connections. JDBC-like, Kafka and MongoDB
// connections take one of a few audit shapes (TLS by flag or URL or not at all, certificates
// not verified, credentials inline, in the URL or in Secrets Manager, public and private IP
// addresses, material from S3), and some OAuth2 token URLs and free-form maps are unsafe, so
// that every audit rule GLUE-001..016 both fails and passes in any organisation of a few
// targets. Every secret value contains "GLUESIM-SECRET", for tests to search outputs for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <glue_inventory/model.hpp>
#include <string_view>

namespace glue_sim {

/// The seed of one target (catalog, region) of an organisation generated from `seed`.
std::uint64_t target_seed(std::uint64_t seed, std::string_view catalog_id, std::string_view region);

/// How many connections a target holds: one target in eight is empty; the others hold between
/// mean/2 and 3*mean/2 (so the organisation averages 7/8 of the mean per target).
std::size_t generated_count(std::uint64_t target_seed, std::size_t mean);

/// Fills `out` (reset first) with connection `index` of the target.
void generate_connection(std::uint64_t target_seed, std::size_t index,
                         glue_inventory::connection& out);

/// Account IDs: 12 digits, distinct, deterministic from the seed.
std::string generated_account_id(std::uint64_t seed, std::size_t index);

} // namespace glue_sim
