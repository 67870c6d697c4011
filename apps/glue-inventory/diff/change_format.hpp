// The outputs of `glue-inventory diff`: ndjson, csv and table (the default on a terminal).
//
// ndjson, one line per connection (or per not-compared target):
//   {"Change":"changed","AccountId":..,"Region":..,"CatalogId":..,"Name":..,
//    "Members":[{"Path":"ConnectionProperties.JDBC_CONNECTION_URL","Change":"changed",
//                "Old":<JSON>,"New":<JSON>},
//               {"Path":"ConnectionProperties.PASSWORD","Change":"changed","Secret":true}]}
//   {"Change":"added"|"removed",...,"Name":..,"Record":<the record, secrets redacted>}
//   {"Change":"not_compared","AccountId":..,"Region":..,"CatalogId":..,"FailedIn":"old"|"new"|
//    "both","ErrorCode":".."}
//   "Old"/"New" are absent when the member is absent on that side, and always for a secret.
// csv (RFC 4180, CRLF): Change,AccountId,Region,CatalogId,Name,Member,Old,New -- one row per
//   changed member, one row per added, removed or not-compared connection/target; Old and New
//   are JSON text (a string keeps its quotes, so "" is an empty string and an empty cell is
//   "absent"); a secret member's cells read "(secret changed)" / "(secret)".
// table: a block per connection ("+" added, "-" removed, "~" changed, "?" not compared), a line
//   per changed member, and a summary line at the end.
#pragma once

#include "diff/change_format_kind.hpp"
#include "diff/snapshot_diff.hpp"

#include <memory>
#include <string>

namespace glue_cli::diff {

class change_writer {
public:
    virtual ~change_writer() = default;
    virtual void begin(std::string& /*out*/) {}
    virtual void write(const connection_change& change, std::string& out) = 0;
    virtual void end(const diff_counts& /*counts*/, std::string& /*out*/) {}
};

std::unique_ptr<change_writer> make_change_writer(change_format format);

/// "3 added, 1 removed, 2 changed, 10 unchanged, 1 target not compared".
std::string summary_text(const diff_counts& counts);

} // namespace glue_cli::diff
